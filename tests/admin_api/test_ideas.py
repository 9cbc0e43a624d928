"""Ideas: filters, moderation through the allowed transitions, notices, proposals from ideas."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from actions import campaigns, forget, submit_idea, web_photos
from actions.store.database import Database
from actions.store.ideas import Idea
from actions.store.messaging import OutboxMessage
from actions.store.residents import Resident
from actions.store.web import WebPhoto
from tests.admin_api.conftest import Api, add_idea, add_resident
from tests.support.chat import FakeClock


def notices(database: Database) -> list[OutboxMessage]:
    with database.transaction() as session:
        return list(session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def ideas_url(campaign_id: int) -> str:
    return f"/campaigns/{campaign_id}/ideas"


def idea_id(api: Api, campaign_id: int, number: int) -> int:
    items = api.get(ideas_url(campaign_id), params={"limit": 500}).json()["items"]
    return next(i["id"] for i in items if i["number"] == number)


def test_a_rejection_reaches_the_resident_through_their_channel(
    moderator: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    piet = add_resident(database, user="31600000001", campaign_id=mini, now=clock.now)
    reference = add_idea(database, campaign_id=mini, resident_id=piet)
    assert reference == "MINI-0001"
    url = f"{ideas_url(mini)}/{idea_id(moderator, mini, 1)}/moderation"
    response = moderator.post(url, json={"status": "rejected", "reason": "Outside the district."})
    assert response.status_code == 200, response.text
    assert response.json()["notified"] is True
    assert response.json()["idea"]["status"] == "rejected"
    (notice,) = notices(database)
    assert (notice.kind, notice.channel, notice.resident_id, notice.address) == (
        "notice",
        "telegram",
        piet,
        "31600000001",
    )
    assert notice.payload == {
        "code": "idea_rejected",
        "params": {
            "reference": "MINI-0001",
            "title": "Benches by the playground",
            "reason": "Outside the district.",
        },
    }


def test_moderation_follows_the_allowed_transitions(
    moderator: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    resident = add_resident(database, user="r", campaign_id=mini, now=clock.now)
    add_idea(database, campaign_id=mini, resident_id=resident)
    url = f"{ideas_url(mini)}/{idea_id(moderator, mini, 1)}/moderation"
    no_reason = moderator.post(url, json={"status": "rejected"})
    assert no_reason.status_code == 422
    assert no_reason.json()["error"]["details"][0]["code"] == "reason_required"
    assert moderator.post(url, json={"status": "in_review"}).status_code == 200
    assert moderator.post(url, json={"status": "in_review"}).status_code == 409
    assert moderator.post(url, json={"status": "accepted"}).json()["idea"]["status"] == "accepted"
    response = moderator.post(url, json={"status": "rejected", "reason": "Changed our mind"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "invalid_transition"
    assert moderator.post(url, json={"status": "submitted"}).status_code == 422
    assert [n.payload["code"] for n in notices(database)] == ["idea_in_review", "idea_accepted"]


def test_a_merge_names_the_idea_merged_into(
    moderator: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    resident = add_resident(database, user="r", campaign_id=mini, now=clock.now)
    add_idea(database, campaign_id=mini, resident_id=resident)
    add_idea(database, campaign_id=mini, resident_id=resident, title="More benches please")
    first, second = idea_id(moderator, mini, 1), idea_id(moderator, mini, 2)
    url = f"{ideas_url(mini)}/{second}/moderation"
    to_itself = moderator.post(url, json={"status": "merged", "merged_into": second})
    assert to_itself.status_code == 422
    assert moderator.post(url, json={"status": "merged"}).status_code == 422
    merged = moderator.post(url, json={"status": "merged", "merged_into": first}).json()
    assert merged["idea"]["merged_into"] == first
    assert notices(database)[-1].payload["params"]["merged_into"] == "MINI-0001"


def test_nobody_is_told_who_opted_out_or_was_forgotten(
    moderator: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    quiet = add_resident(database, user="quiet", campaign_id=mini, now=clock.now)
    gone = add_resident(database, user="gone", campaign_id=mini, now=clock.now)
    add_idea(database, campaign_id=mini, resident_id=quiet)
    add_idea(database, campaign_id=mini, resident_id=gone)
    with database.transaction() as session:
        session.get_one(Resident, quiet).opted_out = True
        forget.forget(session, resident_id=gone)
    for number in (1, 2):
        url = f"{ideas_url(mini)}/{idea_id(moderator, mini, number)}/moderation"
        assert moderator.post(url, json={"status": "accepted"}).json()["notified"] is False
    assert notices(database) == []


def test_ideas_are_filtered(viewer: Api, database: Database, mini: int, clock: FakeClock) -> None:
    resident = add_resident(database, user="r", campaign_id=mini, now=clock.now)
    add_idea(database, campaign_id=mini, resident_id=resident, language="nl")
    clock.now += timedelta(days=2)
    add_idea(
        database,
        campaign_id=mini,
        resident_id=resident,
        language="en",
        channel="whatsapp",
        neighbourhood="centre",
    )
    url = ideas_url(mini)

    def numbers(**params: str) -> list[int]:
        return [i["number"] for i in viewer.get(url, params=params).json()["items"]]

    assert numbers() == [1, 2]
    assert numbers(language="en") == [2]
    assert numbers(channel="whatsapp") == [2]
    assert numbers(neighbourhood="centre") == [2]
    assert numbers(status="submitted") == [1, 2]
    assert numbers(status="accepted") == []
    # The ideas' created_at is the database's clock, so bound by "now" rather than the fake one.
    assert numbers(created_to="2000-01-01T00:00:00Z") == []
    assert numbers(created_from="2000-01-01T00:00:00Z") == [1, 2]
    assert viewer.get(url, params={"created_from": "yesterday"}).status_code == 422
    idea = viewer.get(f"{url}/{idea_id(viewer, mini, 2)}").json()
    assert idea["reference"] == "MINI-0002"
    assert "resident_id" not in idea


def test_an_accepted_idea_becomes_a_proposal(
    moderator: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    resident = add_resident(database, user="r", campaign_id=mini, now=clock.now)
    add_idea(database, campaign_id=mini, resident_id=resident, language="nl", cost=None)
    idea = idea_id(moderator, mini, 1)
    convert = f"{ideas_url(mini)}/{idea}/proposal"
    early = moderator.post(convert, json={})
    assert early.status_code == 409
    assert early.json()["error"]["code"] == "idea_not_accepted"
    moderator.post(f"{ideas_url(mini)}/{idea}/moderation", json={"status": "accepted"})
    no_cost = moderator.post(convert, json={})
    assert no_cost.json()["error"]["details"][0]["code"] == "cost_required"
    response = moderator.post(
        convert, json={"cost": 1800, "theme": "play", "title": {"en": "Benches"}}
    )
    assert response.status_code == 201, response.text
    proposal = response.json()
    assert (proposal["number"], proposal["cost"], proposal["theme"]) == (5, 1800, "play")
    assert proposal["title"] == {"nl": "Benches by the playground", "en": "Benches"}
    assert proposal["description"] == {
        "nl": "Two benches so that grandparents can sit while the children play."
    }
    assert proposal["missing_translations"] == ["en"]
    assert moderator.get(f"{ideas_url(mini)}/{idea}").json()["proposal_id"] == proposal["id"]
    assert moderator.post(convert, json={"cost": 5}).status_code == 409


def idea_with_photo(database: Database, campaign_id: int, resident_id: int, ref: str | None) -> int:
    """An idea sent with this photo reference; its id."""
    with database.transaction() as session:
        campaign = campaigns.by_id(session, campaign_id=campaign_id)
        assert campaign is not None
        reference = submit_idea.submit(
            session,
            campaign=campaign,
            resident_id=resident_id,
            draft=submit_idea.IdeaDraft(
                title="A mural on the school wall",
                description="The grey wall by the school could carry a mural the children paint.",
                photo_ref=ref,
            ),
            language="en",
            channel="web" if ref and ref.startswith("web-photo:") else "telegram",
        )
    number = int(reference.rsplit("-", 1)[1])
    with database.transaction() as session:
        return session.scalars(
            select(Idea.id).where(Idea.campaign_id == campaign_id, Idea.number == number)
        ).one()


def test_organisers_see_a_web_photo_and_are_told_where_other_photos_are(
    viewer: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    resident = add_resident(database, user="w1", campaign_id=mini, now=clock.now, channel="web")
    image = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
    with database.transaction() as session:
        web_photos.store(
            session, photo_id="abcDEF123_-", resident_id=resident, data=image, now=clock.now
        )
    web = idea_with_photo(database, mini, resident, "web-photo:abcDEF123_-")
    telegram = idea_with_photo(database, mini, resident, "telegram:AgACAgQAAxkBAAIB")
    whatsapp = idea_with_photo(database, mini, resident, "whatsapp:1234567890")
    none = idea_with_photo(database, mini, resident, None)
    gone = idea_with_photo(database, mini, resident, "web-photo:no-such-photo")

    response = viewer.get(f"{ideas_url(mini)}/{web}/photo")
    assert response.status_code == 200
    assert response.content == image
    assert response.headers["content-type"] == "image/png"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert viewer.get(f"{ideas_url(mini)}/{web}").json()["photo_ref"] == "web-photo:abcDEF123_-"

    for idea, provider in ((telegram, "Telegram"), (whatsapp, "WhatsApp")):
        response = viewer.get(f"{ideas_url(mini)}/{idea}/photo")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "photo_elsewhere"
        assert f"held by {provider}" in response.json()["error"]["message"]
    for idea in (none, gone):
        response = viewer.get(f"{ideas_url(mini)}/{idea}/photo")
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "photo_not_found"
    assert viewer.get(f"{ideas_url(mini + 1)}/{web}/photo").status_code == 404


def test_a_forgotten_resident_takes_their_photos_along(
    viewer: Api, database: Database, mini: int, clock: FakeClock
) -> None:
    resident = add_resident(database, user="w2", campaign_id=mini, now=clock.now, channel="web")
    with database.transaction() as session:
        web_photos.store(
            session, photo_id="p1", resident_id=resident, data=b"\xff\xd8\xff\xe0", now=clock.now
        )
    idea = idea_with_photo(database, mini, resident, "web-photo:p1")
    assert viewer.get(f"{ideas_url(mini)}/{idea}/photo").status_code == 200
    with database.transaction() as session:
        forget.forget(session, resident_id=resident)
    response = viewer.get(f"{ideas_url(mini)}/{idea}/photo")
    assert response.json()["error"]["code"] == "photo_not_found"
    with database.transaction() as session:
        assert web_photos.of_resident(session, resident_id=resident, photo_id="p1") is None
        assert session.scalar(select(func.count()).select_from(WebPhoto)) == 0
