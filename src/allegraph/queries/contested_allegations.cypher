// name: contested_allegations
// description: Allegations that at least one source denies.
MATCH (s:Actor)-[e:ALLEGED]->(o:Actor)
WHERE e.contested = true
RETURN s.name AS subject, e.predicate AS predicate, o.name AS object,
       e.independent_source_count AS asserting_sources, e.denying_source_count AS denying_sources,
       e.origins AS origins, e.confidence AS confidence
ORDER BY subject, predicate, object
