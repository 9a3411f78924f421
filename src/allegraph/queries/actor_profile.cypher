// name: actor_profile
// description: One actor (id or name): kind, allegations as subject and object, claims it asserts and relays.
// param: actor STRING
MATCH (a:Actor)
WHERE a.id = $actor OR a.name = $actor
OPTIONAL MATCH (a)-[out:ALLEGED]->(:Actor)
WITH a, count(out) AS as_subject
OPTIONAL MATCH (:Actor)-[inc:ALLEGED]->(a)
WITH a, as_subject, count(inc) AS as_object
OPTIONAL MATCH (a)-[:ASSERTS]->(c:Claim)
WITH a, as_subject, as_object, count(c) AS asserted
OPTIONAL MATCH (a)-[:RELAYS]->(r:Claim)
RETURN a.id AS id, a.name AS name, a.kind AS kind, as_subject, as_object, asserted, count(r) AS relayed
