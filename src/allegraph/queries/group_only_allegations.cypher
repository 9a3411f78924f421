// name: group_only_allegations
// description: Allegations made by several origins that all belong to one source group (e.g. one state's media).
MATCH (s:Actor)-[e:ALLEGED]->(o:Actor)
WHERE e.independent_source_count = 1 AND size(e.origins) > 1
RETURN s.name AS subject, e.predicate AS predicate, o.name AS object, e.origins AS origins, e.claim_count AS claims
ORDER BY subject, predicate, object
