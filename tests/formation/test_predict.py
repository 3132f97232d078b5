"""predict(): the JSON contract, top, minority and surplus governments, a Parliament as input."""

from __future__ import annotations

import pytest

from majlis.data import load_dataset
from majlis.errors import ValidationError
from majlis.formation import predict
from majlis.model import FormationOpportunity, OpportunityParty


def house(incumbents=()):
    parties = tuple(
        OpportunityParty(p, s, left_right=x)
        for p, s, x in [("A", 45, 3.0), ("B", 40, 7.0), ("C", 10, 5.0), ("D", 5, 9.0)]
    )
    return FormationOpportunity("h", 100, 51, parties, incumbent_parties=incumbents)


def test_contract_shape() -> None:
    doc = predict([house(), house(("A",))], "minimal-winning").to_dict()
    assert [r["id"] for r in doc["results"]] == ["h", "h"]
    first = doc["results"][0]["predictions"][0]
    assert {"parties", "score"} <= set(first) and isinstance(first["parties"], list)
    # minimal winning: AB, AC, BC? B+C = 50 < 51, so AB, AC, AD? 45 + 5 = 50: no. B+C+D = 55.
    assert {frozenset(c["parties"]) for c in doc["results"][0]["predictions"]} == {
        frozenset("AC"),
        frozenset("AB"),
        frozenset("BCD"),
    }


def test_top_and_model_probabilities() -> None:
    full = predict(house(("A", "C")), "model").results[0]
    assert full.predicted == 15 and len(full.predictions) == 15  # every potential government
    assert sum(c.score for c in full.predictions) == pytest.approx(1.0)
    scores = [c.score for c in full.predictions]
    assert scores == sorted(scores, reverse=True)
    top = predict(house(("A", "C")), "model", top=3).results[0]
    assert top.predicted == 15 and [c.parties for c in top.predictions] == [
        c.parties for c in full.predictions[:3]
    ]
    with pytest.raises(ValidationError, match="positive"):
        predict(house(), "model", top=0)


def test_minority_and_surplus_governments_are_predictable() -> None:
    ranked = predict(house(("B",)), "model").results[0]
    statuses = {c.status for c in ranked.predictions}
    assert statuses == {"minority", "minimal-winning", "surplus"}
    # an outgoing minority government is predicted by the incumbent rule as it is
    inc = predict(house(("B",)), "incumbent").results[0].predictions
    assert [(c.parties, c.status) for c in inc] == [(("B",), "minority")]
    assert ranked.rank_of(["A", "B", "C"]).status == "surplus"


def test_a_parliament_is_an_opportunity() -> None:
    p = load_dataset("iraq").parliament(date="2022-10-27")
    result = predict(p, "minimal-winning", top=3).results[0]
    assert result.predicted > 3 and all(c.seats >= 165 for c in result.predictions)


def test_model_ranking_matches_the_general_ranker() -> None:
    # the model's vectorised ranking against rank_coalitions, coalition by coalition
    from majlis.data import read_parlgov
    from majlis.formation import load_model
    from majlis.formation.theories import rank_coalitions

    for opp in [house(("A", "C"))] + list(read_parlgov(countries=["DNK"]).opportunities[:3]):
        cs, p = load_model().probabilities(opp)
        expected = rank_coalitions(opp, [cs.coalition(k) for k in range(len(cs))], list(p))
        got = predict(opp, "model").results[0].predictions
        assert [(c.parties, c.seats, c.status, c.rank) for c in got] == [
            (c.parties, c.seats, c.status, c.rank) for c in expected
        ]
        assert [c.score for c in got] == pytest.approx([c.score for c in expected])


def test_rank_cabinet_by_hand() -> None:
    from majlis.formation import rank_cabinet

    # A 45, B 40, C 10, D 5 of 100 (51 to win); positions 3, 7, 5, 9
    # minimal winning: AB, AC, BCD; minimum winning (fewest seats): AC (55); B+C+D = 55 too
    r = rank_cabinet(house(("A", "C")), ["C", "A"])
    assert r.cabinet == ("A", "C") and r.seats == 55 and r.status == "minimal-winning"
    assert r["minimal-winning"].position == (1, 3) and r["minimal-winning"].predicted == 3
    assert r["minimum-winning"].position == (1, 2)
    assert r["fewest-parties"].position == (1, 2)  # AB and AC have two parties
    assert r["incumbent"].position == (1, 1)
    # a surplus government: no minimal-winning theory predicts it
    s = rank_cabinet(house(), ["A", "B", "C"])
    assert s.status == "surplus"
    assert all(
        s[t].position is None
        for t in ("minimal-winning", "minimum-winning", "fewest-parties", "largest-party")
    )
    with pytest.raises(ValidationError, match="no cabinet"):
        rank_cabinet(house())


def test_rank_cabinet_model_position_is_recounted_from_the_probabilities() -> None:
    from majlis.data import opportunity_from_parliament
    from majlis.formation import load_model, rank_cabinet

    ds = load_dataset("iraq")
    opp = opportunity_from_parliament(ds.parliament(date="2022-10-27"), cabinet=["sac"])
    r = rank_cabinet(opp)
    assert r.status == "surplus" and r["minimal-winning"].position is None
    assert r["minimal-winning"].note == "a surplus government"
    cs, p = load_model().probabilities(opp)
    mine = p[cs.index_of(opp.cabinet)]
    better = sum(1 for x in p if x > mine)
    assert r["model"].position[0] == better + 1
    assert r["model"].probability == pytest.approx(float(mine))
    assert r["model"].predicted == len(cs)


def test_minimal_winning_theories_predict_only_minimal_winning_coalitions() -> None:
    # the registry's flag against the brute-force definitions (tests/formation/reference.py)
    from majlis.data import read_parlgov
    from majlis.formation import THEORIES
    from tests.formation.reference import THEORY_SETS, mwc

    opps = [o for o in read_parlgov(countries=["NLD", "DNK"]).opportunities][:12]
    for t, info in THEORIES.items():
        if t not in THEORY_SETS:
            continue
        always = all(THEORY_SETS[t](o) <= mwc(o) for o in opps)
        if info.minimal_winning:
            assert always, t
