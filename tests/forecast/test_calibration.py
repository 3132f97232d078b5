"""Calibration: on elections simulated from a known truth, the 90% intervals cover it ~90%.

A fixed true result (8 districts of 20 seats, 5 lists, modified Sainte-Laguë 1.7) is
observed through noisy estimates: each simulated election shifts every list by a national
error shared by all districts plus district errors, as polls and swing models err. The
forecast built from each estimate must cover the true seats (the law applied to the true
votes, computed independently by ``apply_law``) in 90% of elections, within 5 points, per
list and per bloc. A forecaster who ignores the shared national error, putting the same
total variance on independent district errors, is overconfident about the blocs: their
coverage collapses (the failure mode of the UK's 2015 seat forecasts).
"""

from __future__ import annotations

import numpy as np
import pytest

from majlis.electoral import Law, apply_law
from majlis.forecast import Bloc, ForecastInput, run_forecast

DISTRICTS = tuple(f"D{i}" for i in range(8))
LAW = Law(
    "calib",
    "calibration",
    "sainte-lague",
    first_divisor="1.7",
    seats_by_district=tuple((d, 20) for d in DISTRICTS),
)
LISTS = ("L0", "L1", "L2", "L3", "L4")
BLOCS = (Bloc("A", "A", ("L0", "L2")), Bloc("B", "B", ("L1", "L3", "L4")))
NATIONAL, LOCAL = 0.25, 0.15
ELECTIONS, DRAWS = 200, 800


def _truth() -> tuple[np.ndarray, dict[str, int]]:
    rng = np.random.default_rng(2015)
    national = np.array([0.32, 0.26, 0.2, 0.14, 0.08])
    shares = rng.dirichlet(national * 40, size=len(DISTRICTS))
    votes = {
        d: {name: int(v) for name, v in zip(LISTS, row * 100_000)}
        for d, row in zip(DISTRICTS, shares)
    }
    seats = apply_law(LAW, votes).totals
    seats |= {b.id: sum(seats[m] for m in b.members) for b in BLOCS}
    return shares, seats


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def _coverage(national: float, local: float) -> dict[str, float]:
    shares, truth = _truth()
    rng = np.random.default_rng(7)
    hits = dict.fromkeys(truth, 0)
    for m in range(ELECTIONS):
        eta = rng.normal(0, NATIONAL, len(LISTS))  # the error every district shares
        eps = rng.normal(0, LOCAL, shares.shape)
        estimate = _softmax(np.log(shares) + eta + eps)
        inp = ForecastInput(
            name="calibration",
            law=LAW,
            house_size=160,
            lists=LISTS,
            list_names=LISTS,
            districts=DISTRICTS,
            seats=(20,) * 8,
            shares=estimate,
            national_error=np.full(len(LISTS), national),
            district_error=np.full(shares.shape, local),
            turnout=np.full(len(DISTRICTS), 100_000.0),
            blocs=BLOCS,
        )
        res = run_forecast(inp, DRAWS, seed=m)
        for key, seats in truth.items():
            hits[key] += res.find(key).contains(seats)
    return {k: v / ELECTIONS for k, v in hits.items()}


@pytest.fixture(scope="module")
def coverage() -> dict[str, float]:
    return _coverage(NATIONAL, LOCAL)


@pytest.mark.parametrize("key", [*LISTS, "A", "B"])
def test_ninety_percent_intervals_cover_the_truth(coverage: dict[str, float], key: str) -> None:
    assert abs(coverage[key] - 0.90) <= 0.05, coverage


def test_ignoring_the_shared_error_is_overconfident() -> None:
    naive = _coverage(0.0, float(np.hypot(NATIONAL, LOCAL)))
    assert naive["A"] < 0.80 and naive["B"] < 0.80, naive


if __name__ == "__main__":  # python tests/forecast/test_calibration.py prints the figures
    print(f"{ELECTIONS} simulated elections, {DRAWS} draws each; true errors: national "
          f"{NATIONAL}, district {LOCAL} (log-share sd); coverage of the 90% intervals")  # fmt: skip
    models = {
        "with the shared national error": (NATIONAL, LOCAL),
        "without it (same variance, all local)": (0.0, float(np.hypot(NATIONAL, LOCAL))),
    }
    for label, (nat, loc) in models.items():
        cov = _coverage(nat, loc)
        print(f"  {label:40s}" + "  ".join(f"{k} {v:.3f}" for k, v in cov.items()))
