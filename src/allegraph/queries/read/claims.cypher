// name: claims
// description: Every claim, whole, in document and reading order: the claim records of the exports, the view and eval.
MATCH (c:Claim)
RETURN c
ORDER BY c.document_id, c.evidence_start, c.id
