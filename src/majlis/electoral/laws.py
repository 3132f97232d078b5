"""Applying an electoral law (a :class:`~majlis.model.Law`, data) to any election's votes.

A :class:`~majlis.model.Law` names the method, first divisor, districts and their magnitudes,
threshold, women's-quota rule and minority seats; :func:`apply_law` runs it on votes per
district. A country's laws are part of its dataset (``laws.csv``), so a new country's law
is new rows, not new code: ``load_dataset("iraq").law("iraq-2025")``. Counterfactuals are
one law applied to another election's votes (:func:`compare_laws`).

The built-in Iraq dataset carries ``iraq-2010`` (Hare per governorate), ``iraq-2014``
(Sainte-Laguë 1.6, unverified), ``iraq-2018`` and ``iraq-2025`` (Sainte-Laguë 1.7 per
governorate) and ``iraq-2021`` (SNTV in 83 districts), with their sources.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from majlis.electoral.districts import (
    Candidate,
    DistrictResult,
    allocate_districts,
    allocate_quota_seats,
    women_quota_lists,
    women_quota_sntv,
)
from majlis.electoral.methods import get_method
from majlis.errors import ValidationError
from majlis.model import Law

__all__ = [
    "Law",
    "LawResult",
    "apply_law",
    "compare_laws",
    "elect_candidates",
]


@dataclass(frozen=True)
class LawResult:
    """The outcome of :func:`apply_law`: per-district seats, national totals, provenance."""

    law: str
    districts: dict[str, dict[str, int]]
    totals: dict[str, int]
    general_seats: int
    estimated: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    minority: dict[str, list[str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict (``seats`` = national totals)."""
        return {
            "law": self.law,
            "seats": dict(self.totals),
            "general_seats": self.general_seats,
            "districts": {d: dict(s) for d, s in self.districts.items()},
            "minority": {k: list(v) for k, v in self.minority.items()},
            "estimated": list(self.estimated),
            "notes": list(self.notes),
        }


def magnitudes(
    law: Law, districts: Collection[str], seats_by_district: Mapping[str, int] | None = None
) -> dict[str, int]:
    """The seats of each district: ``seats_by_district`` where given, else the law's own.

    Raises :class:`~majlis.errors.ValidationError` naming a district the law has no seat
    count for.
    """
    default = dict(law.seats_by_district)
    seats: dict[str, int] = {}
    for d in districts:
        if seats_by_district is not None and d in seats_by_district:
            seats[d] = seats_by_district[d]
        elif d in default:
            seats[d] = default[d]
        else:
            known = ", ".join(default) or "none: pass seats_by_district"
            raise ValidationError(
                f"law {law.id} has no seat count for district {d!r} (its districts: {known})"
            )
    return seats


def apply_law(
    law: Law,
    votes_by_district: Mapping[str, Mapping[str, int]],
    seats_by_district: Mapping[str, int] | None = None,
    *,
    estimated: Collection[str] = (),
    minority_votes: Mapping[str, Mapping[str, int]] | None = None,
    tie_break: str = "votes",
    seed: int | None = None,
) -> LawResult:
    """Apply a law to votes per district (only the districts given).

    Parameters
    ----------
    law : Law
        The law (e.g. ``load_dataset("iraq").law("iraq-2018")``).
    votes_by_district : Mapping[str, Mapping[str, int]]
        District -> list (or candidate, for SNTV) -> votes.
    seats_by_district : Mapping[str, int], optional
        Magnitudes; default the law's own.
    estimated : collection of str
        Labels of inputs that are estimates (e.g. ``"Baghdad/Taqaddum"``); echoed in the
        result so every counterfactual says what it rests on.
    minority_votes : Mapping[str, Mapping[str, int]], optional
        Candidate votes on each minority ballot, keyed by the law's seat ids
        (``christian_baghdad``, ``yazidi``, ...): each seat goes to its most-voted candidate
        (:func:`~majlis.electoral.allocate_quota_seats`) and is reported in ``minority``.

    Returns
    -------
    LawResult
        Per-district seats, national totals of the districts given, the estimated inputs and
        notes on what was not applied (quotas need candidate-level data; minority seats are
        separate ballots).

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> law = load_dataset("iraq").law("iraq-2018")
    >>> r = apply_law(law, {"Erbil": {"KDP": 316_001, "PUK": 77_792, "NG": 69_123}})
    >>> r.districts["Erbil"]
    {'KDP': 10, 'PUK': 3, 'NG': 2}
    """
    get_method(law.method)
    seats = magnitudes(law, votes_by_district, seats_by_district)
    votes: dict[str, Mapping[str, int]] = dict(votes_by_district)
    res: DistrictResult = allocate_districts(
        votes,
        seats,
        law.method,
        first_divisor=law.first_divisor,
        threshold=law.threshold,
        threshold_scope=law.threshold_scope,
        tie_break=tie_break,
        seed=seed,
    )
    notes = []
    if law.women_quota != "none":
        notes.append(
            f"women's quota ({law.women_quota}) not applied: it needs candidate-level votes"
            + (
                "; under this rule it changes who sits for a list, not list totals"
                if law.women_quota in ("list-2025", "after-three-men")
                else ""
            )
        )
    minority: dict[str, list[str]] = {}
    if minority_votes:
        known = {m[0] for m in law.minority_seats}
        for seat_id in minority_votes:
            if seat_id not in known:
                raise ValidationError(
                    f"law {law.id} has no minority seat {seat_id!r}: use one of {', '.join(sorted(known)) or 'none'}"
                )
        minority = allocate_quota_seats(minority_votes)
    missing = len(law.minority_seats) - len(minority)
    if missing:
        notes.append(
            f"{missing} minority quota seats are separate ballots, not included (no votes given)"
        )
    if not law.verified:
        notes.append(f"law preset {law.id} is not fully verified: {law.notes}")
    return LawResult(
        law.id,
        res.districts,
        res.totals,
        res.seats,
        tuple(sorted(estimated)),
        tuple(notes),
        minority,
    )


def compare_laws(
    votes_by_district: Mapping[str, Mapping[str, int]],
    laws: Sequence[Law],
    *,
    estimated: Collection[str] = (),
) -> dict[str, LawResult]:
    """Apply several laws to the same votes (counterfactuals), keyed by law id.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> iraq = load_dataset("iraq")
    >>> v = {"Erbil": {"KDP": 316_001, "PUK": 77_792, "NG": 69_123, "CDJ": 49_266}}
    >>> laws = [iraq.law("iraq-2010"), iraq.law("iraq-2018")]
    >>> {k: r.totals for k, r in compare_laws(v, laws).items()}
    {'iraq-2010': {'KDP': 9, 'PUK': 2, 'NG': 2, 'CDJ': 1}, 'iraq-2018': {'KDP': 10, 'PUK': 2, 'NG': 2, 'CDJ': 1}}
    """
    return {law.id: apply_law(law, votes_by_district, estimated=estimated) for law in laws}


def elect_candidates(
    law: Law,
    candidates_by_district: Mapping[str, Sequence[Candidate]],
    seats_by_district: Mapping[str, int] | None = None,
    *,
    list_votes_by_district: Mapping[str, Mapping[str, int]] | None = None,
) -> tuple[LawResult, dict[str, list[Candidate]]]:
    """Apply a law down to the candidates, women's quota included.

    * SNTV laws (``iraq-2021``): each district elects its top candidates, then
      :func:`~majlis.electoral.women_quota_sntv` with one seat per district reserved for a woman.
    * List laws: list votes are ``list_votes_by_district`` or else the sum of the list's
      candidates' votes; seats per list by the law's method; then, within lists, candidates by
      personal votes and the women's rule: ``list-2025`` ->
      :func:`~majlis.electoral.women_quota_lists` with the governorate's quota;
      ``after-three-men`` (2014, 2018: a woman after every three winning men) -> each list owes
      ``floor(seats / 4)`` women (the same function with no governorate top-up).
      ``governorate-top-women-2010`` is not modelled (noted in the result).

    Returns
    -------
    (LawResult, dict)
        Seats per list after the quota (an SNTV substitution can move a seat between lists)
        and the elected candidates per district.

    Examples
    --------
    >>> c = [Candidate("Ali", 9000, list="X"), Candidate("Omar", 7000, list="Y"),
    ...      Candidate("Zaid", 6500, list="X"), Candidate("Huda", 4000, True, list="Y")]
    >>> from majlis.data import load_dataset
    >>> law = load_dataset("iraq").law("iraq-2021")
    >>> res, elected = elect_candidates(law, {"Karbala-1": c}, {"Karbala-1": 3})
    >>> [x.name for x in elected["Karbala-1"]], res.totals
    (['Ali', 'Omar', 'Huda'], {'X': 1, 'Y': 2})
    """
    default = dict(law.seats_by_district)
    women = dict(law.women_seats_by_district)
    elected: dict[str, list[Candidate]] = {}
    districts: dict[str, dict[str, int]] = {}
    notes: list[str] = []
    for d, cands in candidates_by_district.items():
        cands = list(cands)
        if seats_by_district is not None and d in seats_by_district:
            seats = seats_by_district[d]
        elif d in default:
            seats = default[d]
        else:
            raise ValidationError(
                f"law {law.id} has no seat count for district {d!r}; pass seats_by_district"
            )
        if law.method == "sntv":
            quota = 1 if law.women_quota == "district-sntv-2021" else 0
            chosen = women_quota_sntv(cands, seats, quota)
        else:
            if list_votes_by_district is not None and d in list_votes_by_district:
                lv = dict(list_votes_by_district[d])
            else:
                lv = {}
                for c in cands:
                    if c.list is None:
                        raise ValidationError(f"candidate {c.name!r} in {d!r} has no list")
                    lv[c.list] = lv.get(c.list, 0) + c.votes
            list_seats = apply_law(law, {d: lv}, {d: seats}).districts[d]
            by_list: dict[str, list[Candidate]] = {}
            for c in cands:
                by_list.setdefault(c.list or "", []).append(c)
            if law.women_quota == "list-2025":
                per = women_quota_lists(list_seats, by_list, women.get(d, 0), lv)
            elif law.women_quota == "after-three-men":
                per = women_quota_lists(list_seats, by_list, 0, lv)
            else:
                per = {
                    n: sorted(by_list.get(n, []), key=lambda c: -c.votes)[:s]
                    for n, s in list_seats.items()
                }
                if law.women_quota != "none":
                    notes.append(
                        f"women's quota rule {law.women_quota} is not modelled; candidates by votes only"
                    )
            chosen = [c for n in per for c in per[n]]
        elected[d] = chosen
        counts: dict[str, int] = {}
        for c in cands:
            counts.setdefault(c.list if c.list is not None else c.name, 0)
        for c in chosen:
            key = c.list if c.list is not None else c.name
            counts[key] = counts.get(key, 0) + 1
        districts[d] = counts
    totals: dict[str, int] = {}
    for counts in districts.values():
        for n, won in counts.items():
            totals[n] = totals.get(n, 0) + won
    if law.minority_seats:
        notes.append(
            f"{len(law.minority_seats)} minority quota seats are separate ballots, not included"
        )
    return LawResult(
        law.id,
        districts,
        totals,
        sum(len(v) for v in elected.values()),
        (),
        tuple(dict.fromkeys(notes)),
    ), elected
