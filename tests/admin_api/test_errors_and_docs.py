"""One error shape for every status; the app mounted under /api serves its docs there."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from actions.store.database import Database
from admin_api import bodies
from admin_api.app import create_admin_app
from tests.admin_api.conftest import Api
from tests.conftest import SECRET


def assert_error(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "details"}
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    for detail in body["error"]["details"]:
        assert set(detail) == {"code", "message", "field", "line"}


def test_a_caller_without_a_token_hears_401_before_anything_about_the_body(
    client: TestClient, viewer: Api
) -> None:
    json_header = {"Content-Type": "application/json"}
    forged = {**json_header, "Authorization": "Bearer forged"}
    assert_error(client.post("/campaigns", content=b"{", headers=json_header), 401, "unauthorized")
    assert_error(client.post("/campaigns", content=b"{", headers=forged), 401, "unauthorized")
    known = viewer.post("/campaigns", content=b"{", headers=json_header)
    assert_error(known, 400, "malformed_json")


def test_every_error_has_the_same_shape(
    admin: Api, viewer: Api, client: TestClient, mini: int
) -> None:
    json_header = {"Content-Type": "application/json"}
    assert_error(admin.post("/campaigns", content=b"{", headers=json_header), 400, "malformed_json")
    assert_error(client.get("/campaigns"), 401, "unauthorized")
    assert_error(viewer.post("/tokens", json={"role": "admin"}), 403, "forbidden")
    assert_error(admin.get("/campaigns/4242"), 404, "campaign_not_found")
    assert_error(admin.get("/no/such/path"), 404, "not_found")
    assert_error(admin.request("PUT", f"/campaigns/{mini}"), 405, "method_not_allowed")
    taken = {"title": {"en": "Again"}, "cost": 1, "number": 1}
    assert_error(admin.post(f"/campaigns/{mini}/proposals", json=taken), 409, "number_taken")
    stale = admin.patch(f"/campaigns/{mini}", json={"budget": 5}, headers={"If-Match": '"x"'})
    assert_error(stale, 412, "precondition_failed")
    blind = admin.request("PATCH", f"/campaigns/{mini}", json={"budget": 5})
    assert_error(blind, 428, "precondition_required")
    wrong = admin.post(f"/campaigns/{mini}/ballots/paper", json={"rows": []})
    assert_error(wrong, 415, "unsupported_media_type")
    assert_error(admin.post("/campaigns", json={"slug": 5}), 422, "invalid")


def test_405_names_every_allowed_method(admin: Api, mini: int) -> None:
    response = admin.request("PUT", f"/campaigns/{mini}/proposals/1")
    assert response.headers["Allow"] == "GET, PATCH, DELETE"
    assert admin.delete("/campaigns").headers["Allow"] == "GET, POST"


def test_a_huge_upload_is_refused(admin: Api, mini: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bodies, "MAX_BYTES", 100)
    response = admin.csv(f"/campaigns/{mini}/imports/proposals", "number,cost\n" + "1,1\n" * 50)
    assert_error(response, 413, "too_large")


def test_validation_errors_name_the_field_but_never_echo_the_input(admin: Api) -> None:
    response = admin.post(
        "/campaigns",
        json={"slug": "ok", "name": {"nl": "x"}, "budget": "0612345678", "languages": ["nl"]},
    )
    assert_error(response, 422, "invalid")
    details = response.json()["error"]["details"]
    assert [d["field"] for d in details] == ["body.budget"]
    assert "0612345678" not in response.text


def test_mounted_under_api_the_docs_and_schema_are_there(database: Database, admin: Api) -> None:
    outer = FastAPI()
    outer.mount("/api", create_admin_app(database, secret=SECRET))
    with TestClient(outer) as client:
        schema = client.get("/api/openapi.json")
        assert schema.status_code == 200
        assert "/campaigns/{campaign_id}/proposals" in schema.json()["paths"]
        assert schema.json()["components"]["securitySchemes"]["token"]["scheme"] == "bearer"
        docs = client.get("/api/docs")
        assert docs.status_code == 200 and "/api/openapi.json" in docs.text
        me = client.get("/api/me", headers=admin.headers)
        assert me.json()["role"] == "admin"
        assert client.get("/api/me").status_code == 401
