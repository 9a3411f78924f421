// name: claims_by_origin
// description: Every claim an origin (id or name) asserts, with its document and quote.
// param: origin STRING
MATCH (a:Actor)-[:ASSERTS]->(c:Claim)-[:`IN`]->(d:Document)
WHERE a.id = $origin OR a.name = $origin
RETURN c.subject_id AS subject, c.predicate AS predicate, c.object_id AS object, c.polarity AS polarity,
       d.title AS document, d.published AS published, c.evidence_text AS quote, c.id AS claim_id
ORDER BY published, document, claim_id
