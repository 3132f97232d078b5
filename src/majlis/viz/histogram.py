"""A histogram as SVG: how often each whole number (seats) came out, with threshold marks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

__all__ = ["histogram_svg"]


def histogram_svg(
    counts: Mapping[int, int],
    *,
    marks: Sequence[int] = (),
    width: int = 360,
    height: int = 90,
    colour: str = "#0d47a1",
    title: str = "",
) -> str:
    """Bars of ``counts`` (value -> frequency) on a shared axis, dashed lines at ``marks``.

    The axis runs from the smallest to the largest of the values and marks; each bar has a
    ``<title>`` giving its value and count, and a ``data-value`` attribute.

    Examples
    --------
    >>> svg = histogram_svg({3: 10, 4: 30, 6: 5}, marks=[5])
    >>> svg.count("<rect"), svg.count('data-mark="5"'), 'data-value="4"' in svg
    (3, 1, True)
    >>> histogram_svg({}).count("<rect")
    0
    """
    values = [v for v, c in counts.items() if c > 0]
    lo = min([*values, *marks], default=0)
    hi = max([*values, *marks], default=1)
    span = max(1, hi - lo + 1)
    top = max((counts[v] for v in values), default=1)
    pad = 14
    bar = (width - 2) / span
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" class="histogram" aria-label="{escape(title or "histogram")}">'
    ]
    if title:
        out.append(f"<title>{escape(title)}</title>")
    for v in sorted(values):
        h = (height - pad - 2) * counts[v] / top
        x = 1 + (v - lo) * bar
        out.append(
            f'<rect x="{x:.1f}" y="{height - pad - h:.1f}" width="{max(bar - 0.5, 0.8):.1f}" '
            f'height="{h:.1f}" fill="{escape(colour)}" data-value="{v}"><title>{v}: {counts[v]:,}</title></rect>'
        )
    for m in marks:
        x = 1 + (m - lo) * bar
        out.append(
            f'<line x1="{x:.1f}" y1="0" x2="{x:.1f}" y2="{height - pad}" stroke="#b71c1c" '
            f'stroke-dasharray="3 2" data-mark="{m}"/>'
            f'<text x="{x:.1f}" y="{height - 2}" font-size="10" text-anchor="middle" fill="#b71c1c">{m}</text>'
        )
    out.append(
        f'<text x="1" y="{height - 2}" font-size="10" fill="#616161">{lo}</text>'
        f'<text x="{width - 1}" y="{height - 2}" font-size="10" text-anchor="end" fill="#616161">{hi}</text>'
    )
    out.append("</svg>")
    return "".join(out)
