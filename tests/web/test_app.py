"""The parliament page and the JSON API, through FastAPI's test client."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from majlis.data import load_dataset


def test_page_shows_the_house_at_a_date(client: TestClient) -> None:
    r = client.get("/", params={"date": "2022-07-01"})
    assert r.status_code == 200
    html = r.text
    assert html.count("<circle") == 329  # every seat, vacant ones included
    assert (
        len(re.findall(r'<circle[^>]*data-party=""', html)) == 9
    )  # 9 substitutes not yet sworn in
    assert 'data-party="sadrist"' not in html and '<b id="majority">165</b>' in html
    assert 'data-alliance="cf"' in html
    assert 'data-mark="165"' in html and 'data-mark="220"' in html
    # the event that changed the house last: the replacements sworn in on 23 June 2022
    assert "2022-06-23" in re.search(r'id="changed-by">(.*?)</p>', html, re.S).group(1)


def test_page_default_and_election(client: TestClient) -> None:
    assert client.get("/").status_code == 200
    r = client.get("/", params={"election": "2021"})
    assert r.status_code == 200 and 'data-party="sadrist"' in r.text
    assert r.text.count("<circle") == 329


def test_htmx_request_gets_the_fragment_with_the_language_link(client: TestClient) -> None:
    r = client.get("/", params={"date": "2022-07-01"}, headers={"HX-Request": "true"})
    assert r.status_code == 200
    assert r.text.lstrip().startswith('<section id="view"') and "<html" not in r.text
    # the language switch follows the new URL (swapped out of band)
    assert 'id="lang-switch"' in r.text and 'hx-swap-oob="true"' in r.text
    assert "/?date=2022-07-01&amp;lang=ar" in r.text


def test_seats_are_grouped_by_alliance_not_by_size(client: TestClient) -> None:
    html = client.get("/", params={"date": "2022-10-27"}).text
    order = re.findall(r'<tr data-party="([^"]*)" data-name', html)
    p = load_dataset("iraq").parliament(date="2022-10-27")
    groups = [p.alliance_of(x).id if p.alliance_of(x) else x for x in order]
    # each alliance's parties sit together (one contiguous run per alliance)
    runs = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
    assert len(runs) == len(set(runs))
    assert order != sorted(order, key=lambda x: -p.seats[x])  # not simply by size
    # the hemicycle seats parties in the table's order, vacant seats last
    seats = re.findall(r'<circle[^>]*data-party="([^"]*)"', html)
    assert list(dict.fromkeys(s for s in seats if s)) == order


def test_bad_input_is_a_4xx_with_the_message(client: TestClient) -> None:
    r = client.get("/", params={"date": "2022-02-30"})
    assert r.status_code == 400 and "malformed date" in r.text and 'id="error"' in r.text
    r = client.get("/api/parliament", params={"election": "1999"})
    assert r.status_code == 400 and "unknown election" in r.json()["detail"]
    r = client.get("/api/timeline", params={"category": "nope"})
    assert r.status_code == 400 and "unknown category" in r.json()["detail"]
    r = client.get("/api/parliament", params={"date": "x" * 500})
    assert r.status_code == 422 and r.json()["detail"]


def test_api_matches_the_library(client: TestClient) -> None:
    doc = client.get("/api/parliament", params={"date": "2022-10-27"}).json()
    assert doc == load_dataset("iraq").parliament(date="2022-10-27").to_dict()
    events = client.get("/api/timeline").json()["events"]
    assert len(events) >= 30
    assert client.get("/openapi.json").status_code == 200


def test_security_headers_on_every_response(client: TestClient) -> None:
    for url in ("/", "/api/parliament?election=2021", "/static/majlis.css", "/nope", "/docs"):
        r = client.get(url)
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_have_no_inline_script(client: TestClient) -> None:
    for url in (
        "/",
        "/?lang=ar",
        "/data",
        "/formation",
        "/forecast",
        "/negotiation",
        "/seats",
        "/docs",
    ):
        html = client.get(url).text
        for tag in re.findall(r"<script[^>]*>", html):
            assert "src=" in tag, (url, tag)
        assert not re.search(r"\son[a-z]+=", html), url  # no inline event handlers
        for ref in re.findall(r'<(?:script|link|img)[^>]*(?:src|href)="([^"]*)"', html):
            assert ref.startswith("/"), (url, ref)  # nothing loaded from another site


def test_default_house_is_the_datasets_rule_and_the_cli_agrees(client: TestClient, run_cli) -> None:
    import json

    ds = load_dataset("iraq")
    api = client.get("/api/parliament").json()
    cli = run_cli("parliament", "--json")
    assert cli.code == 0
    assert api == json.loads(cli.out) == ds.parliament(date=ds.latest_date()).to_dict()
    # the newest record of the data: no event or election is later
    assert api["date"] == max(ev.date for ev in ds.events).isoformat()


def test_unreachable_store_is_a_503_not_a_client_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from majlis.data import store
    from majlis.web import create_app

    # port 1 on loopback refuses at once: the store's server is down
    monkeypatch.setenv("MAJLIS_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    monkeypatch.setattr(store, "_stores", {})
    r = TestClient(create_app()).get("/api/parliament")
    assert r.status_code == 503 and "unavailable" in r.json()["detail"]
    r = TestClient(create_app()).get("/")
    assert r.status_code == 503 and "unavailable" in r.text


def test_data_page_lists_every_table_with_its_sources(client: TestClient) -> None:
    from majlis.data import dataset_to_json, source_report

    html = client.get("/data").text
    ds = load_dataset("iraq")
    report = source_report(ds)
    for name, rows in dataset_to_json(ds)["tables"].items():
        assert f'<tr data-table="{name}">' in html
        csv = client.get(f"/data/{name}.csv")
        assert csv.status_code == 200 and csv.text.count("\n") >= len(rows)  # header + rows
        assert client.get(f"/api/data/{name}").json()["rows"] == rows
    assert str(report.table("parties").sourced) in html
    assert client.get("/api/data/nope").status_code == 400
