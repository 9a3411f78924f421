// name: allegations_between
// description: The allegations between two actors, either way round: what explain offers when the one asked for does not exist.
// param: subject STRING
// param: object STRING
MATCH (a:Actor)-[e:ALLEGED]->(b:Actor)
WHERE (a.id = $subject AND b.id = $object) OR (a.id = $object AND b.id = $subject)
RETURN a.id AS subject, e.predicate AS predicate, b.id AS object, e.independent_source_count AS sources
ORDER BY subject, predicate, object
