"""Rendering replies for Telegram: keyboards, long payloads, long texts, photos."""

from __future__ import annotations

from bot.channels.telegram.render import CAPTION_LIMIT, TEXT_LIMIT, render
from bot.engine.messages import Button, ListRow, Reply


def test_rows_one_per_line_then_buttons_in_pairs() -> None:
    reply = Reply(
        "Choose:",
        rows=(ListRow("p:1", "#1 Trees", "€6,000 · More trees."), ListRow("p:2", "#2 Swing")),
        buttons=(Button("b:next", "More"), Button("b:prev", "Previous"), Button("g:menu", "Menu")),
    )
    (call,) = render(reply)
    assert call.keyboard is not None
    lines = [[b.text for b in line] for line in call.keyboard.inline_keyboard]
    assert lines == [["#1 Trees"], ["#2 Swing"], ["More", "Previous"], ["Menu"]]
    assert "€6,000 · More trees." in call.text  # descriptions travel in the text


def test_a_payload_over_64_bytes_travels_as_its_option_number() -> None:
    long_payload = "b:theme:" + "x" * 80
    reply = Reply(
        "Themes",
        buttons=(Button("g:menu", "Menu"), Button(long_payload, "Long")),
        meta={"first_option": "4"},
    )
    (call,) = render(reply)
    assert call.keyboard is not None
    data = [b.callback_data for line in call.keyboard.inline_keyboard for b in line]
    assert data == ["g:menu", "n:5"]


def test_long_text_is_split_and_only_the_last_part_has_the_keyboard() -> None:
    paragraph = ("Lorem ipsum dolor sit amet. " * 40).strip()
    reply = Reply("\n\n".join([paragraph] * 6), buttons=(Button("g:menu", "Menu"),))
    calls = render(reply)
    assert len(calls) > 1
    assert all(len(c.text) <= TEXT_LIMIT for c in calls)
    assert [c.keyboard is not None for c in calls] == [False] * (len(calls) - 1) + [True]
    assert "".join(c.text for c in calls).replace("\n", "").replace(" ", "") == (
        reply.text.replace("\n", "").replace(" ", "")
    )


def test_a_proposal_image_is_a_photo_with_a_caption() -> None:
    reply = Reply(
        "#3 Tiny forest\n€18,750",
        image_url="https://example.org/forest.jpg",
        buttons=(Button("b:more", "Tell me more"),),
    )
    (call,) = render(reply)
    assert (call.method, call.photo, call.text) == (
        "sendPhoto",
        "https://example.org/forest.jpg",
        "#3 Tiny forest\n€18,750",
    )
    assert call.keyboard is not None


def test_a_caption_too_long_goes_as_a_message_after_the_photo() -> None:
    reply = Reply("x " * CAPTION_LIMIT, image_url="https://example.org/a.jpg")
    photo, text = render(reply)
    assert (photo.method, photo.text) == ("sendPhoto", "")
    assert text.method == "sendMessage"
