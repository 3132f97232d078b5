"""`majlis data sources` through the real entry point."""

from __future__ import annotations

import json

from majlis.data import load_dataset


def test_data_sources_json_matches_the_dataset(run_cli) -> None:
    r = run_cli("data", "sources", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    ds = load_dataset("iraq")
    tables = {t["table"]: t for t in doc["tables"]}
    # counted independently from the dataset's records
    assert tables["parties"]["rows"] == len(ds.parties)
    assert tables["cabinet_posts"]["rows"] == len(ds.posts)
    assert tables["tallies"]["rows"] == len(ds.tallies) == tables["tallies"]["sourced"]
    assert doc["rows"] == sum(t["rows"] for t in doc["tables"])


def test_data_sources_table_and_errors(run_cli) -> None:
    r = run_cli("data", "sources")
    assert r.code == 0 and "cabinet_posts" in r.out and "disputed" in r.out
    r = run_cli("data", "sources", "--table", "tallies")
    assert r.code == 0 and "disputed: 2022-03-30 / session / 1 / present / 178" in r.out
    one = json.loads(run_cli("data", "sources", "--table", "relations", "--json").out)
    assert one["table"] == "relations" and one["disputed"] >= 1
    r = run_cli("data", "sources", "--table", "nope")
    assert r.code == 2 and "unknown table 'nope'" in r.err and "Traceback" not in r.err
