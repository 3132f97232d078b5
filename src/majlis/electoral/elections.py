"""Iraq's sourced list votes per governorate, and validation of a law against official seats.

The data lies in ``majlis/data/iraq/votes/<year>.csv`` (one row per governorate and list:
votes, their status, the official seats, the source); see the README there. It is read with
the standard library only, so this module needs nothing beyond majlis.electoral.

:func:`validate_election` applies a law to those votes and compares every governorate with
the official result, as strictly as the data allows:

``full``
    every list with a known seat count has votes, and the known seats fill the governorate:
    the whole result must be reproduced;
``partial``
    some lists' seats are unknown: the lists whose seats are known must match;
``consistency``
    some seat-winning lists have no votes in the sources: the official seats of the lists
    with votes must be consistent with one common divisor (the largest next quotient no
    larger than the smallest winning quotient) — a necessary condition of the method;
``none``
    no official seats are known: nothing to check (the votes still serve counterfactuals);
``counterfactual``
    ``law`` is not the law the election was held under: the official seats are only shown.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from majlis.electoral.divisor import divisor_rule
from majlis.electoral.laws import Law, apply_law, canonical_governorate, get_law
from majlis.electoral.methods import get_method
from majlis.errors import UnknownIdError, ValidationError

__all__ = [
    "ElectionVotes",
    "GovernorateCheck",
    "load_election_votes",
    "validate_election",
    "ELECTION_LAWS",
]

_DATA = Path(__file__).resolve().parent.parent / "data" / "iraq" / "votes"

ELECTION_LAWS = {
    2010: "iraq-2010",
    2014: "iraq-2014",
    2018: "iraq-2018",
    2021: "iraq-2021",
    2025: "iraq-2025",
}
"""The law each Iraqi election was held under."""


@dataclass(frozen=True)
class ElectionVotes:
    """Sourced list votes of one election, per governorate.

    ``votes`` holds the lists with a vote count; ``official`` the known official seats
    (including lists whose votes are missing); ``status`` maps ``"gov/list"`` to
    ``final``/``preliminary``/``approx``/``missing``; ``sources`` maps the same keys to text.
    """

    year: int
    votes: dict[str, dict[str, int]]
    official: dict[str, dict[str, int]]
    status: dict[str, str]
    sources: dict[str, str] = field(repr=False)

    @property
    def estimated(self) -> tuple[str, ...]:
        """Labels ``gov/list`` of the inputs that are not final official figures."""
        return tuple(k for k, s in self.status.items() if s != "final")


def load_election_votes(year: int | str) -> ElectionVotes:
    """Load the sourced votes of Iraq's ``year`` election.

    Examples
    --------
    >>> ev = load_election_votes(2025)
    >>> ev.votes["Dohuk"]["Kurdistan Democratic Party"], ev.official["Dohuk"]["Kurdistan Islamic Union"]
    (413698, 2)
    """
    try:
        y = int(year)
    except (TypeError, ValueError):
        raise ValidationError(f"election must be a year such as 2025, got {year!r}") from None
    path = _DATA / f"{y}.csv"
    if not path.exists():
        have = sorted(p.stem for p in _DATA.glob("*.csv"))
        raise UnknownIdError(f"no list votes for election {year}: available {', '.join(have)}")
    votes: dict[str, dict[str, int]] = {}
    official: dict[str, dict[str, int]] = {}
    status: dict[str, str] = {}
    sources: dict[str, str] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            gov, name = row["governorate"], row["list"]
            key = f"{gov}/{name}"
            status[key] = row["votes_status"]
            sources[key] = row["source"]
            if row["votes"]:
                votes.setdefault(gov, {})[name] = int(row["votes"])
            if row["seats"]:
                official.setdefault(gov, {})[name] = int(row["seats"])
    return ElectionVotes(y, votes, official, status, sources)


@dataclass(frozen=True)
class GovernorateCheck:
    """The validation of one governorate: mode, verdict, predicted and official seats."""

    governorate: str
    mode: str  # full | partial | consistency | none | counterfactual
    ok: bool | None
    predicted: dict[str, int]
    official: dict[str, int]
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return dict(self.__dict__)


def _consistent(votes: dict[str, int], seats: dict[str, int], law: Law) -> tuple[bool, str]:
    rule = divisor_rule(law.method, law.first_divisor)
    lows, highs = [], []
    for name, s in seats.items():
        if name not in votes:
            continue
        v = votes[name]
        if s > 0:
            q = rule.quotient(v, s - 1)
            lows.append((q if q is not None else Fraction(10**30), name))
        q = rule.quotient(v, s)
        highs.append((q if q is not None else Fraction(10**30), name))
    low, high = min(lows), max(highs)
    ok = high[0] <= low[0]
    return ok, (
        f"smallest winning quotient {float(low[0]):.1f} ({low[1]}) "
        f"{'>=' if ok else '<'} largest next quotient {float(high[0]):.1f} ({high[1]})"
    )


def _tail_covered(votes: dict[str, int], predicted: dict[str, int], law: Law) -> bool:
    """True when the smallest listed list's first quotient is below the last winning quotient.

    The sources list lists down to some size and say the others "received fewer votes"; an
    unlisted list then has a smaller first quotient still, so it cannot have won a seat.
    """
    rule = (
        divisor_rule(law.method, law.first_divisor)
        if get_method(law.method).family == "divisor"
        else None
    )
    if rule is None:
        return True
    big = Fraction(10**30)
    last = min((rule.quotient(votes[n], s - 1) or big) for n, s in predicted.items() if s > 0)
    smallest = min(votes.values())
    return (rule.quotient(smallest, 0) or big) <= last


def validate_election(year: int | str, law: str | Law | None = None) -> list[GovernorateCheck]:
    """Apply ``law`` (default: the law of that election) and compare with the official seats.

    Examples
    --------
    >>> for c in validate_election(2025):
    ...     print(c.governorate, c.mode, c.ok)
    Baghdad consistency True
    Erbil full True
    Sulaymaniyah full True
    Dohuk full True
    Kirkuk partial True
    Basra partial True
    Wasit partial True
    """
    ev = load_election_votes(year)
    law = get_law(law if law is not None else ELECTION_LAWS.get(ev.year, ""))
    if get_method(law.method).family != "divisor" and law.method not in ("hare", "droop"):
        raise ValidationError(f"law {law.id} needs candidate votes; the data has list votes only")
    magnitudes = dict(law.seats_by_district)
    own = ELECTION_LAWS.get(ev.year)
    out = []
    for gov, votes in ev.votes.items():
        official = ev.official.get(gov, {})
        seats = magnitudes[canonical_governorate(gov)]
        predicted = apply_law(law, {gov: votes}).districts[gov]
        if law.id != own:
            out.append(
                GovernorateCheck(
                    gov,
                    "counterfactual",
                    None,
                    predicted,
                    official,
                    f"{law.id} applied to the {ev.year} votes (held under {own}); "
                    "official seats shown for comparison",
                )
            )
            continue
        missing_votes = [n for n, s in official.items() if s > 0 and n not in votes]
        if not official:
            out.append(
                GovernorateCheck(
                    gov, "none", None, predicted, {}, "no official seats in the sources"
                )
            )
        elif missing_votes:
            if get_method(law.method).family != "divisor":
                out.append(
                    GovernorateCheck(
                        gov,
                        "none",
                        None,
                        predicted,
                        official,
                        "seat-winning lists without votes; no consistency test for quota methods",
                    )
                )
                continue
            ok, why = _consistent(votes, official, law)
            out.append(
                GovernorateCheck(
                    gov,
                    "consistency",
                    ok,
                    predicted,
                    official,
                    f"no votes for {', '.join(missing_votes)}; {why}",
                )
            )
        elif not _tail_covered(votes, predicted, law):
            ok, why = _consistent(votes, official, law)
            out.append(
                GovernorateCheck(
                    gov,
                    "consistency",
                    ok,
                    predicted,
                    official,
                    "the sources list too few lists for a full reproduction (an unlisted smaller list "
                    f"could reach a seat); {why}",
                )
            )
        else:
            known = {n: s for n, s in official.items()}
            complete = sum(known.values()) == seats and all(n in known for n in votes)
            ok = all(predicted.get(n, 0) == s for n, s in known.items())
            mode = "full" if complete else "partial"
            why = (
                "all lists reproduced"
                if ok
                else "differs: "
                + ", ".join(
                    f"{n} {predicted.get(n, 0)} vs {s}"
                    for n, s in known.items()
                    if predicted.get(n, 0) != s
                )
            )
            if mode == "partial":
                why += f" ({len(known)} of {len(votes)} lists have official seats)"
            prelim = sum(1 for n in votes if ev.status.get(f"{gov}/{n}") != "final")
            if prelim:
                why += f"; {prelim} vote figures are preliminary/approximate"
            out.append(GovernorateCheck(gov, mode, ok, predicted, official, why))
    return out
