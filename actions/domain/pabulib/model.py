"""A parsed `.pb` file: metadata, projects and votes, every column kept as written."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PbProject:
    """One row of PROJECTS; `fields` holds every column (project_id and cost included)."""

    project_id: str
    cost: int
    fields: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class PbVote:
    """One row of VOTES: the voter, their choices in file order, and every column."""

    voter_id: str
    vote: tuple[str, ...]
    fields: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class PbFile:
    """A whole `.pb` file; columns keep their order so writing it back loses nothing."""

    meta: Mapping[str, str]
    project_columns: tuple[str, ...]
    projects: tuple[PbProject, ...]
    vote_columns: tuple[str, ...]
    votes: tuple[PbVote, ...] = field(default=())

    @property
    def budget(self) -> int:
        """The budget from META (checked to be a whole number when parsed)."""
        return int(self.meta["budget"])

    @property
    def vote_type(self) -> str:
        """approval, ordinal, cumulative or scoring (approval when META doesn't say)."""
        return self.meta.get("vote_type", "approval")
