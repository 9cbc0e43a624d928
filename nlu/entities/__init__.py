"""Entity extraction: amounts, language names and proposal references."""

from nlu.entities.amount import parse_amount
from nlu.entities.extract import extract_entities

__all__ = ["extract_entities", "parse_amount"]
