// name: allegation_timeline
// description: The claims behind one allegation, in date order (undated last): who said it, where, and how.
// param: subject STRING
// param: predicate STRING
// param: object STRING
MATCH (c:Claim)-[:`IN`]->(d:Document)
WHERE c.subject_id = $subject AND c.predicate = $predicate AND c.object_id = $object
RETURN CASE WHEN d.published IS NULL OR d.published = '' THEN 'undated' ELSE d.published END AS published, d.outlet AS outlet, c.origin_id AS origin, c.attribution AS attribution,
       c.polarity AS polarity, c.hedged AS hedged, c.evidence_text AS quote
ORDER BY published, outlet, quote
