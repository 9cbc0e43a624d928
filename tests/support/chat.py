"""A conversation driver so that tests read like chats: say, tap, expect."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.engine.engine import Engine
from bot.engine.messages import Image, Inbound, Location, Reply

_ids = itertools.count(1)


@dataclass
class FakeClock:
    """A clock tests can move."""

    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now


class Chat:
    """One resident talking to the engine."""

    def __init__(
        self,
        engine: Engine,
        *,
        user: str = "resident-1",
        channel: str = "test",
        locale: str | None = None,
    ) -> None:
        self.engine = engine
        self.user = user
        self.channel = channel
        self.locale = locale
        self.last: list[Reply] = []
        self.history: list[list[Reply]] = []

    def send(self, **fields: object) -> list[Reply]:
        """Sends one inbound message and keeps the replies."""
        inbound = Inbound(
            self.channel,
            self.user,
            locale_hint=self.locale,
            message_id=f"m{next(_ids)}",
            **fields,  # type: ignore[arg-type]
        )
        self.last = self.engine.handle(inbound)
        self.history.append(self.last)
        return self.last

    def start(self, campaign: str | None = None) -> Chat:
        """Opens the chat, as a deep link to `campaign` would."""
        self.send(start_param=campaign or "")
        return self

    def say(self, text: str) -> Chat:
        """Types a message."""
        self.send(text=text)
        return self

    def tap(self, label: str) -> Chat:
        """Taps the button or list row whose label is (or, if unique, contains) `label`."""
        options = [
            (o.payload, getattr(o, "label", None) or getattr(o, "title", ""))
            for r in self.last
            for o in (*r.rows, *r.buttons)
        ]
        exact = [p for p, text in options if text == label]
        partial = [p for p, text in options if label.casefold() in text.casefold()]
        found = exact or partial
        assert len(found) >= 1, f"no option {label!r} in {[t for _, t in options]}"
        assert len(exact) == 1 or len(partial) == 1, f"{label!r} is ambiguous: {options}"
        self.send(payload=found[0])
        return self

    def tap_first_row(self) -> Chat:
        """Taps the first row of the last list (a theme, a proposal)."""
        rows = [row for reply in self.last for row in reply.rows]
        assert rows, f"no list rows in:\n{self.text}"
        self.send(payload=rows[0].payload)
        return self

    def press(self, payload: str) -> Chat:
        """Sends a raw button payload (as an old or forged button would)."""
        self.send(payload=payload)
        return self

    def share_location(self, latitude: float, longitude: float) -> Chat:
        """Shares a map pin."""
        self.send(location=Location(latitude, longitude))
        return self

    def send_photo(self, ref: str) -> Chat:
        """Sends a photo."""
        self.send(image=Image(ref))
        return self

    @property
    def text(self) -> str:
        """All text of the last replies."""
        return "\n".join(r.text for r in self.last)

    @property
    def options(self) -> list[str]:
        """The labels of every option in the last replies."""
        return [o.label for r in self.last for o in r.buttons] + [
            o.title for r in self.last for o in r.rows
        ]

    def expect(self, *fragments: str) -> Chat:
        """Asserts that the last replies contain every fragment."""
        for fragment in fragments:
            assert fragment.casefold() in self.text.casefold(), (
                f"expected {fragment!r} in:\n{self.text}\noptions: {self.options}"
            )
        return self

    def expect_not(self, *fragments: str) -> Chat:
        """Asserts that the last replies contain none of the fragments."""
        for fragment in fragments:
            assert fragment.casefold() not in self.text.casefold(), (
                f"did not expect {fragment!r} in:\n{self.text}"
            )
        return self

    def expect_option(self, *labels: str) -> Chat:
        """Asserts that the last replies offer these options."""
        for label in labels:
            assert any(label.casefold() in o.casefold() for o in self.options), (
                f"no option {label!r} in {self.options}"
            )
        return self
