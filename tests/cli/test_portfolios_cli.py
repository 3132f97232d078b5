"""``majlis portfolios``, ``majlis bargain`` and ``majlis positions``: JSON contracts, tables,
bad input as one line and exit 2."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from majlis.data import load_dataset

DS = load_dataset("iraq")


def test_portfolios_json(run_cli) -> None:
    r = run_cli(
        "portfolios", "--date", "2022-10-27", "--coalition", "sac", "--rule", "dhondt", "--json"
    )
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["rule"] == "dhondt" and doc["cabinet"] == "sudani-2022"
    assert sum(p["predicted"] or 0 for p in doc["parties"]) == 24
    assert {"party", "seats", "predicted", "real"} <= set(doc["parties"][0])
    assert doc["allocation"]["awards"][0]["step"] == 1


def test_portfolios_table_with_top_posts(run_cli) -> None:
    r = run_cli(
        "portfolios",
        "--date",
        "2022-10-27",
        "--coalition",
        "sac",
        "--rule",
        "points",
        "--top-posts",
    )
    assert r.code == 0, r.err
    assert "President of the Republic" in r.out and "by component" in r.out


def test_bargain_json_and_table(run_cli) -> None:
    core = "sol,taqaddum,kdp,fatah,kurdistan-alliance,nsf,azm"
    r = run_cli(
        "bargain", "--date", "2022-10-27", "--coalition", core, "--recognition", "equal", "--json"
    )
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["quota"] == 165 and doc["delta"] == "9/10" and doc["exact"] is True
    assert sum(Fraction(p["baron_ferejohn"]) for p in doc["parties"]) == 1
    seats = DS.parliament(date="2022-10-27").seats
    total = sum(seats[p] for p in core.split(","))
    assert {p["party"]: Fraction(p["gamson"]) for p in doc["parties"]} == {
        p: Fraction(seats[p], total) for p in core.split(",")
    }
    t = run_cli("bargain", "--election", "2025", "--min-seats", "15")
    assert t.code == 0 and "Baron–Ferejohn" in t.out and "Gamson" in t.out


def test_positions_json(run_cli) -> None:
    r = run_cli("positions", "--election", "2025", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["dimensions"] == ["left_right", "pmf_iran", "federalism", "sectarian_civic"]
    kdp = next(
        p for p in doc["positions"] if p["party"] == "kdp" and p["dimension"] == "federalism"
    )
    assert (
        kdp["value"] == "10" and kdp["method"] == "coded" and kdp["source"].startswith("https://")
    )
    one = json.loads(
        run_cli("positions", "--election", "2021", "--dimension", "pmf_iran", "--json").out
    )
    assert {p["dimension"] for p in one["positions"]} == {"pmf_iran"}
    assert "sadrist" in run_cli("positions", "--election", "2021").out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["portfolios", "--coalition", "sac", "--date", "2022-10-27", "--rule", "nope"],
            "unknown portfolio rule",
        ),
        (["portfolios", "--coalition", "sac"], "give --date"),
        (["portfolios", "--coalition", "nobody", "--date", "2022-10-27"], "unknown party"),
        (["bargain", "--election", "2021", "--delta", "1.5"], "delta must lie"),
        (["bargain", "--election", "2021", "--recognition", "lot"], "seats', 'equal'"),
        (["bargain", "--election", "2021", "--min-seats", "2"], "at most 14 players"),
        (["positions", "--election", "2021", "--dimension", "economy"], "unknown dimension"),
    ],
)
def test_bad_input_is_one_line_exit_2(run_cli, args: list[str], message: str) -> None:
    r = run_cli(*args)
    assert r.code == 2 and message in r.err and len(r.err.strip().splitlines()) == 1
