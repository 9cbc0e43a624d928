"""Whole journeys over Telegram's webhook, in Dutch and Arabic, and delivery under failure."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy import select

from actions import campaigns, codes
from actions.store.database import Database
from actions.store.ideas import Idea
from actions.store.messaging import OutboxMessage
from actions.store.residents import Resident
from tests.conftest import SECRET
from tests.support.fake_telegram import FakeBotApi
from tests.support.telegram_resident import TelegramResident, wait_until_delivered


def a_code(database: Database, slug: str = "west") -> str:
    with database.transaction() as session:
        found = campaigns.by_slug(session, slug=slug)
        assert found is not None
        return codes.generate(session, campaign_id=found.id, count=1, pepper=SECRET)[0]


def test_a_dutch_resident_votes_to_a_receipt(
    client: TestClient, fake_api: FakeBotApi, database: Database
) -> None:
    piet = TelegramResident(client, fake_api, database, chat_id=31600000001, language_code="nl")
    piet.say("/start west").expect("Zullen we verdergaan in het Nederlands?")
    piet.tap("Nederlands").expect("Privacy").tap_nth(1)
    piet.say("ik wil stemmen").expect("stemcode")
    piet.say(a_code(database).lower()).expect("€\xa00 van €\xa0300.000")
    piet.tap_nth(1)  # add a proposal
    piet.tap("#3 ").expect("#3")
    piet.tap_nth(3)  # review
    piet.tap_nth(1).expect("Bedankt voor je stem")  # confirm


def test_an_arabic_resident_browses_and_votes(
    client: TestClient, fake_api: FakeBotApi, database: Database
) -> None:
    amina = TelegramResident(client, fake_api, database, chat_id=31600000002, language_code="ar")
    amina.say("/start west")
    assert amina.buttons()[0][0] == "العربية"
    amina.tap("العربية").tap_nth(1)
    amina.say("/proposals").tap_nth(3).tap("#2 ")
    amina.tap_nth(2)  # add to my ballot: needs the voting code first
    amina.say(a_code(database))
    assert "#2" in amina.text
    amina.tap_nth(3).tap_nth(1)  # review, confirm
    with database.transaction() as session:
        resident = session.scalars(select(Resident)).one()
        assert resident.language == "ar"


def test_an_idea_with_a_photo_and_a_location(
    client: TestClient, fake_api: FakeBotApi, database: Database
) -> None:
    piet = TelegramResident(client, fake_api, database, chat_id=31600000003, language_code="nl")
    piet.say("/start duinoord").tap("Nederlands").tap_nth(1)
    piet.say("/idea").say("Bankjes in de Reinkenstraat")
    piet.say("Twee bankjes bij de speeltuin, zodat opa en oma kunnen zitten.")
    piet.share_location(52.0841, 4.2913)
    piet.say("2500").send_photo("AgACAgQAAxkBAAIBZ2V_large")
    piet.tap_nth(1)  # send my idea
    piet.expect("DUINOORD-0001")
    with database.transaction() as session:
        idea = session.scalars(select(Idea)).one()
        assert idea.photo_ref == "telegram:AgACAgQAAxkBAAIBZ2V_large"
        assert (idea.latitude, idea.cost) == (52.0841, 2500)


def test_a_bot_api_outage_then_recovery_delivers_every_reply_once_in_order(
    client: TestClient, fake_api: FakeBotApi, database: Database
) -> None:
    piet = TelegramResident(client, fake_api, database, chat_id=31600000004, language_code="nl")
    fake_api.outage = True
    piet.post(piet._message(text="/start west"), wait=False)
    piet.post(piet._message(text="/help"), wait=False)
    with database.transaction() as session:
        rows = list(session.scalars(select(OutboxMessage)))
        assert rows and all(r.status in {"pending", "sending"} for r in rows)
    fake_api.outage = False
    wait_until_delivered(database, timeout=60)
    texts = fake_api.texts(31600000004)
    with database.transaction() as session:
        rows = list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    assert len(texts) == len(rows) == len(set(texts))  # each once
    assert "Zullen we verdergaan" in texts[1] and "Zo werkt deze chat" in texts[-1]


def test_a_429_is_retried_after_the_time_telegram_asks(
    client: TestClient, fake_api: FakeBotApi, database: Database
) -> None:
    fake_api.errors.append((429, "Too Many Requests: retry after 1", {"retry_after": 1}))
    piet = TelegramResident(client, fake_api, database, chat_id=31600000005, language_code="nl")
    piet.say("/start west")
    assert len(fake_api.texts(31600000005)) == 2  # greeting and language question, once each
    with database.transaction() as session:
        retried = session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)).first()
        assert retried is not None and retried.attempts == 2 and retried.status == "sent"


def test_a_blocked_bot_marks_the_resident_unreachable(
    client: TestClient, fake_api: FakeBotApi, database: Database
) -> None:
    fake_api.errors.append((403, "Forbidden: bot was blocked by the user", {}))
    piet = TelegramResident(client, fake_api, database, chat_id=31600000006, language_code="nl")
    piet.say("/start west")
    with database.transaction() as session:
        assert session.scalars(select(Resident)).one().unreachable
        failed = session.scalars(select(OutboxMessage).where(OutboxMessage.status == "failed"))
        assert len(list(failed)) == 1
