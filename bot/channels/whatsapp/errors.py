"""What each Cloud API error means for an outbox row: retry, wait, hold or give up."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from bot.channels.whatsapp.graph import GraphError
from bot.delivery.sender import Outcome


class Policy(Enum):
    """How to treat a refused message."""

    RETRY = "retry"  # throttled or a passing fault: again after the backoff
    LATER = "later"  # needs an operator (token, account, payment): again in a quarter hour
    WINDOW = "window"  # outside the 24-hour window: a template, or wait for the resident
    HOLD = "hold"  # the template can't be used: wait for the resident to write
    UNREACHABLE = "unreachable"  # the number can't receive messages
    FAILED = "failed"  # the message itself is wrong: retrying won't help


# https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes
CODES: dict[int, Policy] = {
    1: Policy.RETRY,  # API unknown
    2: Policy.RETRY,  # API service
    4: Policy.RETRY,  # too many API calls
    80007: Policy.RETRY,  # WABA rate limit
    130429: Policy.RETRY,  # throughput of the phone number
    131000: Policy.RETRY,  # something went wrong
    131016: Policy.RETRY,  # service unavailable
    131048: Policy.RETRY,  # spam rate limit
    131056: Policy.RETRY,  # pair rate limit (this business number and this resident)
    0: Policy.LATER,  # authentication
    3: Policy.LATER,  # capability
    10: Policy.LATER,  # permission denied
    190: Policy.LATER,  # access token expired
    200: Policy.LATER,  # permission
    368: Policy.LATER,  # temporarily blocked for policy violations
    131031: Policy.LATER,  # account locked
    131042: Policy.LATER,  # payment method
    131045: Policy.LATER,  # phone number not registered / certificate
    131047: Policy.WINDOW,  # re-engagement message: more than 24 hours since the last message
    132000: Policy.HOLD,  # template parameter count mismatch
    132001: Policy.HOLD,  # template does not exist (in this language)
    132005: Policy.HOLD,  # template text too long
    132007: Policy.HOLD,  # template format policy
    132012: Policy.HOLD,  # template parameter format
    132015: Policy.HOLD,  # template paused
    132016: Policy.HOLD,  # template disabled
    131026: Policy.UNREACHABLE,  # message undeliverable (no WhatsApp, old version, blocked)
    131021: Policy.FAILED,  # recipient can't be the sender
    131051: Policy.FAILED,  # unsupported message type
    100: Policy.FAILED,  # invalid parameter
    131008: Policy.FAILED,  # required parameter missing
    131009: Policy.FAILED,  # parameter value invalid
    131049: Policy.FAILED,  # not delivered, to keep the ecosystem healthy
    131052: Policy.FAILED,  # media download
    131053: Policy.FAILED,  # media upload
}


def policy(error: GraphError) -> Policy:
    """The policy for an error: by its code, else by the HTTP status."""
    found = CODES.get(error.code) if error.code is not None else None
    if found is not None:
        return found
    if error.status in {0, 429} or error.status >= 500:
        return Policy.RETRY
    if error.status == 401:
        return Policy.LATER
    return Policy.FAILED


OUTCOMES: dict[Policy, Callable[[GraphError], Outcome]] = {
    Policy.RETRY: lambda e: Outcome("retry", retry_after=e.retry_after, error=str(e)),
    Policy.LATER: lambda e: Outcome("retry", retry_after=e.retry_after or 900.0, error=str(e)),
    Policy.WINDOW: lambda e: Outcome("held", error=str(e)),
    Policy.HOLD: lambda e: Outcome("held", error=str(e)),
    Policy.UNREACHABLE: lambda e: Outcome("failed", error=str(e), unreachable=True),
    Policy.FAILED: lambda e: Outcome("failed", error=str(e)),
}


def outcome(error: GraphError) -> Outcome:
    """The outbox outcome of a refused message."""
    return OUTCOMES[policy(error)](error)
