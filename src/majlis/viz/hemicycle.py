"""Hemicycle seat layout (geometry) and an SVG renderer over it.

Geometry and drawing are split, as in networkx's layout/drawing: :func:`hemicycle_layout`
returns seat coordinates; :func:`hemicycle_svg` draws them.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from functools import lru_cache
from html import escape
from typing import Any

__all__ = ["hemicycle_layout", "hemicycle_rows", "hemicycle_svg", "parliament_svg"]


def hemicycle_rows(n_seats: int, rows: int | None = None) -> list[int]:
    """How many seats go on each row (inner to outer) so that seat spacing is even.

    Row ``i`` at radius ``r_i`` gets seats in proportion to ``r_i`` (its arc length);
    the counts are rounded by largest remainder so they sum to ``n_seats``.

    Examples
    --------
    >>> hemicycle_rows(329)
    [31, 37, 42, 47, 52, 57, 63]
    >>> sum(hemicycle_rows(10, rows=2))
    10
    """
    if n_seats <= 0:
        return []
    if rows is None:
        rows = max(1, min(12, round(math.sqrt(n_seats / 6.7))))
    radii = [0.5 + 0.5 * i / max(1, rows - 1) for i in range(rows)] if rows > 1 else [1.0]
    total = sum(radii)
    exact = [n_seats * r / total for r in radii]
    counts = [int(x) for x in exact]
    order = sorted(range(rows), key=lambda i: (-(exact[i] - counts[i]), -i))
    for i in order[: n_seats - sum(counts)]:
        counts[i] += 1
    return counts


def hemicycle_layout(n_seats: int, rows: int | None = None) -> list[tuple[float, float]]:
    """Seat centres on a unit half-disc, ordered from the left end to the right end.

    Seats are sorted by angle (then by row), so consecutive seats of one party form a wedge.

    Examples
    --------
    >>> pts = hemicycle_layout(5, rows=1)
    >>> [(round(x, 2), round(y, 2)) for x, y in pts]
    [(-1.0, 0.0), (-0.71, 0.71), (0.0, 1.0), (0.71, 0.71), (1.0, 0.0)]
    """
    return list(_layout(n_seats, rows))


@lru_cache(maxsize=64)
def _layout(n_seats: int, rows: int | None) -> tuple[tuple[float, float], ...]:
    """:func:`hemicycle_layout`, computed once per seat count (a house is drawn many times)."""
    counts = hemicycle_rows(n_seats, rows)
    n_rows = len(counts)
    seats: list[tuple[float, int, float, float]] = []
    for i, k in enumerate(counts):
        r = 0.5 + 0.5 * i / max(1, n_rows - 1) if n_rows > 1 else 1.0
        for j in range(k):
            angle = math.pi * (1 - j / (k - 1)) if k > 1 else math.pi / 2
            seats.append((-angle, i, r * math.cos(angle), r * math.sin(angle)))
    seats.sort()
    return tuple((x, y) for _, _, x, y in seats)


def hemicycle_svg(
    groups: Sequence[tuple[str, int, str]] | Sequence[tuple[str, int, str, str]],
    *,
    total: int | None = None,
    width: int = 640,
    title: str = "",
    marks: Sequence[int] = (),
    classes: Mapping[str, str] | None = None,
) -> str:
    """An SVG hemicycle: ``groups`` are ``(label, seats, colour)`` from left to right.

    Empty seats (``total`` minus the seats of the groups) are drawn last, in light grey.
    Each seat is a ``<circle>`` with a ``data-party`` attribute (stable selectors for tests).

    Parameters
    ----------
    groups : sequence of (label, seats, colour) or (label, seats, colour, tooltip)
        Seat groups from the left end to the right end; the tooltip (default: the label) is
        the seat's ``<title>``.
    total : int, optional
        Seats in the house; seats beyond the groups' sum are drawn empty.
    width : int
        Width in pixels of the ``viewBox``.
    title : str
        Accessible title of the picture.
    marks : sequence of int
        Thresholds drawn as a radial line after that many seats counted from the left
        (e.g. ``(165, 220)``): a group of seats on the left reaching the line meets it.
    classes : mapping of label to CSS class, optional
        Extra ``class`` for the seats of a group (e.g. ``"selected"``).

    Examples
    --------
    >>> svg = hemicycle_svg([("A", 3, "#f00"), ("B", 2, "#00f")], total=6)
    >>> svg.count("<circle"), svg.count('data-party="A"'), svg.count('data-party=""')
    (6, 3, 1)
    >>> svg = hemicycle_svg([("A", 4, "#f00", "A: 4 seats")], total=6, marks=[4])
    >>> svg.count('data-mark="4"'), svg.count("<title>A: 4 seats</title>")
    (1, 4)
    """
    filled = sum(g[1] for g in groups)
    n = max(total or filled, filled)
    pts = _layout(n, None)
    counts = hemicycle_rows(n)
    seat_r = 0.5 / max(1, len(counts)) * 0.42 if counts else 0.02
    height = width // 2 + 10
    scale = (width / 2 - 10) / (1 + seat_r)
    css = classes or {}

    def px(x: float, y: float) -> tuple[float, float]:
        return width / 2 + x * scale, height - 5 - y * scale

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(title or "hemicycle")}" class="hemicycle">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    # each group's attributes are escaped once, then repeated for its seats
    seats: list[tuple[str, str]] = []
    for g in groups:
        label, k, colour = g[0], g[1], g[2]
        tip = g[3] if len(g) > 3 else label  # type: ignore[misc]
        extra = f' class="{escape(css[label])}"' if label in css else ""
        attrs = f'fill="{escape(colour)}" data-party="{escape(label)}"{extra}'
        seats.extend([(attrs, escape(tip or label or "vacant"))] * k)
    seats += [('fill="#e0e0e0" data-party=""', "vacant")] * (n - filled)
    r = f"{seat_r * scale:.1f}"
    for (attrs, tip), (x, y) in zip(seats, pts):
        cx, cy = px(x, y)
        out.append(
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r}" {attrs}><title>{tip}</title></circle>'
        )
    for m in marks:
        if not 0 < m < n:
            continue
        (x1, y1), (x2, y2) = pts[m - 1], pts[m]
        a = (math.atan2(y1, x1) + math.atan2(y2, x2)) / 2
        inner, outer = 0.5 - 2 * seat_r, 1 + 2 * seat_r
        ax, ay = px(inner * math.cos(a), inner * math.sin(a))
        bx, by = px(outer * math.cos(a), outer * math.sin(a))
        out.append(
            f'<line x1="{ax:.1f}" y1="{ay:.1f}" x2="{bx:.1f}" y2="{by:.1f}" class="mark" '
            f'data-mark="{m}" stroke="#212121" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        lx, ly = px((inner - 0.06) * math.cos(a), (inner - 0.06) * math.sin(a))
        out.append(
            f'<text x="{lx:.1f}" y="{ly:.1f}" class="mark-label" text-anchor="middle" '
            f'font-size="12" fill="#212121">{m}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def parliament_svg(parliament: Any, *, width: int = 640) -> str:
    """The hemicycle of a :class:`~majlis.model.Parliament`: parties largest first, vacant seats grey.

    >>> from majlis.data import load_dataset
    >>> svg = parliament_svg(load_dataset("iraq").parliament(date="2022-06-20"))
    >>> svg.count("<circle"), svg.count('data-party=""')
    (329, 73)
    """
    groups = [(pid, seats, parliament.party(pid).colour) for pid, seats in parliament.seats.items()]
    title = f"{parliament.dataset.name}, {parliament.date}"
    return hemicycle_svg(groups, total=parliament.total_seats, width=width, title=title)
