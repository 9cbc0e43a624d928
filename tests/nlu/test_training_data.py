"""Rasa 3 YAML training data: examples, intents, languages and entity spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlu.interpreter import Entity
from nlu.training_data import load_dir, load_file, parse_example

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.mark.parametrize(
    ("line", "text", "entities"),
    [
        ("plain text", "plain text", ()),
        (
            "add [#12](proposal_ref) please",
            "add #12 please",
            (Entity("proposal_ref", "#12", 4, 7),),
        ),
        ("[Turks](language)", "Turks", (Entity("language", "Turks", 0, 5),)),
        ("[Turks](language:tr) graag", "Turks graag", (Entity("language", "tr", 0, 5),)),
        (
            'kost [vijf mille]{"entity": "amount", "value": "5000"}',
            "kost vijf mille",
            (Entity("amount", "5000", 5, 15),),
        ),
        (
            "[#1](proposal_ref) en [€ 5.000](amount)",
            "#1 en € 5.000",
            (Entity("proposal_ref", "#1", 0, 2), Entity("amount", "€ 5.000", 6, 13)),
        ),
        ("a [link] without entity", "a [link] without entity", ()),
    ],
)
def test_parse_example(line: str, text: str, entities: tuple[Entity, ...]) -> None:
    assert parse_example(line) == (text, entities)


def test_load_file_reads_intents_examples_and_spans() -> None:
    examples = load_file(FIXTURES / "train" / "en.yml")
    assert {e.language for e in examples} == {"en"}
    assert {e.intent for e in examples} == {
        "greet",
        "vote",
        "submit_idea",
        "change_language",
        "browse_proposals",
        "out_of_scope",
    }
    assert len(examples) == 30
    annotated = [e for e in examples if e.entities]
    assert annotated
    for example in annotated:
        for entity in example.entities:
            assert "[" not in example.text
            assert example.text[entity.start : entity.end]


def test_load_dir_is_by_language(tmp_path: Path) -> None:
    (tmp_path / "xx.yml").write_text(
        'version: "3.1"\nnlu:\n- synonym: foo\n  examples: |\n    - bar\n'
        "- intent: greet\n  examples: |\n    - hi\n    - hey\n- regex: r\n  examples: |\n    - x\n",
        encoding="utf-8",
    )
    (tmp_path / "yy.yml").write_text('version: "3.1"\n', encoding="utf-8")
    loaded = load_dir(tmp_path)
    assert sorted(loaded) == ["xx", "yy"]
    assert [(e.text, e.intent, e.language) for e in loaded["xx"]] == [
        ("hi", "greet", "xx"),
        ("hey", "greet", "xx"),
    ]
    assert loaded["yy"] == []


def test_the_shipped_training_data_loads() -> None:
    data = load_dir(Path(__file__).resolve().parents[2] / "data" / "nlu")
    assert {"nl", "en", "tr", "ar", "pl"} <= set(data)
    for examples in data.values():
        assert len({e.intent for e in examples}) == 16


def test_entity_annotations_cover_whole_words() -> None:
    # Rasa's tokenizer splits on whitespace; an annotation ending inside a word
    # ("[ingilizce](language)ye") is dropped from its training with a warning.
    data = load_dir(Path(__file__).resolve().parents[2] / "data" / "nlu")
    inside = [
        (lang, e.text)
        for lang, examples in data.items()
        for e in examples
        for entity in e.entities
        if (entity.start > 0 and not e.text[entity.start - 1].isspace())
        or (entity.end < len(e.text) and e.text[entity.end].isalnum())
    ]
    assert inside == []
