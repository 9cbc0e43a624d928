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
from collections.abc import Generator
from itertools import count
from multiprocessing.pool import AsyncResult

from actions.domain.tally.add1_search import Decision, Search
from actions.domain.tally.float_profile import Hints

_search: Search | None = None  # the search a forked worker counts steps of


def _count(step: int, finish_from: int | None, hints: Hints | None) -> Decision:
    assert _search is not None
    if hints is not None:
        _search.fp.take(hints)
    return _search.step(step, decide=step > 0, finish_from=finish_from)


def usable_cpus() -> int:
    """How many CPUs this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def can_fork() -> bool:
    """Whether worker processes can be forked safely here (POSIX, no other threads)."""
    return os.name == "posix" and threading.active_count() == 1


def steps(search: Search, workers: int) -> Generator[tuple[int, Decision], None, None]:
    """(step, decision) for steps 0, 1, 2, ... in order, until the caller stops reading.

    Step 0 runs to its end; later steps stop once they are known to overspend or not,
    unless they have bought as many projects as step 0 by then. With `workers` > 1, that
    many forked processes count the next steps, one each.
    """
    finish_from: int | None = None
    if workers <= 1 or not can_fork():
        for step in count(0):
            decision = search.step(step, decide=step > 0, finish_from=finish_from)
            finish_from = finish_from or len(decision.winners)
            yield step, decision
        return
    global _search  # noqa: PLW0603 - handed to the forked workers, not shared otherwise
    _search = search
    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        ahead: deque[AsyncResult[Decision]] = deque()
        hints: Hints | None = None  # from the latest step, passed on to the next one
        for step in count(0):
            while len(ahead) < workers:
                task = (step + len(ahead), finish_from, hints)
                ahead.append(pool.apply_async(_count, task))
            decision = ahead.popleft().get()
            finish_from = finish_from or len(decision.winners)
            hints = decision.hints if decision.hints[1] else hints
            yield step, decision
    finally:
        pool.terminate()
        _search = None
