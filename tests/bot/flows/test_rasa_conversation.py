"""A whole conversation with the real Rasa model understanding the free text."""

from __future__ import annotations

import pytest

from actions import campaigns, codes
from actions.store.database import Database
from bot.engine.engine import Engine
from bot.engine.services import Services
from nlu.rasa_client import RasaInterpreter
from nlu.rasa_train import RasaServer
from tests.conftest import SECRET
from tests.support.chat import Chat

pytestmark = [pytest.mark.rasa, pytest.mark.timeout(1800)]


class NoFallback:
    """Fails the test if pbchat had to fall back to the builtin interpreter."""

    name = "none"

    def parse(self, text: str, language: str):  # type: ignore[no-untyped-def]
        raise AssertionError(f"Rasa did not answer {text!r}")


def test_a_resident_votes_in_dutch_with_rasa_understanding(
    rasa_server: RasaServer, database: Database, services: Services, demo_campaigns: None
) -> None:
    rasa = RasaInterpreter(rasa_server.url, NoFallback(), timeout=10.0)  # type: ignore[arg-type]
    engine = Engine(database, Services(
        catalogs=services.catalogs, interpreter=rasa, guess_language=services.guess_language,
        secret=services.secret, clock=services.clock,
    ))
    with database.transaction() as session:
        west = campaigns.by_slug(session, slug="west")
        assert west is not None
        (code,) = codes.generate(session, campaign_id=west.id, count=1, pepper=SECRET)
    chat = Chat(engine, locale="nl").start("west").tap("Nederlands").tap("Ik ga akkoord")
    chat.say("ik wil stemmen").expect("stemcode")
    chat.say(code).expect("je code klopt")
    chat.say("hulp").expect("Zo werkt deze chat")
    chat.say("/vote").tap("Plan toevoegen").tap_first_row()
    chat.tap("Controleer en stem").tap("Bevestig mijn stem").expect("Bedankt voor je stem")
