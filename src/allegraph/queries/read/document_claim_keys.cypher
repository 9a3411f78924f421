// name: document_claim_keys
// description: The (subject, predicate, object) of each claim read in one document: the edges a change to it touches.
// param: document STRING
MATCH (c:Claim)
WHERE c.document_id = $document
RETURN DISTINCT c.subject_id AS subject, c.predicate AS predicate, c.object_id AS object
ORDER BY subject, predicate, object
