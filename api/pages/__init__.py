"""Web page routes, one module per area (upload, calls, clusters, documents, overview)."""
