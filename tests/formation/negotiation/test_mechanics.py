"""The negotiation's mechanics on small hand-computed cases.

Utilities, acceptance, red lines, the 165 / 220 / 110 thresholds of Iraq's Constitution
(Art. 70: the President by two-thirds of the members, the Federal Supreme Court's 2022 ruling
making two-thirds the quorum; Art. 76: confidence by an absolute majority of the members), the
council's rules and the committees' concessions. Expected values are computed by hand in the
comments, not taken from the code's output.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from majlis.errors import UnknownIdError, UnknownMethodError, ValidationError
from majlis.formation.constitution import get_constitution
from majlis.formation.negotiation import (
    Actor,
    Concession,
    Distribution,
    LeaderView,
    ParameterSet,
    RedLine,
    accepts,
    check_government,
    decide,
    thresholds,
    utility,
)
from majlis.formation.negotiation.actors import (
    government_kind,
    mean_position,
    policy_loss,
    red_line_violations,
)
from majlis.formation.negotiation.committees import next_concession, offer_policy

W = {"office_weight": 1.0, "policy_weight": 1.0, "form_weight": 0.5, "demand_weight": 0.1}
R = {"x": (0.0, 10.0), "y": (0.0, 10.0)}
IRAQ = get_constitution("iraq-2005")


# ------------------------------------------------------------------ utility and acceptance
def test_offer_accepted_or_rejected_for_a_known_utility() -> None:
    a = Actor("a", "A", position={"x": 2.0}, salience={"x": 1.0}, consensus=0.8, demands=("P",))
    # office 0.3; policy 6 is 4/10 away: -0.4; consensus kind: +0.5 * 0.8; one unmet demand: -0.1
    u = utility(a, office=0.3, position={"x": 6.0}, kind="consensus", unmet=1, params=W, ranges=R)
    assert u == pytest.approx(0.3 - 0.4 + 0.4 - 0.1)  # 0.2
    assert accepts(utility=u, outside=0.19, noise=0.0)
    assert not accepts(utility=u, outside=0.21, noise=0.0)
    assert not accepts(utility=u, outside=u, noise=0.0)  # strictly better only
    assert accepts(utility=u, outside=0.21, noise=0.02)  # a lucky draw tips it
    # the same government as a majority one: (1 - 0.8) * 0.5 = 0.1 instead of 0.4
    um = utility(a, office=0.3, position={"x": 6.0}, kind="majority", unmet=1, params=W, ranges=R)
    assert um == pytest.approx(-0.1)


def test_policy_loss_weighs_salience_and_skips_unknown_dimensions() -> None:
    a = Actor("a", "A", position={"x": 0.0, "y": 0.0}, salience={"x": 3.0, "y": 1.0})
    # x: 5/10 with weight 3, y: 10/10 with weight 1 -> (1.5 + 1) / 4
    assert policy_loss(a, {"x": 5.0, "y": 10.0}, R) == pytest.approx(0.625)
    assert policy_loss(a, {"x": 5.0}, R) == pytest.approx(0.5)  # y unknown: only x counts
    assert policy_loss(a, {}, R) == 0.0


@given(st.floats(0, 10), st.floats(0, 10), st.floats(0.01, 5), st.floats(0.01, 5))
def test_policy_loss_lies_in_unit_interval(x: float, y: float, sx: float, sy: float) -> None:
    a = Actor("a", "A", position={"x": x, "y": y}, salience={"x": sx, "y": sy})
    loss = policy_loss(a, {"x": 10 - x, "y": y / 2}, R)
    assert 0.0 <= loss <= 1.0


def test_mean_position_is_seat_weighted() -> None:
    a = Actor("a", "A", position={"x": 0.0})
    b = Actor("b", "B", position={"x": 9.0})
    assert mean_position([a, b], {"a": 2, "b": 1}) == {"x": 3.0}  # (0*2 + 9*1) / 3


def test_government_kind() -> None:
    assert government_kind({"cf", "kdp", "puk"}, {"cf", "kdp", "puk"}) == "consensus"
    assert government_kind({"cf", "kdp"}, {"cf", "kdp", "sadrist"}) == "majority"


# ------------------------------------------------------------------ red lines
def test_red_line_respected() -> None:
    sadr = Actor(
        "sadrist",
        "Sadrists",
        parties=("sadrist",),
        red_lines=(RedLine("no_serve_with", "sol"), RedLine("no_candidate", "maliki")),
    )
    sol = Actor("sol", "State of Law", parties=("sol",))
    kdp = Actor("kdp", "KDP", parties=("kdp",))
    # with State of Law in the government: the first line is crossed
    got = red_line_violations({"sadrist": sadr, "sol": sol}, "sudani")
    assert [(a, r.kind, r.target) for a, r in got] == [("sadrist", "no_serve_with", "sol")]
    # Maliki as the candidate: the second line
    got = red_line_violations({"sadrist": sadr, "kdp": kdp}, "maliki")
    assert [(a, r.kind) for a, r in got] == [("sadrist", "no_candidate")]
    assert red_line_violations({"sadrist": sadr, "kdp": kdp}, "sudani") == []
    # a line below probability 1 that does not hold in this run is not a violation
    holds = {("sadrist", 0): False}
    assert red_line_violations({"sadrist": sadr, "sol": sol}, None, holds) == []


def test_red_line_rejects_bad_input() -> None:
    with pytest.raises(ValidationError):
        RedLine("dislikes", "sol")
    with pytest.raises(ValidationError):
        RedLine("no_serve_with", "sol", probability=1.5)
    with pytest.raises(ValidationError):
        Actor("a", "A", consensus=2.0)


# ------------------------------------------------------------------ thresholds
def test_iraq_thresholds() -> None:
    # 329 members: confidence 329 // 2 + 1 = 165; quorum ceil(2 * 329 / 3) = 220; 329 - 220 + 1 = 110
    th = thresholds(IRAQ, 329)
    assert (th.govern, th.quorum, th.block) == (165, 220, 110)


def test_blocking_third_prevents_quorum() -> None:
    steps = ("president", "confidence")
    # 219 for the government, 110 hostile MPs stay away: 219 present < 220, blocked
    v = check_government(IRAQ, steps, 329, 219, 110, 0)
    assert not v.viable and v.blocked_at == "president"
    assert "219 present, 220 required" in v.reason
    # 109 hostile MPs cannot deny the quorum (220 present): they attend and lose the run-off
    v = check_government(IRAQ, steps, 329, 219, 109, 1)
    assert v.viable and v.blocked_at is None
    # Save the Homeland on 26 March 2022 in miniature: 175 + 28 present = 203 < 220
    v = check_government(IRAQ, steps, 329, 175, 126, 28)
    assert not v.viable and v.blocked_at == "president"
    # a majority is needed for confidence: 164 < 165 even with nobody hostile
    v = check_government(IRAQ, steps, 329, 164, 0, 165)
    assert not v.viable and v.blocked_at == "confidence"
    assert check_government(IRAQ, steps, 329, 165, 0, 164).viable


def test_check_government_rejects_bad_counts() -> None:
    with pytest.raises(ValidationError):
        check_government(IRAQ, ("confidence",), 329, 200, 200, 0)
    with pytest.raises(ValidationError):
        check_government(IRAQ, ("confidence",), 329, -1, 0, 0)


# ------------------------------------------------------------------ council rules
F = Fraction


def _leaders() -> list[LeaderView]:
    # weights: seats of the factions; rankings most preferred first
    return [
        LeaderView("m", "Maliki", F(33), ("maliki", "zaidi", "sudani"), frozenset({"sudani"})),
        LeaderView("s", "Sudani", F(46), ("sudani", "maliki", "zaidi"), frozenset()),
        LeaderView("h", "Hakim", F(18), ("sudani", "zaidi", "maliki"), frozenset({"maliki"})),
    ]


def test_council_rule_picks_the_required_candidate() -> None:
    standing = ("sudani", "maliki", "zaidi")
    # weighted: sudani 46 + 18 = 64 of 97 > 48.5: a majority in the first count
    d = decide("weighted", _leaders(), standing)
    assert d.candidate == "sudani" and d.scores == {"sudani": "64", "maliki": "33", "zaidi": "0"}
    # consensus: Maliki vetoes sudani, Hakim vetoes maliki: only zaidi is left
    assert decide("consensus", _leaders(), standing).candidate == "zaidi"
    # veto: the same vetoes, then seat-weighted first preferences among the rest: only zaidi
    assert decide("veto", _leaders(), standing).candidate == "zaidi"
    # two-thirds, one vote each: approvals sudani 2 (s, h), maliki 2 (m, s), zaidi 3 -> zaidi
    d = decide("two-thirds", _leaders(), standing)
    assert d.candidate == "zaidi" and d.scores["zaidi"] == "3"


def test_weighted_rule_runs_off() -> None:
    ls = [
        LeaderView("a", "A", F(40), ("x", "z"), frozenset()),
        LeaderView("b", "B", F(35), ("y", "z"), frozenset()),
        LeaderView("c", "C", F(25), ("z", "y"), frozenset()),
    ]
    # first count 40 / 35 / 25: no majority; z out, its 25 go to y: 60 of 100
    assert decide("weighted", ls, ("x", "y", "z")).candidate == "y"


def test_consensus_rule_borda_and_ties() -> None:
    ls = [
        LeaderView("a", "A", F(1), ("x", "y", "z"), frozenset()),
        LeaderView("b", "B", F(1), ("y", "x", "z"), frozenset()),
        LeaderView("c", "C", F(1), ("y", "z", "x"), frozenset()),
    ]
    # ranks (0-based): x 0+1+2 = 3, y 1+0+0 = 1, z 2+2+1 = 5 -> y
    assert decide("consensus", ls, ("x", "y", "z")).candidate == "y"
    # everyone vetoed: no candidate
    vetoing = [LeaderView("a", "A", F(1), ("x",), frozenset({"x", "y"}))]
    d = decide("consensus", vetoing, ("x", "y"))
    assert d.candidate is None and "vetoed" in d.reason


def test_council_rule_unknown() -> None:
    with pytest.raises(UnknownMethodError):
        decide("lottery", _leaders(), ("sudani",))
    assert decide("consensus", _leaders(), ()).candidate is None


# ------------------------------------------------------------------ committees
def test_offer_policy_leans_to_head_then_concedes() -> None:
    # anchor = 0.5 * 6 + 0.5 * 4 = 5; a quarter of the way to 0: 5 - 1.25 = 3.75
    assert offer_policy(
        {"x": 6.0}, {"x": 4.0}, {"x": 0.0}, head_influence=0.5, concession=0.25
    ) == {"x": 3.75}
    # a receiver with no position on x: the anchor
    assert offer_policy({"x": 6.0}, {}, {}, head_influence=0.5, concession=0.25) == {"x": 6.0}


def test_concessions_come_in_order_and_stop() -> None:
    steps = []
    c: Concession | None = Concession()
    while c is not None:
        steps.append((c.demanded_post, c.bonus, round(c.policy, 6)))
        c = next_concession(c, demands_post=True, max_bonus=2, step=0.25, max_policy=0.5)
    # the demanded post first, then one ministry at a time, then policy by 0.25 up to 0.5
    assert steps == [
        (False, 0, 0.0),
        (True, 0, 0.0),
        (True, 1, 0.0),
        (True, 2, 0.0),
        (True, 2, 0.25),
        (True, 2, 0.5),
    ]


# ------------------------------------------------------------------ parameters
def test_parameters_parse_and_check() -> None:
    assert Distribution.parse("0.1:0.3").to_dict() == {"uniform": [0.1, 0.3]}
    assert Distribution.parse([2, 2], integer=True).to_dict() == {"fixed": 2}
    p = ParameterSet.defaults().updated({"noise": 0, "recognition": "order"})
    assert p.draw(np.random.default_rng(0))["noise"] == 0.0 and p.recognition == "order"
    with pytest.raises(UnknownIdError):
        ParameterSet.defaults().updated({"charisma": 1})
    with pytest.raises(ValidationError):
        ParameterSet.defaults().updated({"defection": 2})  # a probability above 1
    with pytest.raises(ValidationError):
        ParameterSet.defaults().updated({"noise": "0.3:0.1"})
    with pytest.raises(ValidationError):
        ParameterSet.defaults().updated({"recognition": "loudest"})
    with pytest.raises(ValidationError):
        Distribution.parse("nan")
