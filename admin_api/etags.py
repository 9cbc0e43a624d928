"""ETags from version counters, and If-Match checks so edits never overwrite each other."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header, Response

from admin_api.errors import ApiError

IfMatch = Annotated[
    str | None,
    Header(
        max_length=1000,
        description="The ETag read before editing; a stale one gets 412 instead of an overwrite.",
    ),
]


def etag(resource: str, resource_id: int, version: int) -> str:
    """The strong ETag of one version of a resource."""
    return f'"{resource}-{resource_id}-{version}"'


def set_etag(response: Response, resource: str, resource_id: int, version: int) -> None:
    """Puts the resource's ETag on the response."""
    response.headers["ETag"] = etag(resource, resource_id, version)


def check(if_match: str | None, resource: str, resource_id: int, version: int) -> None:
    """412 when If-Match names neither `*` nor the current version (absent: no check)."""
    if if_match is None:
        return
    current = etag(resource, resource_id, version)
    # Weak forms (W/"...") are accepted too: some proxies weaken ETags on the way.
    tags = {tag.strip().removeprefix("W/") for tag in if_match.split(",")}
    if "*" in tags or current in tags:
        return
    message = "it changed since you read it: fetch it again (the ETag is now " + current + ")"
    raise ApiError(412, "precondition_failed", message)
