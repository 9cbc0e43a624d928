"""The pure participatory-budgeting model (standard library only)."""
