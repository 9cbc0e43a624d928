"""Delivering one outbox row to the fake Graph API: errors, the 24-hour window, partial sends."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.channels.whatsapp.graph import GraphApi
from bot.channels.whatsapp.transport import WhatsAppTransport
from bot.delivery.codec import to_json
from bot.delivery.outbox import Claimed
from bot.delivery.sender import Outcome
from bot.engine.messages import Button, Reply
from tests.support.fake_whatsapp import FakeGraphApi

TO = "905321234567"
NOW = datetime.now(UTC)


def row(
    reply: Reply | None = None,
    *,
    kind: str = "reply",
    row_id: int = 1,
    last_inbound_at: datetime | None = NOW,
) -> Claimed:
    payload = (
        to_json(reply or Reply("Merhaba!", language="tr"))
        if kind == "reply"
        else {"code": "idea_accepted", "params": {"reference": "WEST-0007", "title": "Banklar"}}
    )
    return Claimed(
        id=row_id,
        channel="whatsapp",
        kind=kind,
        address=TO,
        payload=payload,
        attempts=0,
        resident_id=5,
        language="tr",
        last_inbound_at=last_inbound_at,
    )


def deliver(transport: WhatsAppTransport, item: Claimed) -> Outcome:
    return asyncio.run(transport.deliver(item))


def test_a_reply_is_sent_and_its_wamid_kept(
    transport: WhatsAppTransport, fake_graph: FakeGraphApi
) -> None:
    outcome = deliver(transport, row())
    (sent,) = fake_graph.messages(TO)
    assert outcome == Outcome("sent", sent.wamid)
    assert sent.message["to"] == TO and sent.text == "Merhaba!"


@pytest.mark.parametrize(
    ("status", "code", "expected", "unreachable"),
    [
        (400, 130429, "retry", False),  # throughput
        (400, 131056, "retry", False),  # pair rate limit
        (429, 4, "retry", False),
        (500, 131000, "retry", False),
        (503, 2, "retry", False),
        (401, 190, "retry", False),  # token expired: an operator fixes it, then it goes
        (400, 131026, "failed", True),  # undeliverable
        (400, 131051, "failed", False),  # unsupported type
        (400, 100, "failed", False),  # invalid parameter: retrying won't help
        (400, 131047, "held", False),  # outside the window, no template configured
    ],
)
def test_errors_map_to_outcomes(
    transport: WhatsAppTransport,
    fake_graph: FakeGraphApi,
    status: int,
    code: int,
    expected: str,
    unreachable: bool,
) -> None:
    fake_graph.errors.append((status, code, "refused"))
    outcome = deliver(transport, row())
    assert outcome.status == expected and outcome.unreachable is unreachable
    assert str(code) in outcome.error


def test_a_token_error_waits_a_quarter_of_an_hour(
    transport: WhatsAppTransport, fake_graph: FakeGraphApi
) -> None:
    fake_graph.errors.append((401, 190, "Error validating access token"))
    assert deliver(transport, row()).retry_after == 900.0


def test_an_unreachable_graph_api_is_retried(transport: WhatsAppTransport) -> None:
    api = GraphApi(base_url="http://127.0.0.1:9/v21.0", phone_number_id="1", token="t")
    transport.api = api
    assert deliver(transport, row()).status == "retry"


def test_a_retried_row_does_not_repeat_the_parts_already_sent(
    transport: WhatsAppTransport, fake_graph: FakeGraphApi
) -> None:
    long = Reply(
        "Uzun metin. " * 150 + "\n\nGönderelim mi?", buttons=(Button("i:submit", "Gönder"),)
    )
    item = row(long, row_id=77)

    # The text part goes, the interactive part meets an outage.
    async def first_try() -> Outcome:
        original = transport.api.send
        calls = 0

        async def flaky(to: str, call: object) -> str | None:
            nonlocal calls
            calls += 1
            if calls == 2:
                fake_graph.outage = True
            return await original(to, call)  # type: ignore[arg-type]

        transport.api.send = flaky  # type: ignore[method-assign]
        try:
            return await transport.deliver(item)
        finally:
            transport.api.send = original  # type: ignore[method-assign]
            fake_graph.outage = False

    assert asyncio.run(first_try()).status == "retry"
    assert [s.type for s in fake_graph.messages(TO)] == ["text"]
    assert deliver(transport, item).status == "sent"
    assert [s.type for s in fake_graph.messages(TO)] == ["text", "interactive"]


def test_inside_the_window_a_notice_is_free_form(
    transport: WhatsAppTransport, fake_graph: FakeGraphApi
) -> None:
    outcome = deliver(transport, row(kind="notice", last_inbound_at=NOW - timedelta(hours=23)))
    (sent,) = fake_graph.messages(TO)
    assert outcome.status == "sent" and outcome.template is None
    assert sent.type == "interactive" and "WEST-0007" in sent.text


def test_outside_the_window_without_a_template_a_notice_is_held(
    transport: WhatsAppTransport, fake_graph: FakeGraphApi
) -> None:
    outcome = deliver(transport, row(kind="notice", last_inbound_at=NOW - timedelta(hours=25)))
    assert outcome.status == "held" and fake_graph.messages() == []


@pytest.mark.parametrize("notice_template", ["pbchat_notice"])
def test_outside_the_window_a_template_in_the_resident_s_language(
    transport: WhatsAppTransport, fake_graph: FakeGraphApi, notice_template: str
) -> None:
    outcome = deliver(transport, row(kind="notice", last_inbound_at=NOW - timedelta(hours=25)))
    (sent,) = fake_graph.messages(TO)
    assert outcome == Outcome("sent", sent.wamid, template="pbchat_notice")
    assert sent.type == "template" and sent.content["language"] == {"code": "tr"}
    assert "WEST-0007" in sent.text


@pytest.mark.parametrize("notice_template", ["pbchat_notice"])
def test_when_whatsapp_says_the_window_closed_the_template_is_used(
    transport: WhatsAppTransport, fake_graph: FakeGraphApi, notice_template: str
) -> None:
    fake_graph.errors.append((400, 131047, "Re-engagement message"))
    outcome = deliver(transport, row(kind="notice"))
    assert outcome.status == "sent" and outcome.template == "pbchat_notice"
    assert [s.type for s in fake_graph.messages(TO)] == ["template"]


@pytest.mark.parametrize("notice_template", ["pbchat_notice"])
def test_a_missing_template_translation_holds_the_row(
    transport: WhatsAppTransport, fake_graph: FakeGraphApi, notice_template: str
) -> None:
    fake_graph.errors.append((404, 132001, "Template name does not exist in the translation"))
    outcome = deliver(transport, row(kind="notice", last_inbound_at=NOW - timedelta(days=3)))
    assert outcome.status == "held"
