"""pyvis views. Only this package imports pyvis."""
