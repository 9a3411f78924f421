// name: allegations_by
// description: Allegations whose subject is the actor (id or name): what the actor is said to do.
// param: actor STRING
MATCH (s:Actor)-[e:ALLEGED]->(o:Actor)
WHERE s.id = $actor OR s.name = $actor
RETURN s.name AS subject, e.predicate AS predicate, o.name AS object,
       e.independent_source_count AS sources, e.single_source AS single_source, e.contested AS contested
ORDER BY predicate, object
