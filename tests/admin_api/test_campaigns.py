"""Campaigns: create, validate, change with ETags, list and filter."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from actions.store.database import Database
from admin_api.app import create_admin_app
from tests.admin_api.conftest import Api
from tests.conftest import SECRET
from tests.support.chat import FakeClock


def west(**changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "slug": "west-2028",
        "name": {"nl": "West Begroot 2028", "en": "West Budget 2028"},
        "description": {"nl": "Bewoners beslissen samen."},
        "budget": 300_000,
        "languages": ["nl", "en"],
        "dates": {
            "ideas_open": "2028-01-10T09:00:00+01:00",
            "ideas_close": "2028-02-10T09:00:00+01:00",
            "voting_open": "2028-03-01T09:00:00+01:00",
            "voting_close": "2028-03-21T18:00:00+01:00",
        },
        "rules": {"kind": "knapsack", "max_budget": 300_000, "min_items": 1},
        "eligibility": "code+postcode",
        "postcodes": ["1055", "1056 ab"],
        "change_policy": "final",
        "tally_method": "greedy-no-skip",
        "allowed_origins": ["https://Begroot.Amsterdam.nl/"],
        "themes": [{"key": "green", "name": {"nl": "Groen", "en": "Green"}}],
        "neighbourhoods": [{"key": "oud-west", "name": {"nl": "Oud-West"}}],
    }
    body.update(changes)
    return body


def codes_of(response: Any) -> list[tuple[str, str | None]]:
    return [(d["code"], d["field"]) for d in response.json()["error"]["details"]]


def test_an_admin_creates_a_campaign(admin: Api) -> None:
    response = admin.post("/campaigns", json=west())
    assert response.status_code == 201, response.text
    campaign = response.json()
    assert response.headers["ETag"] == f'"campaign-{campaign["id"]}-1"'
    assert campaign["dates"]["voting_open"] == "2028-03-01T08:00:00Z"
    assert campaign["postcodes"] == ["1055", "1056AB"]
    assert campaign["allowed_origins"] == ["https://begroot.amsterdam.nl"]
    assert campaign["rules"]["kind"] == "knapsack"
    assert campaign["phase"] == "upcoming"
    assert admin.get(f"/campaigns/{campaign['id']}").json() == campaign


def test_without_rules_a_knapsack_ballot_is_capped_at_the_budget(admin: Api) -> None:
    body = west()
    del body["rules"]
    rules = admin.post("/campaigns", json=body).json()["rules"]
    assert (rules["kind"], rules["max_budget"]) == ("knapsack", 300_000)


def test_every_problem_of_the_settings_is_named(admin: Api) -> None:
    body = west(
        languages=["nl", "xx"],
        rules={"kind": "knapsack", "max_budget": 1000, "min_budget": 5000},
        dates={"voting_open": "2028-03-21T00:00:00Z", "voting_close": "2028-03-01T00:00:00Z"},
        timezone="Mars/Olympus_Mons",
        eligibility="code+postcode",
        postcodes=[],
    )
    response = admin.post("/campaigns", json=body)
    assert response.status_code == 422
    found = codes_of(response)
    assert ("unsupported_language", "languages") in found
    assert ("min_budget_above_max", "rules") in found
    assert ("voting_close_before_voting_open", "dates.voting_close") in found
    assert ("unknown_timezone", "timezone") in found
    assert ("postcodes_required", "postcodes") in found
    assert admin.get("/campaigns").json()["total"] == 0


def test_a_language_needs_nlu_data_and_translations(
    database: Database, role_tokens: dict[str, str], tmp_path: Path
) -> None:
    (tmp_path / "nlu").mkdir()
    (tmp_path / "nlu" / "nl.yml").write_text("version: '3.1'\n")
    (tmp_path / "nlu" / "de.yml").write_text("version: '3.1'\n")  # no translations
    (tmp_path / "locales" / "nl").mkdir(parents=True)
    (tmp_path / "locales" / "fr").mkdir()  # no NLU data
    app = create_admin_app(database, secret=SECRET, data_dir=tmp_path)
    with TestClient(app) as client:
        api = Api(client, role_tokens["admin"])
        for language in ("de", "fr"):
            body = west(
                languages=[language],
                name={language: "X"},
                description={},
                themes=[],
                neighbourhoods=[],
            )
            response = api.post("/campaigns", json=body)
            assert ("unsupported_language", "languages") in codes_of(response), language
        body = west(
            languages=["nl"], name={"nl": "X"}, description={}, themes=[], neighbourhoods=[]
        )
        assert api.post("/campaigns", json=body).status_code == 201


def test_the_name_needs_the_default_language(admin: Api) -> None:
    response = admin.post("/campaigns", json=west(name={"en": "West"}))
    assert ("missing_default_translation", "name") in codes_of(response)


def test_a_slug_is_taken_once(admin: Api) -> None:
    assert admin.post("/campaigns", json=west()).status_code == 201
    response = admin.post("/campaigns", json=west())
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "slug_taken"


def test_bad_input_gets_a_4xx_never_a_500(admin: Api) -> None:
    for body in (
        west(budget=10**30),
        west(budget=-1),
        west(budget="lots"),
        west(slug="West Side!"),
        west(unknown_field=1),
        west(dates={"voting_open": "2028-03-01T09:00:00"}),  # no time zone
        west(dates={"voting_open": "9999-12-31T23:59:59-23:59"}),  # beyond year 9999 in UTC
        west(name={"nl": "x\u0000y"}),
        west(rules={"kind": "knapsack", "max_budget": 2**40}),
        [],
        "west",
    ):
        response = admin.post("/campaigns", json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["error"]["code"] == "invalid"
    malformed = admin.post(
        "/campaigns", content=b'{"slug": ', headers={"Content-Type": "application/json"}
    )
    assert malformed.status_code == 400
    assert malformed.json()["error"]["code"] == "malformed_json"
    assert admin.get("/campaigns/424242").status_code == 404
    assert admin.get("/campaigns/99999999999999999999").status_code == 422
    assert admin.get("/campaigns/abc").status_code == 422


def test_a_change_needs_the_current_etag(admin: Api) -> None:
    created = admin.post("/campaigns", json=west())
    url, etag = f"/campaigns/{created.json()['id']}", created.headers["ETag"]
    first = admin.patch(url, json={"budget": 250_000}, headers={"If-Match": etag})
    assert first.status_code == 200, first.text
    assert first.headers["ETag"] != etag
    # A second organiser still holding the old ETag doesn't overwrite the first one's change.
    second = admin.patch(url, json={"budget": 200_000}, headers={"If-Match": etag})
    assert second.status_code == 412
    assert second.json()["error"]["code"] == "precondition_failed"
    assert admin.get(url).json()["budget"] == 250_000
    third = admin.patch(url, json={"budget": 200_000}, headers={"If-Match": first.headers["ETag"]})
    assert third.status_code == 200
    assert admin.patch(url, json={"budget": 1}, headers={"If-Match": "*"}).status_code == 200
    weak = "W/" + admin.get(url).headers["ETag"]
    assert admin.patch(url, json={"budget": 2}, headers={"If-Match": weak}).status_code == 200


def test_a_change_without_an_etag_is_refused_and_says_which_to_send(admin: Api) -> None:
    url = f"/campaigns/{admin.post('/campaigns', json=west()).json()['id']}"
    current = admin.get(url).headers["ETag"]
    blind = admin.request("PATCH", url, json={"budget": 1})
    assert blind.status_code == 428
    assert blind.json()["error"]["code"] == "precondition_required"
    assert current in blind.json()["error"]["message"]
    assert admin.get(url).json()["budget"] == 300_000


def test_dates_and_rules_merge_key_by_key(admin: Api) -> None:
    url = f"/campaigns/{admin.post('/campaigns', json=west()).json()['id']}"
    changed = admin.patch(
        url,
        json={
            "dates": {"results_published": "2028-04-01T10:00:00Z", "ideas_open": None},
            "rules": {"max_items": 5},
        },
    ).json()
    assert changed["dates"]["ideas_open"] is None
    assert changed["dates"]["voting_open"] == "2028-03-01T08:00:00Z"
    assert changed["dates"]["results_published"] == "2028-04-01T10:00:00Z"
    assert (changed["rules"]["max_items"], changed["rules"]["max_budget"]) == (5, 300_000)
    response = admin.patch(url, json={"dates": {"voting_close": "2028-02-01T00:00:00Z"}})
    assert response.status_code == 422
    assert ("voting_close_before_voting_open", "dates.voting_close") in codes_of(response)
    response = admin.patch(url, json={"rules": {"min_items": 9}})
    assert ("min_items_above_max", "rules") in codes_of(response)
    assert admin.patch(url, json={"name": None}).status_code == 422
    assert admin.patch(url, json={"slug": "renamed"}).status_code == 422


def test_an_unchanged_patch_keeps_the_etag(admin: Api) -> None:
    created = admin.post("/campaigns", json=west())
    url = f"/campaigns/{created.json()['id']}"
    same = admin.patch(url, json={"budget": 300_000})
    assert same.headers["ETag"] == created.headers["ETag"]


def test_a_theme_in_use_stays(admin: Api, moderator: Api) -> None:
    campaign = admin.post("/campaigns", json=west()).json()
    url = f"/campaigns/{campaign['id']}"
    moderator.post(
        url + "/proposals", json={"title": {"nl": "Bomen"}, "cost": 5000, "theme": "green"}
    )
    response = admin.patch(url, json={"themes": []})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "theme_in_use"
    themes = [{"key": "green", "name": {"nl": "Groen!"}}, {"key": "play", "name": {"nl": "Spel"}}]
    changed = admin.patch(url, json={"themes": themes}).json()
    assert [t["key"] for t in changed["themes"]] == ["green", "play"]
    assert changed["themes"][0]["name"] == {"nl": "Groen!"}


def test_campaigns_are_paged_and_filtered_by_phase(
    admin: Api, viewer: Api, clock: FakeClock
) -> None:
    now = clock.now
    for n in range(3):
        admin.post(
            "/campaigns",
            json=west(
                slug=f"c{n}",
                dates={
                    "voting_open": (now + timedelta(days=n - 1)).isoformat(),
                    "voting_close": (now + timedelta(days=5)).isoformat(),
                },
            ),
        )
    page = viewer.get("/campaigns", params={"limit": 2, "offset": 1}).json()
    assert (page["total"], [c["slug"] for c in page["items"]]) == (3, ["c1", "c2"])
    voting = viewer.get("/campaigns", params={"phase": "voting"}).json()
    assert [c["slug"] for c in voting["items"]] == ["c0", "c1"]
    assert viewer.get("/campaigns", params={"phase": "never"}).status_code == 422
    assert viewer.get("/campaigns", params={"limit": 0}).status_code == 422
