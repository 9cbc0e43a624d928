"""The application core: what residents and organisers can do."""
