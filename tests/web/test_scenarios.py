"""Scenarios: saved with the token, read by anyone, refused without the token."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
DOC = {
    "title": "Sadrists come back",
    "date": "2022-06-20",
    "seats": {"sadrist": 73},
    "coalition": ["sadrist", "kdp"],
}


def test_create_read_replace_delete(client: TestClient) -> None:
    r = client.post("/api/scenarios", json=DOC, headers=AUTH)
    assert r.status_code == 201
    rec = r.json()
    sid = rec["id"]
    assert rec["scenario"]["seats"] == {"sadrist": 73} and rec["url"] == f"/s/{sid}"
    got = client.get(f"/api/scenarios/{sid}").json()  # public
    assert got["scenario"] == rec["scenario"]
    page = client.get(f"/s/{sid}").text
    assert "Sadrists come back" in page and 'data-seats="104"' in page  # 73 + KDP's 31
    r = client.put(f"/api/scenarios/{sid}", json={**DOC, "title": "renamed"}, headers=AUTH)
    assert (
        r.status_code == 200
        and client.get(f"/api/scenarios/{sid}").json()["scenario"]["title"] == "renamed"
    )
    assert client.delete(f"/api/scenarios/{sid}", headers=AUTH).status_code == 204
    r = client.get(f"/api/scenarios/{sid}")
    assert r.status_code == 400 and "no scenario" in r.json()["detail"]


def test_writes_without_the_token_change_nothing(client: TestClient) -> None:
    sid = client.post("/api/scenarios", json=DOC, headers=AUTH).json()["id"]
    before = client.get("/api/scenarios").json()
    assert client.post("/api/scenarios", json=DOC).status_code == 401
    assert (
        client.post(
            "/api/scenarios", json=DOC, headers={"Authorization": "Bearer nope"}
        ).status_code
        == 403
    )
    assert client.put(f"/api/scenarios/{sid}", json={**DOC, "title": "x"}).status_code == 401
    assert (
        client.delete(f"/api/scenarios/{sid}", headers={"Authorization": "Bearer nope"}).status_code
        == 403
    )
    r = client.post(
        "/s", data={"title": "t", "token": "wrong", "state": "party=sol"}, follow_redirects=False
    )
    assert r.status_code == 403
    assert client.get("/api/scenarios").json() == before
    assert client.get(f"/api/scenarios/{sid}").json()["scenario"]["title"] == DOC["title"]


def test_form_save_redirects_to_the_shareable_page(client: TestClient) -> None:
    r = client.post(
        "/s",
        data={
            "title": "From the builder",
            "token": TOKEN,
            "state": "date=2022-10-27&party=sol&party=kdp&union=cf",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/s/")
    page = client.get(r.headers["location"]).text
    assert "From the builder" in page and 'id="party-sol" checked' in page


def test_cross_origin_form_is_refused(client: TestClient) -> None:
    r = client.post(
        "/s",
        data={"title": "x", "token": TOKEN, "state": ""},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert r.status_code == 403 and "cross-origin" in r.text


def test_scenario_limits(client: TestClient) -> None:
    r = client.post("/api/scenarios", json={**DOC, "title": "x" * 201}, headers=AUTH)
    assert r.status_code == 422
    r = client.post("/api/scenarios", json={**DOC, "seats": {"sol": 10**12}}, headers=AUTH)
    assert r.status_code == 422 and r.json()["detail"]
    r = client.post("/api/scenarios", json={**DOC, "coalition": ["nobody"]}, headers=AUTH)
    assert r.status_code == 400 and "nobody" in r.json()["detail"]
    r = client.post(
        "/api/scenarios",
        content=b"x" * 2_000_001,
        headers={**AUTH, "content-type": "application/json"},
    )
    assert r.status_code == 413 and "at most" in r.json()["detail"]
