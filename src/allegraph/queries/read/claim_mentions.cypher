// name: claim_mentions
// description: Each claim's subject, object and sentence, in id order: how many claims an actor takes part in, with a sample.
MATCH (c:Claim)
RETURN c.subject_id AS subject, c.object_id AS object, c.evidence_text AS evidence
ORDER BY c.id
