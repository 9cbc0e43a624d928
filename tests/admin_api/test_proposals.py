"""Proposals: translations, missing translations, CSV import, ETags, deletion rules."""

from __future__ import annotations

from tests.admin_api.conftest import Api

CSV = "\n".join(
    [
        "number,cost,theme,neighbourhood,image_url,title_en,title_nl,summary_en,summary_nl,"
        "description_en",
        '10,"4.500",green,centre,https://example.org/a.jpg,Flowers,Bloemen,More flowers.,'
        "Meer bloemen.,Bees love them.",
        '11,800,,,,Bin,Afvalbak,One more bin.,,"A bin, by the bench."',
        "1,6500,green,centre,,Trees,Bomen,More trees.,Meer bomen.,Twelve new trees.",
        "",
    ]
)


def proposals_url(campaign_id: int) -> str:
    return f"/campaigns/{campaign_id}/proposals"


def test_a_moderator_adds_and_edits_a_proposal(moderator: Api, mini: int) -> None:
    created = moderator.post(
        proposals_url(mini),
        json={
            "title": {"en": "Water tap", "nl": "Watertappunt"},
            "summary": {"en": "Drinking water in the park."},
            "cost": 3500,
            "theme": "green",
            "neighbourhood": "centre",
            "image_url": "https://example.org/tap.jpg",
        },
    )
    assert created.status_code == 201, created.text
    proposal = created.json()
    assert proposal["number"] == 5  # the next free number after the fixture's four
    assert proposal["missing_translations"] == ["en", "nl"]
    url = f"{proposals_url(mini)}/{proposal['id']}"
    etag = moderator.get(url).headers["ETag"]
    changed = moderator.patch(
        url,
        json={
            "summary": {"en": "Drinking water.", "nl": "Drinkwater."},
            "description": {"en": "A tap by the playground.", "nl": "Een kraan bij de speeltuin."},
        },
        headers={"If-Match": etag},
    )
    assert changed.json()["missing_translations"] == []
    stale = moderator.patch(url, json={"cost": 1}, headers={"If-Match": etag})
    assert stale.status_code == 412
    withdrawn = moderator.patch(url, json={"status": "withdrawn", "theme": None}).json()
    assert (withdrawn["status"], withdrawn["theme"]) == ("withdrawn", None)


def test_proposal_input_is_checked(moderator: Api, mini: int) -> None:
    url = proposals_url(mini)
    for body, code in (
        ({"title": {"en": "X"}, "cost": 10**30}, "invalid"),
        ({"title": {"en": "X"}, "cost": -5}, "invalid"),
        ({"title": {"en": "X"}, "cost": 5, "image_url": "javascript:alert(1)"}, "invalid"),
        ({"title": {"en": "X"}, "cost": 5, "status": "secret"}, "invalid"),
        ({"title": {"en": "X"}, "cost": 5, "theme": "space"}, "invalid"),
        ({"title": {"tr": "X"}, "cost": 5}, "invalid"),
        ({"title": {"nl": "Alleen Nederlands"}, "cost": 5}, "invalid"),  # en is the default
    ):
        response = moderator.post(url, json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["code"] == code
    duplicate = moderator.post(url, json={"title": {"en": "X"}, "cost": 5, "number": 1})
    assert duplicate.status_code == 409
    assert duplicate.json()["error"]["code"] == "number_taken"
    assert moderator.get(f"/campaigns/{mini}/proposals/999999").status_code == 404
    assert moderator.get("/campaigns/999999/proposals").status_code == 404


def test_the_list_filters_and_names_missing_translations(viewer: Api, mini: int) -> None:
    page = viewer.get(proposals_url(mini), params={"theme": "play"}).json()
    assert [p["number"] for p in page["items"]] == [2, 3]
    assert page["total"] == 2
    assert viewer.get(proposals_url(mini), params={"missing_language": "nl"}).json()["total"] == 0


def test_a_csv_import_creates_and_updates(moderator: Api, viewer: Api, mini: int) -> None:
    response = moderator.csv(f"/campaigns/{mini}/imports/proposals", CSV)
    assert response.status_code == 200, response.text
    assert response.json() == {"created": [10, 11], "updated": [1]}
    by_number = {p["number"]: p for p in viewer.get(proposals_url(mini)).json()["items"]}
    assert by_number[10]["cost"] == 4500
    assert by_number[10]["missing_translations"] == ["nl"]  # no Dutch description
    assert by_number[11]["summary"] == {"en": "One more bin."}
    assert by_number[11]["description"] == {"en": "A bin, by the bench."}
    assert by_number[1]["cost"] == 6500
    # Columns left out stay: the Dutch description of #1 is still there.
    assert by_number[1]["description"]["nl"] == "Tien nieuwe bomen."
    again = moderator.csv(f"/campaigns/{mini}/imports/proposals", CSV)
    assert again.json() == {"created": [], "updated": []}


def test_a_bad_csv_imports_nothing_and_names_every_line(
    moderator: Api, viewer: Api, mini: int
) -> None:
    text = (
        "number;cost;theme;title_en\n"
        "20;100;green;Fine\n"
        "21;lots;green;Bad cost\n"
        "22;100;space;Bad theme\n"
        "20;100;green;Twice\n"
        '23;100;green;"Spans\ntwo lines"\n'
        "24;100;green;\n"
    )
    response = moderator.csv(f"/campaigns/{mini}/imports/proposals", text)
    assert response.status_code == 422
    details = response.json()["error"]["details"]
    assert [(d["line"], d["code"]) for d in details] == [
        (3, "not_a_number"),
        (4, "unknown_theme"),
        (5, "duplicate_number"),
        (8, "missing_default_translation"),
    ]
    assert viewer.get(proposals_url(mini)).json()["total"] == 4


def test_the_csv_header_is_checked(moderator: Api, mini: int) -> None:
    url = f"/campaigns/{mini}/imports/proposals"
    response = moderator.csv(url, "number,title_en,title_de,colour\n1,a,b,c\n")
    found = {(d["code"], d["field"], d["line"]) for d in response.json()["error"]["details"]}
    assert found == {
        ("unknown_language", "title_de", 1),
        ("unknown_column", "colour", 1),
        ("missing_column", "cost", 1),
    }
    assert moderator.csv(url, "").status_code == 422
    assert moderator.csv(url, "number,cost\n1,2,3\n").json()["error"]["details"][0]["line"] == 2
    wrong_type = moderator.post(url, json={"csv": "number,cost"})
    assert wrong_type.status_code == 415
    latin1 = moderator.post(
        url,
        content="number,cost,title_en\n1,5,Caf\xe9\n".encode("latin-1"),
        headers={"Content-Type": "text/csv"},
    )
    assert latin1.status_code == 400
    assert latin1.json()["error"]["code"] == "not_utf8"


def test_a_proposal_with_votes_is_withdrawn_not_deleted(
    moderator: Api, admin: Api, mini: int
) -> None:
    unvoted = moderator.post(proposals_url(mini), json={"title": {"en": "Lamp"}, "cost": 50})
    url = f"{proposals_url(mini)}/{unvoted.json()['id']}"
    assert moderator.delete(url, headers={"If-Match": '"proposal-0-0"'}).status_code == 412
    assert moderator.request("DELETE", url).status_code == 428
    assert moderator.delete(url).status_code == 204
    assert moderator.get(url).status_code == 404
    paper = admin.csv(f"/campaigns/{mini}/ballots/paper", "voter_id,proposal_numbers\nP1,1\n")
    assert paper.status_code == 201, paper.text
    voted = moderator.get(proposals_url(mini)).json()["items"][0]
    assert voted["number"] == 1
    response = moderator.delete(f"{proposals_url(mini)}/{voted['id']}")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "proposal_has_votes"
