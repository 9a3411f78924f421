// name: single_source_allegations
// description: Allegations that rest on exactly one independent source.
// param: limit INT64 = 1000
MATCH (s:Actor)-[e:ALLEGED]->(o:Actor)
WHERE e.single_source = true
RETURN s.name AS subject, e.predicate AS predicate, o.name AS object, e.origins AS origins,
       e.claim_count AS claims, e.contested AS contested, e.confidence AS confidence
ORDER BY subject, predicate, object
LIMIT $limit
