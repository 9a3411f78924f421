// name: corroborated_allegations
// description: Allegations backed by at least min_sources independent sources.
// param: min_sources INT64 = 2
MATCH (s:Actor)-[e:ALLEGED]->(o:Actor)
WHERE e.independent_source_count >= $min_sources
RETURN s.name AS subject, e.predicate AS predicate, o.name AS object,
       e.independent_source_count AS sources, e.origins AS origins, e.claim_count AS claims,
       e.confidence AS confidence
ORDER BY sources DESC, subject, predicate, object
