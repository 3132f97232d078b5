"""An election's sourced list votes per district, and validation of a law against official seats.

The votes come from a :class:`~majlis.model.Dataset`'s district result rows (for Iraq:
``majlis/data/iraq/results.csv``, each row with its votes, their status, the official seats
and the source); the caller loads the dataset, so this module depends on the model only.

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

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from majlis.electoral.divisor import divisor_rule
from majlis.electoral.laws import Law, apply_law
from majlis.electoral.methods import get_method
from majlis.errors import ValidationError
from majlis.model import Dataset

__all__ = [
    "ElectionVotes",
    "GovernorateCheck",
    "load_election_votes",
    "validate_election",
]


@dataclass(frozen=True)
class ElectionVotes:
    """Sourced list votes of one election, per district (governorate), keyed by list name.

    ``votes`` holds the lists with a vote count; ``official`` the known official seats
    (including lists whose votes are missing); ``status`` maps ``"gov/list"`` to
    ``final``/``preliminary``/``approximate``/``missing``; ``sources`` maps the same keys to
    text; ``law`` is the id of the law the election was held under.
    """

    year: int
    law: str
    votes: dict[str, dict[str, int]]
    official: dict[str, dict[str, int]]
    status: dict[str, str]
    sources: dict[str, str] = field(repr=False)

    @property
    def estimated(self) -> tuple[str, ...]:
        """Labels ``gov/list`` of the inputs that are not final official figures."""
        return tuple(k for k, s in self.status.items() if s != "final")


def load_election_votes(dataset: Dataset, election: int | str) -> ElectionVotes:
    """The list votes and official seats per district of one election of a dataset.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> ev = load_election_votes(load_dataset("iraq"), 2025)
    >>> ev.votes["Dohuk"]["Kurdistan Democratic Party"], ev.official["Dohuk"]["Kurdistan Islamic Union"]
    (413890, 2)
    """
    e = dataset.election(election)
    votes: dict[str, dict[str, int]] = {}
    official: dict[str, dict[str, int]] = {}
    status: dict[str, str] = {}
    sources: dict[str, str] = {}
    for r in dataset.results_of(e.id, district=None):
        if not r.district or r.seat_type != "general":
            continue
        name = dataset.party(r.party).name
        key = f"{r.district}/{name}"
        status[key] = r.votes_status if r.votes is not None else "missing"
        sources[key] = r.source
        if r.votes is not None:
            votes.setdefault(r.district, {})[name] = r.votes
        if r.seats is not None:
            official.setdefault(r.district, {})[name] = r.seats
    if not status:
        raise ValidationError(
            f"election {e.id!r} has no list votes per district in dataset {dataset.name!r}"
        )
    return ElectionVotes(e.date.year, e.law, votes, official, status, sources)


@dataclass(frozen=True)
class GovernorateCheck:
    """The validation of one governorate: mode, verdict, predicted and official seats."""

    governorate: str
    mode: str  # full | partial | consistency | none | counterfactual
    ok: bool | None
    predicted: dict[str, int]
    official: dict[str, int]
    reason: str

    def to_dict(self) -> dict[str, Any]:
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
    if not lows:  # no list with votes holds a seat: nothing to be consistent with
        return True, "no list with sourced votes holds a seat"
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


def validate_election(
    dataset: Dataset, election: int | str, law: str | Law | None = None
) -> list[GovernorateCheck]:
    """Apply ``law`` (default: the law of that election) and compare with the official seats.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> checks = validate_election(load_dataset("iraq"), 2025)
    >>> sorted(c.governorate for c in checks if c.mode == "full" and c.ok)
    ['Dohuk', 'Erbil', 'Kirkuk', 'Najaf', 'Sulaymaniyah']
    """
    ev = load_election_votes(dataset, election)
    law = law if isinstance(law, Law) else dataset.law(law if law is not None else ev.law)
    if get_method(law.method).family != "divisor" and law.method not in ("hare", "droop"):
        raise ValidationError(f"law {law.id} needs candidate votes; the data has list votes only")
    magnitudes = dict(law.seats_by_district)
    own = ev.law
    out = []
    for gov, votes in ev.votes.items():
        official = ev.official.get(gov, {})
        seats = magnitudes[gov]
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
