"""Replies rendered as Cloud API messages: limits, degrading, paging, shortening."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.channels.whatsapp.fit import chunks, shorten, split_tail
from bot.channels.whatsapp.render import PAGE_META, Call, render, template
from bot.engine.i18n import Catalogs
from bot.engine.messages import Button, ListRow, Reply
from tests.conftest import DATA
from tests.support.fake_whatsapp import violations

CATALOGS = Catalogs(DATA / "locales")
EN = CATALOGS.get("en")


def message(call: Call) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "to": "31612345678",
        "type": call.type,
        call.type: call.content,
    }


def assert_valid(calls: list[Call]) -> None:
    for call in calls:
        assert violations(message(call)) == [], (call, violations(message(call)))


def rows_of(call: Call) -> list[dict[str, str]]:
    return [r for s in call.content["action"]["sections"] for r in s["rows"]]


def option_ids(call: Call) -> list[str]:
    if call.type != "interactive":
        return []
    if call.content["type"] == "button":
        return [b["reply"]["id"] for b in call.content["action"]["buttons"]]
    return [r["id"] for r in rows_of(call)]


def proposals(n: int) -> tuple[ListRow, ...]:
    return tuple(
        ListRow(f"p:{i}", f"#{i} A playground in the Erasmuspark for children", "€ 25,000 · Green")
        for i in range(1, n + 1)
    )


def test_a_plain_text_is_one_text_message_without_link_previews() -> None:
    (call,) = render(Reply("Hello"), EN)
    assert call == Call("text", {"preview_url": False, "body": "Hello"})


def test_a_long_text_is_cut_at_paragraphs_into_messages_of_4096() -> None:
    text = "\n\n".join(f"Paragraph {i} " + "word " * 150 for i in range(12))
    calls = render(Reply(text), EN)
    assert len(calls) > 1 and all(c.type == "text" for c in calls)
    assert_valid(calls)
    assert " ".join(" ".join(c.content["body"] for c in calls).split()) == " ".join(text.split())


def test_up_to_three_short_options_are_reply_buttons() -> None:
    reply = Reply("Continue?", buttons=(Button("consent:yes", "I agree"), Button("g:menu", "Menu")))
    (call,) = render(reply, EN)
    assert call.type == "interactive" and call.content["type"] == "button"
    buttons = call.content["action"]["buttons"]
    assert [(b["reply"]["id"], b["reply"]["title"]) for b in buttons] == [
        ("consent:yes", "I agree"),
        ("g:menu", "Menu"),
    ]


def test_four_options_or_a_long_label_become_a_list() -> None:
    four = Reply("Choose", buttons=tuple(Button(f"x:{i}", f"Option {i}") for i in range(4)))
    long = Reply("Choose", buttons=(Button("x:1", "Remove from my ballot please"),))
    for reply in (four, long):
        (call,) = render(reply, EN)
        assert call.content["type"] == "list"
        assert_valid([call])
    (call,) = render(long, EN)
    (row,) = rows_of(call)
    assert row["title"] == "Remove from my ballot…" and row["description"] == "…please"


def test_a_long_title_keeps_its_number_and_goes_on_in_the_description() -> None:
    (call,) = render(Reply("Proposals", rows=proposals(1), list_label="Proposals"), EN)
    (row,) = rows_of(call)
    assert row["title"].startswith("#1 ") and row["title"].endswith("…")
    assert len(row["title"]) <= 24
    assert row["description"].startswith("…")
    # Title and description together still say the whole title.
    assert "Erasmuspark" in row["title"] + row["description"]


def test_rows_and_buttons_share_one_list_in_order() -> None:
    reply = Reply(
        "Proposals 1–5 of 26",
        rows=proposals(5),
        buttons=(Button("b:next", "More"), Button("g:menu", "Menu")),
        list_label="Proposals",
    )
    (call,) = render(reply, EN)
    assert [r["id"] for r in rows_of(call)] == [
        "p:1",
        "p:2",
        "p:3",
        "p:4",
        "p:5",
        "b:next",
        "g:menu",
    ]
    assert call.content["action"]["button"] == "Proposals"
    assert call.content["action"]["sections"][0]["title"] == "Proposals"


def test_more_than_ten_options_are_paged_nine_at_a_time_with_a_more_row() -> None:
    reply = Reply("Choose a proposal", rows=proposals(23), buttons=(Button("g:menu", "Menu"),))
    seen: list[str] = []
    page = 0
    while True:
        (call,) = render(reply, EN, row_id=42, page=page)
        assert_valid([call])
        ids = [r["id"] for r in rows_of(call)]
        more = [i for i in ids if i.startswith("wa:page:")]
        seen += [i for i in ids if not i.startswith("wa:page:")]
        if not more:
            break
        assert more == [f"wa:page:42:{page + 1}"] and ids[-1] == more[0]
        page += 1
    assert seen == [*(f"p:{i}" for i in range(1, 24)), "g:menu"]  # each option once, in order
    assert page == 2


def test_the_more_row_says_what_comes_next() -> None:
    reply = Reply("Choose", rows=proposals(11))
    (call,) = render(reply, EN, row_id=7)
    more = rows_of(call)[-1]
    assert more["title"] == "More (2)"
    assert more["description"].startswith("#10 ")


def test_a_later_page_is_only_the_list_again() -> None:
    reply = Reply("Choose", rows=proposals(12), image_url="https://example.org/a.jpg")
    calls = render(reply, EN, row_id=7, page=1)
    assert [c.type for c in calls] == ["interactive"]
    assert [r["id"] for r in rows_of(calls[0])] == ["p:10", "p:11", "p:12"]
    assert calls[0].content["action"]["sections"][0]["title"] == "2/2"


def test_a_long_body_goes_first_as_text_and_the_question_stays_with_the_buttons() -> None:
    text = "Intro " * 300 + "\n\nShall I send it in?"
    calls = render(Reply(text, buttons=(Button("i:submit", "Send my idea"),)), EN)
    assert [c.type for c in calls] == ["text", "interactive"]
    assert calls[-1].content["body"]["text"] == "Shall I send it in?"
    assert_valid(calls)


def test_an_image_with_a_short_text_is_one_captioned_image() -> None:
    (call,) = render(Reply("#3 A bench", image_url="https://example.org/b.jpg"), EN)
    assert call == Call("image", {"link": "https://example.org/b.jpg", "caption": "#3 A bench"})


def test_an_image_with_options_comes_before_the_interactive_message() -> None:
    reply = Reply(
        "#3 A bench\n€ 2,000",
        buttons=(Button("b:more", "Tell me more"), Button("g:menu", "Menu")),
        image_url="https://example.org/b.jpg",
        image_alt="#3 A bench",
    )
    calls = render(reply, EN)
    assert [c.type for c in calls] == ["image", "interactive"]
    assert calls[0].content == {"link": "https://example.org/b.jpg", "caption": "#3 A bench"}


def test_a_payload_too_long_for_an_id_travels_as_its_option_number() -> None:
    reply = Reply("Pick", buttons=(Button("x" * 300, "Long one"),), meta={"first_option": "4"})
    (call,) = render(reply, EN)
    assert call.content["action"]["buttons"][0]["reply"]["id"] == "n:4"


def test_duplicate_labels_or_payloads_are_not_buttons() -> None:
    reply = Reply("Pick", buttons=(Button("a", "Same"), Button("b", "Same")))
    (call,) = render(reply, EN)
    assert call.content["type"] == "list"
    reply = Reply("Pick", rows=(ListRow("g:menu", "Menu"),), buttons=(Button("g:menu", "Menu"),))
    (call,) = render(reply, EN)
    assert [r["id"] for r in rows_of(call)] == ["g:menu", "n:2"]


def test_the_list_button_is_in_the_resident_s_language() -> None:
    reply = Reply("Kies", buttons=tuple(Button(f"x:{i}", f"Optie {i}") for i in range(5)))
    (call,) = render(reply, CATALOGS.get("nl"))
    label = call.content["action"]["button"]
    assert label == "Menu"


def test_a_page_asked_for_is_taken_from_the_stored_reply_s_meta() -> None:
    assert PAGE_META == "whatsapp_page"


def test_a_template_carries_the_text_as_one_parameter_without_new_lines() -> None:
    call = template("pbchat_notice", "tr", "Fikriniz kabul edildi.\n\nMenü için yazın.")
    assert call.content["name"] == "pbchat_notice"
    assert call.content["language"] == {"code": "tr"}
    (component,) = call.content["components"]
    assert component["parameters"] == [
        {"type": "text", "text": "Fikriniz kabul edildi. Menü için yazın."}
    ]
    assert_valid([call])


def test_shorten_cuts_on_a_word_boundary() -> None:
    assert shorten("#12 Speeltuin in het Erasmuspark", 24) == (
        "#12 Speeltuin in het…",
        "Erasmuspark",
    )
    assert shorten("Short", 24) == ("Short", "")
    assert shorten("Onafhankelijkheidsverklaring", 10) == ("Onafhanke…", "lijkheidsverklaring")


def test_chunks_and_split_tail_lose_nothing() -> None:
    text = "a " * 3000
    assert all(len(piece) <= 1000 for piece in chunks(text, 1000))
    lead, tail = split_tail("one\n\ntwo\n\nthree", 8, 100)
    assert (lead, tail) == (["one\n\ntwo"], "three")


labels = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60
).filter(lambda s: s.strip())


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(min_size=0, max_size=3000),
    rows=st.lists(st.tuples(labels, st.text(max_size=100)), max_size=30),
    buttons=st.lists(labels, max_size=5),
    image=st.booleans(),
    list_label=st.text(max_size=40),
)
def test_any_reply_renders_within_the_limits_and_offers_every_option_once(
    text: str,
    rows: list[tuple[str, str]],
    buttons: list[str],
    image: bool,
    list_label: str,
) -> None:
    reply = Reply(
        text,
        rows=tuple(ListRow(f"r:{i}", title, d) for i, (title, d) in enumerate(rows)),
        buttons=tuple(Button(f"b:{i}", label) for i, label in enumerate(buttons)),
        image_url="https://example.org/p.jpg" if image else None,
        list_label=list_label,
    )
    offered: list[str] = []
    page = 0
    while True:
        calls = render(reply, EN, row_id=9, page=page)
        assert_valid(calls)
        ids = [option_id for call in calls for option_id in option_ids(call)]
        offered += [i for i in ids if not i.startswith("wa:page:")]
        if f"wa:page:9:{page + 1}" not in ids:
            break
        page += 1
    assert offered == reply.options()
