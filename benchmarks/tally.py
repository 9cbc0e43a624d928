"""Time and memory of every tally rule on synthetic elections of real sizes.

    .venv/bin/python benchmarks/tally.py [--only lodz|wieliczka|real] [--seed N]

Elections: a seeded synthetic one the size of Łódź 2022 (90,494 voters, 160 projects, costs
10k-2M, budget a quarter of the total cost), one the size of Wieliczka 2023 (6,586 voters,
64 projects, costs 5k-100k, budget 1,000,000), and the real Wieliczka Green Budget file when
../shared/pabulib is there. Voters approve 3-10 projects, drawn by a skewed (log-normal)
popularity. Each rule runs in a forked child, so its peak memory is its own: "peak MB" is
the child's peak resident set size above what it inherited. "seconds" is wall-clock time,
"cpu s" the CPU time of the child and of the worker processes it forked, if any (the better
number on a busy machine); "workers MB" is the largest worker's peak resident set size,
most of it pages shared with the child. "mes-add1, one process" counts the same without
worker processes.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import resource
import sys
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actions.domain.pabulib.election import to_election
from actions.domain.pabulib.parse import parse
from actions.domain.tally.equal_shares import mes_add1
from actions.domain.tally.registry import tally
from actions.domain.tally.types import (
    ApprovalBallots,
    Election,
    Project,
    TallyResult,
    TieBreak,
)

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "pabulib"
METHODS = [
    ("greedy", False),
    ("greedy-no-skip", False),
    ("mes-add1", False),
    ("mes-add1", True),
    ("mes-add1, one process", False),
]


def synthetic(
    seed: int, voters: int, projects: int, cheapest: int, dearest: int, budget: int | None
) -> Election:
    """A seeded approval election: log-uniform costs, log-normal popularity, 3-10 approvals."""
    rng = random.Random(seed)
    popularity = [rng.lognormvariate(0.0, 1.0) for _ in range(projects)]
    costs = [
        int(cheapest * (dearest / cheapest) ** rng.random()) // 100 * 100 for _ in range(projects)
    ]
    ids = [f"P{j:03d}" for j in range(projects)]
    cumulative: list[float] = []
    total = 0.0
    for weight in popularity:
        total += weight
        cumulative.append(total)
    ballots: list[set[str]] = []
    for _ in range(voters):
        size = rng.randint(3, 10)
        chosen: set[str] = set()
        while len(chosen) < size:
            chosen.update(rng.choices(ids, cum_weights=cumulative, k=size - len(chosen)))
        ballots.append(chosen)
    return Election(
        tuple(Project(i, c) for i, c in zip(ids, costs, strict=True)),
        budget if budget is not None else sum(costs) // 4,
        ApprovalBallots.of(ballots),
    )


def _rss_kib() -> int:
    """This process's resident set size now, in KiB."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        pages = int(statm.read().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") // 1024


Measured = tuple[float, float, float, float, TallyResult]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _child(job: Callable[[], TallyResult], out: Connection) -> None:
    start = _rss_kib()
    began, cpu, workers_cpu = time.perf_counter(), time.process_time(), _children_cpu()
    result = job()
    elapsed = time.perf_counter() - began
    cpu = time.process_time() - cpu + _children_cpu() - workers_cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out.send((elapsed, cpu, max(peak - start, 0) / 1024, workers / 1024, result))
    out.close()


def measure(job: Callable[[], TallyResult]) -> Measured:
    """(wall seconds, CPU seconds, peak MiB above the start, workers' peak MiB, result) of
    `job` in a child."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(job, send))
    child.start()
    measured: Measured = receive.recv()
    child.join()
    return measured


def bench(name: str, election: Election) -> None:
    n = election.ballots.n_voters
    print(
        f"\n{name}: {n:,} voters ({len(election.ballots.counts):,} distinct ballots), "
        f"{len(election.projects)} projects, budget {election.budget:,}"
    )
    print(
        f"  {'rule':<26} {'seconds':>8} {'cpu s':>8} {'peak MB':>8} {'workers MB':>10} "
        f"{'selected':>9} {'cost':>13}  details"
    )
    for method, comparison in METHODS:

        def job(method: str = method, comparison: bool = comparison) -> TallyResult:
            if method == "mes-add1, one process":
                e = election
                return mes_add1(e.projects, e.budget, e.ballots, TieBreak(0), workers=1)
            return tally(method, election, TieBreak(0), comparison=comparison)

        seconds, cpu, peak, workers, result = measure(job)
        label = method + (" --comparison" if comparison else "")
        details = ", ".join(f"{k} {v}" for k, v in result.details.items())
        print(
            f"  {label:<26} {seconds:>8.2f} {cpu:>8.2f} {peak:>8.1f} {workers:>10.1f} "
            f"{len(result.selected):>9} {result.cost:>13,}  {details}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=["lodz", "wieliczka", "real"])
    parser.add_argument("--seed", type=int, default=2022)
    args = parser.parse_args()
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    if args.only in (None, "wieliczka"):
        began = time.perf_counter()
        election = synthetic(args.seed, 6_586, 64, 5_000, 100_000, 1_000_000)
        print(f"(generated in {time.perf_counter() - began:.1f} s)")
        bench("Wieliczka-sized synthetic", election)
    wieliczka = REAL / "Poland_Wieliczka_2023_Green_Budget.pb"
    if args.only in (None, "real") and wieliczka.exists():
        real = to_election(parse(wieliczka.read_text("utf-8")))
        bench("Wieliczka 2023 Green Budget (real)", real)
    if args.only in (None, "lodz"):
        began = time.perf_counter()
        election = synthetic(args.seed, 90_494, 160, 10_000, 2_000_000, None)
        print(f"(generated in {time.perf_counter() - began:.1f} s)")
        bench("Łódź-sized synthetic", election)


if __name__ == "__main__":
    main()
