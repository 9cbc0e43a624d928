"""Bearer tokens and roles: admin > moderator > viewer."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from actions import tokens
from actions.audit import Actor
from admin_api.errors import ApiError

# A role may do everything the roles after it may do.
RANKS = {"admin": 3, "moderator": 2, "viewer": 1}
TOKEN_MAX = 200

bearer = HTTPBearer(
    auto_error=False,
    scheme_name="token",
    description="An API token from `pbchat admin create-token` or POST /tokens.",
)


@dataclass(frozen=True, slots=True)
class Caller:
    """The token a request came with."""

    token_id: int
    role: str
    label: str | None

    @property
    def actor(self) -> Actor:
        """How the audit log names this caller."""
        return Actor(self.label or f"token {self.token_id}", self.token_id, self.role)

    def may(self, role: str) -> bool:
        """Whether this caller's role includes `role`."""
        return RANKS[self.role] >= RANKS[role]


def _unauthorized(message: str, error: str | None) -> ApiError:
    challenge = f'Bearer error="{error}"' if error else "Bearer"
    return ApiError(401, "unauthorized", message, headers={"WWW-Authenticate": challenge})


def authenticate(session: Session, credentials: HTTPAuthorizationCredentials | None) -> Caller:
    """The caller behind the bearer token; 401 without a live token."""
    if credentials is None:
        raise _unauthorized("send an API token: Authorization: Bearer <token>", None)
    token = credentials.credentials.strip()
    row = tokens.find(session, token=token) if 0 < len(token) <= TOKEN_MAX else None
    if row is None or row.role not in RANKS:
        raise _unauthorized("the token is unknown or revoked", "invalid_token")
    return Caller(row.id, row.role, row.label)


def authorise(caller: Caller, role: str) -> None:
    """403 unless the caller's role includes `role`."""
    if not caller.may(role):
        message = f"this needs the {role} role; the token has the {caller.role} role"
        raise ApiError(403, "forbidden", message)
