"""Request and response bodies of the admin API, one module per resource."""
