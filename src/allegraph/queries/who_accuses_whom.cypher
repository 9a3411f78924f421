// name: who_accuses_whom
// description: Origins that accuse actors of hostile acts (attacks, threatens, opposes, controls), counted.
MATCH (a:Actor)-[:ASSERTS]->(c:Claim)-[:SUBJECT]->(s:Actor)
WHERE c.predicate IN ['attacks', 'threatens', 'opposes', 'controls'] AND c.polarity = 'asserted' AND a.id <> s.id
RETURN a.name AS accuser, s.name AS accused, count(c) AS claims
ORDER BY claims DESC, accuser, accused
