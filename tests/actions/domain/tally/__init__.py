"""Tests of the tally rules."""
