"""Tests of reading and writing pabulib files."""
