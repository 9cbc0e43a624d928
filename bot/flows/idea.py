"""Submit an idea: title, description, place, cost, photo, summary, confirm, reference."""

from __future__ import annotations

from actions import browse, submit_idea
from actions.domain import idea as rules
from actions.domain.campaign import Phase
from bot.engine.flow import Flow, Step, register
from bot.engine.messages import Button, Image, ListRow, Location
from bot.engine.turn import Turn
from bot.flows.widgets import menu_button
from nlu.entities.amount import parse_amount

CANCEL = "i:cancel"
SKIP = "i:skip"


def _cancel(turn: Turn) -> Button:
    return Button(CANCEL, turn.t._("Cancel"))


def begin(turn: Turn) -> None:
    """Checks that ideas are open and consent given, then asks for the title."""
    campaign = turn.campaign
    if campaign is None:
        turn.goto("start")
        return
    dates = campaign.dates
    if turn.phase is not Phase.IDEAS:
        if turn.phase is Phase.UPCOMING and dates.ideas_open:
            text = turn.t._("You can share ideas from {date}.", date=turn.date(dates.ideas_open))
        else:
            text = turn.t._("The time for new ideas is over for this budget.")
        turn.say(text, buttons=[Button("g:browse", turn.t._("Proposals")), menu_button(turn)])
        return
    if turn.resident.consent_at is None:
        turn.goto("start", "consent", _after="idea")
        return
    turn.goto("idea", "title")


def on_cancel(turn: Turn, payload: str) -> None:
    """Drops the half-filled idea."""
    turn.say(turn.t._("OK, your idea was not sent."))
    turn.goto("menu")


def ask_title(turn: Turn) -> None:
    """Asks for a short title."""
    turn.say(
        turn.t._(
            "What is your idea? Give it a short title, for example: "
            "\u201cMore benches in the park\u201d."
        ),
        buttons=[_cancel(turn)],
    )


def on_title(turn: Turn, text: str) -> None:
    """Checks the title's length and moves on."""
    problem = rules.check_title(text)
    if problem == "too_short":
        turn.say(
            turn.t._(
                "That title is too short. Please use at least {n} characters.", n=rules.TITLE_MIN
            )
        )
    elif problem == "too_long":
        turn.say(
            turn.t._(
                "That title is too long. Please use at most {n} characters.", n=rules.TITLE_MAX
            )
        )
    if problem:
        turn.reprompt()
        return
    turn.ctx["title"] = text
    turn.goto("idea", "description")


def ask_description(turn: Turn) -> None:
    """Asks what should happen, where, and for whom."""
    turn.say(
        turn.t._("Describe your idea: what should happen, where, and who will benefit?"),
        buttons=[_cancel(turn)],
    )


def on_description(turn: Turn, text: str) -> None:
    """Checks the description's length and moves on."""
    problem = rules.check_description(text)
    if problem == "too_short":
        turn.say(
            turn.t._("Please tell a bit more: at least {n} characters.", n=rules.DESCRIPTION_MIN)
        )
    elif problem == "too_long":
        turn.say(
            turn.t._(
                "That is too long. Please use at most {n} characters.",
                n=turn.t.number(rules.DESCRIPTION_MAX),
            )
        )
    if problem:
        turn.reprompt()
        return
    turn.ctx["description"] = text
    turn.goto("idea", "place")


def ask_place(turn: Turn) -> None:
    """Offers the neighbourhoods, a shared location, or skipping."""
    assert turn.campaign is not None
    areas = browse.neighbourhoods(turn.session, campaign_id=turn.campaign.id)
    turn.say(
        turn.t._("Where should it happen? Choose a neighbourhood, or share a location."),
        rows=[ListRow(f"i:n:{a.key}", turn.text(a.name)) for a in areas],
        list_label=turn.t._("Neighbourhoods"),
        buttons=[Button(SKIP, turn.t._("Skip")), _cancel(turn)],
    )


def on_place(turn: Turn, payload: str) -> None:
    """Takes the neighbourhood (or none)."""
    if payload == CANCEL:
        on_cancel(turn, payload)
        return
    if payload.startswith("i:n:"):
        turn.ctx["area"] = payload[4:]
    turn.goto("idea", "cost")


def on_place_text(turn: Turn, text: str) -> None:
    """Free text is not a place we can store: ask to choose."""
    turn.say(turn.t._("Please choose a neighbourhood from the list, share a location, or skip."))
    turn.reprompt()


def on_location(turn: Turn, location: Location) -> None:
    """Takes a shared map pin."""
    if not (-90 <= location.latitude <= 90 and -180 <= location.longitude <= 180):
        turn.say(turn.t._("I couldn't read that location. Please try again."))
        turn.reprompt()
        return
    turn.ctx["lat"], turn.ctx["lon"] = location.latitude, location.longitude
    turn.say(turn.t._("Thank you, I've saved the location."))
    turn.goto("idea", "cost")


def ask_cost(turn: Turn) -> None:
    """Asks for an estimated cost (optional)."""
    turn.say(
        turn.t._(
            "Do you know roughly what it would cost? Type an amount, like 5000 or € 5.000. "
            "Or tap Skip."
        ),
        buttons=[Button(SKIP, turn.t._("Skip")), _cancel(turn)],
    )


def on_cost(turn: Turn, text: str) -> None:
    """Reads and checks the amount."""
    assert turn.campaign is not None
    amount = parse_amount(text)
    if amount is None:
        turn.say(turn.t._("I couldn't read an amount. Please type a number, like 5000."))
        turn.reprompt()
        return
    problem = rules.check_cost(amount, turn.campaign.budget)
    if problem == "not_positive":
        turn.say(turn.t._("The amount must be more than zero."))
    elif problem == "over_budget":
        turn.say(
            turn.t._(
                "{amount} is more than the whole budget of {budget}.",
                amount=turn.money(amount),
                budget=turn.money(turn.campaign.budget),
            )
        )
    if problem:
        turn.reprompt()
        return
    turn.ctx["cost"] = amount
    turn.goto("idea", "photo")


def on_skip(turn: Turn, payload: str) -> None:
    """Skips the optional cost or photo."""
    if payload == CANCEL:
        on_cancel(turn, payload)
        return
    turn.goto("idea", "photo" if turn.step == "cost" else "summary")


def ask_photo(turn: Turn) -> None:
    """Asks for an optional photo."""
    turn.say(
        turn.t._("Would you like to add a photo? Send it now, or tap Skip."),
        buttons=[Button(SKIP, turn.t._("Skip")), _cancel(turn)],
    )


def on_photo(turn: Turn, image: Image) -> None:
    """Keeps the provider's reference to the photo."""
    turn.ctx["photo"] = image.ref
    turn.goto("idea", "summary")


def on_photo_text(turn: Turn, text: str) -> None:
    """Text where a photo was expected."""
    turn.say(turn.t._("Please send a photo, or tap Skip."))
    turn.reprompt()


def ask_summary(turn: Turn) -> None:
    """Shows everything once more and asks to send it in."""
    assert turn.campaign is not None
    t, c = turn.t, turn.ctx
    place = t._("not given")
    if c.get("area"):
        names = {
            a.key: turn.text(a.name)
            for a in browse.neighbourhoods(turn.session, campaign_id=turn.campaign.id)
        }
        place = names.get(c["area"], c["area"])
    elif c.get("lat") is not None:
        place = t._("location shared")
    lines = [
        t._("Here is your idea:"),
        t._("Title: {value}", value=c.get("title", "")),
        t._("Description: {value}", value=c.get("description", "")),
        t._("Place: {value}", value=place),
        t._("Cost: {value}", value=turn.money(c["cost"]) if c.get("cost") else t._("not given")),
        t._("Photo: {value}", value=t._("yes") if c.get("photo") else t._("no")),
        "",
        t._("Shall I send it in?"),
    ]
    turn.say(
        "\n".join(lines),
        buttons=[
            Button("i:submit", t._("Send my idea")),
            Button("i:restart", t._("Start again")),
            _cancel(turn),
        ],
    )


def on_summary(turn: Turn, payload: str) -> None:
    """Submits the idea only on this explicit choice and gives the reference."""
    assert turn.campaign is not None
    if payload == CANCEL:
        on_cancel(turn, payload)
        return
    if payload == "i:restart":
        for key in ("title", "description", "area", "lat", "lon", "cost", "photo"):
            turn.ctx.pop(key, None)
        turn.goto("idea", "title")
        return
    c = turn.ctx
    reference = submit_idea.submit(
        turn.session,
        campaign=turn.campaign,
        resident_id=turn.resident.id,
        draft=submit_idea.IdeaDraft(
            title=c["title"],
            description=c["description"],
            neighbourhood_key=c.get("area"),
            latitude=c.get("lat"),
            longitude=c.get("lon"),
            cost=c.get("cost"),
            photo_ref=c.get("photo"),
        ),
        language=turn.t.language,
        channel=turn.inbound.channel,
    )
    turn.say(
        turn.t._(
            "Thank you! Your idea has been sent in. Your reference is {reference}. "
            "We will let you know when it has been reviewed.",
            reference=reference,
        ),
        buttons=[menu_button(turn)],
    )
    turn.settle("menu")


register(
    Flow(
        "idea",
        {
            "begin": Step(prompt=begin),
            "title": Step(prompt=ask_title, on_text=on_title, on_choice=on_cancel),
            "description": Step(
                prompt=ask_description, on_text=on_description, on_choice=on_cancel
            ),
            "place": Step(
                prompt=ask_place,
                on_choice=on_place,
                on_text=on_place_text,
                on_location=on_location,
            ),
            "cost": Step(prompt=ask_cost, on_text=on_cost, on_choice=on_skip),
            "photo": Step(
                prompt=ask_photo, on_image=on_photo, on_text=on_photo_text, on_choice=on_skip
            ),
            "summary": Step(prompt=ask_summary, on_choice=on_summary),
        },
        guards=("title",),
    )
)
