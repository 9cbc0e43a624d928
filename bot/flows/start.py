"""Start: choose the campaign, confirm the language, give consent."""

from __future__ import annotations

from actions import campaigns
from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button
from bot.engine.turn import Turn
from bot.flows.widgets import language_name


def begin(turn: Turn) -> None:
    """Picks the campaign from a deep link, the resident's last one, or the only open one."""
    param = turn.ctx.pop("start_param", None)
    chosen = campaigns.by_slug(turn.session, slug=param) if param else None
    if param and chosen is None:
        turn.say(turn.t._("I don't know a budget called \u201c{name}\u201d.", name=param[:40]))
    if chosen is None and turn.campaign is not None and not param:
        chosen = turn.campaign
    if chosen is None:
        live = campaigns.open_campaigns(turn.session, now=turn.now)
        if len(live) == 1:
            chosen = live[0]
        elif not live:
            turn.say(turn.t._("There is no budget open for ideas or votes at the moment."))
            return
        else:
            turn.goto("start", "campaign")
            return
    _choose(turn, chosen.slug)


def _choose(turn: Turn, slug: str) -> None:
    chosen = campaigns.by_slug(turn.session, slug=slug)
    assert chosen is not None
    turn.campaign = chosen
    turn.resident.campaign_id = chosen.id
    if turn.resident.language not in chosen.languages:
        hint = turn.hint if turn.hint in chosen.languages else None
        turn.resident.language = hint or chosen.default_language
        turn.t = turn.services.catalogs.get(turn.resident.language)
    turn.goto("start", "language")


def ask_campaign(turn: Turn) -> None:
    """Lists the open campaigns."""
    live = campaigns.open_campaigns(turn.session, now=turn.now)
    turn.say(
        turn.t._("Which budget would you like to take part in?"),
        buttons=[Button(f"c:{c.slug}", c.text(c.name, turn.t.language)) for c in live],
    )


def on_campaign(turn: Turn, payload: str) -> None:
    """Takes the chosen campaign."""
    _choose(turn, payload.removeprefix("c:"))


def ask_language(turn: Turn) -> None:
    """Greets in the hinted language and offers the campaign's languages."""
    assert turn.campaign is not None
    current = turn.t.language
    others = [code for code in turn.campaign.languages if code != current]
    turn.say(
        turn.t._(
            "Hello! I am the chat assistant of {campaign}. With me you can read the "
            "proposals, share your idea and vote.",
            campaign=turn.text(turn.campaign.name),
        )
    )
    turn.say(
        turn.t._("Shall we continue in {language}?", language=language_name(current)),
        buttons=[Button(f"l:{code}", language_name(code)) for code in [current, *others]],
    )


def on_language(turn: Turn, payload: str) -> None:
    """Stores the language and moves on to consent (or the menu if given before)."""
    code = payload.removeprefix("l:")
    turn.resident.language = code
    turn.t = turn.services.catalogs.get(code)
    if turn.resident.consent_at is None:
        turn.goto("start", "consent")
    else:
        turn.goto("menu")


def ask_consent(turn: Turn) -> None:
    """Shows the privacy notice and asks for consent."""
    turn.say(
        turn.t._(
            "Privacy: to save your idea or your vote, I store your answers and a code that "
            "stands for your account. I never show your phone number or name to anyone. Your "
            "vote is secret. You can ask me to delete your data at any time."
        ),
        buttons=[
            Button("consent:yes", turn.t._("I agree")),
            Button("consent:no", turn.t._("Not now")),
        ],
    )


def on_consent(turn: Turn, payload: str) -> None:
    """Records consent (or its refusal) and continues."""
    after = turn.ctx.pop("_after", None)
    if payload == "consent:yes":
        turn.resident.consent_at = turn.now
        turn.say(turn.t._("Thank you."))
        turn.goto(after or "menu")
        return
    turn.say(
        turn.t._(
            "That's fine. You can still read the proposals. To share an idea or to vote, "
            "I will ask for your consent again."
        )
    )
    turn.goto("menu")


register(
    Flow(
        "start",
        {
            "begin": Step(prompt=begin),
            "campaign": Step(prompt=ask_campaign, on_choice=on_campaign),
            "language": Step(prompt=ask_language, on_choice=on_language),
            "consent": Step(
                prompt=ask_consent, on_choice=on_consent, intents={"deny": "consent:no"}
            ),
        },
    )
)
