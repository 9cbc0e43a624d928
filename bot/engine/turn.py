"""A turn: one inbound message being answered, with everything a step needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from actions.domain.campaign import CampaignInfo, Phase
from actions.store.residents import Conversation, Resident
from bot.engine.flow import FLOWS
from bot.engine.i18n import Translator
from bot.engine.messages import Button, Inbound, ListRow, Reply
from bot.engine.services import Services


@dataclass
class Turn:
    """The state of one turn; steps read it and call `say` and `goto`."""

    session: Session
    services: Services
    inbound: Inbound
    resident: Resident
    conversation: Conversation
    campaign: CampaignInfo | None
    t: Translator
    now: datetime
    ctx: dict[str, Any]
    hint: str | None = None  # the locale hint's language, when pbchat speaks it
    replies: list[Reply] = field(default_factory=list)
    offered: list[tuple[str, str]] = field(default_factory=list)

    # Where the resident is; written back to the conversation row once, at the end of the turn.
    flow: str = ""
    step: str = ""

    def __post_init__(self) -> None:
        self.flow = self.flow or self.conversation.flow
        self.step = self.step or self.conversation.step

    @property
    def phase(self) -> Phase:
        """The campaign's phase now (UPCOMING when no campaign is chosen)."""
        return self.campaign.dates.phase_at(self.now) if self.campaign else Phase.UPCOMING

    @property
    def voter_key(self) -> str:
        """The resident's pseudonymous key."""
        return self.resident.voter_key

    def say(
        self,
        text: str,
        *,
        buttons: list[Button] | tuple[Button, ...] = (),
        rows: list[ListRow] | tuple[ListRow, ...] = (),
        list_label: str = "",
        image_url: str | None = None,
        image_alt: str | None = None,
    ) -> None:
        """Sends a message; its rows and buttons become the choices of the next turn."""
        reply = Reply(
            meta={"first_option": str(len(self.offered) + 1)},
            text=text,
            buttons=tuple(buttons),
            rows=tuple(rows),
            list_label=list_label,
            image_url=image_url,
            image_alt=image_alt,
            language=self.t.language,
            rtl=self.t.rtl,
        )
        self.replies.append(reply)
        self.offered.extend((r.payload, r.title) for r in rows)
        self.offered.extend((b.payload, b.label) for b in buttons)

    def goto(self, flow: str, step: str | None = None, **context: Any) -> None:
        """Moves to a step (the flow's entry by default) and asks its question."""
        target = FLOWS[flow]
        if flow != self.flow:
            self.ctx = {k: v for k, v in self.ctx.items() if k.startswith("_")}
        self.ctx.update(context)
        self.flow, self.step = flow, step or target.entry
        target.steps[self.step].prompt(self)

    def settle(self, flow: str, step: str | None = None) -> None:
        """Moves to a step without asking anything (the replies already say what's next)."""
        if flow != self.flow:
            self.ctx = {k: v for k, v in self.ctx.items() if k.startswith("_")}
        self.flow, self.step = flow, step or FLOWS[flow].entry

    def reprompt(self) -> None:
        """Asks the current step's question again."""
        FLOWS[self.flow].steps[self.step].prompt(self)

    def text(self, translations: dict[str, str]) -> str:
        """A translated campaign field in the resident's language."""
        if self.campaign is None:
            return next(iter(translations.values()), "")
        return self.campaign.text(translations, self.t.language)

    def money(self, amount: int) -> str:
        """An amount in the campaign's currency, formatted for the resident."""
        return self.t.money(amount, self.campaign.currency if self.campaign else "EUR")

    def date(self, when: datetime) -> str:
        """A date in the campaign's time zone, formatted for the resident."""
        return self.t.date(when, self.campaign.timezone if self.campaign else "UTC")
