"""Parsing `.pb` text into a PbFile, refusing bad input with the line that is wrong."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator

from actions.domain.pabulib.errors import PabulibError
from actions.domain.pabulib.model import PbFile, PbProject, PbVote

SECTIONS = ("META", "PROJECTS", "VOTES")
_WHOLE = re.compile(r"-?\d+(?:\.0*)?")  # "300000" or "300000.0": a whole number

Row = tuple[int, list[str]]


def _rows(text: str) -> Iterator[Row]:
    """(line number, fields) for every non-blank record; quoted fields may span lines."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";")
    try:
        for fields in reader:
            if fields:
                yield reader.line_num, fields
    except csv.Error as error:
        raise PabulibError(reader.line_num, f"unreadable CSV: {error}") from None


def _section(row: Row) -> str | None:
    fields = row[1]
    name = fields[0].strip()
    if name in SECTIONS and all(not f.strip() for f in fields[1:]):
        return name
    return None


def _whole_number(line: int, what: str, text: str) -> int:
    if not _WHOLE.fullmatch(text.strip()):
        raise PabulibError(line, f"{what} {text!r} is not a whole number")
    value = int(text.strip().split(".")[0])
    if value < 0:
        raise PabulibError(line, f"{what} {text!r} is negative")
    return value


class _Reader:
    """Walks the records of one file, section by section."""

    def __init__(self, text: str) -> None:
        self._rows = _rows(text)
        self._pending: Row | None = None
        self.last_line = 0

    def next(self) -> Row | None:
        pending, self._pending = self._pending, None
        if pending is not None:
            return pending
        row = next(self._rows, None)
        if row is not None:
            self.last_line = row[0]
        return row

    def push_back(self, row: Row) -> None:
        self._pending = row

    def expect_section(self, name: str) -> int:
        """The line of section `name`, which must come next."""
        row = self.next()
        if row is None:
            raise PabulibError(self.last_line + 1, f"missing section {name}")
        found = _section(row)
        if found != name:
            what = f"section {found}" if found else repr(";".join(row[1]))
            raise PabulibError(row[0], f"expected section {name}, found {what}")
        return row[0]

    def header(self, section: str, required: tuple[str, ...]) -> tuple[str, ...]:
        row = self.next()
        if row is None or _section(row):
            raise PabulibError(row[0] if row else self.last_line + 1, f"{section} has no header")
        line, columns = row[0], tuple(c.strip() for c in row[1])
        for column in required:
            if column not in columns:
                raise PabulibError(line, f"{section} header lacks the column {column}")
        if len(set(columns)) != len(columns):
            raise PabulibError(line, f"{section} header repeats a column")
        return columns

    def records(self, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
        """The section's rows as column -> value, up to the next section."""
        while (row := self.next()) is not None:
            if _section(row):
                self.push_back(row)
                return
            line, fields = row
            if len(fields) != len(columns):
                raise PabulibError(line, f"expected {len(columns)} fields, found {len(fields)}")
            yield line, dict(zip(columns, fields, strict=True))


def _meta(reader: _Reader) -> dict[str, str]:
    start = reader.expect_section("META")
    meta: dict[str, str] = {}
    for line, record in reader.records(reader.header("META", ("key", "value"))):
        key = record["key"]
        if key in meta:
            raise PabulibError(line, f"META repeats the key {key}")
        meta[key] = record["value"]
        if key == "budget":
            _whole_number(line, "budget", record["value"])
    if "budget" not in meta:
        raise PabulibError(start, "META has no budget")
    return meta


def _projects(reader: _Reader) -> tuple[tuple[str, ...], tuple[PbProject, ...]]:
    reader.expect_section("PROJECTS")
    columns = reader.header("PROJECTS", ("project_id", "cost"))
    projects: list[PbProject] = []
    first_seen: dict[str, int] = {}
    for line, record in reader.records(columns):
        project_id = record["project_id"].strip()
        if not project_id:
            raise PabulibError(line, "project without an id")
        if project_id in first_seen:
            raise PabulibError(
                line, f"duplicate project id {project_id} (first on line {first_seen[project_id]})"
            )
        first_seen[project_id] = line
        cost = _whole_number(line, f"cost of project {project_id}", record["cost"])
        projects.append(PbProject(project_id, cost, record))
    return columns, tuple(projects)


def _points(line: int, record: dict[str, str], size: int) -> None:
    points = [p.strip() for p in record["points"].split(",")] if record["points"].strip() else []
    if len(points) != size:
        raise PabulibError(line, f"{len(points)} points for {size} projects")
    for point in points:
        _whole_number(line, "points", point)


def _votes(
    reader: _Reader, known: set[str], vote_type: str
) -> tuple[tuple[str, ...], tuple[PbVote, ...]]:
    reader.expect_section("VOTES")
    columns = reader.header("VOTES", ("voter_id", "vote"))
    scored = vote_type in ("cumulative", "scoring") and "points" in columns
    votes: list[PbVote] = []
    first_seen: dict[str, int] = {}
    for line, record in reader.records(columns):
        voter_id = record["voter_id"].strip()
        if not voter_id:
            raise PabulibError(line, "vote without a voter_id")
        if voter_id in first_seen:
            raise PabulibError(
                line, f"duplicate voter id {voter_id} (first on line {first_seen[voter_id]})"
            )
        first_seen[voter_id] = line
        text = record["vote"].strip()
        choices = tuple(c.strip() for c in text.split(",")) if text else ()
        for choice in choices:
            if choice not in known:
                raise PabulibError(line, f"voter {voter_id} votes for unknown project {choice}")
        if len(set(choices)) != len(choices):
            raise PabulibError(line, f"voter {voter_id} names a project twice")
        if scored:
            _points(line, record, len(choices))
        votes.append(PbVote(voter_id, choices, record))
    return columns, tuple(votes)


def parse(text: str) -> PbFile:
    """The file in `text`; a PabulibError (with its line) if anything in it is wrong."""
    reader = _Reader(text)
    meta = _meta(reader)
    project_columns, projects = _projects(reader)
    known = {p.project_id for p in projects}
    vote_columns, votes = _votes(reader, known, meta.get("vote_type", "approval"))
    row = reader.next()
    if row is not None:
        raise PabulibError(row[0], f"unexpected {';'.join(row[1])!r} after VOTES")
    return PbFile(meta, project_columns, projects, vote_columns, votes)
