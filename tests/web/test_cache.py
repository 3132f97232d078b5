"""Responses kept in memory: the same answer as computing it, never for writes, errors or jobs."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from majlis.data import load_dataset
from majlis.web import create_app
from majlis.web.cache import DatasetSource
from tests.web.conftest import TOKEN

HIT = "x-majlis-cache"


@pytest.fixture
def fresh() -> TestClient:
    return TestClient(create_app(token=TOKEN))


@pytest.mark.parametrize(
    "path",
    [
        "/?date=2022-07-01",
        "/?lang=ar&date=2022-10-27",
        "/api/parliament?date=2022-07-01",
        "/coalitions?date=2022-10-27&party=sol&party=kdp&union=cf",
        "/api/coalitions?date=2022-10-27&party=sol",
        "/data",
        "/data/parties.csv",
    ],
)
def test_a_repeated_request_is_answered_from_memory_with_the_same_body(
    fresh: TestClient, path: str
) -> None:
    first = fresh.get(path)
    again = fresh.get(path)
    assert first.status_code == again.status_code == 200
    assert first.headers[HIT] == "miss" and again.headers[HIT] == "hit"
    assert again.content == first.content
    assert again.headers["content-type"] == first.headers["content-type"]
    # the security headers are on answers from memory too
    assert again.headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in again.headers["content-security-policy"]


def test_the_house_section_is_the_same_on_the_page_and_in_the_fragment(fresh: TestClient) -> None:
    page = fresh.get("/?date=2022-07-01").text
    part = fresh.get("/?date=2022-07-01", headers={"HX-Request": "true"})
    assert part.headers[HIT] == "miss"  # a fragment is not the page kept for the same URL
    assert "<!doctype html>" in page and "<!doctype html>" not in part.text
    section = part.text[: part.text.index("</section>")]
    assert section in page
    # the day's house as the library computes it: the Sadrists resigned on 12 June 2022
    house = load_dataset("iraq").parliament(date="2022-07-01")
    assert f'data-filled="{house.filled_seats}"' in section and "sadrist" not in house.seats


def test_errors_scenarios_and_forecasts_are_never_kept(fresh: TestClient) -> None:
    for path in ("/api/parliament?date=1800-01-01", "/api/scenarios", "/forecast"):
        fresh.get(path)
        assert fresh.get(path).headers.get(HIT) != "hit", path
    auth = {"Authorization": f"Bearer {TOKEN}"}
    sid = fresh.post("/api/scenarios", json={"title": "a", "coalition": ["sol"]}, headers=auth)
    sid = sid.json()["id"]
    assert fresh.get(f"/api/scenarios/{sid}").json()["scenario"]["title"] == "a"
    fresh.put(f"/api/scenarios/{sid}", json={"title": "b", "coalition": ["sol"]}, headers=auth)
    assert fresh.get(f"/api/scenarios/{sid}").json()["scenario"]["title"] == "b"


def test_a_new_dataset_object_drops_every_kept_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    from majlis.web import cache

    real = load_dataset("iraq")
    served = [real]
    monkeypatch.setattr(cache, "open_dataset", lambda name, url=None: served[0])
    app = create_app(token=TOKEN)
    app.state.source.recheck = 0.0  # ask the store on every request
    c = TestClient(app)
    c.get("/api/parliament")
    # recheck 0: the dataset is never "current", so nothing is answered from memory
    assert c.get("/api/parliament").headers[HIT] == "miss"
    app.state.source.recheck = 3600.0
    c.get("/api/parliament")
    assert c.get("/api/parliament").headers[HIT] == "hit"
    # the store now serves another dataset (re-imported): after the re-check, answers are new
    import copy

    served[0] = copy.copy(real)
    app.state.source._checked = 0.0
    assert c.get("/api/parliament").headers[HIT] == "miss"
    assert c.get("/api/parliament").headers[HIT] == "hit"


def test_the_store_is_asked_once_per_recheck_period(monkeypatch: pytest.MonkeyPatch) -> None:
    from majlis.web import cache

    calls: list[str] = []

    def counted(name: str, url: str | None = None) -> object:
        calls.append(name)
        return load_dataset(name)

    monkeypatch.setattr(cache, "open_dataset", counted)
    source = DatasetSource("iraq", recheck=3600.0)
    assert source.current() is None
    first = source.get()
    assert all(source.get() is first for _ in range(50)) and calls == ["iraq"]
    source.recheck = 0.0
    source.get()
    assert calls == ["iraq", "iraq"]
