"""`pbchat nlu evaluate` and `pbchat nlu train`: measure and train the NLU interpreters."""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from nlu.evaluate import evaluate_directory, report_lines
from nlu.interpreter import Interpreter, Parse
from nlu.registry import DEFAULT_RASA_URL, build_interpreter, interpreter_names
from nlu.training_data import DEFAULT_DATA_DIR, texts_by_language

# Evaluation waits for Rasa much longer than a conversation does: a slow answer is still Rasa's.
EVALUATION_RASA_TIMEOUT = 30.0

nlu_app = typer.Typer(help="Language understanding: evaluate and train.", no_args_is_help=True)

InterpreterOption = Annotated[
    str, typer.Option("--interpreter", "-i", help=f"One of: {', '.join(interpreter_names())}.")
]
DataOption = Annotated[
    Path,
    typer.Option("--data", help="Training data: a directory of <lang>.yml files.", file_okay=False),
]
RasaUrlOption = Annotated[
    str, typer.Option("--rasa-url", envvar="PBCHAT_RASA_URL", help="The Rasa server's URL.")
]


def register(app: typer.Typer) -> None:
    """Adds the `nlu` command group to the CLI."""
    app.add_typer(nlu_app, name="nlu")


class _CountingFallback:
    """The builtin interpreter standing in for Rasa, counting how often it had to."""

    name = "builtin"

    def __init__(self, inner: Interpreter) -> None:
        self.inner = inner
        self.calls = 0

    def parse(self, text: str, language: str) -> Parse:
        """The inner interpreter's parse, counted."""
        self.calls += 1
        return self.inner.parse(text, language)


def _check_interpreter(name: str) -> None:
    """Exits with a clear message if no interpreter has that name."""
    if name not in interpreter_names():
        known = ", ".join(interpreter_names())
        typer.echo(f"unknown interpreter {name!r}; use one of {known}", err=True)
        raise typer.Exit(2)


@nlu_app.command()
def evaluate(
    directory: Annotated[
        Path, typer.Argument(help="Test data: <lang>.yml files.", exists=True, file_okay=False)
    ],
    interpreter: InterpreterOption = "builtin",
    data: DataOption = DEFAULT_DATA_DIR,
    rasa_url: RasaUrlOption = DEFAULT_RASA_URL,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
) -> None:
    """Intent accuracy (overall, per language, per intent) and language-identification accuracy."""
    _check_interpreter(interpreter)
    fallback: _CountingFallback | None = None
    if interpreter == "builtin":
        chosen = build_interpreter("builtin", data_dir=data)
    else:
        fallback = _CountingFallback(build_interpreter("builtin", data_dir=data))
        chosen = build_interpreter(
            interpreter,
            data_dir=data,
            rasa_url=rasa_url,
            rasa_timeout=EVALUATION_RASA_TIMEOUT,
            fallback=fallback,
        )
    corpus = texts_by_language(data)
    total = sum(len(t) for t in texts_by_language(directory).values())
    with typer.progressbar(length=total, label="evaluating", file=sys.stderr) as bar:
        result = evaluate_directory(chosen, directory, corpus=corpus, progress=bar.update)
    if fallback is not None and fallback.calls:
        typer.echo(
            f"warning: {interpreter} did not answer {fallback.calls} of {result.intents.total} "
            "messages; builtin answered those",
            err=True,
        )
        if fallback.calls == result.intents.total:
            typer.echo(f"error: no answer from {interpreter} at {rasa_url}", err=True)
            raise typer.Exit(1)
    if as_json:
        typer.echo(json.dumps(result.to_json(), sort_keys=True))
    else:
        typer.echo("\n".join(report_lines(result)))


@nlu_app.command()
def train(interpreter: InterpreterOption = "builtin", data: DataOption = DEFAULT_DATA_DIR) -> None:
    """Trains an interpreter on the training data and says how long it took."""
    _check_interpreter(interpreter)
    if interpreter == "rasa":
        _train_rasa(data)
        return
    peak_before = _peak_rss_mib()
    started = time.perf_counter()
    built = build_interpreter(interpreter, data_dir=data)
    seconds = time.perf_counter() - started
    grown = _peak_rss_mib() - peak_before
    size = _model_size(built)
    typer.echo(f"{interpreter}: trained on {data} in {seconds:.2f} s{size}")
    typer.echo(f"peak resident memory grew by {grown:.1f} MiB")


def _peak_rss_mib() -> float:
    """The process's peak resident memory so far, in MiB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10


def _model_size(interpreter: Interpreter) -> str:
    """ ", N features x M intents" for a linear model, else nothing."""
    model = getattr(interpreter, "model", None)
    vocabulary = getattr(model, "vocabulary", None)
    labels = getattr(model, "labels", None)
    if vocabulary is None or labels is None:
        return ""
    return f", {len(vocabulary)} features x {len(labels)} intents"


def _train_rasa(data: Path) -> None:
    """Trains the Rasa model through `nlu.rasa_train`, if that module is installed."""
    try:
        rasa_train = importlib.import_module("nlu.rasa_train")
    except ImportError:
        typer.echo("Rasa training is not available: nlu/rasa_train.py is missing.", err=True)
        raise typer.Exit(1) from None
    started = time.perf_counter()
    try:
        model = rasa_train.train(
            data_dir=data, out_dir=rasa_train.REPO_ROOT / "models", repo_root=rasa_train.REPO_ROOT
        )
    except rasa_train.RasaTrainingError as error:
        typer.echo(f"Rasa training failed: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"rasa: trained {model} in {time.perf_counter() - started:.1f} s")
