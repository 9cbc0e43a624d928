"""The Add1 completion counted in floating point, with the same outcome as counted exactly.

The search of `add1.complete_add1` without its skipping of stable stretches (on large
elections the outcome changes nearly every step): steps 1, 2, ... in order (see
`add1_steps`, which may count them in worker processes) until one overspends; the last
step that didn't is the outcome, rerun to its end if it stopped early.
"""

from __future__ import annotations

from contextlib import closing

from actions.domain.tally.add1_search import Search
from actions.domain.tally.add1_steps import steps
from actions.domain.tally.completion import Completion
from actions.domain.tally.float_run import OVER
from actions.domain.tally.mes import MesProfile


def complete_add1_fast(mes: MesProfile, *, workers: int = 1) -> Completion:
    """Equal Shares with Add1 completion over `mes`, exactly as `complete_add1` counts it;
    `workers` > 1 counts that many steps at a time in worker processes.

    `runs` counts the steps looked at, once each however they were counted (a rerun to
    the end, or exactly when floating point can't settle them), so that it doesn't depend
    on how steps were shared out between processes.
    """
    search = Search(mes)
    search.open()
    everything = set(mes.supported)
    runs, step = 0, 0
    with closing(steps(search, workers)) as ordered:
        for k, decision in ordered:
            runs += 1
            if k == 0:
                first = current = decision
            elif decision.status == OVER:
                break
            else:
                step, current = k, decision
            if set(decision.winners) == everything:
                break
    if current.held is None:
        current = search.step(step, decide=False)
    assert current.held is not None
    return Completion(current.winners, first.winners, step, runs, current.held)
