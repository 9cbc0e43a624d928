"""Browsing proposals: by theme or neighbourhood, paged, in full, and by number."""

from __future__ import annotations

from tests.support.chat import Chat


def test_browse_by_theme_page_by_page(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree").tap("Proposals")
    chat.expect("There are 26 proposals").tap("By theme")
    chat.expect_option("Green", "Social")
    chat.tap("Green").expect("Choose one to read more")
    first_page = list(chat.options)
    chat.tap("More").expect("Proposals 6–")
    assert chat.options != first_page
    chat.tap("Previous").expect("Proposals 1–5")


def test_a_proposal_in_full_with_add_to_ballot_during_voting(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree").tap("Proposals").tap("All proposals")
    chat.tap("#1 ").expect("#1", "€").expect_option("Tell me more", "Add to my ballot")
    short = chat.text
    chat.tap("Tell me more")
    assert len(chat.text) > len(short)
    chat.tap("Back to the list").expect("Proposals 1–5")


def test_by_neighbourhood(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree").tap("Proposals").tap("By neighbourhood")
    chat.expect_option("Bos en Lommer").tap("Bos en Lommer").expect("Choose one to read more")


def test_asking_for_a_number_that_does_not_exist(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree")
    chat.say("tell me more about #999").expect("There is no proposal #999")


def test_a_bare_number_picks_the_option(chat: Chat) -> None:
    chat.start("west").tap("English").tap("I agree").tap("Proposals")
    chat.say("3").expect("Choose one to read more")  # 3 = "All proposals"
