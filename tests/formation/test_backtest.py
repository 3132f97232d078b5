"""The backtest: classic-theory figures recounted by brute force; the model out of sample."""

from __future__ import annotations

import json

import numpy as np
import pytest

from majlis.data import read_parlgov
from majlis.errors import ValidationError
from majlis.formation import backtest, fit_model
from majlis.formation.backtest import OpportunityOutcome, _score
from tests.formation.reference import THEORY_SETS

CLASSIC = list(THEORY_SETS)


@pytest.fixture(scope="module")
def small():
    """ParlGov formations with at most six eligible parties (brute force is cheap)."""
    return [o for o in read_parlgov().opportunities if len(o.eligible_parties) <= 6]


def test_classic_figures_agree_with_a_brute_force_count(small) -> None:
    assert len(small) > 150
    result = backtest(small, theories=CLASSIC)
    for theory, reference in THEORY_SETS.items():
        top1 = any_hit = 0.0
        sizes = []
        for o, outcome in zip(small, result.outcomes):
            predicted = reference(o)
            sizes.append(len(predicted))
            hit = frozenset(o.cabinet) in predicted
            assert outcome.positions[theory] == ((1, len(predicted)) if hit else None), (
                theory,
                o.id,
            )
            top1 += 1 / len(predicted) if hit else 0.0
            any_hit += hit
        score = result.theories[theory]
        assert score.top1 == pytest.approx(top1 / len(small)), theory
        assert score.any_hit == pytest.approx(any_hit / len(small)), theory
        assert score.mean_predictions == pytest.approx(np.mean(sizes)), theory


def test_tie_blocks_give_expected_figures() -> None:
    # the real cabinet shares positions 3..6 with three other coalitions: a single guess
    # never hits it; the first five hold it with probability 3/4; its expected rank is 4.5
    o = OpportunityOutcome("x", "XX", ("A",), True, {"t": (3, 6)}, {"t": 9})
    s = _score("t", [o], "t")
    assert (s.top1, s.top5, s.mean_rank, s.any_hit) == (0.0, 0.75, 4.5, 1.0)
    miss = OpportunityOutcome("y", "XX", ("A",), False, {"t": None}, {"t": 2})
    s = _score("t", [o, miss], "t")
    assert s.any_hit == 0.5 and s.mean_rank == 4.5 and s.mean_predictions == 5.5


def test_model_is_scored_out_of_sample() -> None:
    opps = [o for o in read_parlgov().opportunities if o.country in {"AUT", "IRL", "LUX"}]
    result = backtest(opps, theories=["model"])
    doc = result.to_dict()["theories"]["model"]
    assert doc["evaluation"] == "leave-one-country-out" and "in_sample" in doc
    for country in ("AUT", "IRL", "LUX"):
        others = [o for o in opps if o.country != country]
        held = fit_model(others)
        for o, outcome in zip(opps, result.outcomes):
            if o.country != country:
                continue
            cs, p = held.probabilities(o)
            k = cs.index_of(o.cabinet)
            assert outcome.probability["model"] == pytest.approx(float(p[k]), rel=1e-5)
    inside = fit_model(opps)
    cs, p = inside.probabilities(opps[0])
    assert result.outcomes[0].probability["model (in sample)"] == pytest.approx(
        float(p[cs.index_of(opps[0].cabinet)]), rel=1e-5
    )
    assert result.model is not None
    assert result.model.coefficients == pytest.approx(inside.coefficients, abs=1e-5)


def test_contract_and_json_input(tmp_path) -> None:
    opps = [o for o in read_parlgov().opportunities if o.country == "NZL"][:6]
    path = tmp_path / "opps.json"
    path.write_text(json.dumps([o.to_dict() for o in opps]), encoding="utf-8")
    result = backtest(data=path, format="json", theories=["incumbent", "minimal-winning"])
    doc = result.to_dict()
    assert doc["opportunities"] == 6
    for t in ("incumbent", "minimal-winning"):
        assert {"top1", "top5", "any_hit", "mean_rank", "log_loss"} <= set(doc["theories"][t])
    with pytest.raises(ValidationError, match="unknown backtest format"):
        backtest(data=path, format="xml")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ValidationError, match="not a JSON"):
        backtest(data=bad, format="json")


def test_progress_reports_every_stage_to_its_end() -> None:
    opps = [o for o in read_parlgov().opportunities if o.country in {"IRL", "LUX"}]
    seen: dict[str, tuple[int, int]] = {}
    backtest(
        opps, theories=["incumbent", "model"], progress=lambda s, d, n: seen.update({s: (d, n)})
    )
    assert seen["theories"] == (len(opps), len(opps))
    assert seen["cross-validation"] == (2, 2)  # one refit per country
    assert seen["features"][0] == seen["features"][1]
