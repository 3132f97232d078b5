"""The forecast page and API: off the request thread, with progress, bounded draws; the same
document as ``majlis forecast --json`` for the same seed."""

from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from majlis.web import create_app
from majlis.web.jobs import BusyError, Jobs


def _wait(c: TestClient, params: dict) -> dict:
    for _ in range(300):
        r = c.get("/api/forecast", params=params)
        if r.status_code != 202:
            assert r.status_code == 200, r.text
            return r.json()
        assert set(r.json()) >= {"status", "done", "total"}
        time.sleep(0.05)
    raise AssertionError("the forecast did not finish")


def test_api_forecast_equals_the_cli(run_cli) -> None:
    with TestClient(create_app()) as c:
        doc = _wait(c, {"draws": 3000, "seed": 7, "election": "2025"})
    cli = run_cli("forecast", "--election", "2025", "--draws", "3000", "--seed", "7", "--json")
    assert cli.code == 0, cli.err
    assert doc["status"] == "done" and doc["result"] == json.loads(cli.out)


def test_page_polls_then_shows_the_tables_and_charts() -> None:
    with TestClient(create_app()) as c:
        params = {"draws": 2000, "seed": 2, "estimates": "sol:15, kdp:12"}
        first = c.get("/forecast", params=params, headers={"HX-Request": "true"}).text
        assert 'id="view"' in first
        _wait(c, params)
        html = c.get("/forecast", params=params).text
        assert 'id="forecast-blocs"' in html and 'class="histogram"' in html
        assert 'data-mark="165"' in html


def test_limits_and_bad_input() -> None:
    with TestClient(create_app()) as c:
        r = c.get("/api/forecast", params={"draws": 10**9})
        assert r.status_code == 422 and "200,000" in r.json()["detail"]
        r = c.get("/api/forecast", params={"estimates": "sol:x"})
        assert r.status_code == 400 and "not a number" in r.json()["detail"]
        r = c.get("/forecast", params={"job": "nope"})
        assert r.status_code == 400 and "no forecast" in r.text


def test_jobs_are_bounded_and_shared() -> None:
    jobs = Jobs(workers=1, max_active=2)
    gate = []

    def slow(progress, stop):
        while not stop() and not gate:
            time.sleep(0.01)
        return 1

    a = jobs.submit("a", slow)
    assert jobs.submit("a", slow) is a  # the same inputs: the same job
    jobs.submit("b", slow)
    try:
        jobs.submit("c", slow)
        raise AssertionError("a third job was accepted")
    except BusyError as exc:
        assert "at most 2" in str(exc)
    gate.append(True)
    for _ in range(200):
        if a.finished:
            break
        time.sleep(0.01)
    assert a.status == "done" and a.result == 1
    jobs.shutdown()
