"""The engine: one inbound message in, channel-neutral replies out, state in the database."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from actions import messages, residents
from actions.identity import voter_key
from actions.store.database import Database
from actions.store.residents import Resident
from bot.engine.campaign_cache import CampaignCache
from bot.engine.flow import FLOWS, Step
from bot.engine.intents import COMMANDS, GLOBAL_INTENTS, GLOBAL_PREFIX, JOURNEYS
from bot.engine.messages import MAX_TEXT, Button, Inbound, Reply
from bot.engine.services import Services
from bot.engine.turn import Turn
from nlu.interpreter import IntentScore, Parse

log = logging.getLogger(__name__)

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e]")
SHORT_WORDS = 4  # free text this short may be a command even inside a text step


# Takes a turn's replies inside the turn's transaction (a channel's outbox writer); the
# resident id is None once they asked to be forgotten.
Outlet = Callable[[Session, int | None, list[Reply]], None]


class Engine:
    """Answers residents; `handle` is the only entry point."""

    def __init__(self, database: Database, services: Services) -> None:
        self.database = database
        self.services = services
        self.campaigns = CampaignCache(services.campaign_cache_seconds)

    def handle(self, inbound: Inbound, outlet: Outlet | None = None) -> list[Reply]:
        """The replies to one inbound message ([] for a duplicate delivery).

        With an outlet, the replies are handed to it in the same transaction as the turn, so a
        reply is never lost after its turn was stored, nor stored without its turn.
        """
        with self.database.transaction() as session:
            if inbound.message_id and not self._first_delivery(session, inbound):
                return []
            turn = self._open_turn(session, inbound)
            self._dispatch(turn)
            if turn.offered or turn.replies:
                turn.ctx["_options"] = [p for p, _ in turn.offered]
                turn.ctx["_labels"] = [label for _, label in turn.offered]
            kept = inspect(turn.resident).persistent  # gone after "delete my data"
            if kept:
                conversation = turn.conversation
                conversation.flow, conversation.step = turn.flow, turn.step
                conversation.context = dict(turn.ctx)
                conversation.turns += 1
            if outlet is not None:
                outlet(session, turn.resident.id if kept else None, turn.replies)
            return turn.replies

    def _first_delivery(self, session: Session, inbound: Inbound) -> bool:
        if not messages.record_inbound(
            session, channel=inbound.channel, provider_message_id=str(inbound.message_id)
        ):
            log.info("duplicate %s message ignored", inbound.channel)
            return False
        return True

    def _open_turn(self, session: Session, inbound: Inbound) -> Turn:
        now = self.services.clock()
        key = voter_key(self.services.secret, channel=inbound.channel, user_id=inbound.user_id)
        resident, conversation = residents.find_or_create(
            session, key=key, channel=inbound.channel, address=inbound.user_id, now=now
        )
        campaign = (
            self.campaigns.get(session, resident.campaign_id) if resident.campaign_id else None
        )
        hint = (inbound.locale_hint or "").replace("_", "-").split("-")[0].lower()
        hint = hint if hint in self.services.catalogs.languages else ""
        language = self._language(resident, hint, campaign.languages if campaign else None)
        return Turn(
            hint=hint or None,
            session=session,
            services=self.services,
            inbound=inbound,
            resident=resident,
            conversation=conversation,
            campaign=campaign,
            t=self.services.catalogs.get(language),
            now=now,
            ctx=dict(conversation.context or {}),
        )

    def _language(self, resident: Resident, hint: str, allowed: tuple[str, ...] | None) -> str:
        known = allowed or self.services.catalogs.languages
        if resident.language and resident.language in known:
            return resident.language
        if hint in known:
            return hint
        return allowed[0] if allowed else "en"

    # --- dispatch -------------------------------------------------------------------------

    def _dispatch(self, turn: Turn) -> None:
        inbound = turn.inbound
        if inbound.start_param is not None or _is_start(inbound.text):
            param = inbound.start_param or _start_param(inbound.text or "")
            turn.goto("start", "begin", start_param=param)
            return
        if turn.flow == "start" and turn.step == "begin":
            turn.goto("start", "begin")
            return
        step = self._step(turn)
        if inbound.payload is not None:
            self._on_payload(turn, step, inbound.payload)
        elif inbound.location is not None:
            if step.on_location is not None:
                step.on_location(turn, inbound.location)
            else:
                turn.say(turn.t._("I can't use a location here."))
                turn.reprompt()
        elif inbound.image is not None:
            if step.on_image is not None:
                step.on_image(turn, inbound.image)
            else:
                turn.say(turn.t._("I can't use a photo here."))
                turn.reprompt()
        else:
            self._on_text(turn, step, inbound.text or "")

    def _step(self, turn: Turn) -> Step:
        flow = FLOWS.get(turn.flow)
        if flow is None or turn.step not in flow.steps:
            # State from an older version of pbchat: start over at the menu, nothing to lose.
            turn.flow, turn.step = "menu", "main"
            return FLOWS["menu"].steps["main"]
        return flow.steps[turn.step]

    def _on_payload(self, turn: Turn, step: Step, payload: str) -> None:
        if payload.startswith(GLOBAL_PREFIX):
            self._navigate(turn, payload.removeprefix(GLOBAL_PREFIX))
        elif payload in turn.ctx.get("_options", []) and step.on_choice is not None:
            step.on_choice(turn, payload)
        else:
            turn.say(turn.t._("That button is no longer active. Here is where we are now:"))
            turn.reprompt()

    def _on_text(self, turn: Turn, step: Step, raw: str) -> None:
        text = _clean(raw)
        if not text:
            turn.reprompt()
            return
        if len(text) > MAX_TEXT:
            turn.say(
                turn.t._(
                    "Your message is too long ({length} characters). Please keep it under "
                    "{limit} characters.",
                    length=turn.t.number(len(text)),
                    limit=turn.t.number(MAX_TEXT),
                )
            )
            turn.reprompt()
            return
        command = COMMANDS.get(text.split()[0].lower()) if text.startswith("/") else None
        if command is not None:
            self._leave_to(turn, *command)
            return
        chosen = _chosen_option(turn, text)
        if chosen is not None:
            self._on_payload(turn, step, chosen)
            return
        if step.on_text is not None:
            parse = None
            if len(text.split()) <= SHORT_WORDS:
                parse = turn.services.interpreter.parse(text, turn.t.language)
            if (
                parse is not None
                and parse.intent in GLOBAL_INTENTS
                and parse.confidence >= max(0.85, turn.services.confidence_threshold)
            ):
                self._on_intent(turn, step, parse.intent, parse)
            else:
                step.on_text(turn, text)
            return
        self._maybe_switch_language(turn, text)
        parse = turn.services.interpreter.parse(text, turn.t.language)
        if parse.intent in step.intents and parse.confidence >= turn.services.confidence_threshold:
            self._on_payload(turn, step, step.intents[parse.intent])
        elif parse.confidence >= turn.services.confidence_threshold:
            self._on_intent(turn, step, parse.intent, parse)
        else:
            self._clarify(turn, parse.ranking)

    def _on_intent(self, turn: Turn, step: Step, intent: str, parse: Parse) -> None:
        ref = parse.entity("proposal_ref")
        if ref is not None and intent in {"browse_proposals", "vote"} and turn.campaign:
            self._leave_to(turn, "browse", "detail", number=int(ref.value))
            return
        if intent == "change_language":
            wanted = parse.entity("language")
            if wanted is not None:
                self._leave_to(turn, "language", "begin", wanted=wanted.value)
                return
        if intent in JOURNEYS:
            self._leave_to(turn, *JOURNEYS[intent])
        elif intent == "thanks":
            turn.say(turn.t._("You're welcome!"))
            turn.reprompt()
        elif intent == "goodbye":
            turn.say(
                turn.t._("Goodbye! Send me a message whenever you like."),
                buttons=[Button("g:menu", turn.t._("Menu"))],
            )
        elif intent in {"affirm", "deny"}:
            turn.say(turn.t._("Please choose one of the options."))
            turn.reprompt()
        else:
            turn.say(
                turn.t._(
                    "Sorry, I can't help with that. I can show the proposals, take your idea "
                    "or help you vote."
                )
            )
            turn.reprompt()

    def _clarify(self, turn: Turn, ranking: tuple[IntentScore, ...]) -> None:
        names = [s.name for s in ranking if s.name in JOURNEYS and s.name != "greet"][:2]
        if not names:
            turn.say(turn.t._("Sorry, I didn't understand that."))
            turn.reprompt()
            return
        labels = _intent_labels(turn)
        buttons = [Button(f"{GLOBAL_PREFIX}intent:{n}", labels[n]) for n in names]
        buttons.append(Button("g:menu", turn.t._("Menu")))
        turn.say(turn.t._("Sorry, I'm not sure what you mean. Did you mean:"), buttons=buttons)

    def _navigate(self, turn: Turn, target: str) -> None:
        if target.startswith("intent:"):
            intent = target.removeprefix("intent:")
            if intent in JOURNEYS:
                self._leave_to(turn, *JOURNEYS[intent])
                return
        flow, _, step = target.partition(":")
        if flow in FLOWS:
            self._leave_to(turn, flow, step or None)
        else:
            turn.say(turn.t._("That button is no longer active. Here is where we are now:"))
            turn.reprompt()

    def _leave_to(self, turn: Turn, flow: str, step: str | None = None, **context: object) -> None:
        current = FLOWS.get(turn.flow)
        unsaved = current is not None and any(k in turn.ctx for k in current.guards)
        if unsaved and flow != turn.flow and flow not in {"help", "language"}:
            # Ask before throwing away a half-filled idea.
            turn.goto(
                "leave",
                "confirm",
                _resume=[turn.flow, turn.step, dict(turn.ctx)],
                _target=[flow, step, dict(context)],
            )
            return
        if flow in {"help", "language"} and turn.flow not in {"help", "language", "leave"}:
            # Help and language come back to where the resident was.
            context = {**context, "_return": [turn.flow, turn.step]}
            turn.ctx["_saved"] = dict(turn.ctx)
        turn.goto(flow, step, **context)

    def _maybe_switch_language(self, turn: Turn, text: str) -> None:
        candidates = turn.campaign.languages if turn.campaign else turn.services.catalogs.languages
        guessed = turn.services.guess_language(text, tuple(candidates))
        if guessed and guessed != turn.t.language and guessed in candidates:
            turn.resident.language = guessed
            turn.t = turn.services.catalogs.get(guessed)
            turn.say(
                turn.t._(
                    "I'll continue in {language}. You can change the language at any time "
                    "with /language.",
                    language=turn.t.locale.get_display_name(turn.t.locale) or guessed,
                )
            )


def _clean(text: str) -> str:
    normalised = unicodedata.normalize("NFC", _CONTROL.sub("", text))
    return " ".join(normalised.split())


def _is_start(text: str | None) -> bool:
    words = (text or "").lower().split()
    return bool(words) and words[0] in {"/start", "start"}


def _start_param(text: str) -> str | None:
    parts = text.split()
    return parts[1] if len(parts) > 1 else None


def _chosen_option(turn: Turn, text: str) -> str | None:
    options: list[str] = turn.ctx.get("_options", [])
    labels: list[str] = turn.ctx.get("_labels", [])
    if text.isdigit() and 1 <= int(text) <= len(options) and len(text) <= 3:
        return options[int(text) - 1]
    folded = text.casefold().strip(" .!")
    for payload, label in zip(options, labels, strict=False):
        if label.casefold() == folded:
            return payload
    return None


def _intent_labels(turn: Turn) -> dict[str, str]:
    t = turn.t
    return {
        "browse_proposals": t._("See the proposals"),
        "submit_idea": t._("Share an idea"),
        "vote": t._("Vote"),
        "show_ballot": t._("My ballot"),
        "show_results": t._("Results"),
        "campaign_info": t._("About this budget"),
        "help": t._("Help"),
        "change_language": t._("Language"),
        "opt_out": t._("Stop messages"),
        "delete_my_data": t._("Delete my data"),
    }
