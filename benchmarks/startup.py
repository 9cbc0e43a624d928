"""Start-up time and memory of one pbchat server process.

    .venv/bin/python benchmarks/startup.py [--repeat 3]

On a fresh SQLite database with the demo campaigns: the seconds from `pbchat run` to the first
answer of /healthz (migrations, catalogs, NLU training, language models, the app), and the
process's resident memory once it answers and after 200 chat turns over the web widget API.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.support.server import free_port  # noqa: E402

TURNS = 200
SESSIONS = 10


def rss_mib(pid: int) -> float:
    """The resident memory of a process, in MiB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def chat(url: str) -> None:
    """TURNS messages from ten widget sessions in turn (the widget API limits each sender)."""
    with httpx.Client(base_url=f"{url}/widget/api", timeout=30) as client:
        sessions = []
        for _ in range(SESSIONS):
            started = client.post("/session", json={"campaign": "west"})
            started.raise_for_status()
            sessions.append({"Authorization": f"Bearer {started.json()['token']}"})
        for i in range(TURNS):
            text = ("/menu", "wat is dit", "hoeveel geld is er", "toon de plannen")[i % 4]
            body = {"text": text, "id": f"m{i}"}
            while True:
                answer = client.post("/messages", json=body, headers=sessions[i % SESSIONS])
                if answer.status_code != 429:
                    break
                time.sleep(float(answer.headers.get("Retry-After", "1")))
            answer.raise_for_status()


def once(database: Path) -> tuple[float, float, float]:
    """Seconds to the first /healthz answer, MiB then, MiB after the chat."""
    env = {**os.environ, "PBCHAT_DATABASE_URL": f"sqlite:///{database}"}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.perf_counter()
    server = subprocess.Popen(
        [str(REPO / ".venv" / "bin" / "pbchat"), "run", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        while True:
            try:
                if httpx.get(f"{url}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.05)
            if server.poll() is not None:
                raise RuntimeError("pbchat did not start")
        seconds = time.perf_counter() - started
        at_start = rss_mib(server.pid)
        chat(url)
        return seconds, at_start, rss_mib(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    runs = []
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "pbchat.db"
        env = {**os.environ, "PBCHAT_DATABASE_URL": f"sqlite:///{database}"}
        pbchat = str(REPO / ".venv" / "bin" / "pbchat")
        subprocess.run([pbchat, "demo", "load"], env=env, check=True, capture_output=True)
        for _ in range(args.repeat):
            runs.append(once(database))
    print(f"start-up to first /healthz: median {statistics.median(r[0] for r in runs):.2f} s")
    print(f"memory when up: median {statistics.median(r[1] for r in runs):.0f} MiB")
    print(f"memory after {TURNS} turns: median {statistics.median(r[2] for r in runs):.0f} MiB")


if __name__ == "__main__":
    main()
