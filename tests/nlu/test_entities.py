"""Entities: amounts, language names and proposal references in five languages."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlu.entities import extract_entities, parse_amount
from nlu.entities.amount import find_amounts
from nlu.interpreter import ENTITY_TYPES

AMOUNTS = [
    ("5000", 5000),
    ("€ 5.000", 5000),
    ("€5.000,50", 5000),
    ("€ 5.000,99", 5000),
    ("5k", 5000),
    ("5K euro", 5000),
    ("5 duizend", 5000),
    ("5 bin", 5000),
    ("5 bin lira", 5000),
    ("300 tys.", 300_000),
    ("300 tys zł", 300_000),
    ("300 tysięcy złotych", 300_000),
    ("2 mln", 2_000_000),
    ("2,5 mln euro", 2_500_000),
    ("1.5k", 1500),
    ("1,5k", 1500),
    ("€ 1,234", 1234),
    ("1,234.56", 1234),
    ("1.234,56 €", 1234),
    ("5.000.000", 5_000_000),
    ("5 000 zł", 5000),
    ("12.50", 12),
    ("٥٠٠٠ يورو", 5000),
    ("3 ألف", 3000),
    ("het kost ongeveer €2.500", 2500),
    ("about 5k for a bench", 5000),
    ("yaklaşık 10 bin TL", 10_000),
    ("około 300 tys. zł", 300_000),
    ("حوالي 5000 يورو", 5000),
]


@pytest.mark.parametrize(("text", "value"), AMOUNTS)
def test_amounts(text: str, value: int) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    "text", ["five million", "vijfduizend", "", "geen idee", "12th", "50%", "B12", "#12", "10:30"]
)
def test_no_amount(text: str) -> None:
    """Spelled-out numbers are not understood; ordinals, percentages and references are no money."""
    assert parse_amount(text) is None


def test_absurdly_long_numbers_are_no_amount() -> None:
    assert parse_amount("9" * 10_000) is None


def test_amount_span_covers_currency_and_multiplier() -> None:
    text = "mijn idee kost € 5.000,- ongeveer"
    (match,) = find_amounts(text)
    assert text[match.start : match.end] == "€ 5.000"


LANGUAGE_NAMES = [
    ("Turks", "tr"),
    ("Turkish", "tr"),
    ("Türkçe", "tr"),
    ("turecki", "tr"),
    ("التركية", "tr"),
    ("Nederlands", "nl"),
    ("Dutch", "nl"),
    ("Flemish", "nl"),
    ("Hollandaca", "nl"),
    ("niderlandzki", "nl"),
    ("الهولندية", "nl"),
    ("English", "en"),
    ("Engels", "en"),
    ("İngilizce", "en"),
    ("angielski", "en"),
    ("الإنجليزية", "en"),
    ("Arabisch", "ar"),
    ("Arabic", "ar"),
    ("Arapça", "ar"),
    ("arabski", "ar"),
    ("العربية", "ar"),
    ("Pools", "pl"),
    ("Polish", "pl"),
    ("Lehçe", "pl"),
    ("polski", "pl"),
    ("البولندية", "pl"),
    ("po polsku", "pl"),
    ("po turecku", "tr"),
    ("po angielsku", "en"),
    ("po arabsku", "ar"),
    ("po niderlandzku", "nl"),
    ("po holendersku", "nl"),
    ("türkçe yaz", "tr"),
    ("İngilizce konuş", "en"),
    ("Türkçe'ye geçelim", "tr"),
    ("kun je in het Engels praten?", "en"),
    ("mów po polsku proszę", "pl"),
    ("بالعربي من فضلك", "ar"),
    ("switch to Dutch please", "nl"),
    ("Arapçaya geç", "ar"),
]


@pytest.mark.parametrize(("text", "code"), LANGUAGE_NAMES)
def test_language_names(text: str, code: str) -> None:
    found = [e for e in extract_entities(text, "en") if e.type == "language"]
    assert [e.value for e in found] == [code]


@pytest.mark.parametrize(
    "text", ["التركيز مهم", "ik ga naar Turkije", "Polska wygrała mecz", "زرت تركيا"]
)
def test_words_that_are_no_language_names(text: str) -> None:
    assert not [e for e in extract_entities(text, "nl") if e.type == "language"]


REFS = [
    ("#12", "12"),
    ("# 7", "7"),
    ("nummer 12", "12"),
    ("number 12", "12"),
    ("nr 12", "12"),
    ("nr. 12", "12"),
    ("numara 12", "12"),
    ("12 numara", "12"),
    ("12 numaralı proje", "12"),
    ("numer 12", "12"),
    ("رقم 12", "12"),
    ("رقم ١٢", "12"),
    ("project 12", "12"),
    ("voorstel 12", "12"),
    ("#0012", "12"),
    ("zet #4 op mijn stembiljet", "4"),
    ("tell me more about proposal 3", "3"),
    ("projekt nr 3", "3"),
]


@pytest.mark.parametrize(("text", "value"), REFS)
def test_proposal_refs(text: str, value: str) -> None:
    found = [e for e in extract_entities(text, "en") if e.type == "proposal_ref"]
    assert [e.value for e in found] == [value]


def test_a_reference_is_not_also_an_amount() -> None:
    entities = extract_entities("nummer 12 kost 5000 euro", "nl")
    assert [(e.type, e.value) for e in entities] == [("proposal_ref", "12"), ("amount", "5000")]


def test_several_references_in_order() -> None:
    entities = extract_entities("vote for #3 and #5", "en")
    assert [e.value for e in entities] == ["3", "5"]


def test_spans_index_the_original_text() -> None:
    text = "İngilizce konuş, ve #12 için 5 bin TL"
    spans = {e.type: text[e.start : e.end] for e in extract_entities(text, "tr")}
    assert spans == {"language": "İngilizce", "proposal_ref": "#12", "amount": "5 bin TL"}


@given(st.text(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_entities(text: str) -> None:
    entities = extract_entities(text, "nl")
    assert all(e.type in ENTITY_TYPES for e in entities)
    assert all(0 <= e.start < e.end <= len(text) for e in entities)
    assert [e.start for e in entities] == sorted(e.start for e in entities)
    amount = parse_amount(text)
    assert amount is None or amount >= 0
