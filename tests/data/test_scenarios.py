"""What-if scenarios: validation, limits, the changed house, and their place in the store."""

from __future__ import annotations

import pytest

from majlis.data import load_dataset
from majlis.data.scenarios import LIMITS, Scenario
from majlis.data.store import Store
from majlis.errors import TooLargeError, UnknownIdError, ValidationError
from tests.conftest import pg_url


def test_changes_apply_to_the_house() -> None:
    ds = load_dataset("iraq")
    base = ds.parliament(date="2022-10-27")
    s = Scenario.from_dict(
        {"title": "t", "date": "2022-10-27", "leave": [["cf", "sol"]], "join": [["cf", "kdp"]]}
    )
    house = s.parliament(ds)
    # by hand: the Framework loses State of Law's seats and gains KDP's
    assert (
        house.alliance_seats("cf")
        == base.alliance_seats("cf") - base.seats["sol"] + base.seats["kdp"]
    )
    assert house.seats == base.seats  # seats themselves unchanged
    s = Scenario.from_dict({"title": "t", "date": "2022-10-27", "seats": {"sol": 0}})
    assert (
        "sol" not in s.parliament(ds).seats
        and s.parliament(ds).vacant_seats == base.vacant_seats + base.seats["sol"]
    )


@pytest.mark.parametrize(
    ("doc", "error"),
    [
        ([], ValidationError),
        ({"title": ""}, ValidationError),
        ({"title": "x", "colour": "red"}, ValidationError),
        ({"title": "x" * (LIMITS["title"] + 1)}, TooLargeError),
        ({"title": "x", "seats": {"sol": LIMITS["seats"] + 1}}, TooLargeError),
        ({"title": "x", "seats": {"sol": -1}}, ValidationError),
        ({"title": "x", "coalition": ["p"] * (LIMITS["entries"] + 1)}, TooLargeError),
        ({"title": "x", "notes": "n" * (LIMITS["document_bytes"] + 1)}, TooLargeError),
        ({"title": "x", "date": "2022-13-01"}, ValidationError),
    ],
)
def test_bad_documents_are_refused(doc: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        Scenario.from_dict(doc)


def test_unknown_ids_and_impossible_changes() -> None:
    ds = load_dataset("iraq")
    with pytest.raises(UnknownIdError):
        Scenario(title="t", coalition=("nobody",)).parliament(ds)
    with pytest.raises(ValidationError, match="cannot leave"):
        Scenario(title="t", date="2022-10-27", leave=(("cf", "kdp"),)).parliament(ds)
    with pytest.raises(ValidationError, match="house of 329"):
        Scenario(title="t", date="2022-10-27", seats={"sol": 300}).parliament(ds)


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_store_round_trip(backend: str, tmp_path) -> None:
    if backend == "postgres":
        url = pg_url()
        if not url:
            pytest.skip("no PostgreSQL server (run through `make test`)")
    else:
        url = f"sqlite:///{tmp_path / 's.sqlite3'}"
    store = Store(url)
    s = Scenario(
        title="Round trip ع", date="2022-06-20", seats={"sadrist": 73}, join=(("cf", "kdp"),)
    )
    sid = store.save_scenario(s)
    assert store.load_scenario(sid) == s
    store.replace_scenario(sid, Scenario(title="changed"))
    assert store.load_scenario(sid).title == "changed"
    assert sid in {r["id"] for r in store.scenario_list()}
    store.delete_scenario(sid)
    with pytest.raises(UnknownIdError):
        store.load_scenario(sid)
    with pytest.raises(UnknownIdError):
        store.delete_scenario(sid)
