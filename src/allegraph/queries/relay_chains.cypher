// name: relay_chains
// description: Who passes on whose claims: relay -> origin, with the number of claims relayed.
MATCH (r:Actor)-[:RELAYS]->(c:Claim)<-[:ASSERTS]-(o:Actor)
RETURN r.name AS relay, o.name AS origin, count(c) AS claims
ORDER BY claims DESC, relay, origin
