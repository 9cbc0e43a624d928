"""Alembic migrations of the pbchat schema."""
