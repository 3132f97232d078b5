"""The store round-trips datasets on SQLite and on a real PostgreSQL server.

`make test` starts PostgreSQL on loopback (scripts/test-postgres.sh) and sets MAJLIS_TEST_PG_URL;
under CI a missing server is a failure, not a skip.
"""

from __future__ import annotations

import os
import uuid

import pytest

from majlis.data import dataset_to_json, load_dataset, write_dataset_dir
from majlis.data._csv import dataset_to_tables
from majlis.data.store import Store, default_url
from majlis.errors import StoreError, StoreUnavailableError, UnknownIdError, ValidationError
from majlis.model import Dataset, Election, Party, Result

from ..conftest import pg_url


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path) -> Store:
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    url = pg_url()
    if url is None:
        if os.environ.get("CI"):
            pytest.fail("MAJLIS_TEST_PG_URL is not set: `make test` must start PostgreSQL")
        pytest.skip("no PostgreSQL server (run through `make test`)")
    s = Store(url)
    for name in s.names():
        s.delete(name)
    return s


def toy(seats_a: int = 3) -> Dataset:
    return Dataset(
        country="xx",
        name="Toy",
        parties=[Party("a", "A"), Party("b", "B")],
        elections=[Election("2020", __import__("datetime").date(2020, 1, 1), "toy", 5)],
        results=[
            Result("2020", "a", seats=seats_a, votes=1000, vote_share=61.5),
            Result("2020", "b", seats=5 - seats_a),
        ],
    )


def test_round_trip_of_the_iraq_dataset(store: Store) -> None:
    iraq = load_dataset("iraq")
    store.save(iraq, name="iraq")
    back = store.load("iraq")
    assert dataset_to_tables(back) == dataset_to_tables(iraq)
    assert (
        back.parliament(date="2022-07-01").to_dict() == iraq.parliament(date="2022-07-01").to_dict()
    )


def test_save_replaces_and_delete_removes(store: Store) -> None:
    store.save(toy(3))
    store.save(toy(4))
    assert store.names() == ["xx"]
    assert store.load("xx").parliament(election="2020").seats == {"a": 4, "b": 1}
    store.delete("xx")
    assert store.names() == []
    with pytest.raises(UnknownIdError, match="no dataset 'xx'"):
        store.load("xx")


def test_several_datasets_side_by_side(store: Store) -> None:
    store.save(toy(3), name="one")
    store.save(toy(2), name="two")
    assert store.names() == ["one", "two"]
    assert store.load("one").parliament(election="2020").seats["a"] == 3
    assert dataset_to_json(store.load("two")) == dataset_to_json(toy(2))


def test_default_url_is_sqlite_in_the_data_dir(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("MAJLIS_DATABASE_URL", raising=False)
    monkeypatch.setenv("MAJLIS_HOME", str(tmp_path / "home"))
    assert default_url() == f"sqlite:///{tmp_path / 'home' / 'majlis.sqlite3'}"
    s = Store()
    assert (tmp_path / "home" / "majlis.sqlite3").exists()
    with s.engine.connect() as con:
        assert con.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    monkeypatch.setenv("MAJLIS_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert default_url() == "postgresql+psycopg://u@h/db"


def test_bad_url_is_a_clear_error() -> None:
    with pytest.raises(StoreError):
        Store("nosuchdialect://x/y")
    # a server that cannot be reached is not the user's input (CLI exit 1, HTTP 503)
    with pytest.raises(StoreUnavailableError, match="cannot reach the store"):
        Store(
            f"postgresql+psycopg://nobody@127.0.0.1:1/none_{uuid.uuid4().hex[:6]}?connect_timeout=2"
        )


def test_dataset_files_are_size_limited(tmp_path, monkeypatch):
    from majlis.data import _csv, read_dataset
    from majlis.errors import TooLargeError

    folder = tmp_path / "ru"
    write_dataset_dir(load_dataset("iraq"), folder)
    monkeypatch.setattr(_csv, "MAX_DATASET_BYTES", 1000)
    with pytest.raises(TooLargeError, match="at most 1,000 bytes in a dataset file"):
        read_dataset(folder)
    with pytest.raises(ValidationError, match="no such file or folder"):
        read_dataset(tmp_path / "missing")
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    with pytest.raises(ValidationError, match="not a valid JSON file"):
        read_dataset(bad)
