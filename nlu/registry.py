"""Interpreters by name, built from plain arguments (settings are read by the caller)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from nlu.interpreter import Interpreter

# How long the bot waits for Rasa before the builtin interpreter answers instead.
RASA_TIMEOUT_SECONDS = 0.5
DEFAULT_RASA_URL = "http://127.0.0.1:5005"


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """Everything a factory may need; each takes what it uses."""

    data_dir: Path
    rasa_url: str | None = None
    rasa_timeout: float = RASA_TIMEOUT_SECONDS
    fallback: Interpreter | None = None


InterpreterFactory = Callable[[BuildOptions], Interpreter]


def _builtin(options: BuildOptions) -> Interpreter:
    """The builtin interpreter, trained now on the directory's `<lang>.yml` files."""
    from nlu.builtin import BuiltinInterpreter

    return BuiltinInterpreter.from_directory(options.data_dir)


def _rasa(options: BuildOptions) -> Interpreter:
    """A Rasa server's client; the fallback (builtin unless given) answers when Rasa can't."""
    from nlu.rasa_client import RasaInterpreter

    fallback = options.fallback or _builtin(options)
    return RasaInterpreter(
        options.rasa_url or DEFAULT_RASA_URL, fallback=fallback, timeout=options.rasa_timeout
    )


# One entry per interpreter; modules are imported only when their interpreter is built.
FACTORIES: dict[str, InterpreterFactory] = {
    "builtin": _builtin,
    "rasa": _rasa,
}


def interpreter_names() -> tuple[str, ...]:
    """The names `build_interpreter` accepts."""
    return tuple(FACTORIES)


def build_interpreter(
    name: str,
    *,
    data_dir: Path,
    rasa_url: str | None = None,
    rasa_timeout: float = RASA_TIMEOUT_SECONDS,
    fallback: Interpreter | None = None,
) -> Interpreter:
    """The interpreter called `name`, trained on or pointed at its data; ValueError if unknown."""
    try:
        factory = FACTORIES[name]
    except KeyError:
        known = ", ".join(FACTORIES)
        raise ValueError(f"unknown NLU interpreter {name!r} (known: {known})") from None
    return factory(BuildOptions(Path(data_dir), rasa_url, rasa_timeout, fallback))
