// name: document_by_ref
// description: The documents a reference names: its id, external id, URL or file path.
// param: ref STRING
MATCH (d:Document)
WHERE d.id = $ref OR d.external_id = $ref OR d.url = $ref OR d.path = $ref
RETURN d.id AS id
ORDER BY id
