"""The conditional logit: features by hand, exact derivatives, a synthetic fit, the shipped model."""

from __future__ import annotations

import numpy as np
import pytest

from majlis.errors import ValidationError
from majlis.formation import FEATURES, CoalitionModel, fit_model, load_model
from majlis.formation.candidates import potential_governments
from majlis.formation.logit import Design, _Objective, coalition_features, fit_design
from majlis.model import FormationOpportunity, OpportunityParty, PastGovernment


def example() -> FormationOpportunity:
    # 100 seats, 51 to win; "x" holds 5 seats and is not an actor
    parties = (
        OpportunityParty("A", 40, left_right=2.0),
        OpportunityParty("B", 30, left_right=6.0),
        OpportunityParty("C", 15, left_right=4.0, segment="north"),
        OpportunityParty("D", 10, left_right=8.0, segment="south"),
        OpportunityParty("x", 5, eligible=False),
    )
    history = (
        PastGovernment(("A", "C"), "minimal-winning"),
        PastGovernment(("B",), "minority"),
        PastGovernment(("A", "B"), "surplus", caretaker=True),  # status left out of the rates
    )
    return FormationOpportunity(
        "ex",
        100,
        51,
        parties,
        incumbent_parties=("A", "C"),
        incumbent_prime_minister="A",
        investiture="absolute",
        history=history,
    )


def row(opp, parties):
    cs = potential_governments(opp)
    return dict(zip(FEATURES, coalition_features(cs)[cs.index_of(parties)].tolist()))


def test_features_by_hand() -> None:
    opp = example()
    # median legislator: placed seats 40 (A at 2) + 15 (C at 4) = 55 >= 95/2: C is the median party
    ac = row(opp, ["A", "C"])  # 55 seats, both needed
    assert ac["minority"] == 0 and ac["surplus"] == 0 and ac["parties"] == 2
    assert ac["range"] == pytest.approx(0.2) and ac["gaps"] == 0  # 4 - 2, no party between
    assert ac["median"] == 1 and ac["largest"] == 1
    assert ac["incumbent"] == 1 and ac["incumbent_share"] == 1 and ac["prime_minister"] == 1
    assert ac["newcomers"] == 0 and ac["known_pairs"] == 1  # A and C governed together
    b = row(opp, ["B"])  # 30 seats: a minority, 21 short of 51
    assert b["minority"] == 1 and b["deficit"] == pytest.approx(0.21) and b["minority_parties"] == 1
    assert b["minority_absolute"] == 1 and b["minority_simple"] == 0
    # two of the non-caretaker governments have a status: one minority, none surplus
    assert b["minority_norm"] == pytest.approx(0.5) and b["surplus_norm"] == 0
    abd = row(opp, ["A", "B", "D"])  # 80 seats: D can leave and it still wins
    assert abd["surplus"] == 1 and abd["gaps"] == 1  # C (at 4) sits inside 2..8 and stays out
    assert abd["range"] == pytest.approx(0.6) and abd["newcomers"] == 1  # D never governed
    assert abd["known_pairs"] == pytest.approx(1 / 3)  # of AB, AD, BD only AB governed together
    assert abd["incumbent_share"] == pytest.approx(1 / 3) and abd["incumbent"] == 0
    assert abd["segments"] == 0  # not a segmented system


def test_segments_and_unknowns_are_neutral() -> None:
    opp = example()
    seg = FormationOpportunity(
        "seg", 100, 51, opp.parties, segmented=True
    )  # north (C, 15) and south (D, 10) both hold >= 10 % of the house
    assert row(seg, ["C", "D"])["segments"] == 1 and row(seg, ["A", "C"])["segments"] == 0
    bare = FormationOpportunity(
        "bare",
        100,
        51,
        tuple(OpportunityParty(p.id, p.seats, eligible=p.eligible) for p in opp.parties),
    )
    X = coalition_features(potential_governments(bare))
    for f in (
        "range",
        "gaps",
        "median",
        "incumbent",
        "newcomers",
        "known_pairs",
        "surplus_norm",
        "segments",
    ):
        assert not X[:, FEATURES.index(f)].any(), f


def test_a_status_only_history_speaks_to_the_norms_only() -> None:
    from dataclasses import replace

    from majlis.model import PastGovernment

    opp = example()
    # four earlier governments known by their size status only: three surplus, one minority
    record = tuple(
        PastGovernment((), status=s, parties_known=False)
        for s in ("surplus", "surplus", "surplus", "minority")
    )
    only = replace(opp, history=record)
    abd = row(only, ["A", "B", "D"])  # surplus (see test_features_by_hand)
    assert abd["surplus_norm"] == pytest.approx(3 / 4) and abd["minority_norm"] == 0
    assert abd["newcomers"] == 0 and abd["known_pairs"] == 0  # parties unknown: neutral
    assert row(only, ["A"])["minority_norm"] == pytest.approx(1 / 4)
    # an empty record is a known one: every member is a newcomer
    assert row(replace(opp, history=()), ["A", "B", "D"])["newcomers"] == 3
    # a non-partisan government (no parties, known) still counts in the parties' record
    mixed = replace(opp, history=(PastGovernment(("A", "B")), *record))
    assert row(mixed, ["A", "B", "D"])["newcomers"] == 1


def _design() -> Design:
    rng = np.random.default_rng(7)
    opps = []
    for i in range(12):
        seats = rng.integers(5, 40, size=4)
        parties = tuple(
            OpportunityParty(f"p{j}", int(s), left_right=float(rng.integers(0, 10)))
            for j, s in enumerate(seats)
        )
        total = int(seats.sum())
        inc = (f"p{rng.integers(0, 4)}",)
        cab = tuple(
            sorted({f"p{j}" for j in rng.choice(4, size=rng.integers(1, 3), replace=False)})
        )
        opps.append(
            FormationOpportunity(
                f"o{i}",
                total,
                total // 2 + 1,
                parties,
                incumbent_parties=inc,
                cabinet=cab,
                country="AB"[i % 2],
            )
        )
    return Design.build(opps)


def test_gradient_and_hessian_are_exact() -> None:
    d = _design()
    obj = _Objective(d, np.ones(len(d.sizes)), ridge=1.0)
    beta = np.random.default_rng(1).normal(scale=0.3, size=len(FEATURES))
    _, p = obj.value(beta)
    g = obj.gradient(beta, p)
    h = obj.hessian(p)
    eps = 1e-6
    for i in range(len(FEATURES)):
        e = np.zeros(len(FEATURES))
        e[i] = eps
        num = (obj.value(beta + e)[0] - obj.value(beta - e)[0]) / (2 * eps)
        assert g[i] == pytest.approx(num, rel=1e-5, abs=1e-6)
        num_h = -(
            obj.gradient(beta + e, obj.value(beta + e)[1])
            - obj.gradient(beta - e, obj.value(beta - e)[1])
        ) / (2 * eps)
        np.testing.assert_allclose(h[:, i], num_h, rtol=1e-4, atol=1e-6)


def test_fit_is_the_maximum_and_chord_refits_agree() -> None:
    d = _design()
    beta, _, hess = fit_design(d)
    obj = _Objective(d, np.ones(len(d.sizes)), ridge=1.0)
    assert np.abs(obj.gradient(beta, obj.value(beta)[1])).max() < 1e-6
    w = np.array([1.0 if o.country == "A" else 0.0 for o in d.opportunities])
    newton, _, _ = fit_design(d, w)
    chord, _, _ = fit_design(d, w, start=beta, hessian=hess)
    np.testing.assert_allclose(chord, newton, atol=1e-6)


def test_fit_model_learns_incumbency() -> None:
    parties = tuple(OpportunityParty(p, s) for p, s in [("A", 40), ("B", 35), ("C", 25)])
    opps = [
        FormationOpportunity(f"o{i}", 100, 51, parties, incumbent_parties=(inc,), cabinet=(inc,))
        for i, inc in enumerate("ABCABCAB")
    ]
    m = fit_model(opps)
    assert m.coefficients["incumbent"] > 1 and m.opportunities == 8
    cs, p = m.probabilities(opps[0])
    assert cs.coalition(int(np.argmax(p))) == ("A",)
    with pytest.raises(ValidationError):
        fit_model(opps, ridge=0)


def test_shipped_model() -> None:
    m = load_model()
    assert set(m.coefficients) == set(FEATURES)
    assert "ParlGov development version 07/23" in m.data
    assert m.command.startswith("majlis backtest --fit")
    assert m.opportunities > 600 and m.max_parties == 10
    c = m.coefficients
    # the signs Martin & Stevenson (2001) report: incumbency, the largest and the median party
    # help; minority status (with an investiture vote) and ideological range hurt
    assert c["incumbent"] > 0 and c["largest"] > 0 and c["median"] > 0
    assert c["range"] < 0 and c["minority"] < 0 and c["minority_absolute"] < 0
    assert CoalitionModel.from_dict(m.to_dict()) == m
    with pytest.raises(ValidationError, match="lack"):
        CoalitionModel.from_dict({"coefficients": {"minority": 1.0}})
