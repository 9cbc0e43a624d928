"""Stop and delete my data."""

from __future__ import annotations

from sqlalchemy import func, select

from actions import campaigns, codes
from actions.store.database import Database
from actions.store.ideas import Idea
from actions.store.residents import Conversation, Resident
from actions.store.voting import Ballot
from tests.conftest import SECRET
from tests.support.chat import Chat


def test_stop_opts_out_of_messages(chat: Chat, database: Database) -> None:
    chat.start("west").tap("English").tap("I agree").say("/stop").expect("not get any more")
    with database.transaction() as session:
        assert session.scalars(select(Resident)).one().opted_out


def test_delete_my_data_keeps_the_vote_counted_but_unlinked(chat: Chat, database: Database) -> None:
    with database.transaction() as session:
        west = campaigns.by_slug(session, slug="west")
        assert west is not None
        (code,) = codes.generate(session, campaign_id=west.id, count=1, pepper=SECRET)
    chat.start("west").tap("English").tap("I agree").tap("Vote").say(code)
    chat.tap("Add a proposal").tap("#2 ").tap("Review and vote").tap("Confirm my vote")
    with database.transaction() as session:
        key = session.scalars(select(Resident.voter_key)).one()
    chat.say("/delete").expect("delete your data").tap("No, keep it").expect("nothing")
    chat.say("/delete").tap("Yes, delete my data").expect("Your data has been deleted")
    with database.transaction() as session:
        assert session.scalar(select(func.count()).select_from(Resident)) == 0
        assert session.scalar(select(func.count()).select_from(Conversation)) == 0
        ballot = session.scalars(select(Ballot)).one()
        assert ballot.voter_key != key and len(ballot.choices) == 1
    # Coming back starts afresh.
    chat.say("hello").expect("Which budget")


def test_delete_my_data_erases_personal_fields_of_ideas(chat: Chat, database: Database) -> None:
    chat.start("duinoord").tap("English").tap("I agree").tap("Share an idea")
    chat.say("A water tap in the park").say("Drinking water for children and dogs.")
    chat.share_location(52.08, 4.29).tap("Skip").send_photo("p1").tap("Send my idea")
    chat.say("/delete").tap("Yes, delete my data")
    with database.transaction() as session:
        idea = session.scalars(select(Idea)).one()
        assert (idea.resident_id, idea.latitude, idea.photo_ref) == (None, None, None)
        assert idea.title == "A water tap in the park"  # the idea itself stays for moderation
