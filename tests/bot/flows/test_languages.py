"""Every journey works in each of the five languages, end to end, in the catalogs' words."""

from __future__ import annotations

import pytest

from actions import campaigns, codes
from actions.store.database import Database
from bot.engine.engine import Engine
from bot.engine.i18n import Catalogs
from tests.conftest import SECRET
from tests.support.chat import Chat

LANGUAGES = ["nl", "en", "tr", "ar", "pl"]
NATIVE = {"nl": "Nederlands", "en": "English", "tr": "Türkçe", "ar": "العربية", "pl": "Polski"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_vote_and_idea_in_every_language(
    engine: Engine, demo_campaigns: None, database: Database, catalogs: Catalogs, language: str
) -> None:
    t = catalogs.get(language)
    with database.transaction() as session:
        west = campaigns.by_slug(session, slug="west")
        assert west is not None
        (code,) = codes.generate(session, campaign_id=west.id, count=1, pepper=SECRET)

    chat = Chat(engine, user=f"resident-{language}", locale=language).start("west")
    assert chat.options[0] == NATIVE[language]
    chat.tap(NATIVE[language]).tap(t._("I agree")).expect(t._("What would you like to do?"))
    assert all(reply.rtl == (language == "ar") for reply in chat.last)

    chat.tap(t._("Proposals")).tap(t._("By theme")).tap_first_row()
    chat.tap_first_row().expect("#", "€")
    chat.tap(t._("Add to my ballot")).expect(t._("To vote, type the voting code from your letter. "
                                                "It has 12 letters and numbers, for example "
                                                "ABCD-EFGH-JKMN."))
    chat.say(code).expect(t._("Thank you, your code is correct. You can vote now."))
    chat.tap(t._("Review and vote")).tap(t._("Confirm my vote"))
    assert t._("Thank you for voting! Your vote has been saved. Your receipt is {receipt}.",
               receipt="").split(".")[0] in chat.text

    ideas = Chat(engine, user=f"idea-{language}", locale=language).start("duinoord")
    ideas.tap(NATIVE[language]).tap(t._("I agree")).tap(t._("Share an idea"))
    ideas.say("Bankjes / benches / banklar / مقاعد / ławki").say(
        "Meer bankjes bij de speeltuin: more benches near the playground, please."
    )
    ideas.tap(t._("Skip")).tap(t._("Skip")).tap(t._("Skip")).tap(t._("Send my idea"))
    ideas.expect("DUINOORD-0001")
