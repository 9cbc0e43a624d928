"""Bad input never crashes a conversation and never loses the resident's place."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from actions.store.database import Database
from actions.store.residents import Resident
from bot.engine.engine import Engine
from tests.support.chat import Chat


def open_idea(chat: Chat) -> Chat:
    return chat.start("duinoord").tap("English").tap("I agree").tap("Share an idea")


def test_an_over_long_message_is_refused_and_the_step_kept(chat: Chat) -> None:
    open_idea(chat).say("x" * 5000).expect("too long (5,000 characters)", "short title")


@pytest.mark.parametrize(
    "text", ["", "   ", "\x00\x07\x1b[31m", "🙂🙂🙂", "12345678901234567890", "مرحبا hello cześć"]
)
def test_odd_text_gets_an_answer(chat: Chat, text: str) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.say(text)
    assert chat.last, "every message gets an answer"


def test_an_unknown_payload_gets_a_clear_answer(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.press("nonsense:42").expect("no longer active", "What would you like to do?")


def test_a_location_or_photo_where_none_is_expected(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.share_location(52.37, 4.89).expect("can't use a location here")
    chat.send_photo("abc").expect("can't use a photo here")


def test_a_restart_continues_where_the_resident_was(
    engine: Engine, demo_campaigns: None, database: Database, services
) -> None:
    chat = open_idea(Chat(engine, locale="en"))
    chat.say("A water tap in the park").expect("Describe your idea")
    # A new process: a fresh engine on the same database.
    restarted = Chat(Engine(database, services), locale="en")
    restarted.say("Drinking water for children and dogs on hot summer days.")
    restarted.expect("Where should it happen?")


def test_a_duplicate_delivery_is_answered_once(engine: Engine, demo_campaigns: None) -> None:
    from bot.engine.messages import Inbound

    first = engine.handle(Inbound("test", "u1", start_param="west", message_id="same"))
    again = engine.handle(Inbound("test", "u1", start_param="west", message_id="same"))
    assert first and again == []


def test_no_user_ids_in_logs(chat: Chat, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    chat.user = "+31612345678"
    chat.start("west").tap("English").tap("I agree").say("/menu")
    assert "31612345678" not in caplog.text


def test_the_resident_row_holds_only_a_pseudonym_besides_the_address(
    chat: Chat, database: Database
) -> None:
    chat.user = "+31612345678"
    chat.start("west")
    with database.transaction() as session:
        row = session.scalars(select(Resident)).one()
    assert "31612345678" not in row.voter_key
    assert row.address == "+31612345678"
