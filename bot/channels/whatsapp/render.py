"""Replies as Cloud API messages: text, reply buttons, list messages (paged), images.

Degrading per DESIGN §2: up to 3 options whose labels fit become reply buttons; otherwise the
options (rows first, then buttons) become the rows of a list message; more than 10 options are
shown 9 at a time with a "more" row, whose id names the outbox row and the next page, so the
channel can show that page again from the stored reply without running a turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.channels.splitting import chunks
from bot.channels.whatsapp.fit import clip, shorten, split_tail
from bot.channels.whatsapp.parse import NUMBER_PREFIX, PAGE_PREFIX
from bot.engine.i18n import Translator
from bot.engine.messages import Reply

TEXT_LIMIT = 4096
BODY_LIMIT = 1024  # interactive body; an image caption has the same limit
BUTTONS = 3
BUTTON_TITLE = 20
ROWS = 10
ROW_TITLE = 24
ROW_DESCRIPTION = 72
ROW_ID = 200
LIST_BUTTON = 20
SECTION_TITLE = 24
PAGE = ROWS - 1  # options per page when a "more" row is needed
PAGE_META = "whatsapp_page"  # set on a stored reply to show a later page of its list


@dataclass(frozen=True, slots=True)
class Call:
    """One message: its Cloud API type and the object of that type."""

    type: str  # text, interactive, image, template
    content: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Option:
    """A row or button of a reply, with its number in the turn."""

    payload: str
    label: str
    description: str
    number: int

    @property
    def id(self) -> str:
        """The id WhatsApp sends back: the payload, or "n:<number>" if it's too long."""
        return self.payload if len(self.payload) <= ROW_ID else f"{NUMBER_PREFIX}{self.number}"


def options(reply: Reply) -> list[Option]:
    """The reply's rows, then its buttons, numbered as the engine counts them."""
    first = int(reply.meta.get("first_option", "1"))
    found = [Option(r.payload, r.title, r.description, 0) for r in reply.rows]
    found += [Option(b.payload, b.label, "", 0) for b in reply.buttons]
    return [Option(o.payload, o.label, o.description, first + i) for i, o in enumerate(found)]


def text_message(body: str) -> Call:
    """A plain text message (links are not previewed)."""
    return Call("text", {"preview_url": False, "body": body})


def _fits_buttons(choices: list[Option]) -> bool:
    labels = [" ".join(o.label.split()) for o in choices]
    return (
        len(choices) <= BUTTONS
        and all(0 < len(label) <= BUTTON_TITLE for label in labels)
        and len(set(labels)) == len(labels)  # WhatsApp refuses two buttons of the same title
        and len({o.id for o in choices}) == len(choices)
        and not any(o.description for o in choices)
    )


def _buttons(body: str, choices: list[Option]) -> Call:
    buttons = [
        {"type": "reply", "reply": {"id": o.id, "title": " ".join(o.label.split())}}
        for o in choices
    ]
    return Call(
        "interactive", {"type": "button", "body": {"text": body}, "action": {"buttons": buttons}}
    )


def row(option: Option, row_id: str | None = None) -> dict[str, str]:
    """A list row; a title too long goes on in the description, so nothing is lost."""
    title, rest = shorten(option.label, ROW_TITLE)
    description = option.description
    if rest:
        description = f"…{rest} · {description}" if description else f"…{rest}"
    found = {"id": row_id or option.id, "title": title or str(option.number)}
    description = clip(description, ROW_DESCRIPTION)
    if description:
        found["description"] = description
    return found


def _unique_id(option: Option, choices: list[Option]) -> str:
    # Row ids must differ; a payload offered twice goes by its number the second time.
    same = [o for o in choices if o.id == option.id]
    return option.id if same[0] is option else f"{NUMBER_PREFIX}{option.number}"


def list_button(reply: Reply, t: Translator) -> str:
    """The label of the button that opens the list: the reply's, else "Menu"."""
    return clip(reply.list_label.strip() or t._("Menu"), LIST_BUTTON)


def page_count(choices: list[Option]) -> int:
    """How many list pages the options need."""
    if len(choices) <= ROWS:
        return 1
    return 1 + -(-(len(choices) - ROWS) // PAGE)


def _list(
    body: str, reply: Reply, choices: list[Option], t: Translator, *, page: int, row_id: int
) -> Call:
    pages = page_count(choices)
    page = min(max(page, 0), pages - 1)
    shown = choices[page * PAGE :]
    visible = shown if len(shown) <= ROWS else shown[:PAGE]
    rows = [row(o, _unique_id(o, choices)) for o in visible]
    if len(shown) > ROWS:
        later = choices[(page + 1) * PAGE :]
        # The description names what comes next, so it isn't mistaken for a "More" of the flow.
        upcoming = ", ".join(" ".join(o.label.split()) for o in later)
        label = t._("More")
        more = Option(f"{PAGE_PREFIX}{row_id}:{page + 1}", f"{label} ({len(later)})", upcoming, 0)
        rows.append(row(more))
    section: dict[str, Any] = {"rows": rows}
    title = clip(reply.list_label, SECTION_TITLE - 6) if reply.list_label else ""
    if pages > 1:
        title = f"{title} {page + 1}/{pages}".strip()
    if title:
        section["title"] = title
    return Call(
        "interactive",
        {
            "type": "list",
            "body": {"text": body},
            "action": {"button": list_button(reply, t), "sections": [section]},
        },
    )


def render(reply: Reply, t: Translator, *, row_id: int = 0, page: int = 0) -> list[Call]:
    """The messages that show one reply (or one page of its list); options come last."""
    choices = options(reply)
    text = reply.text.strip() or "…"
    if page > 0:
        # A later page of a long list: only the list again, with the question as its body.
        _lead, body = split_tail(text, BODY_LIMIT, TEXT_LIMIT)
        return [_list(body, reply, choices, t, page=page, row_id=row_id)]
    calls: list[Call] = []
    if reply.image_url:
        if not choices and len(text) <= BODY_LIMIT:
            return [Call("image", {"link": reply.image_url, "caption": text})]
        image: dict[str, Any] = {"link": reply.image_url}
        caption = clip(reply.image_alt or "", BODY_LIMIT)
        if caption:
            image["caption"] = caption
        calls.append(Call("image", image))
    if not choices:
        return [*calls, *(text_message(p) for p in chunks(text, TEXT_LIMIT))]
    lead, body = split_tail(text, BODY_LIMIT, TEXT_LIMIT)
    calls.extend(text_message(p) for p in lead)
    if _fits_buttons(choices):
        calls.append(_buttons(body, choices))
    else:
        calls.append(_list(body, reply, choices, t, page=0, row_id=row_id))
    return calls


def template(name: str, language: str, text: str) -> Call:
    """A template message whose one body parameter carries the text (outside the 24 hours)."""
    # Template parameters may hold no new lines, tabs or runs of spaces.
    parameter = clip(" ".join(text.split()), BODY_LIMIT - 200)
    return Call(
        "template",
        {
            "name": name,
            "language": {"code": language},
            "components": [{"type": "body", "parameters": [{"type": "text", "text": parameter}]}],
        },
    )
