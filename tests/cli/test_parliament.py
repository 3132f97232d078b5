"""`majlis parliament`, `majlis timeline` and `majlis data` through the real entry point."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from majlis.data import builtin_path


def test_parliament_2021_json(run_cli) -> None:
    r = run_cli("parliament", "--election", "2021", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["total_seats"] == 329
    seats = {p["id"]: p["seats"] for p in doc["parties"]}
    assert seats["sadrist"] == 73 and sum(seats.values()) == 329
    assert {"id", "name", "seats", "alliance"} <= set(doc["parties"][0])
    assert doc["date"] == "2022-01-09"  # the house as elected, on the day it first sat (Shafaq)
    assert {"id", "name", "seats", "members"} <= set(doc["alliances"][0])
    assert "cf" in {a["id"] for a in doc["alliances"]}
    on_polling_day = json.loads(run_cli("parliament", "--date", "2021-10-10", "--json").out)
    assert on_polling_day["alliances"] == []  # the Framework was formed the next day (11 Oct 2021)
    assert {
        p["id"]: p["seats"] for p in on_polling_day["parties"]
    } == seats  # same seats, as elected


def test_parliament_after_the_sadrist_resignation(run_cli) -> None:
    doc = json.loads(run_cli("parliament", "--date", "2022-07-01", "--json").out)
    ids = {p["id"] for p in doc["parties"]}
    assert "sadrist" not in ids
    cf = next(a for a in doc["alliances"] if a["id"] == "cf")
    by_id = {p["id"]: p["seats"] for p in doc["parties"]}
    assert cf["seats"] == sum(by_id.get(m, 0) for m in cf["parties"])
    assert cf["to_majority"] == 165 - cf["seats"]


def test_parliament_table_and_csv(run_cli) -> None:
    r = run_cli("parliament", "--election", "2021")
    assert r.code == 0 and "Sadrist Movement" in r.out and "majority 165" in r.out
    rows = list(
        csv.DictReader(io.StringIO(run_cli("parliament", "--election", "2021", "--csv").out))
    )
    assert sum(int(r["seats"]) for r in rows) == 329


@pytest.mark.parametrize(
    "args, message",
    [
        (["parliament", "--election", "1999"], "unknown election '1999'"),
        (["parliament", "--date", "2022-13-01"], "malformed date"),
        (["parliament", "--date", "2010-01-01"], "no election on or before 2010-01-01"),
        (["parliament", "--election", "2025", "--date", "2022-01-01"], "before election"),
        (["parliament", "--election", "2021", "--dataset", "nowhere"], "unknown dataset 'nowhere'"),
        (["timeline", "--category", "party"], "unknown category 'party'"),
        (["data", "import", "/nonexistent/folder"], "no such file or folder"),
        (["parliament", "--no-such-option"], "No such option"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, args: list[str], message: str) -> None:
    r = run_cli(*args)
    assert r.code == 2
    assert r.err.count("\n") == 1 and message in r.err and "Traceback" not in r.err


def test_timeline_json(run_cli) -> None:
    doc = json.loads(run_cli("timeline", "--json").out)
    assert len(doc["events"]) >= 30
    first = doc["events"][0]
    assert {"date", "event", "category", "actors", "source"} <= set(first)
    resign = [e for e in doc["events"] if e["category"] == "resignation"]
    assert resign and resign[0]["date"] == "2022-06-12"
    only = json.loads(
        run_cli("timeline", "--json", "--from", "2022-01-01", "--to", "2022-12-31").out
    )["events"]
    assert only and all(e["date"].startswith("2022") for e in only)


def test_export_import_round_trip(run_cli, tmp_path: Path) -> None:
    out = tmp_path / "iq"
    assert run_cli("data", "export", str(out)).code == 0
    assert (out / "parties.csv").exists() and (out / "dataset.json").exists()
    assert run_cli("data", "import", str(out), "--name", "iq-copy").code == 0
    a = json.loads(run_cli("parliament", "--date", "2022-07-01", "--json").out)
    b = json.loads(
        run_cli("parliament", "--date", "2022-07-01", "--json", "--dataset", "iq-copy").out
    )
    assert a["parties"] == b["parties"] and a["alliances"] == b["alliances"]
    js = tmp_path / "iq.json"
    assert run_cli("data", "export", str(js)).code == 0
    assert run_cli("data", "import", str(js), "--name", "iq-json").code == 0


def test_broken_import_keeps_what_was_saved(run_cli, tmp_path: Path) -> None:
    good = tmp_path / "good"
    shutil.copytree(builtin_path("iraq"), good, ignore=shutil.ignore_patterns("sources"))
    assert run_cli("data", "import", str(good), "--name", "keep").code == 0
    broken = tmp_path / "broken"
    shutil.copytree(good, broken)
    text = (broken / "results.csv").read_text(encoding="utf-8").replace(",73,", ",74,", 1)
    (broken / "results.csv").write_text(text, encoding="utf-8")
    r = run_cli("data", "import", str(broken), "--name", "keep")
    assert r.code == 2 and "national seats sum to 330" in r.err
    doc = json.loads(run_cli("parliament", "--election", "2021", "--json", "--dataset", "keep").out)
    assert {p["id"]: p["seats"] for p in doc["parties"]}["sadrist"] == 73
    (broken / "parties.csv").write_text('id,name\n"unclosed,A\n', encoding="utf-8")
    r = run_cli("data", "import", str(broken), "--name", "keep")
    assert r.code == 2 and "Traceback" not in r.err


def test_readme_example_country(run_cli) -> None:
    example = Path(__file__).resolve().parents[2] / "examples" / "ruritania"
    assert run_cli("data", "import", str(example)).code == 0
    doc = json.loads(run_cli("parliament", "--dataset", "ru", "--date", "2024-06-01", "--json").out)
    seats = {p["id"]: p["seats"] for p in doc["parties"]}
    assert seats == {"blue": 9, "red": 7, "green": 3, "ind": 2}  # one Blue MP turned independent
    assert doc["alliances"][0]["seats"] == 10 and doc["majority"] == 11


def test_unreachable_store_exits_1_with_the_reason(run_cli, monkeypatch) -> None:
    from majlis.data import store

    monkeypatch.setenv("MAJLIS_DATABASE_URL", "postgresql+psycopg://nobody@127.0.0.1:1/none")
    monkeypatch.setattr(store, "_stores", {})
    r = run_cli("parliament", "--election", "2021")
    assert r.code == 1
    assert r.err.count("\n") == 1 and "cannot reach the store" in r.err
