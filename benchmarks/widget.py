"""The web widget: its script's size, and the time to the first message in a real browser.

    .venv/bin/python benchmarks/widget.py [--runs 7]

Serves pbchat (SQLite, demo campaigns) on loopback and opens the demo page in Debian's
Chromium (headless, through Playwright). Each run is a new browser profile: load the page,
click the launcher at once, and wait for the first bot message to be drawn. Prints the
median over the runs of: page load (navigation to the load event), opening (click to the first
message drawn), time to first message (navigation to the first message drawn), and the same
for a resumed conversation (a reload: the transcript comes back from GET /history).
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

# Run as a script, Python puts benchmarks/ first on the path, where telegram.py would hide the
# python-telegram-bot package: the repository takes its place.
sys.path[0] = str(Path(__file__).resolve().parent.parent)

import bot.flows  # noqa: E402, F401
from actions import demo  # noqa: E402
from actions.store import migrate  # noqa: E402
from actions.store.database import Database  # noqa: E402
from bot.app import Stack, build_interpreter_from, create_app, guess_language  # noqa: E402
from bot.channels.web.api import router as web_router  # noqa: E402
from bot.channels.web.channel import WebChannel  # noqa: E402
from bot.channels.web.pages import SCRIPT  # noqa: E402
from bot.channels.web.pages import router as pages_router  # noqa: E402
from bot.engine.engine import Engine  # noqa: E402
from bot.engine.i18n import Catalogs  # noqa: E402
from bot.engine.services import Services  # noqa: E402
from bot.settings import Settings  # noqa: E402
from tests.support.server import ThreadedServer  # noqa: E402

DATA = Path(__file__).resolve().parent.parent / "data"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Runs in the page: opens the widget and waits for the frame that shows the first bot message.
OPEN = """async () => {
  const started = performance.now();
  const root = document.querySelector("pbchat-widget").shadowRoot;
  root.querySelector(".launcher").click();
  await new Promise((done) => {
    const look = () => (root.querySelector(".msg.bot") ? done() : requestAnimationFrame(look));
    look();
  });
  const shown = performance.now();
  const nav = performance.getEntriesByType("navigation")[0];
  return {load: nav.loadEventEnd, open: shown - started, first: shown};
}"""


def serve(folder: str) -> ThreadedServer:
    """pbchat with the widget, wired as bot/app.py does, on a fresh SQLite database."""
    settings = Settings(_env_file=None, database_url=f"sqlite:///{folder}/widget.db")
    database = Database.connect(settings.database_url)
    migrate.upgrade(database)
    with database.transaction() as session:
        demo.load_folder(session, folder=DATA / "demo", now=datetime.now(UTC))
    services = Services(
        catalogs=Catalogs(DATA / "locales"),
        interpreter=build_interpreter_from(settings),
        guess_language=guess_language,
        secret=settings.secret_key.get_secret_value().encode(),
    )
    engine = Engine(database, services)
    app = create_app(Stack(settings, database, engine))
    app.include_router(web_router(WebChannel(engine)))
    app.include_router(pages_router())
    return ThreadedServer(app).start()


def measure(browser: Any, url: str) -> tuple[dict[str, float], dict[str, float]]:
    """One new visitor's numbers, then the same visitor's after a reload (in ms)."""
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(url, wait_until="load")
    cold: dict[str, float] = page.evaluate(OPEN)
    page.evaluate("() => sessionStorage.clear()")  # reopen by click, not automatically
    page.reload(wait_until="load")
    warm: dict[str, float] = page.evaluate(OPEN)
    context.close()
    return cold, warm


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    script = SCRIPT.read_bytes()
    print(f"pbchat.js: {len(script):,} bytes, {len(gzip.compress(script, 9)):,} bytes gzipped")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        server = serve(folder)
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        try:
            measure(browser, server.url + "/")  # warm-up: caches, the NLU, the database
            runs = [measure(browser, server.url + "/") for _ in range(args.runs)]
        finally:
            browser.close()
            server.stop()

    def median(kind: int, key: str) -> float:
        return statistics.median(run[kind][key] for run in runs)

    print(f"median of {args.runs} runs, new visitor (ms):")
    print(f"  page load                 {median(0, 'load'):7.1f}")
    print(f"  open to first message     {median(0, 'open'):7.1f}")
    print(f"  time to first message     {median(0, 'first'):7.1f}")
    print("after a reload, conversation resumed (ms):")
    print(f"  open to first message     {median(1, 'open'):7.1f}")
    print(f"  time to first message     {median(1, 'first'):7.1f}")


if __name__ == "__main__":
    main()
