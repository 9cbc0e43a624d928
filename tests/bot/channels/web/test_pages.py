"""The files: the demo page at /, the script to embed at /widget/pbchat.js."""

from __future__ import annotations

from fastapi.testclient import TestClient

from bot.channels.web.pages import SCRIPT

SIZE_LIMIT = 30 * 1024


def test_the_demo_page_embeds_the_widget_with_one_script_tag(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert '<script src="/widget/pbchat.js" data-campaign="west"></script>' in response.text
    assert "Stadsdeel West" in response.text


def test_the_script_is_served_small_and_without_a_build_step(client: TestClient) -> None:
    response = client.get("/widget/pbchat.js")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.content == SCRIPT.read_bytes()
    assert len(response.content) < SIZE_LIMIT
    assert "attachShadow" in response.text


def test_the_widget_folder_leads_to_the_demo(client: TestClient) -> None:
    response = client.get("/widget/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/"


def test_the_script_never_puts_server_text_into_html() -> None:
    source = SCRIPT.read_text(encoding="utf-8")
    # innerHTML is used once, for the widget's own static markup; nothing else parses HTML.
    assert source.count("innerHTML") == 2  # the comment that says so, and the one use
    assert "root.innerHTML += HTML;" in source
    for risky in ("outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
        assert risky not in source
