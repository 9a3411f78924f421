"""The data model: records, ids, the actor catalogue and the predicate vocabulary."""
