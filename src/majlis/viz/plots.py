"""Forecast charts with matplotlib (the optional extra ``majlis[plot]``), from plain data.

:func:`forecast_figure` draws the seat distribution of each bloc (with the majority,
two-thirds and blocking-third lines) beside bars of each bloc's and coalition's chance of
reaching them, and writes the figure as PNG and SVG. It takes plain dicts (for example
``ForecastResult.plot_data()``), not majlis objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from majlis.errors import MajlisError, ValidationError

__all__ = ["forecast_figure"]

_COLOURS = (
    "#0d47a1", "#c62828", "#2e7d32", "#f9a825", "#6a1b9a",
    "#00838f", "#ef6c00", "#5d4037", "#546e7a", "#ad1457",
)  # fmt: skip


def _pyplot() -> Any:
    try:
        import matplotlib
    except ImportError:
        raise MajlisError("plots need the 'plot' extra: pip install 'majlis[plot]'") from None
    matplotlib.use("Agg", force=True)
    import matplotlib.pyplot as plt

    return plt


def forecast_figure(data: Mapping[str, Any], path: str | Path) -> list[Path]:
    """Draw seat distributions and threshold probabilities; write ``path`` as PNG and SVG.

    Parameters
    ----------
    data : Mapping
        ``title`` (str); ``thresholds`` ({label: seats}); ``distributions`` (a list of
        ``{"name": str, "hist": {seats: draws}}``, one curve each); ``bars`` (a list of
        ``{"name": str, "values": {label: probability}}``, one group of bars each).
    path : str or Path
        Output file; its suffix is replaced by ``.png`` and ``.svg`` and both are written.

    Returns
    -------
    list of Path
        The PNG and SVG files written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> data = {"title": "t", "thresholds": {"majority 6": 6},
    ...         "distributions": [{"name": "A", "hist": {5: 3, 6: 1}}],
    ...         "bars": [{"name": "A", "values": {">= 6": 0.25}}]}
    >>> out = forecast_figure(data, pathlib.Path(tempfile.mkdtemp()) / "f.png")
    >>> [p.suffix for p in out]
    ['.png', '.svg']
    """
    plt = _pyplot()
    dists: Sequence[Mapping[str, Any]] = data.get("distributions", ())
    bars: Sequence[Mapping[str, Any]] = data.get("bars", ())
    if not dists and not bars:
        raise ValidationError("nothing to plot: no distributions and no bars")
    thresholds: Mapping[str, int] = data.get("thresholds", {})
    fig, (ax1, ax2) = plt.subplots(
        1, 2, figsize=(13, max(4.5, 0.35 * len(bars) + 2)), gridspec_kw={"width_ratios": [3, 2]}
    )
    for i, d in enumerate(dists):
        hist = {int(k): int(v) for k, v in d["hist"].items()}
        total = sum(hist.values()) or 1
        xs = list(range(min(hist), max(hist) + 1))
        ys = [hist.get(x, 0) / total for x in xs]
        colour = _COLOURS[i % len(_COLOURS)]
        ax1.step(xs, ys, where="mid", color=colour, label=str(d["name"]))
        ax1.fill_between(xs, ys, step="mid", color=colour, alpha=0.2)
    for label, seats in thresholds.items():
        ax1.axvline(seats, color="black", linestyle="--", linewidth=0.8)
        ax1.annotate(
            label, (seats, 1), xycoords=("data", "axes fraction"), rotation=90,
            va="top", ha="right", fontsize=8,
        )  # fmt: skip
    ax1.set_xlabel("seats")
    ax1.set_ylabel("share of draws")
    ax1.set_title("Seat distribution per bloc")
    if dists:
        ax1.legend(
            fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False
        )
    labels = list(dict.fromkeys(k for b in bars for k in b["values"]))
    height = 0.8 / max(len(labels), 1)
    names = [str(b["name"]) for b in bars]
    for j, label in enumerate(labels):
        ys = [k + (j - (len(labels) - 1) / 2) * height for k in range(len(bars))]
        vals = [float(b["values"].get(label, 0.0)) for b in bars]
        ax2.barh(
            ys, vals, height=height, label=f"P(seats {label})", color=_COLOURS[j % len(_COLOURS)]
        )
        for y, v in zip(ys, vals):
            ax2.annotate(f"{v:.0%}", (min(v, 1.0), y), xytext=(2, 0), textcoords="offset points",
                         va="center", fontsize=6)  # fmt: skip
    ax2.set_yticks(range(len(bars)), names, fontsize=8)
    ax2.invert_yaxis()
    ax2.set_xlim(0, 1.08)
    ax2.set_xlabel("probability")
    ax2.set_title("Chance of reaching each threshold")
    if labels:
        ax2.legend(
            fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=3, frameon=False
        )
    fig.suptitle(str(data.get("title", "")))
    fig.tight_layout()
    base = Path(path)
    base.parent.mkdir(parents=True, exist_ok=True)
    out = [base.with_suffix(".png"), base.with_suffix(".svg")]
    with plt.rc_context({"svg.hashsalt": "majlis"}):
        fig.savefig(out[0], dpi=120, metadata={"Software": None}, bbox_inches="tight")
        fig.savefig(out[1], metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    plt.close(fig)
    return out
