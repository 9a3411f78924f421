// name: allegations
// description: Every allegation edge, whole, with its two ends: the allegation records of the exports and the view.
MATCH (s:Actor)-[e:ALLEGED]->(o:Actor)
RETURN s.id AS subject, o.id AS object, e AS edge
ORDER BY s.id, e.predicate, o.id
