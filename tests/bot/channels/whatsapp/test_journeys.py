"""Whole journeys over WhatsApp in Turkish and Polish; delivery under failure; 24 hours."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from actions import campaigns, codes
from actions.store.database import Database
from actions.store.ideas import Idea
from actions.store.messaging import OutboxMessage
from actions.store.residents import Conversation, Resident
from actions.store.voting import Ballot
from bot import notices
from bot.engine.i18n import Catalogs, Translator
from bot.flows.widgets import language_name
from tests.conftest import SECRET
from tests.support.chat import FakeClock
from tests.support.fake_whatsapp import FakeGraphApi
from tests.support.whatsapp_resident import WhatsAppResident, wait_until_delivered

RESIDENTS = {"ayse": "tr", "marek": "pl"}


def a_code(database: Database, slug: str = "west") -> str:
    with database.transaction() as session:
        found = campaigns.by_slug(session, slug=slug)
        assert found is not None
        return codes.generate(session, campaign_id=found.id, count=1, pepper=SECRET)[0]


def turns(database: Database) -> int:
    with database.transaction() as session:
        return sum(c.turns for c in session.scalars(select(Conversation)))


def titles(resident: WhatsAppResident) -> list[str]:
    return [option[0] for option in resident.options()]


def begin(resident: WhatsAppResident, t: Translator, slug: str) -> None:
    """Opens the chat with a wa.me deep-link text, keeps the hinted language, consents."""
    resident.say(f"start {slug}")
    assert titles(resident)[0] == language_name(t.language)  # the country code's language first
    resident.tap_nth(1)
    resident.tap(t._("I agree"))


@pytest.mark.parametrize("who", sorted(RESIDENTS))
def test_browse_more_than_ten_proposals_and_vote_to_a_receipt(
    request: pytest.FixtureRequest, catalogs: Catalogs, database: Database, who: str
) -> None:
    resident: WhatsAppResident = request.getfixturevalue(who)
    t = catalogs.get(RESIDENTS[who])
    begin(resident, t, "west")
    resident.tap_id("g:browse").tap_id("b:all")
    # Ten proposals with "More" and "Menu" are 12 options: WhatsApp shows 9 and a "more" row.
    shown = titles(resident)
    assert len(shown) == 10 and shown[0].startswith("#1 ") and shown[8].startswith("#9 ")
    assert shown[-1].startswith(f"{t._('More')} (3)")
    before = turns(database)
    resident.tap_id("wa:page:")
    assert turns(database) == before, "the next page of a list is no turn"
    assert [o[1] for o in resident.options()] == ["p:10", "b:next", "g:menu"]
    resident.tap_id("b:next")  # the flow's own next page: proposals 11 to 20
    resident.tap_id("wa:page:").tap_id("b:next")  # and 21 to 26 (eight options: one list)
    assert [o[1] for o in resident.options()][:6] == [f"p:{n}" for n in range(21, 27)]
    resident.tap_id("p:23").expect("#23")
    resident.tap(t._("Add to my ballot"))  # asks for the voting code first
    resident.say(a_code(database))
    resident.expect("#23", t.money(300_000))
    resident.tap(t._("Review and vote")).tap(t._("Confirm my vote"))
    with database.transaction() as session:
        ballot = session.scalars(select(Ballot)).one()
        assert ballot.channel == "whatsapp"
        receipt = ballot.receipt
    resident.expect(receipt)


@pytest.mark.parametrize("who", sorted(RESIDENTS))
def test_an_idea_with_a_location_and_a_photo(
    request: pytest.FixtureRequest, catalogs: Catalogs, database: Database, who: str
) -> None:
    resident: WhatsAppResident = request.getfixturevalue(who)
    t = catalogs.get(RESIDENTS[who])
    begin(resident, t, "duinoord")
    resident.tap(t._("Share an idea"))
    resident.say("Banklar" if who == "ayse" else "Ławki przy placu zabaw")
    resident.say(
        "Oyun alanının yanına iki bank koyalım, büyükanneler oturabilsin."
        if who == "ayse"
        else "Dwie ławki przy placu zabaw, żeby dziadkowie mogli usiąść."
    )
    resident.share_location(52.0841, 4.2913).expect(t._("Thank you, I've saved the location."))
    resident.say("2500").send_photo("1479537139650973", caption="burada")
    resident.expect(t._("Photo: {value}", value=t._("yes")))
    resident.tap(t._("Send my idea")).expect("DUINOORD-0001")
    with database.transaction() as session:
        idea = session.scalars(select(Idea)).one()
        assert idea.photo_ref == "whatsapp:1479537139650973"
        assert (idea.latitude, idea.longitude, idea.cost) == (52.0841, 4.2913, 2500)


def test_every_message_of_a_long_session_obeys_the_limits(
    ayse: WhatsAppResident, fake_graph: FakeGraphApi
) -> None:
    ayse.say("start west").tap_nth(1).tap_nth(1)
    for payload in ("g:browse", "b:themes"):
        ayse.tap_id(payload)
    ayse.tap_nth(1).tap_id("p:").tap_id("b:more").tap_id("g:menu").tap_id("g:help")
    ayse.say("/language")
    interactive = [s for s in fake_graph.messages() if s.type == "interactive"]
    assert len(interactive) >= 8
    # The fake refuses what the Cloud API would refuse; the conftest asserts nothing was.
    assert fake_graph.rejected == []


def test_an_outage_then_recovery_delivers_every_message_once_in_order(
    ayse: WhatsAppResident, fake_graph: FakeGraphApi, database: Database
) -> None:
    fake_graph.outage = True
    ayse.post(ayse.notification("text", {"body": "start west"}), wait=False)
    ayse.post(ayse.notification("text", {"body": "/help"}), wait=False)
    with database.transaction() as session:
        rows = list(session.scalars(select(OutboxMessage)))
        assert rows and all(r.status in {"pending", "sending"} for r in rows)
    fake_graph.outage = False
    wait_until_delivered(database, timeout=60)
    with database.transaction() as session:
        rows = list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))
    sent = fake_graph.messages(ayse.wa_id)
    assert len(sent) == len(rows) and len({s.text for s in sent}) == len(sent)
    assert [r.provider_message_id for r in rows] == [s.wamid for s in sent]


def test_a_rate_limit_error_is_retried(
    ayse: WhatsAppResident, fake_graph: FakeGraphApi, database: Database
) -> None:
    fake_graph.errors.append((400, 130429, "Rate limit hit"))
    ayse.say("merhaba")
    assert len(fake_graph.messages(ayse.wa_id)) == 1
    with database.transaction() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.status, row.attempts) == ("sent", 2)


def test_an_invalid_parameter_is_not_retried(
    ayse: WhatsAppResident, fake_graph: FakeGraphApi, database: Database
) -> None:
    fake_graph.errors.append((400, 100, "Invalid parameter"))
    ayse.say("merhaba")
    with database.transaction() as session:
        row = session.scalars(select(OutboxMessage)).one()
        assert (row.status, row.attempts, row.address) == ("failed", 1, None)
    assert fake_graph.messages() == []


def test_an_undeliverable_number_is_marked_unreachable(
    ayse: WhatsAppResident, fake_graph: FakeGraphApi, database: Database
) -> None:
    fake_graph.errors.append((400, 131026, "Message undeliverable"))
    ayse.say("merhaba")
    with database.transaction() as session:
        assert session.scalars(select(Resident)).one().unreachable


# --- the 24-hour customer-service window ---------------------------------------------------


def notice_after_a_day(database: Database, clock: FakeClock) -> int:
    """Moves the resident's last message 25 hours back and queues a moderation notice."""
    with database.transaction() as session:
        resident = session.scalars(select(Resident)).one()
        session.execute(update(Resident).values(last_inbound_at=clock.now - timedelta(hours=25)))
        row = OutboxMessage(
            channel="whatsapp",
            resident_id=resident.id,
            address=resident.address,
            kind="notice",
            payload={
                "code": "idea_accepted",
                "params": {"reference": "DUINOORD-0001", "title": "Banklar"},
            },
        )
        session.add(row)
        session.flush()
        return row.id


@pytest.mark.parametrize("notice_template", ["pbchat_notice"])
def test_outside_the_window_a_notice_is_a_template_in_the_resident_s_language(
    ayse: WhatsAppResident,
    fake_graph: FakeGraphApi,
    database: Database,
    clock: FakeClock,
    catalogs: Catalogs,
    notice_template: str,
) -> None:
    ayse.say("start duinoord").tap_nth(1)
    row_id = notice_after_a_day(database, clock)
    (sent,) = ayse.collect()
    expected = notices.render(
        catalogs,
        code="idea_accepted",
        params={"reference": "DUINOORD-0001", "title": "Banklar"},
        language="tr",
    )
    assert sent.type == "template"
    assert sent.content["name"] == "pbchat_notice"
    assert sent.content["language"] == {"code": "tr"}
    assert sent.text == " ".join(expected.text.split())
    with database.transaction() as session:
        row = session.get(OutboxMessage, row_id)
        assert row is not None and (row.status, row.template) == ("sent", "pbchat_notice")


def test_outside_the_window_without_a_template_a_notice_waits_for_the_resident(
    ayse: WhatsAppResident, fake_graph: FakeGraphApi, database: Database, clock: FakeClock
) -> None:
    ayse.say("start duinoord").tap_nth(1)
    row_id = notice_after_a_day(database, clock)
    wait_until_delivered(database)  # the sender has looked at it: it is no longer pending
    with database.transaction() as session:
        row = session.get(OutboxMessage, row_id)
        assert row is not None
    assert row.status == "held" and row.template is None
    assert ayse.collect() == []
    ayse.say("merhaba")  # the resident writes: the window opens, the notice goes first
    assert "DUINOORD-0001" in ayse.last[0].text and ayse.last[0].type == "interactive"
    with database.transaction() as session:
        row = session.get(OutboxMessage, row_id)
        assert row is not None and (row.status, row.template) == ("sent", None)
