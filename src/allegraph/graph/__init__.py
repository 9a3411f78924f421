"""Claims -> aggregated allegation edges: origins, relays, independence, confidence."""
