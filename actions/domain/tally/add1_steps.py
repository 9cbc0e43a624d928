"""The steps of an Add1 search in order, counted here or in forked worker processes.

Workers are forked (they inherit the prepared election instead of receiving a copy) and
each counts whole steps; results are handed out in step order, so the search reads them
exactly as if they were counted one after the other. Steps counted ahead of the one that
ends the search are simply dropped. Forking is only done where it is safe and pays off:
on POSIX, from a process with no other threads, with more than one worker asked for; and
workers are given up for counting here when the machine is too busy to give them the CPU
time they ask for (then they only get in each other's way).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Generator
from multiprocessing.pool import AsyncResult

from actions.domain.tally.add1_search import Decision, Search
from actions.domain.tally.float_profile import Hints

_search: Search | None = None  # the search a forked worker counts steps of
# Workers that got less than this share of the wall-clock time on a CPU while counting
# steps (summed over at least STARVED_AFTER seconds) are stopped.
STARVED = 0.8
STARVED_AFTER = 0.2


def _count(
    step: int, finish_from: int | None, hints: Hints | None
) -> tuple[Decision, float, float]:
    """Step `step` in a worker, with the CPU and wall-clock seconds it took."""
    assert _search is not None
    if hints is not None:
        _search.fp.take(hints)
    cpu, wall = time.process_time(), time.perf_counter()
    decision = _search.step(step, decide=step > 0, finish_from=finish_from)
    return decision, time.process_time() - cpu, time.perf_counter() - wall


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
    many forked processes count the next steps, one each, for as long as they get the CPU
    time they ask for: on a machine busy with other work they'd get in each other's way,
    and the steps left are counted here.
    """
    finish_from: int | None = None
    step = 0
    if workers > 1 and can_fork():
        global _search  # noqa: PLW0603 - handed to the forked workers, not shared otherwise
        _search = search
        pool = multiprocessing.get_context("fork").Pool(workers)
        try:
            ahead: deque[AsyncResult[tuple[Decision, float, float]]] = deque()
            hints: Hints | None = None  # from the latest step, passed on to the next one
            cpu = wall = 0.0
            while wall < STARVED_AFTER or cpu >= STARVED * wall:
                while len(ahead) < workers:
                    task = (step + len(ahead), finish_from, hints)
                    ahead.append(pool.apply_async(_count, task))
                decision, used, took = ahead.popleft().get()
                cpu, wall = cpu + used, wall + took
                finish_from = finish_from or len(decision.winners)
                hints = decision.hints if decision.hints[1] else hints
                yield step, decision
                step += 1
            if hints is not None:
                search.fp.take(hints)
        finally:
            pool.terminate()
            _search = None
    while True:
        decision = search.step(step, decide=step > 0, finish_from=finish_from)
        finish_from = finish_from or len(decision.winners)
        yield step, decision
        step += 1
