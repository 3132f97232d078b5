"""``majlis seats``: output, JSON, districts, laws, elections, flip margins, bad input -> exit 2."""

from __future__ import annotations

import json
import re

import pytest


def test_issue_example(run_cli):
    r = run_cli(
        "seats",
        "--method",
        "sainte-lague",
        "--first-divisor",
        "1.7",
        "--seats",
        "10",
        "--votes",
        "A=1000,B=600,C=300",
        "--json",
    )
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    # hand computation in tests/electoral/test_methods.py style: A 588,333,200,143,111;
    # B 353,200,120; C 176,100 -> A 5, B 3, C 2
    assert doc["seats"] == {"A": 5, "B": 3, "C": 2}
    r2 = run_cli(
        "seats",
        "--method",
        "sainte-lague",
        "--first-divisor",
        "1.7",
        "--seats",
        "10",
        "--votes",
        "A=1000,B=600,C=300",
    )
    assert r2.code == 0
    # the table row of A: its votes with their share (1000 / 1900) and its 5 seats
    assert re.search(r"│ A\s+│\s+1,000 \(52\.6%\)\s+│\s+5 │", r2.out), r2.out


def test_threshold_and_flip(run_cli):
    # Sainte-Laguë, 12 seats, A 1000 B 600 C 80. Without a threshold C's 80 beats A's 7th
    # quotient 1000/13 = 76.9: A 7, B 4, C 1. With 5%, C (80/1680 = 4.8%) is out: A 8, B 4,
    # C 0, and the flip table starts from that: C needs 85 votes to pass (85/1685 = 5.04%),
    # which also beats A's 76.9, so 5 more votes win C a seat.
    base = ["seats", "-m", "sainte-lague", "--seats", "12", "--votes", "A=1000,B=600,C=80"]
    r = run_cli(*base, "--json")
    assert json.loads(r.out)["seats"] == {"A": 7, "B": 4, "C": 1}
    r = run_cli(*base, "--threshold", "0.05", "--flip", "--json")
    doc = json.loads(r.out)
    assert doc["seats"] == {"A": 8, "B": 4, "C": 0}
    rows = {m["list"]: m for m in doc["flip"]["lists"]}
    assert {k: m["seats"] for k, m in rows.items()} == doc["seats"]
    assert rows["C"]["votes_to_gain"] == 5 and rows["C"]["votes_to_lose"] is None
    r = run_cli(
        "seats",
        "-m",
        "dhondt",
        "--seats",
        "8",
        "--votes",
        "A=100000,B=80000,C=30000,D=20000",
        "--flip",
        "--json",
    )
    flip = json.loads(r.out)["flip"]
    assert {m["list"]: m["votes_to_gain"] for m in flip["lists"]}["D"] == 5001  # see test_margins
    assert flip["last_seat"]["list"] == "A"
    r = run_cli(
        "seats",
        "-m",
        "dhondt",
        "--seats",
        "8",
        "--votes",
        "A=100000,B=80000,C=30000,D=20000",
        "--flip",
    )
    assert r.code == 0 and "last seat: A" in r.out


def test_votes_file_districts_and_law(run_cli, tmp_path):
    f = tmp_path / "v.csv"
    f.write_text("list,votes,district\nA,500,North\nB,300,North\nA,200,South\nC,600,South\n")
    r = run_cli("seats", "--votes-file", str(f), "--district-seats", "North=3,South=2", "--json")
    doc = json.loads(r.out)
    # D'Hondt North: 500,300,250 -> A2 B1; South: 600,300 -> C2
    assert doc["districts"] == {"North": {"A": 2, "B": 1}, "South": {"A": 0, "C": 2}}
    assert doc["seats"] == {"A": 2, "B": 1, "C": 2}
    g = tmp_path / "g.csv"
    g.write_text("KDP,369118,Erbil\nPUK,97301,Erbil\nStance,63288,Erbil\nNG,38911,Erbil\n")
    r = run_cli("seats", "--votes-file", str(g), "--law", "iraq-2025", "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["districts"]["Erbil"] == {"KDP": 9, "PUK": 3, "Stance": 2, "NG": 1}


def test_election_reproduction(run_cli):
    r = run_cli("seats", "--law", "iraq-2025", "--election", "2025", "--json")
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["districts"]["Erbil"]["ok"] is True and doc["districts"]["Erbil"]["check"] == "full"
    assert doc["estimated"]
    r = run_cli("seats", "--election", "2025")
    assert r.code == 0 and "Dohuk" in r.out and "matches" in r.out


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--votes", "A=-5,B=3", "--seats", "3"], "negative"),
        (["--votes", "A=1.5,B=3", "--seats", "3"], "whole numbers"),
        (["--votes", "A=5,B=3", "--seats", "0"], "at least 1"),
        (["--votes", "A=5,B=3", "--seats", "3", "-m", "borda"], "unknown method"),
        (["--votes", "", "--seats", "3"], "empty"),
        (["--votes", "A=5,A=3", "--seats", "3"], "duplicate"),
        (["--votes", "A=5,B=3"], "number of seats"),
        (["--seats", "3"], "--votes"),
        (["--votes", "A=5,B=3", "--seats", "3", "--threshold", "0.9"], "eliminates"),
        (["--votes", "A=5,B=3", "--seats", "3", "--law", "iraq-1900"], "unknown law"),
        (["--election", "1999"], "unknown election"),
        (["--election", "2021"], "no list votes per district"),
        (
            ["--votes", "A=5,B=3", "--seats", "3", "-m", "hare", "--first-divisor", "1.7"],
            "first_divisor",
        ),
        (["--votes", "A=5,B=3", "--seats", "x"], "--seats"),
        # options a mode does not use are an error, not silently ignored
        (
            ["--election", "2025", "--method", "dhondt", "--seats", "3", "--votes", "A=1"],
            "does not use votes, seats, method: drop them",
        ),
        (["--votes", "A=5,B=3", "--seats", "3", "--law", "iraq-2025", "-m", "dhondt"], "method"),
        (["--votes", "A=5,B=3", "--seats", "3", "--dataset", "iraq"], "--dataset goes with"),
        (["--votes", "A=5,B=3", "--seats", "3", "--district-seats", "X=2"], "district seats"),
        (
            ["--seats", "2", "--votes", "A=1,B=2", "--transfer", "A>B", "--threshold", "2"],
            "between 0 and 1",
        ),
    ],
)
def test_bad_input_one_line_exit_2(run_cli, args, fragment):
    r = run_cli("seats", *args)
    assert r.code == 2
    lines = r.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("majlis: error:")
    assert fragment in lines[0]


def test_transfer(run_cli):
    args = ["seats", "-m", "dhondt", "--seats", "8", "--votes", "A=100000,B=80000,C=30000,D=20000"]
    r = run_cli(*args, "--transfer", "A>D", "--json")
    # hand check in test_margins/margins doctest: 20,000 + t > (100,000 - t) / 4 for t > 4,000
    assert json.loads(r.out)["transfer"] == {"from": "A", "to": "D", "votes": 4001}
    r = run_cli(*args, "--transfer", "A>D")
    assert r.code == 0 and "4,001 votes move from A" in r.out
    r = run_cli(*args, "--transfer", "A-D")
    assert r.code == 2 and "A>B" in r.err
    r = run_cli(*args, "--transfer", "A>Z")
    assert r.code == 2 and "unknown list 'Z'" in r.err
