"""The web app: the house page and the JSON API, through FastAPI's test client."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from majlis.web import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


def test_page_shows_the_house_at_a_date(client: TestClient) -> None:
    r = client.get("/", params={"date": "2022-07-01"})
    assert r.status_code == 200
    html = r.text
    assert html.count("<circle") == 329  # every seat, vacant ones included
    assert len(re.findall(r'data-party=""', html)) == 9  # 9 substitutes had not taken the oath
    assert 'data-party="sadrist"' not in html and "majority <b>165</b>" in html
    assert 'data-alliance="cf"' in html


def test_page_default_and_election(client: TestClient) -> None:
    assert client.get("/").status_code == 200
    r = client.get("/", params={"election": "2021"})
    assert r.status_code == 200 and 'data-party="sadrist"' in r.text


def test_bad_input_is_a_400_with_the_message(client: TestClient) -> None:
    r = client.get("/", params={"date": "2022-02-30"})
    assert r.status_code == 400 and "malformed date" in r.text
    r = client.get("/api/parliament", params={"election": "1999"})
    assert r.status_code == 400 and "unknown election" in r.json()["detail"]


def test_api_matches_the_library(client: TestClient) -> None:
    from majlis.data import load_dataset

    doc = client.get("/api/parliament", params={"date": "2022-10-27"}).json()
    assert doc == load_dataset("iraq").parliament(date="2022-10-27").to_dict()
    events = client.get("/api/timeline").json()["events"]
    assert len(events) >= 30
    assert client.get("/openapi.json").status_code == 200


def test_default_house_is_the_datasets_rule_and_the_cli_agrees(client: TestClient, run_cli) -> None:
    import json

    from majlis.data import load_dataset

    ds = load_dataset("iraq")
    api = client.get("/api/parliament").json()
    cli = run_cli("parliament", "--json")
    assert cli.code == 0
    assert api == json.loads(cli.out) == ds.parliament(date=ds.latest_date()).to_dict()
    # the newest record of the data: no event or election is later
    assert api["date"] == max(ev.date for ev in ds.events).isoformat()


def test_unreachable_store_is_a_503_not_a_client_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from majlis.data import store

    # port 1 on loopback refuses at once: the store's server is down
    monkeypatch.setenv("MAJLIS_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    monkeypatch.setattr(store, "_stores", {})
    r = TestClient(create_app()).get("/api/parliament")
    assert r.status_code == 503 and "unavailable" in r.json()["detail"]
