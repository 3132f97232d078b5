"""Hemicycle geometry: every seat placed once, inside the half-disc, rows evenly spaced."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from majlis.viz import hemicycle_layout, hemicycle_rows, hemicycle_svg


@settings(max_examples=80, deadline=None)
@given(st.integers(1, 700))
def test_layout_places_each_seat_in_the_half_disc(n: int) -> None:
    pts = hemicycle_layout(n)
    assert len(pts) == n == sum(hemicycle_rows(n))
    for x, y in pts:
        assert y >= -1e-9 and math.hypot(x, y) <= 1 + 1e-9
    assert len({(round(x, 6), round(y, 6)) for x, y in pts}) == n  # no two seats on one spot
    angles = [math.atan2(y, x) for x, y in pts]
    assert all(a >= b - 1e-9 for a, b in zip(angles, angles[1:]))  # left to right


def test_rows_grow_outwards() -> None:
    rows = hemicycle_rows(329)
    assert rows == sorted(rows) and sum(rows) == 329


def test_svg_marks_vacant_seats() -> None:
    svg = hemicycle_svg([("A", 2, "#f00")], total=4)
    assert svg.count("<circle") == 4 and svg.count('data-party=""') == 2
