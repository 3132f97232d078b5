"""The trace of one run: what happened each round, in words a person can read.

A run records :class:`TraceEvent` rows (kind, round, day, text, and a small JSON-ready
``data`` mapping) and a :class:`RoundSnapshot` per round (the seats of each camp and which
actor sits in which camp), from which :func:`render_trace` writes the text that
``majlis negotiate --trace`` prints and the web page plays over the hemicycle.

Kinds of event (:data:`EVENT_KINDS`): ``house`` (the thresholds of the day, seat changes),
``data`` (a dated pact or event of the dataset taking effect), ``council`` (the council's
choice and why), ``offer`` (an offer and its answer), ``counter`` (a rejection and what the
delegation will add), ``redline`` (an offer a red line rules out), ``defection``,
``veto`` (a candidate dropped), ``sitting`` (a failed attempt at the votes), ``wait`` (a
formateur that could govern waits for consensus), ``government`` and ``deadlock``.

Examples
--------
>>> e = TraceEvent(1, dt.date(2022, 1, 9), "council", "the council backs X")
>>> render_trace([e])
'Round 1 (2022-01-09)\\n  [council] the council backs X'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["EVENT_KINDS", "RoundSnapshot", "TraceEvent", "render_trace"]

EVENT_KINDS: tuple[str, ...] = (
    "house",
    "data",
    "council",
    "offer",
    "counter",
    "redline",
    "defection",
    "veto",
    "sitting",
    "wait",
    "government",
    "deadlock",
)


@dataclass(frozen=True)
class TraceEvent:
    """One line of a run's trace."""

    round: int
    date: dt.date
    kind: str
    text: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "round": self.round,
            "date": self.date.isoformat(),
            "kind": self.kind,
            "text": self.text,
            "data": dict(self.data),
        }


@dataclass(frozen=True)
class RoundSnapshot:
    """The camps at the end of a round: seats per camp and each actor's camp (``None``: none)."""

    round: int
    date: dt.date
    camps: Mapping[str, int]
    commitments: Mapping[str, str | None]
    seats: Mapping[str, int]
    candidates: Mapping[str, str | None]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "round": self.round,
            "date": self.date.isoformat(),
            "camps": dict(self.camps),
            "commitments": dict(self.commitments),
            "seats": dict(self.seats),
            "candidates": dict(self.candidates),
        }


def render_trace(events: Iterable[TraceEvent]) -> str:
    """The trace as text, one block per round."""
    lines: list[str] = []
    current: int | None = None
    for e in events:
        if e.round != current:
            current = e.round
            lines.append(f"Round {e.round} ({e.date.isoformat()})")
        lines.append(f"  [{e.kind}] {e.text}")
    return "\n".join(lines)
