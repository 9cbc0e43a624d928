"""Trains pbchat's Rasa NLU model and serves it, both through the `.venv-rasa` environment."""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import FrameType, TracebackType

import httpx

from nlu.training_data import language_files

REPO_ROOT = Path(__file__).resolve().parents[1]
MODEL_NAME = "pbchat-nlu"
CONFIG = Path("nlu/rasa/config.yml")
VENV = Path(".venv-rasa")


class RasaError(RuntimeError):
    """Rasa is not installed, `rasa train nlu` failed, or the server did not come up."""


def rasa_executable(repo_root: Path) -> Path:
    """The `rasa` command of the repo's `.venv-rasa`; raises if `make rasa` has not built it."""
    exe = repo_root / VENV / "bin" / "rasa"
    if not exe.is_file():
        raise RasaError(f"{exe} is missing: run `make rasa` (nlu/rasa/build_env.sh)")
    return exe


def rasa_env(cache_dir: Path) -> dict[str, str]:
    """The environment for Rasa subprocesses: no telemetry, caches kept out of the repo."""
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        RASA_CACHE_DIRECTORY=str(cache_dir),
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
    )
    # The app's virtualenv must not leak into Rasa's interpreter.
    for name in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME"):
        env.pop(name, None)
    return env


def fingerprint(data_dir: Path, repo_root: Path) -> str:
    """A hash of the training files and the pipeline config: equal hashes, equal models."""
    digest = hashlib.sha256()
    for lang, path in language_files(data_dir).items():
        digest.update(lang.encode() + b"\0" + path.read_bytes() + b"\0")
    digest.update((repo_root / CONFIG).read_bytes())
    return digest.hexdigest()


def _stage_data(data_dir: Path, stage: Path) -> None:
    """Copies only the `<lang>.yml` files, so that stray files in DIR never reach Rasa."""
    files = language_files(data_dir)
    if not files:
        raise RasaError(f"no <lang>.yml training files in {data_dir}")
    for lang, path in files.items():
        shutil.copyfile(path, stage / f"{lang}.yml")


def train(*, data_dir: Path, out_dir: Path, repo_root: Path) -> Path:
    """Trains the model from DATA_DIR's `<lang>.yml` files into OUT_DIR; the model's path."""
    exe = rasa_executable(repo_root)
    out_dir = out_dir.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = fingerprint(data_dir, repo_root)
    _stamp_path(out_dir).unlink(missing_ok=True)  # a failed run must not leave a model "current"
    with tempfile.TemporaryDirectory(prefix="pbchat-rasa-") as tmp:
        work = Path(tmp)
        (work / "nlu").mkdir()
        _stage_data(data_dir, work / "nlu")
        command = [
            str(exe), "train", "nlu",
            "--config", str((repo_root / CONFIG).resolve()),
            "--nlu", str(work / "nlu"),
            "--out", str(out_dir),
            "--fixed-model-name", MODEL_NAME,
        ]  # fmt: skip
        # Rasa writes its cache and stray files into its working directory: the temp dir.
        # The command is built from the repo's own paths, not from user input.
        done = subprocess.run(command, cwd=work, env=rasa_env(work / "cache"), check=False)  # noqa: S603
    model = out_dir / f"{MODEL_NAME}.tar.gz"
    if done.returncode != 0 or not model.is_file():
        raise RasaError(f"rasa train nlu failed (exit {done.returncode})")
    _stamp_path(out_dir).write_text(stamp + "\n", encoding="utf-8")
    return model


def _stamp_path(out_dir: Path) -> Path:
    """Where the fingerprint of the data that trained OUT_DIR's model is kept."""
    return out_dir / f"{MODEL_NAME}.fingerprint"


def ensure_model(*, data_dir: Path, out_dir: Path, repo_root: Path) -> Path:
    """The trained model, retrained only if the data or the config changed since."""
    model = out_dir / f"{MODEL_NAME}.tar.gz"
    stamp = _stamp_path(out_dir)
    current = fingerprint(data_dir, repo_root)
    if model.is_file() and stamp.is_file() and stamp.read_text().strip() == current:
        return model
    return train(data_dir=data_dir, out_dir=out_dir, repo_root=repo_root)


class RasaServer:
    """A running `rasa run --enable-api` process; stop() (or leaving `with`) ends it."""

    def __init__(
        self, process: subprocess.Popen[bytes], url: str, log: Path, workdir: Path
    ) -> None:
        self.process = process
        self.url = url
        self.log = log
        self._workdir = workdir

    def log_tail(self, lines: int = 40) -> str:
        """The last lines the server printed, for error messages."""
        try:
            text = self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def wait(self) -> int:
        """Blocks until the server exits; its exit code."""
        return self.process.wait()

    def stop(self, grace: float = 20.0) -> None:
        """Ends the server (SIGTERM, then SIGKILL after GRACE seconds) and removes its files."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __enter__(self) -> RasaServer:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port on HOST that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        port: int = sock.getsockname()[1]
        return port


def _is_ready(url: str) -> bool:
    """Whether the server answers /status with a loaded model."""
    try:
        response = httpx.get(f"{url}/status", timeout=2.0)
        body = response.json() if response.status_code == 200 else {}
    except (httpx.HTTPError, ValueError):
        return False
    return isinstance(body, dict) and bool(body.get("model_file"))


def start_server(
    *, model: Path, port: int, repo_root: Path, host: str = "127.0.0.1", timeout: float = 300.0
) -> RasaServer:
    """Starts `rasa run --enable-api` on HOST:PORT and returns once the model is loaded."""
    exe = rasa_executable(repo_root)
    workdir = Path(tempfile.mkdtemp(prefix="pbchat-rasa-run-"))
    log = workdir / "rasa.log"
    command = [
        str(exe), "run", "--enable-api",
        "--model", str(model.resolve()),
        "--port", str(port),
        "-i", host,
    ]  # fmt: skip
    with log.open("wb") as sink:
        process = subprocess.Popen(  # noqa: S603 (the repo's own paths, not user input)
            command, cwd=workdir, env=rasa_env(workdir / "cache"),
            stdin=subprocess.DEVNULL, stdout=sink, stderr=subprocess.STDOUT,
        )  # fmt: skip
    server = RasaServer(process, f"http://{host}:{port}", log, workdir)
    try:
        _wait_until_ready(server, timeout)
    except BaseException:  # also Ctrl-C while waiting: never leave an orphan Rasa behind
        server.stop()
        raise
    return server


def _wait_until_ready(server: RasaServer, timeout: float) -> None:
    """Returns once the server parses; raises RasaError if it dies or takes too long."""
    deadline = time.monotonic() + timeout
    while not _is_ready(server.url):
        if server.process.poll() is not None or time.monotonic() > deadline:
            tail = server.log_tail()
            raise RasaError(f"the Rasa server did not come up on {server.url}:\n{tail}")
        time.sleep(0.25)
    try:  # The first parse builds TensorFlow's graph (seconds): pay for it here, not in a chat.
        httpx.post(f"{server.url}/model/parse", json={"text": "hello"}, timeout=120.0)
    except httpx.HTTPError as error:
        raise RasaError(f"the Rasa server at {server.url} failed: {error}") from error


def main(argv: list[str] | None = None) -> int:
    """`python -m nlu.rasa_train [--data DIR] [--out DIR] [--force] [--serve PORT]`."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--data", type=Path, default=REPO_ROOT / "data" / "nlu")
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "models")
    parser.add_argument("--force", action="store_true", help="retrain even if up to date")
    parser.add_argument("--serve", type=int, metavar="PORT", help="then serve it on PORT")
    args = parser.parse_args(argv)
    kwargs = {"data_dir": args.data, "out_dir": args.out, "repo_root": REPO_ROOT}
    try:
        model = train(**kwargs) if args.force else ensure_model(**kwargs)
        print(f"model: {model}", flush=True)
        if args.serve is not None:
            serve(model, args.serve)
    except RasaError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    return 0


def _exit_on_signal(signum: int, frame: FrameType | None) -> None:
    """Turns SIGTERM into SystemExit, so that the server is stopped on the way out."""
    raise SystemExit(128 + signum)


def serve(model: Path, port: int) -> None:
    """Serves MODEL on 127.0.0.1:PORT until Rasa exits, Ctrl-C or SIGTERM."""
    signal.signal(signal.SIGTERM, _exit_on_signal)
    with start_server(model=model, port=port, repo_root=REPO_ROOT) as server:
        print(f"serving on {server.url}; Ctrl-C stops", flush=True)
        with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: leaving `with` stops Rasa
            server.wait()


if __name__ == "__main__":
    raise SystemExit(main())
