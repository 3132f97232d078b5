"""allocate_many: agrees exactly with allocate_seats row by row (ties included)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from majlis.electoral import allocate_many, allocate_seats
from majlis.errors import InfeasibleQuotaError, UnknownMethodError, ValidationError
from tests.electoral.reference import ref_divisor

ALL = [
    ("dhondt", None),
    ("sainte-lague", None),
    ("sainte-lague", "1.7"),
    ("sainte-lague", 1.4),
    ("imperiali", None),
    ("danish", None),
    ("huntington-hill", None),
    ("adams", None),
    ("hare", None),
    ("droop", None),
    ("hagenbach-bischoff", None),
    ("imperiali-quota", None),
]


@settings(max_examples=60, deadline=None)
@given(
    st.sampled_from(ALL),
    st.integers(1, 12).flatmap(
        lambda n: hnp.arrays(
            np.int64, st.tuples(st.integers(1, 30), st.just(n)), elements=st.integers(0, 60)
        )  # small range: many exact ties
    ),
    st.integers(1, 40),
)
def test_agrees_with_allocate_seats(method_fd, votes, seats):
    method, fd = method_fd
    votes[:, 0] += 1  # no all-zero row
    got = allocate_many(votes, seats, method, first_divisor=fd)
    assert got.shape == votes.shape and got.dtype.kind == "i"
    for row, out in zip(votes.tolist(), got.tolist()):
        assert out == allocate_seats(row, seats, method, first_divisor=fd)


def test_large_random_against_reference():
    rng = np.random.default_rng(7)
    votes = (rng.dirichlet(np.ones(20), size=200) * 2_000_000).astype(np.int64)
    for method in ("dhondt", "sainte-lague", "huntington-hill"):
        got = allocate_many(votes, 120, method)
        assert (got.sum(axis=1) == 120).all()
        for r in range(0, 200, 40):
            assert got[r].tolist() == ref_divisor(votes[r].tolist(), 120, method)


def test_sntv_and_threshold_and_per_row_seats():
    v = np.array([[5, 9, 7, 1], [3, 3, 3, 3]])
    assert allocate_many(v, 2, "sntv").tolist() == [[0, 1, 1, 0], [1, 1, 0, 0]]
    t = allocate_many([[50, 30, 15, 5]], 20, "sainte-lague", threshold=0.1)
    assert t.tolist() == [allocate_seats([50, 30, 15, 5], 20, "sainte-lague", threshold=0.1)]
    per_row = allocate_many([[100, 80, 30, 20], [100, 80, 30, 20]], [8, 5], "dhondt")
    assert per_row.tolist() == [[4, 3, 1, 0], [3, 2, 0, 0]]


@pytest.mark.parametrize(
    "call, error",
    [
        (lambda: allocate_many([[1, -2]], 3), ValidationError),
        (lambda: allocate_many([[1.5, 2]], 3), ValidationError),
        (lambda: allocate_many([[0, 0]], 3), ValidationError),
        (lambda: allocate_many([[1, 2]], 0), ValidationError),
        (lambda: allocate_many(np.zeros((0, 3)), 3), ValidationError),
        (lambda: allocate_many([[1, 2]], 3, "borda"), UnknownMethodError),
        (lambda: allocate_many([[1, 2]], 3, "hare", first_divisor=1.7), ValidationError),
        (lambda: allocate_many([[10, 1]], 3, threshold=0.95), InfeasibleQuotaError),
        (lambda: allocate_many([[10, 1]], 3, "sntv"), InfeasibleQuotaError),
        (lambda: allocate_many([[10, 1], [1, 1]], [3], "dhondt"), ValidationError),
    ],
)
def test_bad_input(call, error):
    with pytest.raises(error):
        call()


@settings(max_examples=80, deadline=None)
@given(
    st.integers(10**6, 10**9),
    st.integers(-2, 2),
    st.integers(0, 10**6),
    st.sampled_from(
        [("sainte-lague", "1.7", 30, 17), ("dhondt", None, 2, 1), ("huntington-hill", None, 0, 0)]
    ),
)
def test_large_near_ties_are_exact(a, delta, c, spec):
    # B's 2nd quotient is made (nearly) equal to A's 1st: b/d(1) ~ a/d(0) at ~1e9 votes, where
    # float64 quotients cannot be trusted; the batch must still equal the exact scalar result
    method, fd, num, den = spec
    if method == "huntington-hill":  # b / sqrt(2) ~ a / sqrt(0)... use 2nd vs 3rd seats instead
        b = int(a * 1.7320508075688772) + delta  # b/sqrt(6) ~ a/sqrt(2)
    else:
        b = a * num // den + delta
    votes = np.array([[a, b, c], [b, a, c]], dtype=np.int64)
    for seats in (2, 3, 4):
        got = allocate_many(votes, seats, method, first_divisor=fd)
        for row, out in zip(votes.tolist(), got.tolist()):
            assert out == allocate_seats(row, seats, method, first_divisor=fd)


def test_float_tie_that_is_not_a_tie_is_settled_exactly():
    # b**2 - 3 a**2 = -2 (a Pell-type pair): B's 3rd Huntington-Hill quotient b**2/6 is smaller
    # than A's 2nd a**2/2 by exactly 1/3, but in float64 the two are equal. Exactly, the 4th
    # seat is A's: [2, 2]; a float tie broken "more votes first" would wrongly give [1, 3].
    a, b = 299_303_201, 518_408_351
    assert b * b - 3 * a * a == -2
    assert allocate_seats([a, b], 4, "huntington-hill") == [2, 2]
    assert allocate_many([[a, b], [b, a]], 4, "huntington-hill").tolist() == [[2, 2], [2, 2]]


def test_imperiali_quota_excess_taken_one_seat_per_list():
    # V = 84, 7 seats, Imperiali quota 84 / 9: whole quotas 3 + 6 = 9 > 7, both remainders 0.
    # The two excess seats come back one per list, weakest first (A, then B) -> [2, 5].
    assert allocate_seats([28, 56], 7, "imperiali-quota") == [2, 5]
    assert allocate_many([[28, 56], [56, 28]], 7, "imperiali-quota").tolist() == [[2, 5], [5, 2]]
