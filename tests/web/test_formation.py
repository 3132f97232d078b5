"""The formation replay page: steps with their votes and thresholds, counterfactuals, safety."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from majlis.formation import replay


def test_steps_with_votes_and_thresholds(client: TestClient) -> None:
    doc = replay("iraq-2021").to_dict()
    html = client.get("/formation", params={"step": 1}).text
    assert len(re.findall(r"<li[^>]*><a href=", html)) == len(doc["steps"])
    second = doc["steps"][1]  # the first presidential ballot, 7 Feb 2022
    assert second["step"] == "president" and second["outcome"] == "failed"
    assert f'data-outcome="{second["outcome"]}"' in html and 'id="step-vote"' in html
    assert f">{second['votes']['quorum']} " in html  # the 220 quorum it needed
    assert 'data-mark="220"' in html  # drawn on the vote's hemicycle
    assert "Mohammed Shia al-Sudani" in html


def test_counterfactual_and_stepping(client: TestClient) -> None:
    html = client.get("/formation", params={"no_resignation": "true"}).text
    assert replay("iraq-2021", no_resignation=True).status in html
    frag = client.get("/formation", params={"step": 2}, headers={"HX-Request": "true"}).text
    assert frag.startswith('<section id="view" data-step="2"')


def test_only_built_in_scenarios(client: TestClient) -> None:
    for bad in ("../../etc/passwd", "/etc/hosts", "nope"):
        r = client.get("/api/formation", params={"scenario": bad})
        assert r.status_code == 400 and "unknown formation scenario" in r.json()["detail"]
