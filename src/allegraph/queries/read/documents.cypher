// name: documents
// description: Every document's metadata (not its text), in id order: what exports cite and explain shows.
MATCH (d:Document)
RETURN d.id AS id, d.path AS path, d.url AS url, d.title AS title, d.outlet AS outlet, d.external_id AS external_id,
       d.published AS published, d.author AS author, d.ingested AS ingested
ORDER BY d.id
