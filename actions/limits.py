"""Bounds that every stored value respects (PostgreSQL integers are 32-bit)."""

from __future__ import annotations

INT_MAX = 2**31 - 1  # money, counts and ids
TITLE_MAX = 200
SUMMARY_MAX = 1_000
DESCRIPTION_MAX = 10_000
URL_MAX = 500
EXTERNAL_ID_MAX = 64
REASON_MAX = 2_000
