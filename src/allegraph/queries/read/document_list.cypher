// name: document_list
// description: Every document's listing (not its text), by date then id: what 'allegraph documents list' prints.
MATCH (d:Document)
RETURN d.id AS id, d.published AS published, d.outlet AS outlet, d.language AS language, d.title AS title, d.path AS path,
       d.external_id AS external_id, d.url AS url, d.ingested AS ingested
ORDER BY d.published, d.id
