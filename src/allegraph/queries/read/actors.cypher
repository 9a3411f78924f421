// name: actors
// description: Every actor, whole, in id order: the read model's actor records.
MATCH (a:Actor)
RETURN a
ORDER BY a.id
