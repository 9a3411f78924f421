// name: allegations_about
// description: Allegations whose object is the actor (id or name).
// param: actor STRING
MATCH (s:Actor)-[e:ALLEGED]->(o:Actor)
WHERE o.id = $actor OR o.name = $actor
RETURN s.name AS subject, e.predicate AS predicate, o.name AS object,
       e.independent_source_count AS sources, e.single_source AS single_source, e.contested AS contested
ORDER BY subject, predicate
