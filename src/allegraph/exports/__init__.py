"""Graph files, tables, figures and manifests."""
