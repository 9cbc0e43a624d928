"""Voting journeys: code, ballot with a running total, rule refusals, confirmation, receipt."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from actions import campaigns, codes
from actions.store.database import Database
from actions.store.voting import Ballot
from tests.conftest import SECRET, load_fixture_campaign
from tests.support.chat import Chat, FakeClock


def new_codes(database: Database, slug: str, n: int = 1) -> list[str]:
    with database.transaction() as session:
        found = campaigns.by_slug(session, slug=slug)
        assert found is not None
        return codes.generate(session, campaign_id=found.id, count=n, pepper=SECRET)


def ballots(database: Database) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(Ballot)) or 0


def open_west(chat: Chat) -> Chat:
    return chat.start("west").tap("English").tap("I agree")


def test_a_resident_votes_with_the_code_from_their_letter(chat: Chat, database: Database) -> None:
    (code,) = new_codes(database, "west")
    open_west(chat).tap("Vote").expect("voting code from your letter")
    # Typed in lower case with spaces: still the same code.
    spaced = " ".join(code[i : i + 4] for i in (0, 4, 8)).lower()
    chat.say(spaced).expect("your code is correct", "€0 of €300,000")
    chat.tap("Add a proposal").tap("#1 ").expect("Added: #1")
    chat.expect("Your ballot has 1 proposal")
    chat.tap("Review and vote").expect("Please check your vote", "your vote is final")
    chat.tap("Confirm my vote").expect("Thank you for voting", "receipt")
    assert ballots(database) == 1
    # West Begroot's ballots are final: a second try is refused kindly.
    chat.tap("Menu").tap("Vote").expect("You have already voted")
    assert ballots(database) == 1


def test_wrong_codes_count_down_and_lock_for_15_minutes(
    chat: Chat, database: Database, clock: FakeClock
) -> None:
    (code,) = new_codes(database, "west")
    open_west(chat).tap("Vote")
    chat.say("not a code").expect("doesn't look like a voting code")
    for left in (4, 3, 2, 1):
        chat.say("ABCD-EFGH-JKMN").expect(f"{left} tr")
    chat.say("ABCD-EFGH-JKMP").expect("Too many wrong tries")
    # Even the right code waits out the lock.
    chat.tap("Vote").say(code).expect("Too many wrong tries")
    clock.now += timedelta(minutes=16)
    chat.tap("Vote").say(code).expect("your code is correct")


def test_a_used_code_is_refused_for_someone_else(
    engine, demo_campaigns, database: Database
) -> None:
    (code,) = new_codes(database, "west")
    first = open_west(Chat(engine, user="first", locale="en"))
    first.tap("Vote").say(code).expect("your code is correct")
    second = open_west(Chat(engine, user="second", locale="en"))
    second.tap("Vote").say(code).expect("already been used")


def test_going_over_the_budget_is_refused_and_the_draft_kept(
    engine, database: Database, clock: FakeClock
) -> None:
    load_fixture_campaign(database, "mini", clock.now)
    chat = Chat(engine, locale="en").start("mini").tap("English").tap("I agree")
    chat.tap("Vote").expect("€0 of €10,000")
    chat.tap("Add a proposal").tap("#1 Trees").expect("€6,000 of €10,000")
    chat.tap("Add a proposal").tap("#2 Swing").expect("€9,000 of €10,000")
    chat.tap("Add a proposal").tap("#4 Bench").expect("€9,500 of €10,000")
    chat.tap("Add a proposal").tap("#3 Slide")
    chat.expect("more than the budget of €10,000", "at most 1 proposal in the theme")
    chat.expect("€9,500 of €10,000")  # nothing was lost


def test_a_minimum_spend_is_checked_at_review(engine, database: Database, clock) -> None:
    load_fixture_campaign(database, "mini", clock.now)
    chat = Chat(engine, locale="en").start("mini").tap("English").tap("I agree")
    chat.tap("Vote").tap("Add a proposal").tap("#4 Bench")
    chat.tap("Review and vote").expect("Please spend at least €5,000", "€500")
    chat.expect_option("Add a proposal")
    assert ballots(database) == 0


def test_a_replaceable_ballot_can_be_changed_until_voting_closes(
    engine, database: Database, clock: FakeClock
) -> None:
    load_fixture_campaign(database, "mini", clock.now)
    chat = Chat(engine, locale="en").start("mini").tap("English").tap("I agree")
    chat.tap("Vote").tap("Add a proposal").tap("#1 Trees")
    chat.tap("Review and vote").expect("change your vote until voting closes")
    chat.tap("Confirm my vote").expect("receipt")
    chat.tap("Menu").tap("Vote").expect("You have voted", "#1 Trees")
    chat.tap("Remove a proposal").tap("#1 Trees").tap("Add a proposal").tap("#2 Swing")
    chat.tap("Add a proposal").tap("#1 Trees").tap("Review and vote").tap("Confirm my vote")
    assert ballots(database) == 1
    with database.transaction() as session:
        ballot = session.scalars(select(Ballot)).one()
        assert len(ballot.choices) == 2
    clock.now += timedelta(days=60)
    chat.tap("Menu").say("/vote").expect("Voting closed on")


def test_voting_before_it_opens_says_when(chat: Chat) -> None:
    chat.start("duinoord").tap("English").tap("I agree")
    chat.say("/vote").expect("Voting opens on")


def test_an_interrupted_vote_resumes_with_its_draft(engine, database: Database, clock) -> None:
    load_fixture_campaign(database, "mini", clock.now)
    chat = Chat(engine, locale="en").start("mini").tap("English").tap("I agree")
    chat.tap("Vote").tap("Add a proposal").tap("#2 Swing")
    chat.say("/menu").tap("About this budget")
    chat.tap("Menu").tap("Vote").expect("Your ballot has 1 proposal", "#2 Swing", "€3,000")


@pytest.mark.parametrize("payload", ["v:confirm", "v:add:1", "g:nonsense", "x" * 500])
def test_forged_or_stale_buttons_change_nothing(chat: Chat, database: Database, payload) -> None:
    open_west(chat).tap("Vote")
    chat.press(payload).expect_not("Thank you for voting")
    assert ballots(database) == 0
