"""Tests of the NLU: language identification, entities, interpreters, evaluation."""
