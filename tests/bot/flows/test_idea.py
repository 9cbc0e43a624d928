"""Submitting an idea: every field validated, a summary, explicit confirmation, a reference."""

from __future__ import annotations

from sqlalchemy import select

from actions.store.database import Database
from actions.store.ideas import Idea
from tests.support.chat import Chat


def open_duinoord(chat: Chat) -> Chat:
    return chat.start("duinoord").tap("English").tap("I agree")


def ideas(database: Database) -> list[Idea]:
    with database.transaction() as session:
        return list(session.scalars(select(Idea)))


def test_a_resident_shares_an_idea_with_a_location_and_a_photo(
    chat: Chat, database: Database
) -> None:
    open_duinoord(chat).tap("Share an idea").expect("Give it a short title")
    chat.say("Bank").expect("too short", "Give it a short title")
    chat.say("Benches on the Reinkenstraat")
    chat.expect("Describe your idea")
    chat.say("Too short").expect("at least 20 characters")
    chat.say("Two benches near the playground, so that grandparents can sit while kids play.")
    chat.expect("Where should it happen?")
    chat.share_location(52.0841, 4.2913).expect("saved the location", "what it would cost")
    chat.say("five million").expect("couldn't read an amount")
    chat.say("€ 50.000").expect("more than the whole budget of €30,000")
    chat.say("€ 2.500").expect("add a photo")
    chat.say("here it comes").expect("send a photo, or tap Skip")
    chat.send_photo("photo-123").expect(
        "Here is your idea", "Benches on the Reinkenstraat", "location shared", "€2,500"
    )
    assert ideas(database) == []  # nothing stored before the explicit confirmation
    chat.tap("Send my idea").expect("Your reference is DUINOORD-0001")
    (idea,) = ideas(database)
    assert (idea.title, idea.cost, idea.photo_ref, idea.status) == (
        "Benches on the Reinkenstraat",
        2500,
        "photo-123",
        "submitted",
    )
    assert idea.latitude == 52.0841 and idea.language == "en"


def test_optional_fields_can_be_skipped(chat: Chat, database: Database) -> None:
    open_duinoord(chat).tap("Share an idea")
    chat.say("A water tap in the park")
    chat.say("Children and dog owners need drinking water on hot summer days.")
    chat.tap("Skip").tap("Skip").tap("Skip").expect("Cost: not given", "Photo: no")
    chat.tap("Send my idea").expect("DUINOORD-0001")
    assert ideas(database)[0].neighbourhood_key is None


def test_leaving_a_half_filled_idea_asks_first(chat: Chat, database: Database) -> None:
    open_duinoord(chat).tap("Share an idea").say("A water tap in the park")
    chat.say("/menu").expect("Do you want to discard it?")
    chat.tap("Continue my idea").expect("Describe your idea")
    chat.say("/menu").tap("Discard it").expect("What would you like to do?")
    assert ideas(database) == []


def test_help_in_the_middle_of_an_idea_comes_back_to_it(chat: Chat) -> None:
    open_duinoord(chat).tap("Share an idea").say("A water tap in the park")
    chat.say("/help").expect("How this chat works").tap("Go back")
    chat.expect("Describe your idea")


def test_cancel_keeps_nothing(chat: Chat, database: Database) -> None:
    open_duinoord(chat).tap("Share an idea").say("A water tap in the park").tap("Cancel")
    chat.expect("not sent")
    assert ideas(database) == []


def test_ideas_closed_in_the_voting_phase(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree").say("/idea")
    chat.expect("The time for new ideas is over")


def test_without_consent_an_idea_asks_for_it_first(chat: Chat, database: Database) -> None:
    chat.start("duinoord").tap("English").tap("Not now").expect("You can still read")
    chat.tap("Share an idea").expect("Privacy").tap("I agree").expect("Give it a short title")
