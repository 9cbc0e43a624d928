"""Tests of the CLI command groups."""
