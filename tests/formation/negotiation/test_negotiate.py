"""Many runs and one run's trace: determinism, invariants, the scenario format, the limits.

The Iraq 2021 facts checked here (the 73 Sadrist seats, the committees' heads, the resignation
of 12 June 2022) are typed from ``majlis/data/iraq/events.csv`` and ``committees.csv``.
"""

from __future__ import annotations

import datetime as dt
import json
from concurrent.futures import ThreadPoolExecutor
from fractions import Fraction
from pathlib import Path

import pytest

from majlis.errors import TooLargeError, UnknownIdError, ValidationError
from majlis.formation.negotiation import (
    NegotiationSpec,
    list_scenarios,
    load_scenario,
    negotiate,
    prepare,
    simulate_run,
    trace_run,
)
from majlis.formation.negotiation import batch as batch_mod
from majlis.formation.negotiation.batch import run_rng
from majlis.limits import (
    MAX_NEGOTIATION_ACTORS,
    MAX_NEGOTIATION_CANDIDATES,
    MAX_NEGOTIATION_CHANNELS,
    MAX_NEGOTIATION_ROUNDS,
    MAX_NEGOTIATION_RUNS,
    MAX_SCENARIO_BYTES,
)


@pytest.fixture(scope="module")
def spec() -> NegotiationSpec:
    return prepare("iraq-2021")


def test_builtin_scenarios_listed() -> None:
    assert list_scenarios() == ["iraq-2021", "iraq-2025"]
    assert load_scenario("iraq-2021")["format"] == "majlis-negotiation-scenario/1"


def test_resolved_scenario_reads_the_data(spec: NegotiationSpec) -> None:
    first = spec.rounds[0]
    assert first.date == dt.date(2021, 12, 25)
    assert first.seats["sadrist"] == 73  # events.csv: 73 Sadrist MPs resign on 12 Jun 2022
    after = next(r for r in spec.rounds if r.date > dt.date(2022, 6, 23))
    assert after.seats["sadrist"] == 0
    heads = {ch.id: ch.head for ch in spec.channels}
    assert heads["cf-2021-12-sadrists"] == "Hadi al-Amiri"
    assert heads["cf-2021-12-kurds"] == "Nouri al-Maliki"
    assert heads["cf-2021-12-sunnis-shafaq"] == "Haider al-Abadi"
    prov = spec.provenance()
    assert prov["data"] and prov["assumptions"]
    assert all(row["text"] for row in prov["data"] + prov["assumptions"])


def test_same_seed_same_result_whatever_the_chunks(spec: NegotiationSpec) -> None:
    a = negotiate(spec, runs=30, seed=5, chunk_size=25)
    b = negotiate(spec, runs=30, seed=5, chunk_size=100)
    with ThreadPoolExecutor(2) as ex:
        c = negotiate(spec, runs=30, seed=5, chunk_size=25, executor=ex)
    assert a.tally.outcomes == b.tally.outcomes == c.tally.outcomes
    assert a.run_kinds == b.run_kinds == c.run_kinds


def test_each_run_is_its_own_stream(spec: NegotiationSpec) -> None:
    # run i of a batch is simulate_run with run_rng(seed, i), whatever the batch size
    r = negotiate(spec, runs=6, seed=3)
    alone = [simulate_run(spec, run_rng(3, i)).kind for i in range(6)]
    assert r.run_kinds == alone


def test_trace_replays_the_same_run(spec: NegotiationSpec) -> None:
    r = negotiate(spec, runs=5, seed=11)
    for i in (0, 4):
        t = trace_run(spec, seed=11, run=i)
        assert t.outcome.kind == r.run_kinds[i]
        doc = t.to_dict()
        json.dumps(doc)
        assert [x["round"] for x in doc["rounds"]] == list(range(1, t.outcome.rounds + 1))
        assert doc["rounds"][0]["events"][0]["kind"] == "house"
        assert doc["rounds"][0]["snapshot"]["seats"]["sadrist"] == 73
        assert t.text().startswith("Round 1 (2021-12-25)")


def test_outcome_invariants(spec: NegotiationSpec) -> None:
    r = negotiate(spec, runs=60, seed=1)
    assert sum(o.probability for o in r.outcomes) == 1
    assert sum(r.kinds().values()) == 1
    for o in r.outcomes:
        ms = set(o.members)
        # the Sadrists' red line: never in a government with State of Law, nor under Maliki
        assert not ({"sadrist", "sol"} <= ms)
        if "sadrist" in ms:
            assert o.prime_minister != "maliki"
        if o.kind == "deadlock":
            assert o.government is None and not o.members
        else:
            assert o.government and o.prime_minister is not None
    doc = r.to_dict()
    assert doc["runs"] == 60 and {"government", "kind", "probability"} <= set(doc["outcomes"][0])
    json.dumps(doc)


def test_governments_pass_the_thresholds(spec: NegotiationSpec) -> None:
    for i in range(8):
        rec = simulate_run(spec, run_rng(2, i))
        g = rec.government
        if g is None:
            continue
        assert g.seats >= spec.thresholds.govern
        assert [s for s, ok, _ in g.votes] == ["president", "confidence"]
        assert all(ok for _, ok, _ in g.votes)


def test_no_resignation_keeps_the_sadrists(spec: NegotiationSpec) -> None:
    cf = prepare("iraq-2021", no_resignation=True)
    assert all(r.seats["sadrist"] == 73 for r in cf.rounds)
    assert cf.counterfactual["no_resignation"] is True


def test_kdp_with_framework_counterfactual() -> None:
    cf = prepare("iraq-2021", counterfactuals=["kdp_with_framework"])
    assert cf.counterfactual["move"] == [{"actor": "kdp", "formateur": "cf"}]
    assert all(r.pacts["moved-kdp"] == ("kdp",) for r in cf.rounds)
    assert all("kdp" not in r.pacts["tripartite"] for r in cf.rounds)


def test_overrides_change_assumptions() -> None:
    s = prepare("iraq-2021", sets=["actors.kdp.consensus=0.9"], council_rule="weighted")
    assert s.actors["kdp"].consensus == 0.9
    assert s.councils["cf"].rule == "weighted"
    s = prepare("iraq-2021", params={"noise": "0.1:0.2"}, rounds=3)
    assert s.params["noise"].to_dict() == {"uniform": [0.1, 0.2]} and len(s.rounds) == 3
    s = prepare("iraq-2021", committees=["cf-2021-12-sunnis-wikipedia"])
    assert "Qais al-Khazali" in {ch.head for ch in s.channels}


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"council_rule": "lottery"}, UnknownIdError),
        ({"counterfactuals": ["sadr_wins"]}, ValidationError),
        ({"move": [("nobody", "cf")]}, UnknownIdError),
        ({"move": [("kdp", "puk")]}, UnknownIdError),
        ({"sets": ["council.rule"]}, ValidationError),
        ({"sets": ["actors.nobody.consensus=1"]}, ValidationError),
        ({"sets": ["actors.kdp.consensus=3"]}, ValidationError),
        ({"params": {"noise": "-1"}}, ValidationError),
        ({"committees": ["cf-2021-12-kurds-x"]}, UnknownIdError),
        ({"rounds": 0}, ValidationError),
    ],
)
def test_bad_overrides(kwargs: dict, error: type[Exception]) -> None:
    with pytest.raises(error):
        prepare("iraq-2021", **kwargs)


def test_bad_scenarios(tmp_path: Path) -> None:
    with pytest.raises(UnknownIdError):
        load_scenario("iraq-1958")
    with pytest.raises(ValidationError):
        load_scenario(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError):
        load_scenario(bad)
    bad.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(ValidationError):
        load_scenario(bad)
    big = tmp_path / "big.json"
    big.write_text(" " * (MAX_SCENARIO_BYTES + 1), encoding="utf-8")
    with pytest.raises(TooLargeError):
        load_scenario(big)
    doc = load_scenario("iraq-2021")
    doc["until"] = "2021-01-01"
    with pytest.raises(ValidationError):
        prepare(doc)


def test_scenario_file_round_trip(tmp_path: Path) -> None:
    doc = load_scenario("iraq-2021")
    doc["council"]["rule"] = "weighted"
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert prepare(str(path), rounds=2).councils["cf"].rule == "weighted"


# ------------------------------------------------------------------ limits
def test_limit_runs(spec: NegotiationSpec) -> None:
    with pytest.raises(TooLargeError, match="100,000"):
        negotiate(spec, runs=MAX_NEGOTIATION_RUNS + 1, seed=1)
    with pytest.raises(ValidationError):
        negotiate(spec, runs=0, seed=1)
    with pytest.raises(TooLargeError):
        trace_run(spec, seed=1, run=MAX_NEGOTIATION_RUNS)


def test_limit_rounds() -> None:
    with pytest.raises(TooLargeError, match=str(MAX_NEGOTIATION_ROUNDS)):
        prepare("iraq-2021", rounds=MAX_NEGOTIATION_ROUNDS + 1)


def test_limit_actors_and_candidates() -> None:
    doc = load_scenario("iraq-2021")
    many = dict(doc)
    many["actors"] = [
        {"id": f"a{i}", "parties": ["kdp"]} for i in range(MAX_NEGOTIATION_ACTORS + 1)
    ]
    with pytest.raises(TooLargeError):
        prepare(many)
    many = dict(doc)
    many["candidates"] = {
        f"c{i}": {"name": f"C {i}"} for i in range(MAX_NEGOTIATION_CANDIDATES + 1)
    }
    with pytest.raises(TooLargeError):
        prepare(many)


def test_limit_channels() -> None:
    doc = load_scenario("iraq-2021")
    extra = doc["channels"]["extra"][0]
    doc["channels"]["extra"] = [
        {**extra, "id": f"x{i}"} for i in range(MAX_NEGOTIATION_CHANNELS + 1)
    ]
    with pytest.raises(TooLargeError):
        prepare(doc)


def test_limit_work(spec: NegotiationSpec, monkeypatch: pytest.MonkeyPatch) -> None:
    pairs = sum(len(ch.counterparts) for ch in spec.channels)
    work = 10 * len(spec.rounds) * pairs
    monkeypatch.setattr(batch_mod, "MAX_NEGOTIATION_WORK", work - 1)
    with pytest.raises(TooLargeError, match="work"):
        negotiate(spec, runs=10, seed=1)
    monkeypatch.setattr(batch_mod, "MAX_NEGOTIATION_WORK", work)
    assert negotiate(spec, runs=10, seed=1).done == 10


def test_exact_probabilities(spec: NegotiationSpec) -> None:
    r = negotiate(spec, runs=7, seed=9)
    assert all(
        isinstance(o.probability, Fraction) and o.probability.denominator in (1, 7)
        for o in r.outcomes
    )


def test_iraq_2025_council_weighted_vote_by_hand() -> None:
    # seats on 29 Dec 2025 (results.csv): Reconstruction and Development 46, State of Law 29
    # + Diyala First 1, Sadiqoun 27, Badr 18, National State Forces 18 (Hakim and Abadi share
    # it: 9 each), Huqooq 6, ISCI 4. First preferences at the start: Sudani 46 + Khazali 27 +
    # Hakim 9 + Hamoudi 4 = 86; Maliki 30 + Amiri 18 + Huqooq 6 = 54; Abadi 9. 86 of 149 is a
    # majority in the first count.
    t = trace_run(
        "iraq-2025", seed=1, run=0, council_rule="weighted", sets=["council.decides_from=null"]
    )
    first = t.rounds[0]
    assert first.snapshot is not None and first.snapshot.seats["rdc"] == 46
    (council,) = [e for e in first.events if e.kind == "council"]
    assert council.data["decision"]["candidate"] == "sudani"
    assert council.data["decision"]["scores"] == {
        "sudani": "86",
        "maliki": "54",
        "zaidi": "0",
        "abadi": "9",
    }


def test_iraq_2025_two_thirds_rule_and_compromise() -> None:
    spec = prepare("iraq-2025")
    assert spec.councils["cf"].rule == "two-thirds"
    assert spec.candidates["zaidi"].compromise and not spec.candidates["sudani"].compromise
    # two-thirds, one vote per leader (8 leaders): Sudani is approved by 7 (Maliki vetoes him),
    # Maliki and Zaidi by all 8; equal total ranks (11 each) leave Maliki, listed first. When
    # Hakim's veto of Maliki holds (30% of runs), Maliki has 7 and Zaidi alone has 8.
    r = negotiate(spec, runs=20, seed=1)
    assert "sudani" not in r.tally.first_choice
    assert set(r.tally.first_choice) <= {"maliki", "zaidi"}


def test_partners_refusing_the_candidate_make_the_council_drop_him() -> None:
    # the KDP's and Taqaddum's lines against Maliki made firm, Hakim's veto removed: every
    # leader approves Maliki (8 of 8; tie with Zaidi on total rank, Maliki listed first), the
    # two refuse him, the Framework could govern without them (149 + PUK 15 + Azm 15 +
    # Sovereignty 17 = 196 >= 165) but waits for them, drops Maliki after two rounds of
    # refusals (candidate_patience) and decides again: Sudani 7 of 8 (Maliki's veto), Zaidi 8.
    sets = [
        "actors.kdp.red_lines.0.probability=1",
        "actors.taqaddum.red_lines.0.probability=1",
        "council.leaders.hakim.stances.0.vetoes={}",
        "council.decides_from=null",
    ]
    t = trace_run("iraq-2025", seed=1, run=0, sets=sets)
    kinds = [(r.round, e.kind) for r in t.rounds for e in r.events]
    assert (1, "wait") in kinds and (2, "veto") in kinds
    waits = [e for r in t.rounds for e in r.events if e.kind == "wait"]
    assert "(196 seats)" in waits[0].text
    g = t.outcome.government
    assert g is not None and g.prime_minister == "zaidi" and g.kind == "consensus"
    assert {"kdp", "taqaddum"} <= set(g.members)
    r = negotiate("iraq-2025", runs=20, seed=1, sets=sets)
    assert r.tally.first_choice == {"maliki": 20}
    assert r.prime_ministers() == {"zaidi": 1}


def test_council_backs_nobody_before_it_decides() -> None:
    # iraq-2025: the council decides from 24 Jan 2026 (its first reported nomination); weekly
    # rounds from 29 Dec 2025 put the first decision in round 5 (26 Jan 2026)
    t = trace_run("iraq-2025", seed=3, run=0)
    assert t.spec.councils["cf"].decides_from == dt.date(2026, 1, 24)
    for r in t.rounds[:4]:
        assert r.snapshot is not None and r.snapshot.candidates.get("cf") is None
        assert not [e for e in r.events if e.kind == "government" or e.data.get("receiver")]
    fifth = t.rounds[4]
    assert fifth.date == dt.date(2026, 1, 26)
    assert any(e.kind == "council" and "decision" in e.data for e in fifth.events)
    assert t.outcome.rounds >= 5
