"""The negotiation page and API: the same documents as ``majlis negotiate``, limits, the trace."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from majlis.data import load_dataset
from majlis.formation.negotiation import negotiate, trace_run
from majlis.web.routes.negotiation import MAX_WEB_RUNS


def _finished(client: TestClient, params: dict[str, Any]) -> dict[str, Any]:
    """Poll ``/api/negotiation`` until the job is done (202 while it runs)."""
    deadline = time.monotonic() + 120
    while True:
        r = client.get("/api/negotiation", params=params)
        if r.status_code == 200:
            return r.json()  # type: ignore[no-any-return]
        assert r.status_code == 202 and time.monotonic() < deadline, r.text
        time.sleep(0.1)


def test_outcomes_are_the_cli_document(client: TestClient, run_cli) -> None:
    cli = run_cli("negotiate", "--scenario", "iraq-2021", "--runs", "30", "--seed", "3", "--json")
    assert cli.code == 0, cli.err
    api = _finished(client, {"scenario": "iraq-2021", "runs": 30, "seed": 3})
    assert api["status"] == "done" and api["result"] == json.loads(cli.out)
    # and what the library says, computed a third way
    lib = negotiate("iraq-2021", runs=30, seed=3).to_dict()
    assert api["result"]["outcomes"] == lib["outcomes"]
    assert abs(sum(o["probability"] for o in lib["outcomes"]) - 1) < 1e-9


def test_counterfactual_outcomes_are_the_cli_document(client: TestClient, run_cli) -> None:
    args = ["--runs", "20", "--seed", "5", "--no-resignation", "--kdp-with-framework", "--json"]
    cli = run_cli("negotiate", *args)
    assert cli.code == 0, cli.err
    api = _finished(
        client,
        {"runs": 20, "seed": 5, "no_resignation": "true", "kdp_with_framework": "true"},
    )
    assert api["result"] == json.loads(cli.out)
    assert api["result"]["counterfactual"]["no_resignation"] is True


def test_trace_is_the_cli_document(client: TestClient, run_cli) -> None:
    cli = run_cli("negotiate", "--trace", "--run", "2", "--seed", "3", "--json")
    assert cli.code == 0, cli.err
    api = client.get("/api/negotiation/trace", params={"seed": 3, "run": 2})
    assert api.status_code == 200 and api.json() == json.loads(cli.out)


def test_limits_and_unknown_scenarios_are_4xx_with_a_message(client: TestClient) -> None:
    r = client.get("/api/negotiation", params={"runs": MAX_WEB_RUNS + 1})
    assert r.status_code == 422 and f"{MAX_WEB_RUNS:,}" in r.json()["detail"]
    r = client.get("/negotiation", params={"runs": MAX_WEB_RUNS + 1})
    assert r.status_code == 422 and f"{MAX_WEB_RUNS:,}" in r.text
    for bad in ("../../etc/passwd", "/etc/hosts", "nope"):
        for path in ("/api/negotiation", "/api/negotiation/trace"):
            r = client.get(path, params={"scenario": bad})
            assert r.status_code == 400 and "unknown negotiation scenario" in r.json()["detail"]
    r = client.get("/api/negotiation/trace", params={"council_rule": "dictator"})
    assert r.status_code == 400 and "dictator" in r.json()["detail"]


def test_page_plays_the_trace_round_by_round(client: TestClient) -> None:
    doc = trace_run("iraq-2021", seed=1, run=0).to_dict()
    rounds = doc["rounds"]
    html = client.get("/negotiation").text
    assert len(re.findall(r'<li[^>]*><a href="/negotiation\?', html)) == len(rounds)
    assert 'data-round="1"' in html and 'id="round-next"' in html
    k = 3
    frag = client.get("/negotiation", params={"round": k}, headers={"HX-Request": "true"}).text
    assert frag.startswith(f'<section id="view" data-round="{k}"')
    snap = rounds[k - 1]["snapshot"]
    # every seat of the house is drawn; each camp's row is the sum of its actors' seats
    assert frag.count("<circle") == doc["thresholds"]["members"]
    for camp, seats in snap["camps"].items():
        members = [a for a, c in snap["commitments"].items() if c == camp]
        assert seats == sum(snap["seats"][a] for a in members)
        assert re.search(rf'data-camp="{camp}"><td>[^<]*</td><td class="num">{seats}</td>', frag)
    for e in rounds[k - 1]["events"]:
        assert f'data-kind="{e["kind"]}"' in frag
    # past the last round: the last one
    last = client.get("/negotiation", params={"round": 999}).text
    assert f'data-round="{len(rounds)}"' in last and 'id="round-next"' not in last


def test_page_shows_the_outcome_probabilities(client: TestClient) -> None:
    params = {"runs": 20, "seed": 1}
    deadline = time.monotonic() + 120
    while True:
        part = client.get(
            "/negotiation", params={**params, "part": "outcome"}, headers={"HX-Request": "true"}
        ).text
        if 'data-status="done"' in part or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    lib = negotiate("iraq-2021", runs=20, seed=1).to_dict()
    top = lib["outcomes"][0]
    assert f"{100 * top['probability']:.1f}%" in part
    assert part.count("<tr data-kind=") == min(12, len(lib["outcomes"]))


def test_arabic_page_has_arabic_names_right_to_left(client: TestClient) -> None:
    html = client.get("/negotiation", params={"lang": "ar", "round": 6}).text
    assert 'dir="rtl"' in html
    kdp = load_dataset("iraq").party("kdp").name_ar
    assert kdp and kdp in html
    assert "round=6" in html and "lang=ar" in html  # links keep the state


@pytest.mark.parametrize("field", ["run", "seed", "round", "runs"])
def test_negative_numbers_are_refused(client: TestClient, field: str) -> None:
    r = client.get("/api/negotiation" if field == "runs" else "/negotiation", params={field: -1})
    assert r.status_code == 422
