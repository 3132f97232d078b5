"""The simulation: reproducible bit for bit, exact tallies, the law's tie rule, limits, Dask."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from fractions import Fraction

import numpy as np
import pytest

from majlis.data import load_dataset
from majlis.electoral import Law, apply_law
from majlis.errors import TooLargeError, ValidationError
from majlis.forecast import Bloc, ForecastInput, from_election, run_forecast
from majlis.forecast.simulate import _chunk_size
from majlis.games import WeightedGame, banzhaf
from majlis.limits import MAX_DRAW_CELLS, MAX_DRAWS

LAW = Law(
    "test-sl",
    "test",
    "sainte-lague",
    first_divisor="1.7",
    seats_by_district=(("N", 5), ("S", 4)),
)


def toy(
    shares: list[list[float]], national: float = 0.2, district: float = 0.1, **kw: object
) -> ForecastInput:
    n = len(shares[0])
    args: dict = dict(
        name="toy",
        law=LAW,
        house_size=9,
        lists=tuple(f"L{i}" for i in range(n)),
        list_names=tuple(f"List {i}" for i in range(n)),
        districts=("N", "S"),
        seats=(5, 4),
        shares=np.array(shares, dtype=float),
        national_error=np.full(n, national),
        district_error=np.full((2, n), district),
        turnout=np.array([100_000.0, 80_000.0]),
        turnout_error=0.1,
        blocs=(
            Bloc("ab", "A+B", ("L0", "L1")),
            Bloc("rest", "Rest", tuple(f"L{i}" for i in range(2, n))),
        ),
        coalitions=(("ab",), ("ab", "L2")),
    )
    args.update(kw)
    return ForecastInput(**args)


@pytest.fixture(scope="module")
def iraq_input() -> ForecastInput:
    return from_election(load_dataset("iraq"), 2025)


def test_same_seed_same_bytes_whatever_the_chunking(iraq_input: ForecastInput) -> None:
    docs = {
        json.dumps(run_forecast(iraq_input, 5000, seed=11, chunk_size=cs).to_dict())
        for cs in (1024, 3 * 1024, 64 * 1024)
    }
    with ThreadPoolExecutor(2) as ex:
        docs.add(
            json.dumps(
                run_forecast(iraq_input, 5000, seed=11, executor=ex, chunk_size=2048).to_dict()
            )
        )
    assert len(docs) == 1
    powers = {
        json.dumps(
            run_forecast(iraq_input, 3000, seed=1, power="shapley-shubik", chunk_size=cs).to_dict()
        )
        for cs in (1024, 4096)
    }
    assert len(powers) == 1  # exact fractions: the mean power does not depend on the chunking
    other = run_forecast(iraq_input, 5000, seed=12).to_dict()
    assert json.dumps(other) not in docs  # a different seed, different draws


def test_local_dask_cluster_gives_identical_results(iraq_input: ForecastInput) -> None:
    pytest.importorskip("distributed")
    ref = run_forecast(iraq_input, 6000, seed=4).to_dict()
    got = run_forecast(iraq_input, 6000, seed=4, workers=2, chunk_size=2048).to_dict()
    assert json.dumps(got) == json.dumps(ref)


def test_an_existing_scheduler_gives_identical_results(iraq_input: ForecastInput) -> None:
    distributed = pytest.importorskip("distributed")
    ref = run_forecast(iraq_input, 3000, seed=8).to_dict()
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        got = run_forecast(
            iraq_input, 3000, seed=8, scheduler=cluster.scheduler_address, chunk_size=1024
        )
    assert json.dumps(got.to_dict()) == json.dumps(ref)


def test_tallies_are_consistent(iraq_input: ForecastInput) -> None:
    r = run_forecast(iraq_input, 3000, seed=2)
    # every draw fills the house: the list means add up to 329 exactly
    total = sum(sum(k * c for k, c in x.hist.items()) for x in r.lists)
    assert total == 3000 * 329
    for x in (*r.lists, *r.blocs, *r.coalitions):
        assert sum(x.hist.values()) == 3000
        assert x.p5 <= x.p50 <= x.p95
        assert x.p_quorum <= x.p_majority <= x.p_blocking
    # a one-bloc coalition is the bloc itself
    cf = r.find("cf")
    assert r.find("cf").hist == next(c for c in r.coalitions if c.members == ("cf",)).hist
    assert (
        sum(b.p_largest or 0 for b in r.blocs) + max(b.p_tied_largest or 0 for b in r.blocs) > 0.99
    )
    assert cf.p_majority == pytest.approx(
        sum(c for k, c in cf.hist.items() if k >= 165) / 3000, abs=1e-6
    )
    assert r.p_no_bloc_majority == pytest.approx(1 - sum(b.p_majority for b in r.blocs), abs=1e-5)
    doc = r.to_dict()
    assert {"draws", "seed", "blocs", "coalitions"} <= set(doc)
    assert {"mean", "p5", "p50", "p95"} <= set(doc["blocs"]["cf"])
    assert {"members", "p_majority", "p_quorum"} <= set(doc["coalitions"][0])


def test_no_uncertainty_is_the_law_on_the_expected_votes() -> None:
    inp = toy([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]], national=0, district=0, turnout_error=0.0)
    r = run_forecast(inp, 20, seed=1)
    want = apply_law(
        LAW,
        {
            "N": {"L0": 50_000, "L1": 30_000, "L2": 20_000},
            "S": {"L0": 16_000, "L1": 24_000, "L2": 40_000},
        },
    )
    for x in r.lists:
        assert x.hist == {want.totals[x.id]: 20}


def test_ties_follow_the_laws_rule_not_a_coin() -> None:
    # equal votes for three seats: the law presets' rule gives the tie to the earlier list
    inp = toy(
        [[0.5, 0.5, 0.0], [0.0, 0.5, 0.5]],
        national=0,
        district=0,
        turnout_error=0.0,
        law=replace(LAW, seats_by_district=(("N", 3), ("S", 3))),
        seats=(3, 3),
        house_size=6,
    )
    r = run_forecast(inp, 200, seed=5)
    assert (
        r.find("L0").hist == {2: 200}
        and r.find("L1").hist == {3: 200}
        and r.find("L2").hist == {1: 200}
    )


def test_power_is_the_exact_index_of_the_drawn_seats() -> None:
    inp = toy([[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]], national=0, district=0, turnout_error=0.0)
    r = run_forecast(inp, 10, seed=1, power="banzhaf")
    seats = [r.find("ab").p50, r.find("rest").p50]
    want = banzhaf(WeightedGame(seats, 5))
    assert [r.find(b).power["q5"] for b in ("ab", "rest")] == [round(float(v), 6) for v in want]
    assert sum(Fraction(v) for v in want) == 1


def test_power_needs_a_partition() -> None:
    inp = toy(
        [[0.5, 0.3, 0.2], [0.2, 0.3, 0.5]],
        blocs=(Bloc("a", "A", ("L0", "L1")), Bloc("b", "B", ("L1", "L2"))),
        coalitions=(),
    )
    with pytest.raises(ValidationError, match="exactly once"):
        run_forecast(inp, 10, seed=1, power="banzhaf")


def test_uncertainty_spreads_the_seats() -> None:
    inp = toy([[0.4, 0.35, 0.25], [0.3, 0.3, 0.4]], national=0.3)
    r = run_forecast(inp, 4000, seed=3)
    assert r.find("L0").p95 - r.find("L0").p5 >= 2
    narrow = run_forecast(replace(inp, national_error=inp.national_error * 0), 4000, seed=3)
    assert narrow.find("ab").sd < r.find("ab").sd  # the shared error widens the bloc's range


def test_stopping_early_is_reported_as_partial(iraq_input: ForecastInput) -> None:
    calls = {"n": 0}

    def stop() -> bool:
        calls["n"] += 1
        return calls["n"] > 2

    r = run_forecast(iraq_input, 20_000, seed=1, chunk_size=2048, should_stop=stop)
    assert r.partial and r.draws == 4096 and r.draws_requested == 20_000
    assert r.to_dict()["partial"] is True
    with pytest.raises(ValidationError, match="stopped"):
        run_forecast(iraq_input, 1000, seed=1, should_stop=lambda: True)


def test_limits(iraq_input: ForecastInput) -> None:
    with pytest.raises(ValidationError, match="at least 1"):
        run_forecast(iraq_input, 0)
    with pytest.raises(ValidationError, match="at least 1"):
        run_forecast(iraq_input, -5)
    with pytest.raises(TooLargeError, match="20,000,000"):
        run_forecast(iraq_input, MAX_DRAWS + 1)
    n = 300  # 300 lists in 20 districts: 6000 cells a draw
    wide = ForecastInput(
        name="wide",
        law=Law("w", "w", "dhondt", seats_by_district=tuple((f"D{i}", 10) for i in range(20))),
        house_size=200,
        lists=tuple(f"L{i}" for i in range(n)),
        list_names=tuple(f"L{i}" for i in range(n)),
        districts=tuple(f"D{i}" for i in range(20)),
        seats=(10,) * 20,
        shares=np.ones((20, n)),
        national_error=np.zeros(n),
        district_error=np.zeros((20, n)),
        turnout=np.ones(20) * 1000,
    )
    with pytest.raises(TooLargeError, match=f"{MAX_DRAW_CELLS:,}"):
        run_forecast(wide, MAX_DRAWS)
    # a chunk holds at most 2**24 cells: 6000 cells a draw -> 2 blocks of 1024 draws
    with pytest.raises(TooLargeError, match="chunk_size at most 2,048"):
        run_forecast(wide, 100, seed=1, chunk_size=3072)
    assert _chunk_size(6000, 1024, None) == 2048  # the default (16 blocks) clamped
    assert _chunk_size(203, 1024, None) == 16 * 1024 and _chunk_size(203, 1024, 5000) == 4096
    wider = replace(
        wide,
        lists=tuple(f"L{i}" for i in range(900)),
        list_names=tuple(f"L{i}" for i in range(900)),
        shares=np.ones((20, 900)),
        national_error=np.zeros(900),
        district_error=np.zeros((20, 900)),
        fixed=np.zeros(900, dtype=np.int64),
    )  # 18,000 cells a draw > 2**24 // 1024
    with pytest.raises(TooLargeError, match=r"at most 16,384 \(list, district\) cells a draw"):
        run_forecast(wider, 10)
    with pytest.raises(ValidationError, match="whole number"):
        run_forecast(iraq_input, 10.5)  # type: ignore[arg-type]


def test_plot_data_leaves_out_empty_blocs_and_bars(iraq_input: ForecastInput) -> None:
    res = run_forecast(iraq_input, 2000, seed=1)
    data = res.plot_data()
    drawn = {d["name"] for d in data["distributions"]}
    small = [b.name for b in res.blocs if b.mean < 1]
    assert small and drawn == {b.name for b in res.blocs} - set(small)
    assert all(name in data["title"] for name in small)  # said, not silently dropped
    assert data["bars"] and all(any(b["values"].values()) for b in data["bars"])
    for d in data["distributions"]:  # each curve is a whole distribution over the draws
        assert sum(d["hist"].values()) == 2000
