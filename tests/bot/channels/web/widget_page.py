"""The widget as a person sees it in Chromium: open, tap, type, read (through the shadow root)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import Locator, Page, expect
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route


class Widget:
    """The <pbchat-widget> on a page; Playwright's locators see into its open shadow root."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.host = page.locator("pbchat-widget")
        self.launcher = self.host.locator(".launcher")
        self.panel = self.host.locator(".panel")
        self.log = self.host.locator(".log")
        self.input = self.host.get_by_role("textbox")
        self.bot = self.host.locator(".msg.bot")

    def open(self) -> Widget:
        """Clicks the launcher and waits for the bot's first message."""
        self.launcher.click()
        expect(self.panel).to_be_visible()
        self.bot.first.wait_for()
        self.idle()
        return self

    def idle(self) -> None:
        """Waits until no request of the widget is in flight."""
        expect(self.log).to_have_attribute("aria-busy", "false")

    def option(self, label: str) -> Locator:
        """The active option whose text contains `label`."""
        return self.host.locator("button[data-payload]:enabled", has_text=label).first

    def tap(self, label: str) -> Widget:
        """Clicks an active option and waits for the answer."""
        count = self.bot.count()
        self.option(label).click()
        self.idle()
        expect(self.bot).not_to_have_count(count)
        return self

    def say(self, text: str) -> Widget:
        """Types a message and sends it with Enter."""
        count = self.bot.count()
        self.input.fill(text)
        self.input.press("Enter")
        self.idle()
        expect(self.bot).not_to_have_count(count)
        return self

    def texts(self) -> list[str]:
        """The text of every bot message, in order."""
        return [t.strip() for t in self.bot.locator("p").all_inner_texts()]

    def last(self) -> str:
        """The text of the latest bot messages of the turn (all after the resident's last)."""
        return self.page.evaluate(_LAST_TURN)

    def focused(self) -> dict[str, Any]:
        """What has the keyboard focus inside the widget (tag, text, class)."""
        return self.page.evaluate(_FOCUSED)


_LAST_TURN = """() => {
  const log = document.querySelector("pbchat-widget").shadowRoot.querySelector(".log");
  const all = [...log.querySelectorAll(".msg")];
  let i = all.length - 1;
  while (i >= 0 && all[i].classList.contains("bot")) i--;
  return all.slice(i + 1).map((m) => m.querySelector("p").textContent).join("\\n");
}"""

_FOCUSED = """() => {
  const root = document.querySelector("pbchat-widget").shadowRoot;
  const el = root.activeElement;
  if (!el) return {tag: document.activeElement.tagName.toLowerCase(), text: "", cls: ""};
  const style = getComputedStyle(el);
  return {tag: el.tagName.toLowerCase(), text: el.textContent.trim(), cls: el.className,
          outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth)};
}"""


def host_site(pbchat_url: str) -> Starlette:
    """Another website (another origin) that embeds the widget: GET /<campaign>."""

    def page(request: Request) -> HTMLResponse:
        campaign = request.path_params["campaign"]
        return HTMLResponse(
            "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            "<title>Neighbourhood news</title><link rel='icon' href='data:,'></head><body>"
            "<main><h1>Neighbourhood news</h1><p>Tell us your idea in the chat.</p></main>"
            f"<script src='{pbchat_url}/widget/pbchat.js' data-campaign='{campaign}'></script>"
            "</body></html>"
        )

    return Starlette(routes=[Route("/{campaign}", page)])
