"""The rasa interpreter: a real Rasa server (marked `rasa`), and a fake one for the fallbacks."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest

from nlu.evaluate import evaluate_directory
from nlu.interpreter import Parse
from nlu.rasa_client import MAX_TEXT_CHARS, RasaInterpreter
from nlu.rasa_train import (
    CONFIG,
    MODEL_NAME,
    RasaError,
    RasaServer,
    ensure_model,
    fingerprint,
    free_port,
    start_server,
)
from nlu.training_data import load_dir

REPO = Path(__file__).resolve().parents[2]
HELD_OUT = Path(__file__).parent / "test"
LOGGER = "nlu.rasa_client"
# Training (if `make rasa` has not) and the server's start-up come before the first test.
real_rasa = [pytest.mark.rasa, pytest.mark.timeout(1800)]


def rasa_test(fn: Callable[..., None]) -> Callable[..., None]:
    """Marks a test as needing the real Rasa server."""
    for mark in real_rasa:
        fn = mark(fn)
    return fn


class Canned:
    """A fallback interpreter that always answers out_of_scope, and counts its calls."""

    name = "canned"

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []

    def parse(self, text: str, language: str) -> Parse:
        self.calls.append((text, language))
        return Parse(text, "out_of_scope", 0.0)


def answer(intent: str = "vote", confidence: object = 0.93, **extra: Any) -> dict[str, Any]:
    """A /model/parse body like Rasa's."""
    ranking = [{"name": intent, "confidence": confidence}, {"name": "help", "confidence": 0.05}]
    return {"intent": {"name": intent, "confidence": confidence}, "intent_ranking": ranking} | extra


def mocked(handler: Callable[[httpx.Request], httpx.Response]) -> tuple[RasaInterpreter, Canned]:
    """An interpreter whose HTTP calls HANDLER answers, and its fallback."""
    fallback = Canned()
    client = httpx.Client(transport=httpx.MockTransport(handler))
    return RasaInterpreter("http://rasa.test/", fallback, client=client), fallback


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == LOGGER]


# ---- mapping Rasa's answer -------------------------------------------------------------------


def test_maps_intent_ranking_and_normalised_entities() -> None:
    text = "I vote for #12 and nummer 7"
    entities = [
        {"entity": "proposal_ref", "value": "#12", "start": 11, "end": 14},
        {"entity": "proposal_ref", "value": "nummer 7", "start": 19, "end": 27},
        {"entity": "color", "value": "red", "start": 0, "end": 1},
    ]
    interpreter, fallback = mocked(lambda r: httpx.Response(200, json=answer(entities=entities)))
    parse = interpreter.parse(text, "en")
    assert (parse.text, parse.intent, parse.confidence) == (text, "vote", 0.93)
    assert [s.name for s in parse.ranking] == ["vote", "help"]
    assert [(e.type, e.value, e.start, e.end) for e in parse.entities] == [
        ("proposal_ref", "12", 11, 14),
        ("proposal_ref", "7", 19, 27),
    ]
    assert fallback.calls == []


def test_rule_entities_complete_and_correct_rasa_spans() -> None:
    # Rasa tags "Turkish" but keeps the raw word, and misses the amount: the rules fill in both.
    text = "switch to Turkish, and my idea costs 2000 euro"
    raw = [{"entity": "language", "value": "Turkish", "start": 10, "end": 17}]
    interpreter, _ = mocked(
        lambda r: httpx.Response(200, json=answer("change_language", entities=raw))
    )
    parse = interpreter.parse(text, "en")
    assert [(e.type, e.value) for e in parse.entities] == [("language", "tr"), ("amount", "2000")]


def test_drops_a_rasa_entity_no_rule_can_normalise() -> None:
    raw = [{"entity": "amount", "value": "a lot", "start": 8, "end": 13}]
    interpreter, _ = mocked(lambda r: httpx.Response(200, json=answer("submit_idea", entities=raw)))
    assert interpreter.parse("it costs a lot", "en").entities == ()


def test_long_text_is_cut_before_sending() -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content)["text"])
        return httpx.Response(200, json=answer("submit_idea"))

    interpreter, fallback = mocked(handler)
    text = "a bench in the park " * 500
    parse = interpreter.parse(text, "en")
    assert len(sent[0]) == MAX_TEXT_CHARS and text.startswith(sent[0])
    assert parse.text == text and parse.intent == "submit_idea" and fallback.calls == []


def test_blank_message_goes_straight_to_the_fallback() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("Rasa should not be asked")

    interpreter, fallback = mocked(handler)
    assert interpreter.parse("  ", "nl").intent == "out_of_scope"
    assert fallback.calls == [("  ", "nl")]


# ---- falling back ----------------------------------------------------------------------------

GARBAGE: dict[str, httpx.Response] = {
    "http 500": httpx.Response(500, json={"error": "boom"}),
    "not json": httpx.Response(200, content=b"<html>hi</html>"),
    "a list": httpx.Response(200, json=[1, 2]),
    "no intent": httpx.Response(200, json={"text": "hi", "entities": []}),
    "null intent": httpx.Response(200, json={"intent": {"name": None, "confidence": 0.0}}),
    "unknown intent": httpx.Response(200, json=answer("order_pizza")),
    "text confidence": httpx.Response(200, json=answer(confidence="high")),
    "nan confidence": httpx.Response(
        200, content=b'{"intent": {"name": "vote", "confidence": NaN}}'
    ),
    "unknown ranked": httpx.Response(
        200, json=answer() | {"intent_ranking": [{"name": "nope", "confidence": 0.1}]}
    ),
    "bad span": httpx.Response(
        200, json=answer(entities=[{"entity": "amount", "value": "5", "start": 3, "end": 99}])
    ),
    "entities dict": httpx.Response(200, json=answer(entities={"amount": 5})),
}


@pytest.mark.parametrize("name", sorted(GARBAGE))
def test_garbage_falls_back_with_one_warning(name: str, caplog: pytest.LogCaptureFixture) -> None:
    interpreter, fallback = mocked(lambda r: GARBAGE[name])
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        parses = [interpreter.parse(f"message {i}", "pl") for i in range(3)]
    assert [p.intent for p in parses] == ["out_of_scope"] * 3
    assert fallback.calls == [(f"message {i}", "pl") for i in range(3)]
    assert len(warnings(caplog)) == 1


def test_logs_once_per_outage_and_once_on_recovery(caplog: pytest.LogCaptureFixture) -> None:
    state = {"up": False}

    def handler(request: httpx.Request) -> httpx.Response:
        if not state["up"]:
            raise httpx.ConnectError("refused", request=request)
        return httpx.Response(200, json=answer("greet"))

    interpreter, fallback = mocked(handler)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        intents = [interpreter.parse("hoi", "nl").intent for _ in range(3)]
        state["up"] = True
        intents += [interpreter.parse("hoi", "nl").intent for _ in range(2)]
        state["up"] = False
        intents += [interpreter.parse("hoi", "nl").intent]
    assert intents == ["out_of_scope"] * 3 + ["greet"] * 2 + ["out_of_scope"]
    logged = warnings(caplog)
    assert len(logged) == 3 and "answers again" in logged[1]
    assert len(fallback.calls) == 4


class FakeRasa:
    """A loopback HTTP server answering /model/parse with BODY, or hanging until released."""

    def __init__(self, body: bytes, hang: bool = False) -> None:
        self.release = threading.Event()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if hang:
                    fake.release.wait(10)
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except OSError:
                    pass  # the client gave up waiting: that was the point

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


OVER_HTTP = {
    "good": (json.dumps(answer("thanks")).encode(), False, "thanks", 0),
    "truncated json": (
        b'{"intent": {"name": "thanks", "confidence": 0.9}',
        False,
        "out_of_scope",
        1,
    ),
    "intent as string": (b'{"intent": "thanks"}', False, "out_of_scope", 1),
    "too slow": (json.dumps(answer("thanks")).encode(), True, "out_of_scope", 1),
}


@pytest.mark.parametrize("case", sorted(OVER_HTTP))
def test_over_real_http(case: str, caplog: pytest.LogCaptureFixture) -> None:
    body, hang, expected, logged = OVER_HTTP[case]
    server = FakeRasa(body, hang)
    interpreter = RasaInterpreter(server.url, Canned(), timeout=0.3)
    try:
        with caplog.at_level(logging.WARNING, logger=LOGGER):
            intents = [interpreter.parse("thank you!", "en").intent for _ in range(2)]
    finally:
        interpreter.close()
        server.close()
    assert intents == [expected] * 2
    assert len(warnings(caplog)) == logged


def test_connection_refused_falls_back(caplog: pytest.LogCaptureFixture) -> None:
    fallback = Canned()
    interpreter = RasaInterpreter(f"http://127.0.0.1:{free_port()}", fallback)
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        assert interpreter.parse("hallo", "nl").intent == "out_of_scope"
        assert interpreter.parse("hallo", "nl").intent == "out_of_scope"
    assert len(fallback.calls) == 2 and len(warnings(caplog)) == 1


# ---- training bookkeeping (no Rasa needed) --------------------------------------------------


@pytest.fixture
def bare_repo(tmp_path: Path) -> Path:
    """A repo with the pipeline config and one language file, but no .venv-rasa."""
    (tmp_path / CONFIG).parent.mkdir(parents=True)
    (tmp_path / CONFIG).write_text((REPO / CONFIG).read_text())
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "en.yml").write_text(
        'version: "3.1"\nnlu:\n- intent: greet\n  examples: |\n    - hi\n'
    )
    return tmp_path


def test_training_without_the_rasa_env_says_how_to_build_it(bare_repo: Path) -> None:
    with pytest.raises(RasaError, match="make rasa"):
        ensure_model(data_dir=bare_repo / "data", out_dir=bare_repo / "models", repo_root=bare_repo)


def test_a_current_model_is_not_retrained(bare_repo: Path) -> None:
    models = bare_repo / "models"
    models.mkdir()
    (models / f"{MODEL_NAME}.tar.gz").write_bytes(b"model")
    stamp = fingerprint(bare_repo / "data", bare_repo)
    (models / f"{MODEL_NAME}.fingerprint").write_text(stamp + "\n")
    kwargs = {"data_dir": bare_repo / "data", "out_dir": models, "repo_root": bare_repo}
    assert ensure_model(**kwargs) == models / f"{MODEL_NAME}.tar.gz"
    # Changed data means retraining, which here fails for want of Rasa.
    (bare_repo / "data" / "nl.yml").write_text((bare_repo / "data" / "en.yml").read_text())
    with pytest.raises(RasaError):
        ensure_model(**kwargs)


# ---- the real Rasa ---------------------------------------------------------------------------


@pytest.fixture
def rasa(rasa_server: RasaServer) -> tuple[RasaInterpreter, Canned]:
    fallback = Canned()
    return RasaInterpreter(rasa_server.url, fallback, timeout=10.0), fallback


CLEAR = [
    ("en", "hello there", "greet"),
    ("en", "show me the proposals", "browse_proposals"),
    ("en", "I want to vote", "vote"),
    ("nl", "hoi", "greet"),
    ("nl", "ik wil stemmen", "vote"),
    ("nl", "bedankt!", "thanks"),
    ("tr", "merhaba", "greet"),
    ("tr", "oy vermek istiyorum", "vote"),
    ("tr", "teşekkürler", "thanks"),
    ("ar", "مرحبا", "greet"),
    ("ar", "شكرا جزيلا", "thanks"),
    ("ar", "أريد أن أصوت", "vote"),
    ("pl", "cześć", "greet"),
    ("pl", "chcę zagłosować", "vote"),
    ("pl", "dziękuję", "thanks"),
]


@rasa_test
@pytest.mark.parametrize(("language", "text", "intent"), CLEAR)
def test_rasa_understands_clear_messages(
    rasa: tuple[RasaInterpreter, Canned], language: str, text: str, intent: str
) -> None:
    interpreter, fallback = rasa
    parse = interpreter.parse(text, language)
    assert parse.intent == intent and fallback.calls == []
    assert parse.ranking[0].name == intent and 0.0 < parse.confidence <= 1.0


@rasa_test
def test_rasa_entities_come_back_normalised(rasa: tuple[RasaInterpreter, Canned]) -> None:
    interpreter, fallback = rasa
    parse = interpreter.parse("ik stem op nummer 12", "nl")
    ref = parse.entity("proposal_ref")
    assert fallback.calls == [] and ref is not None and ref.value == "12"


@rasa_test
def test_evaluation_reports_rasa_intent_accuracy(
    rasa: tuple[RasaInterpreter, Canned], record_property: Callable[[str, object], None]
) -> None:
    interpreter, fallback = rasa
    corpus = {lang: [e.text for e in ex] for lang, ex in load_dir(REPO / "data" / "nlu").items()}
    report = evaluate_directory(interpreter, HELD_OUT, corpus=corpus).to_json()
    record_property("rasa_evaluation", report)
    print(f"rasa on {HELD_OUT}: {report}")
    assert fallback.calls == []  # every answer was Rasa's own
    assert report["n"] == sum(len(examples) for examples in load_dir(HELD_OUT).values())
    assert set(report["per_language"]) == {"nl", "en", "tr", "ar", "pl"}
    # 91.5% when written (`benchmarks/nlu_rasa.py`); DIET training varies a little run to run.
    assert report["intent_accuracy"] >= 0.85


@rasa_test
def test_falls_back_when_the_rasa_server_stops(
    rasa_model: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fallback = Canned()
    server = start_server(model=rasa_model, port=free_port(), repo_root=REPO)
    interpreter = RasaInterpreter(server.url, fallback, timeout=10.0)
    try:
        assert interpreter.parse("hello there", "en").intent == "greet"
        assert fallback.calls == []
    finally:
        server.stop()
    with caplog.at_level(logging.WARNING, logger=LOGGER):
        answers = [interpreter.parse("hello there", "en").intent for _ in range(3)]
    assert answers == ["out_of_scope"] * 3 and len(fallback.calls) == 3
    assert len(warnings(caplog)) == 1
