// name: source_reliance
// description: Outlets that mostly relay one origin: share of their relayed claims that come from it.
// param: min_share DOUBLE = 0.5
MATCH (r:Actor)-[:RELAYS]->(c:Claim)<-[:ASSERTS]-(o:Actor)
WITH r, o, count(c) AS from_origin
MATCH (r)-[:RELAYS]->(c2:Claim)
WITH r, o, from_origin, count(c2) AS relayed
WHERE from_origin * 1.0 / relayed >= $min_share
RETURN r.name AS relay, o.name AS origin, from_origin, relayed, from_origin * 1.0 / relayed AS share
ORDER BY share DESC, relay, origin
