"""Writing a PbFile back to `.pb` text, optionally with the outcome in a `selected` column."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from actions.domain.pabulib.model import PbFile


def write(pb: PbFile, *, selected: Iterable[str] | None = None) -> str:
    """The `.pb` text of `pb`; with `selected`, a `selected` column marks those projects 1."""
    out = io.StringIO()
    rows = csv.writer(out, delimiter=";", lineterminator="\n")
    rows.writerow(["META"])
    rows.writerow(["key", "value"])
    rows.writerows(pb.meta.items())
    columns = pb.project_columns
    chosen = set(selected) if selected is not None else None
    if chosen is not None and "selected" not in columns:
        columns = (*columns, "selected")
    rows.writerow(["PROJECTS"])
    rows.writerow(columns)
    for project in pb.projects:
        fields = dict(project.fields)
        if chosen is not None:
            fields["selected"] = "1" if project.project_id in chosen else "0"
        rows.writerow([fields[c] for c in columns])
    rows.writerow(["VOTES"])
    rows.writerow(pb.vote_columns)
    for vote in pb.votes:
        rows.writerow([vote.fields[c] for c in pb.vote_columns])
    return out.getvalue()
