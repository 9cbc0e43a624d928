"""Real Cloud API notifications parsed into Inbound messages and statuses."""

from __future__ import annotations

import pytest

from bot.channels.whatsapp.locale import locale_hint
from bot.channels.whatsapp.parse import (
    MalformedNotificationError,
    Message,
    PageTurn,
    Status,
    parse,
)
from bot.engine.messages import Image, Location
from tests.support.fake_whatsapp import PHONE_NUMBER_ID
from tests.support.whatsapp_resident import fixture


def only_message(name: str) -> Message:
    found = parse(fixture(name), phone_number_id=PHONE_NUMBER_ID)
    (message,) = found.messages
    return message


def test_a_text_message() -> None:
    message = only_message("text")
    inbound = message.inbound
    assert (inbound.channel, inbound.user_id, inbound.text) == (
        "whatsapp",
        "905321234567",
        "merhaba",
    )
    assert inbound.message_id == message.wamid and message.wamid.startswith("wamid.")
    assert inbound.locale_hint == "tr"


def test_a_button_reply_and_a_list_reply_carry_the_option_id_as_payload() -> None:
    assert only_message("interactive_button_reply").inbound.payload == "l:tr"
    listed = only_message("interactive_list_reply").inbound
    assert listed.payload == "p:12" and listed.locale_hint == "pl"


def test_a_location_and_an_image() -> None:
    assert only_message("location").inbound.location == Location(52.0841, 4.2913)
    assert only_message("image").inbound.image == Image(
        "whatsapp:1479537139650973", "Tu stoją ławki"
    )


def test_a_voice_note_is_an_empty_message_so_the_step_asks_again() -> None:
    assert only_message("audio").inbound.text == ""


@pytest.mark.parametrize("name", ["reaction", "sticker", "unsupported"])
def test_reactions_stickers_and_unsupported_kinds_are_ignored(name: str) -> None:
    found = parse(fixture(name), phone_number_id=PHONE_NUMBER_ID)
    assert found.messages == [] and found.statuses == [] and found.ignored == 1


@pytest.mark.parametrize("state", ["sent", "delivered", "read"])
def test_statuses(state: str) -> None:
    found = parse(fixture(f"status_{state}"), phone_number_id=PHONE_NUMBER_ID)
    (status,) = found.statuses
    assert status.status == state and status.recipient == "905321234567"
    assert status.error_code is None


def test_a_failed_status_carries_its_error() -> None:
    (status,) = parse(fixture("status_failed"), phone_number_id=PHONE_NUMBER_ID).statuses
    assert status == Status(status.wamid, "failed", "905321234567", 131026, "Message undeliverable")


def test_several_entries_and_changes_in_one_notification() -> None:
    found = parse(fixture("several_entries"), phone_number_id=PHONE_NUMBER_ID)
    assert [m.inbound.text for m in found.messages] == ["merhaba", "dzień dobry"]
    assert [m.inbound.locale_hint for m in found.messages] == ["tr", "pl"]
    assert [s.status for s in found.statuses] == ["delivered"]
    assert found.ignored == 2  # the template review and the reaction


def test_traffic_of_another_business_number_is_ignored() -> None:
    found = parse(fixture("text"), phone_number_id="999999999999999")
    assert found.messages == [] and found.ignored == 1


def test_a_more_row_is_a_page_turn() -> None:
    data = fixture("interactive_list_reply")
    data["entry"][0]["changes"][0]["value"]["messages"][0]["interactive"]["list_reply"]["id"] = (
        "wa:page:812:2"
    )
    (message,) = parse(data, phone_number_id=None).messages
    assert message.page_turn == PageTurn(812, 2)


def test_an_option_number_becomes_a_bare_number() -> None:
    data = fixture("interactive_button_reply")
    data["entry"][0]["changes"][0]["value"]["messages"][0]["interactive"]["button_reply"]["id"] = (
        "n:7"
    )
    (message,) = parse(data, phone_number_id=None).messages
    assert message.inbound.text == "7" and message.inbound.payload is None


@pytest.mark.parametrize(
    "data",
    [
        [],
        {"object": "page", "entry": []},
        {"object": "whatsapp_business_account", "entry": {}},
        {"object": "whatsapp_business_account", "entry": [{"changes": [{"field": "messages"}]}]},
        {"object": "whatsapp_business_account", "entry": [{"changes": "x"}]},
    ],
)
def test_malformed_notifications_are_refused(data: object) -> None:
    with pytest.raises(MalformedNotificationError):
        parse(data, phone_number_id=None)


@pytest.mark.parametrize(
    "message",
    [
        {"id": "wamid.x"},  # no sender: nothing to answer
        {"from": "31612345678", "id": "wamid.x", "type": "location", "location": {}},
        {"from": "31612345678", "id": "wamid.x", "type": "image", "image": {"caption": "x"}},
    ],
)
def test_a_message_pbchat_can_t_read_is_acknowledged_and_ignored(message: object) -> None:
    data = fixture("text")
    data["entry"][0]["changes"][0]["value"]["messages"] = [message]
    found = parse(data, phone_number_id=None)
    assert found.messages == [] and found.ignored == 1


def test_a_flow_reply_gets_the_question_again() -> None:
    data = fixture("interactive_button_reply")
    message = data["entry"][0]["changes"][0]["value"]["messages"][0]
    message["interactive"] = {"type": "nfm_reply", "nfm_reply": {"response_json": "{}"}}
    (parsed,) = parse(data, phone_number_id=None).messages
    assert parsed.inbound.text == ""


@pytest.mark.parametrize("row_id", ["99999999999999999999", "x", ""])
def test_a_page_turn_that_is_not_ours_is_an_inactive_payload(row_id: str) -> None:
    data = fixture("interactive_list_reply")
    reply = data["entry"][0]["changes"][0]["value"]["messages"][0]["interactive"]["list_reply"]
    reply["id"] = f"wa:page:{row_id}:1"
    (message,) = parse(data, phone_number_id=None).messages
    assert message.page_turn is None and message.inbound.payload == reply["id"]


@pytest.mark.parametrize(
    ("number", "language"),
    [
        ("31612345678", "nl"),
        ("905321234567", "tr"),
        ("48601234567", "pl"),
        ("212612345678", "ar"),
        ("201001234567", "ar"),
        ("966501234567", "ar"),
        ("447700900123", "en"),
        ("16505551234", "en"),
        ("4915112345678", None),
        ("not-a-number", None),
    ],
)
def test_the_country_code_hints_at_the_language(number: str, language: str | None) -> None:
    assert locale_hint(number) == language
