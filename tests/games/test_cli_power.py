"""``majlis power``: any weighted game and the Iraq report."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest


def test_json_shapley_shubik(run_cli):
    r = run_cli(
        "power", "--weights", "73,37,33,31", "--quota", "165", "--index", "shapley-shubik", "--json"
    )
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    # 73+37+33+31 = 174: only the grand coalition reaches 165 -> every player is a
    # veto player, symmetric: 1/4 each.
    assert doc == {"index": "shapley-shubik", "values": {str(i): "1/4" for i in range(4)}}


def test_names_and_table(run_cli):
    r = run_cli(
        "power",
        "-w",
        "4,4,4,2,2,1",
        "-q",
        "12",
        "-i",
        "shapley-shubik",
        "--names",
        "FR,DE,IT,BE,NL,LU",
        "--json",
    )
    doc = json.loads(r.out)
    assert doc["values"]["FR"] == "7/30" and doc["values"]["LU"] == "0"
    t = run_cli("power", "-w", "4,4,4,2,2,1", "-q", "12", "--names", "FR,DE,IT,BE,NL,LU")
    assert t.code == 0 and "LU" in t.out and "5/21" in t.out


def test_several_quotas_blocking_clause_and_unions(run_cli):
    r = run_cli(
        "power",
        "--weights",
        "1,1,1,1;40,30,20,10",
        "--quota",
        "3",
        "--quota",
        "65",
        "--index",
        "banzhaf-raw",
        "--json",
    )
    assert r.code == 0, r.err
    # winning: 3+ members with >= 65: {0,1,2} 90, {0,1,3} 80, {0,2,3} 70, all four; {1,2,3}
    # has 60. Swings by hand: player 0 turns {1,2}, {1,3}, {2,3}, {1,2,3} into winners (4);
    # player 1 turns {0,2} and {0,3} (2), likewise 2 and 3.
    from majlis.games import WeightedGame, banzhaf_raw

    g = WeightedGame([[1, 1, 1, 1], [40, 30, 20, 10]], [3, 65])
    assert [int(v) for v in json.loads(r.out)["values"].values()] == banzhaf_raw(g)
    assert banzhaf_raw(g) == [4, 2, 2, 2]
    k = run_cli(
        "power",
        "--weights",
        "1,1,1,1;40,30,20,10",
        "--quota",
        "3",
        "--quota",
        "65",
        "--blocking-min-members",
        "2",
        "--index",
        "banzhaf-raw",
        "--json",
    )
    assert k.code == 0  # {1,2,3} now wins too: one member outside cannot block
    assert json.loads(k.out)["values"] != json.loads(r.out)["values"]
    u = run_cli("power", "-w", "3,2,2,1", "-q", "5", "-i", "owen", "--union", "1,2", "--json")
    assert json.loads(u.out)["values"] == {"0": "1/6", "1": "1/3", "2": "1/3", "3": "1/6"}
    b = run_cli("power", "-w", "3,2,2,1", "-q", "5", "--blocking", "-i", "banzhaf-raw", "--json")
    assert b.code == 0


@pytest.mark.parametrize(
    "args, words",
    [
        (["-w", "3,2,2,1", "-q", "9"], "quota 9 is above the total weight 8"),
        (["-w", "3,2,2,1", "-q", "0"], "quota 0"),
        (["-w", "3,-2,2,1", "-q", "4"], "weight -2 of player 1 is negative"),
        (["-w", "3,2,2,1", "-q", "4", "-i", "owen", "-u", "0,1", "-u", "1,2"], "two unions"),
        (["-w", "3,2,2,1", "-q", "4", "-i", "nope"], "unknown power index 'nope'"),
        (["-w", "3,2,2,1", "-q", "4", "-u", "0,1"], "unions apply to banzhaf-owen, owen"),
        (["-w", "3,a,2", "-q", "4"], "'a'"),
        (["-w", "1,1;2,2", "-q", "2"], "1 quotas need 1 weight vectors"),
        (["-w", "3,2"], "give --quota"),
        ([], "give --weights"),
        (["--election", "1066"], "1066"),
    ],
)
def test_bad_input_is_one_line_exit_2(run_cli, args, words):
    r = run_cli("power", *args)
    assert r.code == 2
    assert words in r.err
    assert r.err.count("\n") == 1 and "Traceback" not in r.err


def test_iraq_report_json(run_cli):
    r = run_cli("power", "--election", "2021", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["quotas"] == [165, 220] and doc["house"] == 329
    assert doc["alliance"]["id"] == "cf" and "sol" in doc["alliance"]["members"]
    parties = {p["id"]: p for p in doc["parties"]}
    assert parties["sadrist"]["seats"] == 73
    assert sum(p["seats"] for p in doc["parties"]) == 329
    for q in ("165", "220"):
        for key in ("banzhaf", "shapley_shubik", "owen", "banzhaf_owen"):
            assert sum(Fraction(p["power"][q][key]) for p in doc["parties"]) == 1
    # the largest party has the most power
    ss = {pid: Fraction(p["power"]["165"]["shapley_shubik"]) for pid, p in parties.items()}
    assert max(ss, key=ss.get) == "sadrist"


def test_iraq_report_after_resignation(run_cli):
    r = run_cli("power", "--date", "2022-07-01", "--json")
    doc = json.loads(r.out)
    assert "sadrist" not in {p["id"] for p in doc["parties"]}
    assert doc["filled"] < 329 and doc["house"] == 329
    t = run_cli("power", "--date", "2022-07-01")
    assert t.code == 0 and "Power at quota 220" in t.out and "Owen" in t.out


def test_iraq_report_before_and_after_resignation(run_cli):
    r = run_cli("power", "--election", "2021", "--after", "2022-07-01", "--json")
    assert r.code == 0, r.err
    before, after = json.loads(r.out)["reports"]
    assert after["date"] == "2022-07-01"
    ids_before = {p["id"] for p in before["parties"]}
    ids_after = {p["id"] for p in after["parties"]}
    assert "sadrist" in ids_before and "sadrist" not in ids_after

    # the Framework gains seats with the replacements, and so gains Owen power at 165
    def cf_owen(rep):
        members = set(rep["alliance"]["members"])
        return sum(
            Fraction(p["power"]["165"]["owen"]) for p in rep["parties"] if p["id"] in members
        )

    assert after["alliance"]["seats"] > before["alliance"]["seats"]
    assert cf_owen(after) > cf_owen(before)
    bad = run_cli("power", "-w", "1,2", "-q", "2", "--after", "2022-07-01")
    assert bad.code == 2 and "--after goes with" in bad.err
