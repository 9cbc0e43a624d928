"""Why an organiser's request was refused: not found, conflicting or invalid."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with the input: a code, a readable message, and where (field or line)."""

    code: str
    message: str
    field: str | None = None
    line: int | None = None


class ActionError(Exception):
    """A refused request; the API maps each subclass to one HTTP status."""

    def __init__(self, code: str, message: str, problems: list[Problem] | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.problems = problems or []


class NotFoundError(ActionError):
    """The thing asked for doesn't exist (in this campaign)."""


class ConflictError(ActionError):
    """The request clashes with the current state (a duplicate, a forbidden transition)."""


class InvalidError(ActionError):
    """The input breaks a rule; `problems` lists each break."""


def invalid(problems: list[Problem], message: str = "the input is not valid") -> InvalidError:
    """An InvalidError carrying `problems`."""
    return InvalidError("invalid", message, problems)
