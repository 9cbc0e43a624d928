"""The steps of an Add1 search in order, counted here or in forked worker processes.

Workers are forked (they inherit the prepared election instead of receiving a copy) and
each counts whole steps; results are handed out in step order, so the search reads them
exactly as if they were counted one after the other. Steps counted ahead of the one that
ends the search are simply dropped. Forking is only done where it is safe and pays off:
on POSIX, from a process with no other threads, with more than one worker asked for.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Iterator
from itertools import count
from multiprocessing.pool import AsyncResult

from actions.domain.tally.add1_search import Decision, Search

_search: Search | None = None  # the search a forked worker counts steps of


def _count(step: int) -> Decision:
    assert _search is not None
    return _search.step(step)


def can_fork() -> bool:
    """Whether worker processes can be forked safely here (POSIX, no other threads)."""
    return os.name == "posix" and threading.active_count() == 1


def steps(search: Search, workers: int) -> Iterator[tuple[int, Decision]]:
    """(step, decision) for steps 1, 2, ... in order, until the caller stops reading."""
    if workers <= 1 or not can_fork():
        for step in count(1):
            yield step, search.step(step)
        return
    global _search  # noqa: PLW0603 - handed to the forked workers, not shared otherwise
    _search = search
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        ahead: deque[AsyncResult[Decision]] = deque()
        for step in count(1):
            while len(ahead) <= workers:
                ahead.append(pool.apply_async(_count, (step + len(ahead),)))
            yield step, ahead.popleft().get()
    finally:
        pool.terminate()
        _search = None
