"""Changing campaigns: only real changes count, and a stale copy can never overwrite a newer one."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from actions import languages, manage_campaigns
from actions.errors import ConflictError, InvalidError
from actions.store.campaigns import Campaign
from actions.store.database import Database
from tests.conftest import load_fixture_campaign
from tests.support.chat import FakeClock

SUPPORTED = languages.supported()


@pytest.fixture
def mini(database: Database, clock: FakeClock) -> int:
    load_fixture_campaign(database, "mini", clock.now)
    with database.transaction() as session:
        return session.scalars(select(Campaign.id)).one()


def test_an_update_names_what_changed_and_bumps_the_version(
    database: Database, clock: FakeClock, mini: int
) -> None:
    with database.transaction() as session:
        before = session.get_one(Campaign, mini).version
        changed = manage_campaigns.update(
            session,
            campaign_id=mini,
            changes={"budget": 10_000, "currency": "EUR", "rules": {"max_items": 2}},
            supported=SUPPORTED,
            now=clock.now,
        )
        assert changed == ["rules"]
        assert session.get_one(Campaign, mini).version == before + 1
        unchanged = manage_campaigns.update(
            session,
            campaign_id=mini,
            changes={"budget": 10_000},
            supported=SUPPORTED,
            now=clock.now,
        )
        assert unchanged == []
        themes = (*manage_campaigns.settings_of(session.get_one(Campaign, mini)).themes,)
        renamed = (replace(themes[0], name={"en": "Trees", "nl": "Bomen"}), *themes[1:])
        assert manage_campaigns.update(
            session,
            campaign_id=mini,
            changes={"themes": renamed},
            supported=SUPPORTED,
            now=clock.now,
        ) == ["themes"]
        assert session.get_one(Campaign, mini).version == before + 2


def test_a_stale_copy_cannot_overwrite_a_newer_change(database: Database, mini: int) -> None:
    first = Session(database.engine, expire_on_commit=False)
    stale = first.get_one(Campaign, mini)
    first.commit()  # the organiser's form is open; no transaction is held meanwhile
    with database.transaction() as session:
        session.get_one(Campaign, mini).budget = 12_000
    stale.budget = 9_000
    with pytest.raises(StaleDataError):
        first.commit()
    first.close()
    with database.transaction() as session:
        assert session.get_one(Campaign, mini).budget == 12_000


def test_a_new_campaign_is_checked_and_its_slug_is_unique(
    database: Database, clock: FakeClock, mini: int
) -> None:
    with database.transaction() as session:
        settings = manage_campaigns.settings_of(session.get_one(Campaign, mini))
    with database.transaction() as session, pytest.raises(ConflictError):
        manage_campaigns.create(session, settings=settings, supported=SUPPORTED, now=clock.now)
    with database.transaction() as session, pytest.raises(InvalidError) as caught:
        manage_campaigns.create(
            session,
            settings=replace(settings, slug="x-1", languages=("xx",)),
            supported=SUPPORTED,
            now=clock.now,
        )
    assert {p.code for p in caught.value.problems} >= {"unsupported_language"}
