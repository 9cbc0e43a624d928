"""Rasa 3 YAML training data: examples per intent per language, with their entity spans."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from nlu.interpreter import Entity

# The training data shipped with pbchat, found from the package (not from the working directory).
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "nlu"

# [text](entity), [text](entity:value), [text]{"entity": "x", "value": "y"}
_ANNOTATION = re.compile(r"\[(?P<text>[^\]\n]+)\](?:\((?P<paren>[^)\n]+)\)|(?P<json>\{[^}\n]*\}))")


@dataclass(frozen=True, slots=True)
class Example:
    """One training message: plain text, its intent, its language and its entity spans."""

    text: str
    intent: str
    language: str
    entities: tuple[Entity, ...] = ()


def _entity_of(match: re.Match[str]) -> tuple[str, str | None]:
    """The entity type and explicit value (if any) of one annotation."""
    paren = match.group("paren")
    if paren is not None:
        type_, _, value = paren.partition(":")
        return type_.strip(), (value.strip() or None)
    try:
        spec = json.loads(match.group("json"))
    except json.JSONDecodeError:
        return "", None
    if not isinstance(spec, dict):
        return "", None
    value = spec.get("value")
    return str(spec.get("entity", "")), (None if value is None else str(value))


def parse_example(line: str) -> tuple[str, tuple[Entity, ...]]:
    """The text with its annotations stripped, and the annotated entity spans in that text."""
    out: list[str] = []
    entities: list[Entity] = []
    cursor = 0
    length = 0
    for match in _ANNOTATION.finditer(line):
        type_, value = _entity_of(match)
        if not type_:
            continue
        before = line[cursor : match.start()]
        out.append(before)
        length += len(before)
        surface = match.group("text")
        entities.append(Entity(type_, value or surface, length, length + len(surface)))
        out.append(surface)
        length += len(surface)
        cursor = match.end()
    out.append(line[cursor:])
    return "".join(out), tuple(entities)


def _example_lines(raw: object) -> Iterable[str]:
    """The example strings of one `examples` value (a `- text` block or a list of dicts)."""
    if isinstance(raw, str):
        for line in raw.splitlines():
            stripped = line.strip()
            if stripped.startswith("- "):
                yield stripped[2:].strip()
            elif stripped == "-":
                continue
    elif isinstance(raw, list):
        for item in raw:
            text = item.get("text") if isinstance(item, Mapping) else item
            if isinstance(text, str) and text.strip():
                yield text.strip()


def load_file(path: Path, language: str | None = None) -> list[Example]:
    """The examples of one `<lang>.yml` file; the language defaults to the file's stem."""
    lang = language or path.stem
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    blocks = document.get("nlu", []) if isinstance(document, Mapping) else []
    examples: list[Example] = []
    for block in blocks or []:
        if not isinstance(block, Mapping) or "intent" not in block:
            continue  # synonym, regex and lookup blocks carry no examples
        intent = str(block["intent"])
        for line in _example_lines(block.get("examples")):
            text, entities = parse_example(line)
            if text.strip():
                examples.append(Example(text, intent, lang, entities))
    return examples


def language_files(directory: Path) -> dict[str, Path]:
    """The `<lang>.yml` files of a directory, by language, sorted."""
    files = sorted([*directory.glob("*.yml"), *directory.glob("*.yaml")])
    return {path.stem: path for path in files}


def load_dir(directory: Path) -> dict[str, list[Example]]:
    """All examples of a directory of `<lang>.yml` files, by language."""
    return {lang: load_file(path, lang) for lang, path in language_files(directory).items()}


def texts_by_language(directory: Path) -> dict[str, list[str]]:
    """The plain example texts of a directory of `<lang>.yml` files, by language."""
    return {lang: [e.text for e in examples] for lang, examples in load_dir(directory).items()}
