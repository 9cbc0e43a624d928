"""The widget's files: the script to embed at /widget/pbchat.js and the demo page at /."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse, RedirectResponse

STATIC = Path(__file__).parent / "static"
SCRIPT = STATIC / "pbchat.js"
DEMO = STATIC / "demo.html"


def router() -> APIRouter:
    """GET / (the demo district website), /widget/ and /widget/pbchat.js."""
    routes = APIRouter(include_in_schema=False)

    @routes.get("/")
    def demo() -> FileResponse:
        return FileResponse(DEMO, media_type="text/html; charset=utf-8")

    @routes.get("/widget/")
    def widget_home() -> RedirectResponse:
        return RedirectResponse("/", status_code=307)

    @routes.get("/widget/pbchat.js")
    def script() -> FileResponse:
        # Short caching: a new release reaches every embedding site within five minutes.
        return FileResponse(
            SCRIPT,
            media_type="text/javascript; charset=utf-8",
            headers={"Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*"},
        )

    return routes
