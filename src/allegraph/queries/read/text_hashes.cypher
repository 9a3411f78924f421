// name: text_hashes
// description: Every document's text hash: what an export's manifest hashes into its corpus hash.
MATCH (d:Document)
RETURN d.text_hash AS text_hash
ORDER BY text_hash
