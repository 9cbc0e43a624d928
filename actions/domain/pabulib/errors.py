"""The one error a bad `.pb` file raises."""

from __future__ import annotations


class PabulibError(ValueError):
    """A `.pb` file that can't be used: `line` (1-based, 0 if none) says where, `problem` what."""

    def __init__(self, line: int, problem: str) -> None:
        super().__init__(f"line {line}: {problem}" if line else problem)
        self.line = line
        self.problem = problem
