"""Starting: campaign from a deep link, language from the locale hint, consent."""

from __future__ import annotations

from sqlalchemy import select

from actions.store.database import Database
from actions.store.residents import Resident
from bot.engine.engine import Engine
from tests.support.chat import Chat


def resident(database: Database) -> Resident:
    with database.transaction() as session:
        return session.scalars(select(Resident)).one()


def test_a_deep_link_chooses_the_campaign_and_the_hint_the_language(
    engine: Engine, demo_campaigns: None, database: Database
) -> None:
    chat = Chat(engine, locale="tr-TR").start("west")
    assert chat.options[0] == "Türkçe"  # the hinted language is offered first
    chat.tap("Türkçe")
    assert resident(database).language == "tr"
    assert resident(database).consent_at is None


def test_without_a_deep_link_the_resident_chooses(chat: Chat) -> None:
    chat.say("hello").expect("Which budget")
    chat.expect_option("West Begroot", "Duinoord")


def test_an_unknown_campaign_is_said_plainly(chat: Chat) -> None:
    chat.start("nowhere").expect("I don't know a budget called", "Which budget")


def test_consent_is_recorded(chat: Chat, database: Database) -> None:
    chat.start("west").tap("English").expect("Privacy").tap("I agree")
    chat.expect("What would you like to do?")
    assert resident(database).consent_at is not None


def test_a_hint_in_another_language_falls_back_to_the_campaign_default(
    engine: Engine, demo_campaigns: None, database: Database
) -> None:
    chat = Chat(engine, locale="ja-JP").start("west")
    assert chat.options[0] == "Nederlands"
