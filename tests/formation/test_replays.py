"""The Iraq replays against the sourced timeline, their counterfactuals, and the scenario format.

Expected dates, outcomes and figures are typed from ``majlis/data/iraq/events.csv`` and
``sources/RULES.md`` (each with its source there), not taken from the code's output.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from majlis.data import builtin_path, load_dataset
from majlis.errors import TooLargeError, UnknownIdError, ValidationError
from majlis.formation import (
    FormationResult,
    list_formation_scenarios,
    load_formation_scenario,
    replay,
)
from majlis.formation.replays import formation_scenario_from_dict
from majlis.limits import MAX_CAMPS, MAX_PHASES, MAX_SITTINGS

D = dt.date


def rows(r: FormationResult, kind: str | None = None) -> list[tuple[str, str, str]]:
    return [
        (s.date.isoformat(), s.step, s.outcome) for s in r.steps if kind is None or s.kind == kind
    ]


def row(r: FormationResult, date: str, step: str):
    return next(
        s
        for s in r.steps
        if s.date.isoformat() == date and s.step == step and s.kind in ("vote", "act", "sitting")
    )


@pytest.fixture(scope="module")
def r2021() -> FormationResult:
    return replay("iraq-2021")


@pytest.fixture(scope="module")
def r2025() -> FormationResult:
    return replay("iraq-2025")


# ---------------------------------------------------------------------------- 2021-2022
def test_2021_sequence_of_the_timeline(r2021: FormationResult) -> None:
    # events.csv: Speaker 9 Jan 2022; failed presidential sittings 7 Feb, 26 and 30 Mar 2022;
    # Rashid elected and Sudani tasked 13 Oct 2022; confidence 27 Oct 2022
    assert [
        x
        for x in rows(r2021)
        if x[1] in ("speaker", "president", "designation", "cabinet", "confidence")
    ] == [
        ("2022-01-09", "speaker", "passed"),
        ("2022-02-07", "president", "failed"),
        ("2022-02-08", "president", "stalled"),  # 30 days from the first session (Art. 72)
        ("2022-03-26", "president", "failed"),
        ("2022-03-30", "president", "failed"),
        ("2022-10-13", "president", "passed"),
        ("2022-10-13", "designation", "passed"),
        ("2022-10-27", "cabinet", "passed"),
        ("2022-10-27", "confidence", "passed"),
    ]
    assert r2021.status == "complete"
    assert r2021.government is not None
    assert r2021.government["prime_minister"] == "Mohammed Shia al-Sudani"
    # the dataset's cabinet of that day and the coalition that voted it in
    assert r2021.government["cabinet"]["id"] == "sudani-2022"
    assert r2021.government["coalition"] == "sac"
    assert {"sol", "fatah", "kdp", "taqaddum"} <= set(r2021.government["parties"])
    assert "sadrist" not in r2021.government["parties"]


def test_2021_reported_figures_are_the_sourced_ones(r2021: FormationResult) -> None:
    speaker = row(r2021, "2022-01-09", "speaker")
    rep = speaker.votes.reported
    # Xinhua/Shafaq: 228 present, Halbousi 200, Mashhadani 14
    assert rep["present"] == 228 and rep["votes"] == {"halbousi": 200, "mashhadani": 14}
    assert speaker.votes.last.winner == "halbousi"  # the modelled winner is the reported one
    mar26 = row(r2021, "2022-03-26", "president").votes
    assert mar26.reported["present"] == 202  # Rudaw
    mar30 = row(r2021, "2022-03-30", "president").votes
    assert mar30.reported["present"] == 178 and mar30.reported["disputed"]["session/1/present"] == [
        178,
        200,
    ]
    oct13 = row(r2021, "2022-10-13", "president").votes
    assert oct13.reported["present"] == 269 and oct13.reported["votes"] == {
        "rashid": 162,
        "salih": 99,
    }
    assert oct13.last.winner == "rashid"
    conf = row(r2021, "2022-10-27", "confidence").votes
    assert conf.reported["present"] == 253


def test_2021_failures_are_quorum_failures_as_reported(r2021: FormationResult) -> None:
    for date in ("2022-02-07", "2022-03-26", "2022-03-30"):
        v = row(r2021, date, "president").votes
        assert not v.last.quorum_met and v.last.quorum_needed == 220
        # the reported attendance is short of the quorum too
        assert v.reported["present"] < 220
    mar26 = row(r2021, "2022-03-26", "president").votes.last
    # the boycotting camp is the Framework with its allies at the 126 signatures State of Law
    # reported (events.csv, 26 Mar 2022): a blocking third (>= 110)
    assert mar26.tally.boycotting == 126 and mar26.tally.present == 329 - 126
    boycotters = [g for g in mar26.tally.groups if g.boycott]
    assert [g.label for g in boycotters] == ["Coordination Framework and allies"]
    assert {"sol", "fatah", "azm", "kurdistan-alliance"} <= set(boycotters[0].parties)


def test_2021_designation_goes_to_the_largest_bloc(r2021: FormationResult) -> None:
    d = row(r2021, "2022-10-13", "designation")
    blocs = d.details["largest_bloc"]["blocs"]
    assert d.details["largest_bloc"]["bloc"] == "cf"
    assert blocs["cf"] == max(blocs.values())
    house = load_dataset("iraq").parliament(date="2022-10-13")
    assert blocs["cf"] == house.alliance_seats("cf")


def test_2021_seat_events_come_from_the_dataset(r2021: FormationResult) -> None:
    ds = load_dataset("iraq")
    expected = [
        e.date
        for e in ds.events_in_term(ds.election(2021), until=D(2022, 10, 27))
        if e.seat_changes and e.date >= D(2022, 1, 9)
    ]
    seats = [s for s in r2021.steps if s.step == "seats"]
    assert [s.date for s in seats] == expected
    assert {D(2022, 6, 12), D(2022, 6, 23), D(2022, 10, 8)} <= set(expected)
    june12 = next(s for s in seats if s.date == D(2022, 6, 12))
    assert june12.details["filled_seats"] == 329 - 73  # the 73 Sadrist resignations


# ---------------------------------------------------------------------------- 2025-2026
def test_2025_sequence_of_the_timeline(r2025: FormationResult) -> None:
    # events.csv: Speaker 29 Dec 2025; the 30-day deadline lapsed 28 Jan 2026; sittings of
    # 27 Jan and 1 Feb 2026 postponed; Amedi elected 11 Apr 2026 in the second round; Zaidi
    # designated 27 Apr 2026 "after the 15-day deadline had lapsed"; confidence 14 May 2026
    assert [
        x
        for x in rows(r2025)
        if x[1] in ("speaker", "president", "designation", "cabinet", "confidence")
    ] == [
        ("2025-12-29", "speaker", "passed"),
        ("2026-01-27", "president", "stalled"),
        ("2026-01-28", "president", "stalled"),
        ("2026-02-01", "president", "stalled"),
        ("2026-04-11", "president", "passed"),
        ("2026-04-26", "designation", "stalled"),
        ("2026-04-27", "designation", "passed"),
        ("2026-05-14", "cabinet", "passed"),
        ("2026-05-14", "confidence", "passed"),
    ]
    ds = load_dataset("iraq")
    deadline_event = next(e for e in ds.events if e.id == "2026-01-28")
    assert "deadline" in deadline_event.description.lower()
    assert row(r2025, "2026-04-27", "designation").deadline["met"] is False
    assert "late by 1 day" in row(r2025, "2026-04-27", "designation").reason
    pres = row(r2025, "2026-04-11", "president").votes
    assert [r.round.name for r in pres.rounds] == ["first round", "run-off"]  # "second round"
    assert pres.last.winner == "amedi" and pres.reported["rounds"][-1]["voting"] == 249
    speaker = row(r2025, "2025-12-29", "speaker").votes
    assert speaker.reported["votes"]["haibat"] == 208 and speaker.last.winner == "haibat"
    assert r2025.government["prime_minister"] == "Ali al-Zaidi"
    assert r2025.government["cabinet"]["id"] == "zaidi-2026"


# ---------------------------------------------------------------------------- the rule
@pytest.mark.parametrize("scenario", ["iraq-2021", "iraq-2025"])
def test_the_blocking_rule_reproduces_the_sourced_outcomes(scenario: str) -> None:
    sourced = replay(scenario)
    ruled = replay(scenario, strategic=True)
    assert rows(ruled) == rows(sourced)
    assert ruled.to_dict()["mode"] == "rule" and sourced.to_dict()["mode"] == "sourced"


# ---------------------------------------------------------------------------- counterfactuals
def test_no_resignation_keeps_the_deadlock() -> None:
    r = replay("iraq-2021", no_resignation=True)
    assert r.government is None and r.status.startswith("stalled at president")
    oct13 = row(r, "2022-10-13", "president").votes.last
    assert not oct13.quorum_met and oct13.tally.boycotting >= 110
    undone = {"2022-06-12", "2022-06-23", "2022-10-08"}  # the resignation and the replacements
    assert not any(s.step == "seats" and s.details["event"] in undone for s in r.steps)
    skipped = next(s for s in r.steps if s.date == D(2022, 10, 13) and s.step == "designation")
    assert skipped.outcome == "stalled" and "not reached" in skipped.reason


def test_kdp_with_the_framework_moves_the_blocking_third() -> None:
    r = replay("iraq-2021", kdp_with_framework=True)
    mar26 = row(r, "2022-03-26", "president").votes.last
    boycotters = [g for g in mar26.tally.groups if g.boycott]
    # now the Sadrists with Sovereignty (Taqaddum, Jamaheer) are the losing camp, 111 >= 110
    assert [g.label for g in boycotters] == ["Sadrists, KDP and Sovereignty"]
    assert mar26.tally.boycotting == 111 and "kdp" not in boycotters[0].parties
    assert r.government is not None and r.government["prime_minister"] == "Mohammed Shia al-Sudani"


def test_independents_decide_the_spring_of_2022() -> None:
    rival = replay("iraq-2021", independents="rival")
    assert row(rival, "2022-03-26", "president").votes.last.winner == "rebar-ahmed"
    assert rival.government is not None
    assert rival.government["prime_minister"] == "Mohammed Jaafar al-Sadr"
    assert rival.government["date"] == "2022-03-26"
    assert any("generated by the replay's rule" in n for n in rival.notes)
    for side in ("framework", "split"):
        r = replay("iraq-2021", independents=side)
        assert row(r, "2022-03-26", "president").outcome == "failed"
        assert (
            r.government is not None and r.government["prime_minister"] == "Mohammed Shia al-Sudani"
        )


def test_law_counterfactual_uses_only_reproduced_governorates() -> None:
    r = replay("iraq-2025", law="iraq-2010")
    assert any(n.startswith("law iraq-2010: seats recomputed in") for n in r.notes)
    # the election's magnitudes are kept: only the allocation rule changes, the house stays full
    t = row(r, "2025-12-29", "speaker").votes.last.tally
    assert t.present + t.boycotting + t.absent == 329 and t.vacant == 0
    with pytest.raises(ValidationError, match="no list votes per district"):
        replay("iraq-2021", law="iraq-2018")
    with pytest.raises(UnknownIdError):
        replay("iraq-2025", law="atlantis-1900")


def test_counterfactual_flags_are_checked() -> None:
    with pytest.raises(ValidationError, match="no independent MPs"):
        replay("iraq-2025", independents="framework")
    with pytest.raises(ValidationError, match="no resignation"):
        replay("iraq-2025", no_resignation=True)
    with pytest.raises(ValidationError, match="independents must be"):
        replay("iraq-2021", independents="everyone")
    with pytest.raises(ValidationError, match="unknown camp"):
        replay("iraq-2021", move={"kdp": "nowhere"})
    with pytest.raises(UnknownIdError):
        replay("iraq-2021", move={"no-such-party": "framework"})


def test_until_stops_the_replay() -> None:
    r = replay("iraq-2021", until="2022-04-01")
    assert r.government is None and r.status.startswith("stalled at president")
    assert max(s.date for s in r.steps) <= D(2022, 4, 1)


# ---------------------------------------------------------------------------- the format
def test_builtin_scenarios_are_sourced() -> None:
    assert list_formation_scenarios() == ["iraq-2021", "iraq-2025"]
    ds = load_dataset("iraq")
    for sid in list_formation_scenarios():
        sc = load_formation_scenario(sid)
        for ph in sc.phases:
            for a in ph.assign:
                assert a.source or a.assumption, (
                    f"{sid}: {a.member} in phase {ph.start} has no source"
                )
        for s in sc.sittings:
            assert s.event, f"{sid}: sitting of {s.date} is not linked to a dataset event"
            assert any(e.id == s.event for e in ds.events)
            for camp, st in s.stances.items():
                assert st.source or st.assumption, f"{sid} {s.date} {camp}: no source or assumption"
        for cid, c in sc.candidates.items():
            assert c.get("source"), f"{sid}: candidate {cid} has no source"
        assert sc.assumptions()


def doc(name: str = "iraq-2021") -> dict:
    return json.loads(
        (builtin_path("iraq") / "scenarios" / f"{name}.json").read_text(encoding="utf-8")
    )


def test_scenario_files_are_checked(tmp_path: Path) -> None:
    d = doc()
    d["sittings"][0]["stances"]["nowhere"] = "boycott"
    with pytest.raises(ValidationError, match="unknown camp 'nowhere'"):
        formation_scenario_from_dict(d)
    d = doc()
    d["sittings"].reverse()
    with pytest.raises(ValidationError, match="date order"):
        formation_scenario_from_dict(d)
    d = doc()
    d["sittings"][0]["candidates"].append("nobody")
    with pytest.raises(ValidationError, match="unknown candidate 'nobody'"):
        formation_scenario_from_dict(d)
    d = doc()
    d["format"] = "something-else"
    with pytest.raises(ValidationError, match="format"):
        formation_scenario_from_dict(d)
    d = doc()
    d["sittings"] = d["sittings"] * (MAX_SITTINGS // len(d["sittings"]) + 1)
    with pytest.raises(TooLargeError, match=f"{MAX_SITTINGS:,}"):
        formation_scenario_from_dict(d)
    for key, limit in (("camps", MAX_CAMPS), ("phases", MAX_PHASES)):
        d = doc()
        d[key] = d[key] * (limit // len(d[key]) + 1)
        with pytest.raises(TooLargeError, match=f"at most {limit:,} {key}"):
            formation_scenario_from_dict(d)
    big = tmp_path / "big.json"
    big.write_text(" " * 1_000_001 + "{}", encoding="utf-8")
    with pytest.raises(TooLargeError, match="1,000,000 bytes"):
        load_formation_scenario(big)
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(ValidationError, match="not valid JSON"):
        load_formation_scenario(bad)
    with pytest.raises(UnknownIdError, match="iraq-2021"):
        load_formation_scenario("atlantis")


def test_a_scenario_file_replays_like_the_builtin(tmp_path: Path) -> None:
    d = doc()
    # a what-if written as a file: the Framework attends on 26 March 2022
    sitting = next(s for s in d["sittings"] if s["date"] == "2022-03-26")
    sitting["stances"]["framework"] = {"vote": "salih", "assumption": "what if it had attended"}
    path = tmp_path / "what-if.json"
    path.write_text(json.dumps(d), encoding="utf-8")
    r = replay(path)
    mar26 = row(r, "2022-03-26", "president")
    assert mar26.outcome == "passed" and mar26.votes.last.winner == "rebar-ahmed"
    assert mar26.votes.last.round.name == "run-off"
