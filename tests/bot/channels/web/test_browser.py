"""The widget in Debian's Chromium: journeys by mouse and keyboard, RTL, XSS, layout, axe."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from actions.store.campaigns import Campaign, Proposal
from actions.store.ideas import Idea
from actions.store.web import WebPhoto
from tests.bot.channels.web.conftest import AXE, Served, a_code
from tests.bot.channels.web.images import png
from tests.bot.channels.web.widget_page import Widget, host_site
from tests.support.server import ThreadedServer

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def host(served: Served) -> Iterator[str]:
    """A second website, on another origin, that the duinoord campaign allows."""
    server = ThreadedServer(host_site(served.url)).start()
    with served.database.transaction() as session:
        session.execute(
            update(Campaign).where(Campaign.slug == "duinoord").values(allowed_origins=[server.url])
        )
    served.web.channel.origins.campaigns(fresh=True)
    try:
        yield server.url
    finally:
        server.stop()


def test_a_resident_browses_votes_and_a_reload_resumes(served: Served, new_page: Any) -> None:
    page = new_page()
    page.goto(served.url + "/")
    widget = Widget(page).open()
    assert widget.option("English").is_visible()
    widget.tap("English").tap("I agree")
    assert "What would you like to do?" in widget.last()
    widget.tap("Proposals").tap("All proposals")
    rows = widget.host.locator("button.row:enabled")
    expect(rows).to_have_count(5)
    assert "€" in rows.first.locator(".d").inner_text()  # the description as secondary text
    widget.tap("#3 ")
    assert "#3" in widget.last()
    widget.tap("Add to my ballot")
    assert "voting code" in widget.last()
    widget.say(a_code(served.database))
    assert "Added: #3" in widget.last()
    assert "of €300,000" in widget.last()  # the running total
    widget.tap("Review and vote").tap("Confirm my vote")
    receipt = widget.last()
    assert "receipt" in receipt.lower()
    before = widget.texts()

    page.reload()
    widget = Widget(page)
    expect(widget.panel).to_be_visible()  # it was open, so it opens again
    expect(widget.bot).to_have_count(len(before))
    assert widget.texts() == before
    assert widget.host.locator(".msg.me").nth(0).inner_text().endswith("English")
    # Only the latest turn's options are live; the spent ones are disabled.
    live = widget.host.locator("button[data-payload]:enabled")
    assert live.count() >= 1
    assert widget.host.locator("button[data-payload]:disabled").count() > live.count()


def test_a_keyboard_only_journey(served: Served, new_page: Any) -> None:
    page = new_page()
    page.goto(served.url + "/")
    widget = Widget(page)
    for _ in range(30):  # past the skip link and the menu, to the launcher
        page.keyboard.press("Tab")
        if widget.focused().get("cls") == "launcher":
            break
    assert widget.focused()["cls"] == "launcher"
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    widget.bot.first.wait_for()
    widget.idle()
    assert widget.focused()["tag"] == "input"  # focus moves into the dialog

    while widget.focused()["text"] != "English":
        page.keyboard.press("Shift+Tab")
    focus = widget.focused()
    assert focus["outline"] == "solid" and focus["outlineWidth"] >= 2  # visible focus
    page.keyboard.press("Enter")
    widget.idle()
    assert widget.focused()["text"] == "I agree"  # focus goes to the new choices
    page.keyboard.press("Space")
    widget.idle()
    assert widget.focused()["text"] == "Vote"
    page.keyboard.press("Tab")
    assert widget.focused()["text"] == "Proposals"
    page.keyboard.press("Enter")
    widget.idle()
    assert "How would you like to look?" in widget.last()

    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    assert widget.focused()["cls"] == "launcher"  # focus returns to the launcher
    page.keyboard.press("Enter")
    expect(widget.panel).to_be_visible()
    assert widget.focused()["tag"] == "input"
    page.keyboard.type("/help")
    page.keyboard.press("Enter")
    widget.idle()
    assert "How this chat works" in widget.last()
    assert widget.focused()["tag"] == "input"  # typing keeps the focus in the input


def test_arabic_renders_right_to_left_and_the_language_menu_switches(
    served: Served, new_page: Any
) -> None:
    page = new_page(locale="ar")
    page.goto(served.url + "/")
    widget = Widget(page).open()
    first = widget.bot.first
    expect(first).to_have_attribute("dir", "rtl")
    expect(first).to_have_attribute("lang", "ar")
    expect(widget.host.locator(".root")).to_have_attribute("dir", "rtl")
    expect(widget.host.locator(".root")).to_have_attribute("lang", "ar")
    widget.tap("العربية")
    widget.host.locator("button[data-payload]:enabled").first.click()  # consent
    widget.idle()
    assert widget.bot.last.get_attribute("dir") == "rtl"
    widget.host.locator("button[data-payload='g:language']:enabled").click()
    widget.idle()
    widget.tap("English")
    expect(widget.bot.last).to_have_attribute("dir", "ltr")
    assert "OK, from now on I'll write in English" in widget.last()
    expect(widget.host.locator(".root")).to_have_attribute("dir", "ltr")
    expect(widget.launcher).to_have_text("Chat with us")


def test_resident_text_is_shown_as_text_and_never_runs(
    served: Served, host: str, new_page: Any
) -> None:
    page = new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.goto(host + "/duinoord")  # the widget embedded on another origin (CORS)
    widget = Widget(page).open()
    widget.tap("English").tap("I agree").tap("Share an idea")
    attack = '<img src=x onerror="alert(1);window.pwned=1"><script>window.pwned=2</script>'
    widget.say(attack)
    mine = widget.host.locator(".msg.me").last
    expect(mine).to_contain_text(attack)
    widget.say("Benches by the playground, so grandparents can sit while children play.")
    widget.tap("Skip").tap("Skip").tap("Skip")
    assert attack in widget.last()  # the bot's summary repeats the title, as text
    assert widget.host.locator(".log img").count() == 0
    assert widget.host.locator(".log script").count() == 0
    assert page.evaluate("window.pwned") is None
    assert dialogs == []


def test_bot_text_links_and_images_are_drawn_safely(served: Served, new_page: Any) -> None:
    page = new_page()
    page.goto(served.url + "/")
    Widget(page).open()
    page.evaluate(
        """() => document.querySelector("pbchat-widget").render({
            from: "bot", id: 999999, language: "en", rtl: false,
            text: "Read https://example.org/plan?x=1. Or javascript:alert(1) <b>bold</b>",
            image: {url: "javascript:alert(1)", alt: "bad"}, buttons: [], rows: []}, false)"""
    )
    page.evaluate(
        """() => document.querySelector("pbchat-widget").render({
            from: "bot", id: 999998, language: "en", rtl: false, text: "#3 Benches",
            image: {url: "/healthz", alt: "Two benches by the playground"},
            buttons: [], rows: []}, false)"""
    )
    widget = Widget(page)
    links = widget.host.locator(".msg.bot a")
    expect(links).to_have_count(1)
    assert links.get_attribute("href") == "https://example.org/plan?x=1"
    assert links.get_attribute("rel") == "noopener noreferrer"
    assert "(opens in a new tab)" in links.inner_text()
    assert widget.host.locator(".msg.bot b").count() == 0
    expect(widget.bot.nth(-2)).to_contain_text("<b>bold</b>")
    images = widget.host.locator(".msg.bot img")
    expect(images).to_have_count(1)
    assert images.get_attribute("alt") == "Two benches by the playground"
    assert images.get_attribute("src") == served.url + "/healthz"


def test_a_proposal_image_has_its_title_as_alt_text(served: Served, new_page: Any) -> None:
    with served.database.transaction() as session:
        session.execute(update(Proposal).where(Proposal.number == 4).values(image_url="/healthz"))
    page = new_page()
    page.goto(served.url + "/")
    widget = Widget(page).open()
    widget.tap("English").tap("I agree")
    widget.say("/proposals")
    widget.tap("All proposals").tap("#4 ")
    image = widget.bot.last.locator("img")
    title = widget.bot.last.locator("p").inner_text().split("\n")[0]
    assert image.get_attribute("alt") == title.removeprefix("#4 ")


def test_a_page_on_an_origin_the_campaign_does_not_allow_gets_no_chat(
    host: str, new_page: Any
) -> None:
    page = new_page()
    page.goto(host + "/west")  # west allows only pbchat's own pages
    widget = Widget(page)
    widget.launcher.click()
    expect(widget.host.locator(".note")).to_contain_text("not available")
    expect(widget.bot).to_have_count(0)


def test_zoom_to_200_percent_keeps_everything_usable(served: Served, new_page: Any) -> None:
    # 1280×800 at 200% zoom is a 640×400 CSS-pixel viewport.
    page = new_page(viewport={"width": 640, "height": 400}, device_scale_factor=2)
    page.goto(served.url + "/")
    widget = Widget(page).open()
    for part in (widget.host.locator(".close"), widget.input, widget.host.locator(".send")):
        box = part.bounding_box()
        assert box is not None
        assert box["x"] >= 0 and box["x"] + box["width"] <= 640
        assert box["y"] >= 0 and box["y"] + box["height"] <= 400
    widget.tap("English")
    assert widget.option("I agree").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 640  # no sideways scrolling


def test_reduced_motion_turns_the_animations_off(served: Served, new_page: Any) -> None:
    names = {}
    for motion in ("reduce", "no-preference"):
        page = new_page(reduced_motion=motion)
        page.goto(served.url + "/")
        widget = Widget(page).open()
        names[motion] = widget.panel.evaluate("(el) => getComputedStyle(el).animationName")
    assert names == {"reduce": "none", "no-preference": "pbchat-in"}


def test_new_messages_are_announced_politely(served: Served, new_page: Any) -> None:
    page = new_page()
    page.goto(served.url + "/")
    widget = Widget(page).open()
    live = widget.host.locator("[aria-live='polite']")
    expect(live).to_contain_text("Shall we continue in English?")
    widget.tap("English")
    expect(live).to_contain_text("Privacy")


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_axe_finds_no_serious_or_critical_violations(
    served: Served, new_page: Any, locale: str
) -> None:
    page = new_page(locale=locale)
    page.goto(served.url + "/")
    widget = Widget(page)
    page.add_script_tag(path=str(AXE))
    assert serious_violations(page) == []  # closed: the launcher on the page
    widget.open()
    widget.host.locator("button[data-payload]:enabled").first.click()  # the language
    widget.idle()
    widget.host.locator("button[data-payload]:enabled").first.click()  # consent
    widget.idle()
    widget.host.locator("button[data-payload='g:browse']:enabled").click()
    widget.idle()
    widget.host.locator("button[data-payload='b:all']:enabled").click()
    widget.idle()
    expect(widget.host.locator("button.row:enabled")).to_have_count(5)
    widget.input.focus()
    assert serious_violations(page) == []  # open, with list rows, spent and live options


def serious_violations(page: Any) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the whole page, shadow roots included."""
    results = page.evaluate(
        """async () => {
            const results = await axe.run(document, {resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({target: n.target, summary: n.failureSummary}))}));
        }"""
    )
    return [v for v in results if v["impact"] in {"serious", "critical"}]


def test_a_resident_shares_a_location_for_an_idea(served: Served, host: str, new_page: Any) -> None:
    page = new_page(
        geolocation={"latitude": 52.0841, "longitude": 4.2913}, permissions=["geolocation"]
    )
    page.goto(host + "/duinoord")
    widget = Widget(page).open()
    widget.tap("English").tap("I agree").tap("Share an idea")
    widget.say("Benches in the Reinkenstraat")
    widget.say("Two benches by the playground, so grandparents can sit while children play.")
    assert "share a location" in widget.last()
    count = widget.bot.count()
    widget.host.get_by_role("button", name="Share my location").click()
    expect(widget.bot).not_to_have_count(count)
    widget.idle()
    assert "I've saved the location" in widget.last()
    expect(widget.host.locator(".msg.me").last).to_have_text("You: Location shared")


def test_the_host_pages_css_does_not_reach_into_the_widget(served: Served, new_page: Any) -> None:
    page = new_page()
    page.goto(served.url + "/")
    widget = Widget(page).open()
    # The demo page styles every button in Comic Sans, upper case; the widget's stay its own.
    style = widget.launcher.evaluate(
        "(el) => [getComputedStyle(el).textTransform, getComputedStyle(el).fontFamily]"
    )
    assert style[0] == "none" and "Comic Sans" not in style[1]
    option = widget.option("English")
    assert option.evaluate("(el) => getComputedStyle(el).textTransform") == "none"


def test_a_failed_send_says_so_and_keeps_the_choices(served: Served, new_page: Any) -> None:
    page = new_page()
    page.goto(served.url + "/")
    widget = Widget(page).open()
    page.route("**/widget/api/messages", lambda route: route.fulfill(status=503, body=""))
    widget.option("English").click()
    widget.idle()
    expect(widget.host.locator(".note[role='alert']")).to_contain_text("not available")
    page.unroute("**/widget/api/messages")
    widget.tap("English")  # still there to tap again
    assert "Privacy" in widget.last()


def test_a_forged_token_in_storage_starts_a_new_session(served: Served, new_page: Any) -> None:
    page = new_page()
    page.goto(served.url + "/")
    Widget(page).open().tap("English")
    key = page.evaluate("() => Object.keys(localStorage).find((k) => k.endsWith(':token'))")
    page.evaluate(f"() => localStorage.setItem({key!r}, 'forged.token')")
    page.reload()
    widget = Widget(page)
    expect(widget.bot).to_have_count(2)  # a fresh greeting, not the old conversation
    widget.idle()
    assert page.evaluate(f"() => localStorage.getItem({key!r})") != "forged.token"


def test_a_resident_attaches_a_photo_to_an_idea(served: Served, host: str, new_page: Any) -> None:
    page = new_page()
    page.goto(host + "/duinoord")
    widget = Widget(page).open()
    widget.tap("English").tap("I agree").tap("Share an idea")
    widget.say("A mural on the school wall")
    widget.say("The grey wall by the school could carry a mural that the children paint.")
    widget.tap("Skip").tap("Skip")
    assert "add a photo" in widget.last()
    with page.expect_file_chooser() as chooser:  # a labelled button opens the file picker
        widget.host.get_by_role("button", name="Add a photo").click()
    assert not chooser.value.is_multiple()
    picker = widget.host.locator("input[type=file]")
    assert picker.get_attribute("accept") == "image/jpeg,image/png,image/webp"

    alert = widget.host.locator(".note[role='alert']")
    picker.set_input_files(files=[{"name": "a.txt", "mimeType": "text/plain", "buffer": b"hi"}])
    expect(alert.last).to_have_text(
        "That file is not a photo I can use. Please choose a JPEG, PNG or WebP."
    )
    huge = {"name": "big.png", "mimeType": "image/png", "buffer": png() + bytes(5 * 1024 * 1024)}
    picker.set_input_files(files=[huge])
    expect(alert.last).to_have_text("That photo is too large. Please choose one of at most 5 MB.")
    # A file named .png that is no image passes the widget's check; the server's answer shows.
    fake = {"name": "fake.png", "mimeType": "image/png", "buffer": b"<svg onload=alert(1)>"}
    picker.set_input_files(files=[fake])
    expect(alert).to_have_count(3)
    expect(alert.last).to_have_text(
        "That file is not a photo I can use. Please choose a JPEG, PNG or WebP."
    )
    widget.idle()
    expect(widget.host.locator(".msg.me").last).to_have_text("You: Skip")  # nothing looks sent

    count = widget.bot.count()
    picker.set_input_files(
        files=[{"name": "wall.png", "mimeType": "image/png", "buffer": png(40, 30)}]
    )
    expect(widget.bot).not_to_have_count(count)
    widget.idle()
    mine = widget.host.locator(".msg.me").last
    expect(mine).to_have_text("You: Photo sent")
    thumbnail = mine.locator("img")
    expect(thumbnail).to_have_attribute("alt", "The photo you sent")
    expect(thumbnail).to_have_js_property("naturalWidth", 40)
    assert "Photo: yes" in widget.last()
    widget.tap("Send my idea")
    assert "Your reference is DUINOORD-" in widget.last()
    with served.database.transaction() as session:
        ref = session.scalar(
            select(Idea.photo_ref).where(Idea.title == "A mural on the school wall")
        )
        assert ref is not None and ref.startswith("web-photo:")
        stored = session.get(WebPhoto, ref.removeprefix("web-photo:"))
        assert stored is not None and stored.data == png(40, 30)

    page.reload()  # the thumbnail comes back, fetched with the session's token
    widget = Widget(page)
    expect(widget.panel).to_be_visible()
    expect(widget.host.locator(".msg.me img")).to_have_count(1)
    expect(widget.host.locator(".msg.me img")).to_have_js_property("naturalWidth", 40)
    page.add_script_tag(path=str(AXE))
    assert serious_violations(page) == []
