"""The organisers' admin API (FastAPI routers, one per resource)."""
