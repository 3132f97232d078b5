"""The formation state machine rule by rule, on small hand-made houses and on published votes."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from majlis.errors import TooLargeError, ValidationError
from majlis.formation.constitution import Constitution, Round, Step, Threshold, get_constitution
from majlis.formation.process import (
    Ballot,
    Camp,
    FormationProcess,
    House,
    blocking_ballots,
    run_session,
    tally,
)
from majlis.limits import MAX_BALLOT_GROUPS, MAX_CANDIDATES

D = dt.date
IRAQ = get_constitution("iraq-2005")
SPAIN = get_constitution("spain-1978")
SWEDEN = get_constitution("sweden-1974")
H329 = House({"a": 329}, 329)
FIRST_SESSION = D(2022, 1, 9)


def iraq_at(step: str, on: D = FIRST_SESSION) -> FormationProcess:
    """An Iraqi process moved to ``step`` by unanimous votes and acts on ``on``."""
    p = FormationProcess(IRAQ, election=D(2021, 10, 10), first_session=on)
    while p.step is not None and p.step.id != step:
        if p.step.is_vote:
            vote = "yes" if p.step.kind == "investiture" else "x"
            p.vote(
                on, H329, [Ballot("all", 329, vote=vote)], candidates=["x"] if vote == "x" else ()
            )
        else:
            p.act(on, "someone")
    return p


# ---------------------------------------------------------------------------- quorum and boycotts
def test_a_blocking_third_denies_the_two_thirds_quorum() -> None:
    # 329 seats: the quorum is 220, so 110 absent block it and 109 do not (hand computed)
    for boycott, held in ((110, False), (109, True)):
        p = iraq_at("president")
        r = p.vote(
            D(2022, 3, 26),
            H329,
            [Ballot("majority", 329 - boycott, vote="x"), Ballot("third", boycott, boycott=True)],
            candidates=["x"],
        )
        assert r.votes is not None
        assert r.votes.last.quorum_needed == 220
        assert r.votes.last.tally.present == 329 - boycott
        assert r.votes.last.quorum_met is held
        if held:
            assert r.outcome == "passed" and p.step is not None and p.step.id == "designation"
        else:
            assert r.outcome == "failed" and p.step is not None and p.step.id == "president"
            assert "blocking minority (at least 110)" in r.reason
            assert p.requirements(H329) == {
                "step": "president",
                "round": "first round",
                "quorum": 220,
                "threshold": 220,
                "blocking": 110,
            }


def test_requirements_match_the_parliament_of_the_dataset() -> None:
    from majlis.data import load_dataset

    house = load_dataset("iraq").parliament(date="2022-03-26")
    p = iraq_at("president")
    req = p.requirements(house)
    assert (req["quorum"], req["threshold"], req["blocking"]) == (
        house.two_thirds,
        house.two_thirds,
        house.blocking_third,
    )
    assert iraq_at("confidence").requirements(house)["threshold"] == house.majority


# ---------------------------------------------------------------------------- run-offs
def test_runoff_between_the_top_two_counts_eliminated_votes_as_blank() -> None:
    ballots = [
        Ballot("a", 150, vote="x"),
        Ballot("b", 100, vote="y"),
        Ballot("c", 60, vote="z"),
        Ballot("d", 19),
    ]
    rs = run_session(IRAQ.step("president"), H329, ballots, candidates=["x", "y", "z"])
    first, second = rs
    assert first.winner is None and first.needed == 220
    assert second.candidates == ("x", "y")
    assert second.tally.votes == {"x": 150, "y": 100} and second.tally.blank == 60 + 19
    assert second.needed == 126  # more than half of the 250 valid votes
    assert second.winner == "x"


def test_runoff_keeps_everyone_tied_at_the_cut_and_a_tied_runoff_fails() -> None:
    ballots = [Ballot("a", 150, vote="x"), Ballot("b", 60, vote="y"), Ballot("c", 60, vote="z")]
    rs = run_session(
        IRAQ.step("president"), House({"a": 270}, 329), ballots, candidates=["x", "y", "z"]
    )
    assert set(rs[1].candidates) == {"x", "y", "z"}
    p = iraq_at("president")
    r = p.vote(
        D(2022, 3, 1),
        H329,
        [Ballot("a", 160, vote="x"), Ballot("b", 160, vote="y"), Ballot("c", 9)],
        candidates=["x", "y"],
    )
    assert r.outcome == "failed" and "run-off: no candidate reached 161" in r.reason
    assert p.step is not None and p.step.id == "president" and p.round_index == 0


def test_runoff_ballots_may_differ_from_the_first_round() -> None:
    first = [Ballot("a", 150, vote="x"), Ballot("b", 100, vote="y"), Ballot("c", 79, vote="z")]
    second = [Ballot("a", 150, vote="x"), Ballot("b", 100, vote="y"), Ballot("c", 79, vote="y")]
    rs = run_session(
        IRAQ.step("president"),
        H329,
        lambda i, c: first if i == 0 else second,
        candidates=["x", "y", "z"],
    )
    assert rs[1].winner == "y" and rs[1].tally.votes == {"x": 150, "y": 179}


# ---------------------------------------------------------------------------- deadlines
def test_president_deadline_expires_and_the_process_continues() -> None:
    p = iraq_at("president", D(2025, 12, 29))
    r = p.vote(D(2026, 4, 11), H329, [Ballot("all", 329, vote="x")], candidates=["x"])
    deadline = next(x for x in p.records if x.kind == "deadline")
    assert (deadline.date, deadline.step, deadline.outcome) == (
        D(2026, 1, 28),
        "president",
        "stalled",
    )
    assert r.outcome == "passed"
    assert r.deadline is not None and r.deadline["met"] is False and r.deadline["days_left"] == -73


def test_cabinet_deadline_sends_the_process_back_to_designation() -> None:
    p = iraq_at("designation", D(2022, 10, 13))
    p.act(D(2022, 10, 13), "first designate")
    assert p.step is not None and p.step.id == "cabinet"
    rows = p.advance(D(2022, 12, 1))
    # 30 days from 13 Oct: due 12 Nov (Art. 76(2)); then 15 days for a new nominee: due 27 Nov
    assert [(x.date, x.step, x.outcome) for x in rows] == [
        (D(2022, 11, 12), "cabinet", "failed"),
        (D(2022, 11, 27), "designation", "stalled"),
    ]
    assert p.step is not None and p.step.id == "designation"
    late = p.act(D(2022, 12, 1), "second designate")
    assert "late by 4 days" in late.reason


def test_refused_confidence_returns_to_designation() -> None:
    p = iraq_at("confidence")
    r = p.vote(D(2022, 1, 9), H329, [Ballot("g", 160, vote="yes"), Ballot("o", 169, vote="no")])
    assert r.outcome == "failed" and "160 for, 169 against" in r.reason
    assert p.step is not None and p.step.id == "designation"


# ---------------------------------------------------------------------------- positive vs negative
def spain_2020() -> FormationProcess:
    return FormationProcess(SPAIN, election=D(2019, 11, 10), first_session=D(2019, 12, 3))


def test_spain_january_2020_absolute_then_simple_majority() -> None:
    # 5 Jan 2020: 166 yes, 165 no, 18 abstentions, 1 absent; 7 Jan: 167-165-18 (La Razón, Euronews)
    house = House({"congress": 350}, 350)
    p = spain_2020()
    p.act(D(2020, 1, 4), "Pedro Sánchez")
    r1 = p.vote(
        D(2020, 1, 5),
        house,
        [
            Ballot("yes", 166, vote="yes"),
            Ballot("no", 165, vote="no"),
            Ballot("abst", 19, absent=1),
        ],
    )
    assert r1.outcome == "failed" and r1.votes is not None and r1.votes.last.needed == 176
    with pytest.raises(ValidationError, match="48 hours"):
        p.vote(D(2020, 1, 6), house, [Ballot("yes", 350, vote="yes")])
    r2 = p.vote(
        D(2020, 1, 7),
        house,
        [Ballot("yes", 167, vote="yes"), Ballot("no", 165, vote="no"), Ballot("abst", 18)],
    )
    assert r2.outcome == "passed" and r2.votes is not None and r2.votes.last.needed == 167
    assert p.done


def test_spain_2019_two_failed_votes_then_dissolution_after_two_months() -> None:
    # 23 Jul 2019: 124-170-52; 25 Jul: 124-155-67 (4 suspended deputies); dissolution if no
    # investiture by 23 Sep (ABC, 25 Jul 2019)
    house = House({"congress": 350}, 350)
    p = FormationProcess(SPAIN, election=D(2019, 4, 28), first_session=D(2019, 5, 21))
    p.act(D(2019, 7, 22), "Pedro Sánchez")
    p.vote(
        D(2019, 7, 23),
        house,
        [Ballot("y", 124, vote="yes"), Ballot("n", 170, vote="no"), Ballot("a", 56, absent=4)],
    )
    r = p.vote(
        D(2019, 7, 25),
        house,
        [Ballot("y", 124, vote="yes"), Ballot("n", 155, vote="no"), Ballot("a", 71, absent=4)],
    )
    assert r.outcome == "failed" and "returns to 'proposal'" in r.reason
    rows = p.advance(D(2019, 9, 24))
    assert [(x.date, x.outcome) for x in rows] == [(D(2019, 9, 23), "failed")]
    assert p.status == "dissolved"
    with pytest.raises(ValidationError, match="dissolution"):
        p.act(D(2019, 9, 25), "anyone")


def test_sweden_negative_investiture() -> None:
    # 14 Nov 2018: Kristersson 154 yes, 195 no, rejected; 18 Jan 2019: Löfven 115 yes, 153 no,
    # 77 abstentions, approved because fewer than 175 voted no (The Local; EFE)
    house = House({"riksdag": 349}, 349)
    p = FormationProcess(SWEDEN, election=D(2018, 9, 9), first_session=D(2018, 9, 24))
    p.act(D(2018, 11, 12), "Ulf Kristersson")
    r1 = p.vote(D(2018, 11, 14), house, [Ballot("y", 154, vote="yes"), Ballot("n", 195, vote="no")])
    assert r1.outcome == "failed" and r1.reason.startswith("rejected: 195 against")
    p.act(D(2019, 1, 16), "Stefan Löfven")
    r2 = p.vote(
        D(2019, 1, 18),
        house,
        [Ballot("y", 115, vote="yes"), Ballot("n", 153, vote="no"), Ballot("a", 81, absent=4)],
    )
    assert r2.outcome == "passed" and p.done


def test_the_same_ballot_fails_positive_and_passes_negative_investiture() -> None:
    ballots = [Ballot("y", 115, vote="yes"), Ballot("n", 153, vote="no"), Ballot("a", 81)]
    house = House({"h": 349}, 349)
    pos = run_session(SPAIN.step("investiture"), house, ballots, start_round=1, previous=None)
    neg = run_session(SWEDEN.step("pm-vote"), house, ballots)
    assert not pos[-1].passed and neg[-1].passed


def test_fourth_rejection_forces_an_election() -> None:
    house = House({"h": 349}, 349)
    p = FormationProcess(SWEDEN, election=D(2018, 9, 9))
    for k in range(4):
        p.act(D(2018, 10, 1 + 2 * k), f"candidate {k}")
        r = p.vote(D(2018, 10, 2 + 2 * k), house, [Ballot("n", 349, vote="no")])
    assert p.status == "dissolved" and "failure 4 of 4" in r.reason


# ---------------------------------------------------------------------------- acts
def test_the_nominee_must_come_from_the_largest_bloc() -> None:
    p = iraq_at("designation")
    r = p.act(D(2022, 1, 9), "X", bloc="a", blocs={"a": 100, "b": 120})
    assert r.outcome == "failed" and "b holds 120" in r.reason
    assert p.step is not None and p.step.id == "designation"
    ok = p.act(D(2022, 1, 9), "Y", bloc="b", blocs={"a": 100, "b": 120})
    assert ok.outcome == "passed" and ok.details["largest_bloc"]["seats"] == 120


def test_calls_are_checked() -> None:
    p = iraq_at("president")
    with pytest.raises(ValidationError, match="not an act"):
        p.act(D(2022, 1, 10), "someone")
    with pytest.raises(ValidationError, match="expected step 'speaker'"):
        p.vote(D(2022, 1, 10), H329, [Ballot("a", 329, vote="x")], step="speaker", candidates=["x"])
    with pytest.raises(ValidationError, match="date order"):
        p.vote(D(2021, 12, 1), H329, [Ballot("a", 329, vote="x")], candidates=["x"])
    with pytest.raises(ValidationError, match="not an option"):
        p.vote(D(2022, 1, 10), H329, [Ballot("a", 329, vote="w")], candidates=["x"])
    with pytest.raises(ValidationError, match="only 329"):
        p.vote(D(2022, 1, 10), H329, [Ballot("a", 330, vote="x")], candidates=["x"])
    with pytest.raises(ValidationError, match="listed twice"):
        tally(H329, [Ballot("a", 1), Ballot("a", 2)])
    with pytest.raises(ValidationError):
        Ballot("a", 5, absent=6)
    with pytest.raises(ValidationError):
        Ballot("a", 5, vote="x", split={"y": 6})
    d = iraq_at("designation")
    with pytest.raises(ValidationError, match="not a vote"):
        d.vote(D(2022, 1, 10), H329, [Ballot("a", 329, vote="yes")])


def test_limits() -> None:
    with pytest.raises(TooLargeError, match=f"{MAX_BALLOT_GROUPS:,}"):
        tally(
            House({"a": 10_000}, 10_000), [Ballot(str(i), 1) for i in range(MAX_BALLOT_GROUPS + 1)]
        )
    cands = [f"c{i}" for i in range(MAX_CANDIDATES + 1)]
    with pytest.raises(TooLargeError, match=str(MAX_CANDIDATES)):
        run_session(IRAQ.step("president"), H329, [Ballot("a", 329)], candidates=cands)


# ---------------------------------------------------------------------------- the blocking rule
def test_losers_boycott_only_when_they_can_deny_the_quorum() -> None:
    step = IRAQ.step("president")
    for minority, boycott in ((126, True), (110, True), (109, False)):
        camps = [Camp("majority", 329 - minority, "x"), Camp("minority", minority, "y")]
        ballots = blocking_ballots(step, H329, camps, candidates=["x", "y"])
        assert [b.boycott for b in ballots] == [False, boycott]
    # an indifferent camp always attends; a camp whose candidate wins never boycotts
    camps = [Camp("winner", 180, "x"), Camp("loser", 100, "y"), Camp("neutral", 49)]
    assert not any(b.boycott for b in blocking_ballots(step, H329, camps, candidates=["x", "y"]))


def test_blocking_rule_without_quorum_or_when_nobody_wins() -> None:
    house = House({"h": 349}, 349)
    camps = [Camp("gov", 115, "yes"), Camp("opp", 153, "no"), Camp("mid", 81)]
    assert not any(b.boycott for b in blocking_ballots(SWEDEN.step("pm-vote"), house, camps))
    split = [Camp("a", 100, "x"), Camp("b", 100, "y"), Camp("c", 129, "z")]
    ballots = blocking_ballots(IRAQ.step("speaker"), H329, split, candidates=["x", "y", "z"])
    assert not any(b.boycott for b in ballots)


# ---------------------------------------------------------------------------- invariants
@given(
    st.lists(
        st.tuples(
            st.integers(0, 60), st.booleans(), st.sampled_from(["x", "y", None]), st.integers(0, 60)
        ),
        min_size=1,
        max_size=8,
    ),
    st.integers(0, 40),
)
def test_every_seat_is_counted_once(groups: list, vacant: int) -> None:
    ballots = [
        Ballot(str(i), seats, vote=vote, boycott=boycott, absent=min(absent, seats))
        for i, (seats, boycott, vote, absent) in enumerate(groups)
    ]
    filled = sum(b.seats for b in ballots)
    house = House({"p": filled}, filled + vacant + 1)
    t = tally(house, ballots, ["x", "y"])
    assert t.present + t.boycotting + t.absent + t.vacant == house.total_seats
    assert sum(t.votes.values()) + t.blank == t.present


def test_deterministic() -> None:
    def run() -> list[dict]:
        p = iraq_at("president", D(2022, 1, 9))
        p.vote(
            D(2022, 3, 26),
            H329,
            [Ballot("a", 203, vote="x"), Ballot("b", 126, boycott=True)],
            candidates=["x"],
        )
        p.vote(
            D(2022, 10, 13),
            H329,
            [Ballot("a", 203, vote="x"), Ballot("b", 126, vote="y")],
            candidates=["x", "y"],
        )
        return [r.to_dict() for r in p.records]

    assert run() == run()


def test_a_custom_constitution_is_only_data() -> None:
    # a one-step 'constitution': a three-fifths vote of those present with a quorum of half
    c = Constitution(
        "tiny",
        "Three-fifths of those present",
        "xx",
        (
            Step(
                "vote",
                "vote",
                "investiture",
                (Round("only", Threshold("3/5", "present", strict=False), Threshold("1/2")),),
                article="test",
            ),
        ),
    )
    p = FormationProcess(c, election=D(2020, 1, 1))
    house = House({"h": 100}, 100)
    r = p.vote(
        D(2020, 1, 2),
        house,
        [Ballot("y", 31, vote="yes"), Ballot("n", 20, vote="no"), Ballot("b", 49, boycott=True)],
    )
    # 51 present (quorum 51 met); 3/5 of 51 = 30.6, so 31 yes carry it
    assert r.outcome == "passed" and r.votes is not None and r.votes.last.needed == 31


def test_rows_per_process_are_limited(monkeypatch: pytest.MonkeyPatch) -> None:
    import majlis.formation.process as proc

    monkeypatch.setattr(proc, "MAX_PROCESS_ROWS", 3)
    p = iraq_at("president")  # one row: the Speaker
    boycott = [Ballot("a", 200, vote="x"), Ballot("b", 129, boycott=True)]
    p.vote(D(2022, 1, 10), H329, boycott, candidates=["x"])
    p.vote(D(2022, 1, 11), H329, boycott, candidates=["x"])
    with pytest.raises(TooLargeError, match="at most 3 rows per formation process"):
        p.vote(D(2022, 1, 12), H329, boycott, candidates=["x"])
