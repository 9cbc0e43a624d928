"""The pieces without HTTP: tokens, rendering, languages, rate limits."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.channels.web.limits import Limiter
from bot.channels.web.render import bot_body, option_label, safe_image_url
from bot.channels.web.session import SessionTokens, TokenError
from bot.channels.web.ui import preferred_languages
from bot.engine.messages import Button, ListRow, Reply
from tests.support.chat import FakeClock


def test_a_token_stands_for_a_random_session_of_a_campaign() -> None:
    tokens = SessionTokens(b"secret", FakeClock())
    token, issued = tokens.issue("west")
    other, second = tokens.issue("west")
    assert tokens.verify(token) == issued
    assert issued.campaign == "west" and issued.id != second.id and token != other


@pytest.mark.parametrize(("token", "status"), [(None, 401), ("", 401), ("abc", 403), ("a.b", 403)])
def test_what_is_not_a_token(token: str | None, status: int) -> None:
    with pytest.raises(TokenError) as raised:
        SessionTokens(b"secret", FakeClock()).verify(token)
    assert raised.value.status == status


def test_a_token_expires() -> None:
    clock = FakeClock()
    tokens = SessionTokens(b"secret", clock, max_age=timedelta(days=1))
    token, _ = tokens.issue("west")
    clock.now += timedelta(days=1, seconds=1)
    with pytest.raises(TokenError, match="expired"):
        tokens.verify(token)


def test_a_reply_becomes_the_widgets_json() -> None:
    reply = Reply(
        text="#3 Benches\n€4,000",
        buttons=(Button("g:menu", "Menu"),),
        rows=(ListRow("p:3", "#3 Benches", "€4,000 · Two benches"),),
        list_label="Proposals",
        image_url="/static/demo/west-03.svg",
        language="ar",
        rtl=True,
    )
    body = bot_body(reply)
    assert body["image"] == {"url": "/static/demo/west-03.svg", "alt": "#3 Benches"}
    assert body["rtl"] is True and body["list_label"] == "Proposals"
    assert option_label(body, "p:3") == "#3 Benches"
    assert option_label(body, "g:menu") == "Menu"
    assert option_label(body, "g:vote") is None


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.org/a.png", True),
        ("/static/demo/a.svg", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        ("data:image/svg+xml,<svg onload=alert(1)>", False),
        ("//evil.example/a.png", False),
        ("", False),
    ],
)
def test_only_web_images_are_shown(url: str, kept: bool) -> None:
    assert (safe_image_url(url) is not None) is kept


def test_accept_language_is_read_by_preference() -> None:
    header = "fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5, nl;q=0"
    assert preferred_languages(header) == ["fr-CH", "fr", "en", "de"]
    assert preferred_languages(None) == []
    assert preferred_languages("tr;q=abc, ar") == ["ar"]


def test_a_limiter_refuses_past_the_burst_and_recovers() -> None:
    now = [0.0]
    limiter = Limiter(rate=1.0, burst=2, clock=lambda: now[0])
    assert [limiter.check("a"), limiter.check("a")] == [0.0, 0.0]
    assert limiter.check("a") == pytest.approx(1.0)
    assert limiter.check("b") == 0.0  # each sender has a bucket of its own
    now[0] += 2.0
    assert limiter.check("a") == 0.0
