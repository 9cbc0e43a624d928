"""Free text goes through the NLU: journeys by intent, language switches, clarification."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import func, select

from actions.store.database import Database
from actions.store.residents import Resident
from actions.store.voting import Ballot
from bot.engine.engine import Engine
from bot.engine.i18n import Catalogs
from bot.engine.services import Services
from nlu.interpreter import IntentScore, Parse
from tests.support.chat import Chat


def language_of(database: Database) -> str | None:
    with database.transaction() as session:
        return session.scalars(select(Resident.language)).one()


def test_typed_wishes_open_the_journeys(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.say("I want to vote").expect("voting code")
    chat.say("/menu").say("show me the proposals").expect("How would you like to look?")
    chat.say("/menu").say("how much money is there?").expect("Budget: €300,000")


def test_asking_for_another_language_switches_at_once(
    chat: Chat, database: Database, catalogs: Catalogs
) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.say("can we speak Turkish please?")
    assert language_of(database) == "tr"
    assert catalogs.get("tr")._("What would you like to do?") in chat.text


def test_naming_the_current_language_offers_the_others(chat: Chat, database: Database) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.say("my English is not so good, other language?").expect("Choose your language:")
    assert language_of(database) == "en"
    chat.tap("Türkçe")
    assert language_of(database) == "tr"


def test_a_long_message_in_another_language_switches(chat: Chat, database: Database) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.say("ik wil graag de plannen voor mijn buurt bekijken alsjeblieft")
    assert language_of(database) == "nl"
    chat.expect("Ik ga verder in het Nederlands")


def test_one_or_two_words_never_switch_the_language(chat: Chat, database: Database) -> None:
    chat.start("west").tap("English").tap("I agree")
    for text in ["ja", "evet", "tak", "dank je", "nie wiem", "tamam"]:
        chat.say(text)
        assert language_of(database) == "en", text


def test_a_guess_never_confirms_a_ballot(chat: Chat, database: Database) -> None:
    from actions import campaigns, codes
    from tests.conftest import SECRET

    with database.transaction() as session:
        west = campaigns.by_slug(session, slug="west")
        assert west is not None
        (code,) = codes.generate(session, campaign_id=west.id, count=1, pepper=SECRET)
    chat.start("west").tap("English").tap("I agree").tap("Vote").say(code)
    chat.tap("Add a proposal").tap_first_row().tap("Review and vote")
    for text in ["yes", "ok confirm it", "yes please vote", "sure"]:
        chat.say(text)
        assert chat.last
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Ballot)) == 0
    chat.say("/vote").tap("Review and vote").tap("Confirm my vote").expect("Thank you for voting")


class Unsure:
    """An interpreter torn between two meanings."""

    name = "unsure"

    def parse(self, text: str, language: str) -> Parse:
        ranking = (IntentScore("campaign_info", 0.41), IntentScore("browse_proposals", 0.38))
        return Parse(text, "campaign_info", 0.41, ranking)


def test_below_the_threshold_the_two_likeliest_meanings_are_offered(
    database: Database, services: Services, demo_campaigns: None
) -> None:
    engine = Engine(database, replace(services, interpreter=Unsure()))
    chat = Chat(engine, locale="en").start("west").tap("English").tap("I agree")
    chat.say("tell me about the money thing").expect("Did you mean")
    assert chat.options == ["About this budget", "See the proposals", "Menu"]
    chat.tap("About this budget").expect("Budget: €300,000")


def test_unclear_text_offers_the_likeliest_meanings(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.say("hmm the thing with the money and the park")
    assert chat.last
    assert chat.options, "there is always something to tap"
