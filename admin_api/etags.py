"""ETags from version counters, and If-Match checks so edits never overwrite each other.

If-Match is required on every change of a resource with an ETag (RFC 6585's 428 without it):
an optional check protects only the organisers who remember it, and the edit it lets through
silently is exactly the one it exists to stop. `If-Match: *` overwrites on purpose.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

from admin_api.errors import ApiError

IfMatch = Annotated[
    str | None,
    Header(
        max_length=1000,
        description=(
            "The ETag read before editing (GET returns it); a stale one gets 412 instead of an "
            "overwrite, none gets 428. `*` overwrites whatever is there."
        ),
    ),
]


def etag(resource: str, resource_id: int, version: int) -> str:
    """The strong ETag of one version of a resource."""
    return f'"{resource}-{resource_id}-{version}"'


def set_etag(response: Response, resource: str, resource_id: int, version: int) -> None:
    """Puts the resource's ETag on the response."""
    response.headers["ETag"] = etag(resource, resource_id, version)


def check(if_match: str | None, resource: str, resource_id: int, version: int) -> None:
    """428 without If-Match; 412 when it names neither `*` nor the current version."""
    current = etag(resource, resource_id, version)
    if if_match is None:
        message = f"send If-Match with the ETag from GET (now {current}), or * to overwrite"
        raise ApiError(428, "precondition_required", message)
    # Weak forms (W/"...") are accepted too: some proxies weaken ETags on the way.
    tags = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in tags or current in tags:
        return
    message = "it changed since you read it: fetch it again (the ETag is now " + current + ")"
    raise ApiError(412, "precondition_failed", message)
