"""`majlis negotiate` through the real entry point: the JSON contract, the trace, bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_negotiate_json_contract(run_cli) -> None:
    r = run_cli("negotiate", "--scenario", "iraq-2021", "--runs", "20", "--seed", "1", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["runs"] == 20 and doc["seed"] == 1
    assert abs(sum(o["probability"] for o in doc["outcomes"]) - 1) < 1e-9
    for o in doc["outcomes"]:
        assert o["kind"] in ("consensus", "majority", "deadlock")
        assert (o["government"] is None) == (o["kind"] == "deadlock")
        assert sum(o["count"] for o in doc["outcomes"]) == 20
    again = json.loads(
        run_cli("negotiate", "-s", "iraq-2021", "-n", "20", "--seed", "1", "--json").out
    )
    assert again["outcomes"] == doc["outcomes"]


def test_negotiate_table_and_trace(run_cli) -> None:
    r = run_cli("negotiate", "--runs", "10", "--seed", "2")
    assert r.code == 0, r.err
    assert "Kinds: consensus" in r.out and "History:" in r.out
    r = run_cli("negotiate", "--trace", "--seed", "2", "--run", "1")
    assert r.code == 0, r.err
    assert "run 1, seed 2" in r.out and "Round 1 (2021-12-25)" in r.out and "[council]" in r.out
    doc = json.loads(run_cli("negotiate", "--trace", "--seed", "2", "--run", "1", "--json").out)
    assert doc["run"] == 1 and doc["rounds"][0]["round"] == 1


def test_negotiate_provenance(run_cli) -> None:
    doc = json.loads(run_cli("negotiate", "--provenance", "--json").out)
    assert doc["data"] and doc["assumptions"]


def test_negotiate_scenario_file(run_cli, tmp_path: Path) -> None:
    from majlis.formation.negotiation import load_scenario

    d = load_scenario("iraq-2021")
    d["council"]["rule"] = "weighted"
    f = tmp_path / "s.json"
    f.write_text(json.dumps(d), encoding="utf-8")
    r = run_cli("negotiate", "--scenario", str(f), "--runs", "5", "--seed", "1", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["runs"] == 5


@pytest.mark.parametrize(
    "args",
    [
        ("--runs", "0"),
        ("--runs", "2000000"),
        ("--scenario", "iraq-1958"),
        ("--scenario", "missing.json"),
        ("--param", "noise"),
        ("--param", "noise=x"),
        ("--param", "charisma=1"),
        ("--set", "council.rule=lottery"),
        ("--council-rule", "lottery"),
        ("--move", "kdp"),
        ("--counterfactual", "nothing"),
        ("--rounds", "501"),
        ("--trace", "--run", "-1"),
        ("--seed", "-3"),
    ],
)
def test_negotiate_bad_input_one_line(run_cli, args: tuple[str, ...]) -> None:
    r = run_cli("negotiate", *args)
    assert r.code == 2
    assert r.err.count("\n") == 1 and r.err.startswith("majlis: error:")
