"""Voting codes: alphabet without look-alikes, normalised entry, keyed digests."""

from actions.domain import voting_code


def test_codes_have_twelve_unambiguous_characters() -> None:
    codes = {voting_code.generate() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == 12
        assert not set(code) & set("0O1IL5S")


def test_entry_ignores_case_spaces_and_dashes() -> None:
    code = voting_code.generate()
    typed = " " + voting_code.display(code).lower().replace("-", " - ") + " "
    assert voting_code.normalise(typed) == code


def test_impossible_codes_are_refused() -> None:
    assert voting_code.normalise("ABCD") is None
    assert voting_code.normalise("ABCDEFGHJKM0") is None  # zero is not in the alphabet
    assert voting_code.normalise("") is None


def test_digest_depends_on_the_secret() -> None:
    code = voting_code.generate()
    assert voting_code.digest(code, b"a") != voting_code.digest(code, b"b")
    assert voting_code.digest(code, b"a") == voting_code.digest(code, b"a")
