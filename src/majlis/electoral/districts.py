"""Districts and quotas: allocation per district with national totals, women's and minority seats.

* :func:`allocate_districts` runs one method in every district (a governorate, or one of
  2021's 83 SNTV districts) and adds the seats up nationally; a legal threshold may apply
  per district or to national vote shares.
* :func:`women_quota_sntv` — Iraq 2021 (Law 9 of 2020): within a district the highest-voted
  women replace the lowest-voted winning men until the district's reserved seats are met.
* :func:`women_quota_lists` — Iraq 2025 (IHEC seat-distribution system No. 2 of 2025): open
  lists; a list owes floor(seats / 4) women, then floor(seats / 3) while the governorate is
  short of its quota, a contested quota seat going to the list with more votes.
* :func:`allocate_quota_seats` — minority ("component") quota seats, each on its own ballot.

Candidates are :class:`Candidate` records (name, personal votes, woman or not, list).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from majlis.electoral._input import as_fraction, check_seats, normalize_votes
from majlis.electoral.methods import allocate_seats
from majlis.errors import InfeasibleQuotaError, ValidationError

__all__ = [
    "Candidate",
    "DistrictResult",
    "allocate_districts",
    "allocate_quota_seats",
    "women_quota_lists",
    "women_quota_sntv",
]


@dataclass(frozen=True)
class Candidate:
    """A candidate: name, personal votes, whether a woman, and (optionally) the list."""

    name: str
    votes: int
    woman: bool = False
    list: str | None = None


@dataclass(frozen=True)
class DistrictResult:
    """Seats per district and their national totals.

    ``districts`` maps district -> {list: seats}; ``totals`` maps list -> seats summed over
    the districts (lists in order of first appearance); ``seats`` is the number allocated.
    """

    method: str
    districts: dict[str, dict[str, int]]
    totals: dict[str, int]
    seats: int
    first_divisor: str | None = None
    threshold: str | None = None
    eliminated: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "method": self.method,
            "first_divisor": self.first_divisor,
            "threshold": self.threshold,
            "seats": dict(self.totals),
            "total": self.seats,
            "districts": {d: dict(s) for d, s in self.districts.items()},
            "eliminated": list(self.eliminated),
        }


def allocate_districts(
    votes_by_district: Mapping[str, Mapping[str, int]],
    seats_by_district: Mapping[str, int],
    method: str = "dhondt",
    *,
    first_divisor: Any = None,
    threshold: Any = None,
    threshold_scope: str = "district",
    tie_break: str = "votes",
    seed: int | None = None,
) -> DistrictResult:
    """Allocate every district's seats with ``method`` and aggregate them nationally.

    Parameters
    ----------
    votes_by_district : Mapping[str, Mapping[str, int]]
        District -> list -> votes.
    seats_by_district : Mapping[str, int]
        District -> magnitude; must cover every district in ``votes_by_district``.
    method, first_divisor, tie_break, seed
        As for :func:`~majlis.electoral.allocate_seats`.
    threshold : number, optional
        Legal threshold as a share of valid votes.
    threshold_scope : {"district", "national"}
        ``"district"``: a list needs the share of the district's votes; ``"national"``: of
        all votes nationwide (lists below it win nothing anywhere).

    Examples
    --------
    >>> r = allocate_districts({"North": {"A": 500, "B": 300}, "South": {"A": 200, "C": 600}},
    ...                        {"North": 3, "South": 2}, "dhondt")
    >>> r.districts, r.totals
    ({'North': {'A': 2, 'B': 1}, 'South': {'A': 0, 'C': 2}}, {'A': 2, 'B': 1, 'C': 2})
    """
    if not isinstance(votes_by_district, Mapping) or not votes_by_district:
        raise ValidationError(
            "votes_by_district must be a non-empty mapping of district -> {list: votes}"
        )
    for d in votes_by_district:
        if d not in seats_by_district:
            raise ValidationError(f"no seat count for district {d!r}")
    if threshold_scope not in ("district", "national"):
        raise ValidationError(
            f"threshold_scope must be 'district' or 'national', got {threshold_scope!r}"
        )
    eliminated: set[str] = set()
    per_district_threshold = threshold if threshold_scope == "district" else None
    if threshold is not None and threshold_scope == "national":
        t = as_fraction(threshold, "threshold")
        national: dict[str, int] = {}
        for votes in votes_by_district.values():
            names, values = normalize_votes(votes)
            for n, v in zip(names or [], values):
                national[n] = national.get(n, 0) + v
        total = sum(national.values())
        eliminated = {n for n, v in national.items() if v * t.denominator < t.numerator * total}
        if len(eliminated) == len(national):
            raise InfeasibleQuotaError(f"the national threshold {threshold} eliminates every list")
    districts: dict[str, dict[str, int]] = {}
    totals: dict[str, int] = {}
    total_seats = 0
    for d, votes in votes_by_district.items():
        seats = check_seats(seats_by_district[d])
        if not isinstance(votes, Mapping):
            raise ValidationError(f"votes for district {d!r} must be a mapping of list -> votes")
        use = {n: (0 if n in eliminated else v) for n, v in votes.items()}
        try:
            got = allocate_seats(
                use,
                seats,
                method,
                first_divisor=first_divisor,
                threshold=per_district_threshold,
                tie_break=tie_break,
                seed=seed,
            )
        except (ValidationError, InfeasibleQuotaError) as exc:
            raise type(exc)(f"district {d!r}: {exc}") from None
        assert isinstance(got, dict)
        districts[d] = got
        total_seats += seats
        for n, s in got.items():
            totals[n] = totals.get(n, 0) + s
    return DistrictResult(
        method,
        districts,
        totals,
        total_seats,
        None if first_divisor is None else str(as_fraction(first_divisor, "first_divisor")),
        None if threshold is None else f"{threshold} ({threshold_scope})",
        tuple(sorted(eliminated)),
    )


def _check_candidates(candidates: Sequence[Candidate]) -> None:
    names = [c.name for c in candidates]
    if len(set(names)) != len(names):
        dup = next(n for n in names if names.count(n) > 1)
        raise ValidationError(f"duplicate candidate {dup!r}")
    for c in candidates:
        if isinstance(c.votes, bool) or not isinstance(c.votes, int) or c.votes < 0:
            raise ValidationError(
                f"votes must be a non-negative whole number, got {c.votes!r} for {c.name!r}"
            )


def _by_votes(cands: Sequence[Candidate], order: Mapping[str, int]) -> list[Candidate]:
    """Most votes first; equal votes keep the given order."""
    return sorted(cands, key=lambda c: (-c.votes, order[c.name]))


def women_quota_sntv(candidates: Sequence[Candidate], seats: int, quota: int) -> list[Candidate]:
    """Elect a district's ``seats`` top candidates (SNTV), then enforce ``quota`` women.

    While fewer than ``quota`` women are elected, the highest-voted woman not elected
    replaces the lowest-voted elected man. If the district runs out of women candidates the
    result has fewer women (no error).

    Returns
    -------
    list of Candidate
        The elected, most votes first.

    References
    ----------
    Law 9 of 2020 on elections to the Council of Representatives (Iraq), art. 16 and the
    quota provisions summarised by International IDEA's gender-quotas database ("if the
    gender quota was fulfilled for each electoral constituency ... no substitution process
    shall take place"), https://idea.int/data-tools/data/gender-quotas-database/country?country=106.
    Chatham House (2021) describes a governorate-level fallback instead [conflict noted in
    RULES.md]; this function applies the district-level rule.

    Examples
    --------
    >>> c = [Candidate("Ali", 9000), Candidate("Omar", 7000), Candidate("Zaid", 6500),
    ...      Candidate("Huda", 4000, woman=True), Candidate("Sara", 3000, woman=True)]
    >>> [x.name for x in women_quota_sntv(c, 3, 1)]
    ['Ali', 'Omar', 'Huda']
    """
    _check_candidates(candidates)
    seats = check_seats(seats)
    if seats > len(candidates):
        raise InfeasibleQuotaError(f"{seats} seats but only {len(candidates)} candidates")
    if not 0 <= quota <= seats:
        raise ValidationError(
            f"the women's quota must be between 0 and the {seats} seats, got {quota}"
        )
    order = {c.name: i for i, c in enumerate(candidates)}
    ranked = _by_votes(candidates, order)
    elected, waiting = ranked[:seats], ranked[seats:]
    while sum(c.woman for c in elected) < quota:
        women = [c for c in waiting if c.woman]
        men = [c for c in elected if not c.woman]
        if not women or not men:
            break
        out = men[-1]  # lowest-voted elected man
        elected.remove(out)
        waiting.remove(women[0])
        elected.append(women[0])
        waiting.append(out)
    return _by_votes(elected, order)


def women_quota_lists(
    list_seats: Mapping[str, int],
    candidates: Mapping[str, Sequence[Candidate]],
    quota: int,
    list_votes: Mapping[str, int] | None = None,
) -> dict[str, list[Candidate]]:
    """Seat each list's candidates by personal votes, then apply the 2025 women's quota.

    1. Open list: a list with ``s`` seats elects its ``s`` highest-voted candidates.
    2. Each list owes ``floor(s / 4)`` women: its highest-voted women not elected replace
       its lowest-voted elected men until it has them.
    3. While the governorate has fewer than ``quota`` women, a list with fewer than
       ``floor(s / 3)`` women swaps one more man for a woman; when several lists could, the
       list with the most votes (``list_votes``) goes first.

    List seat totals never change; only who sits for each list.

    References
    ----------
    IHEC seat-distribution and quota system No. 2 of 2025, as reported by Shafaq News,
    14 Nov 2025, "IHEC sets mechanism for quota seats and replacements"
    (https://www.shafaq.com/en/Iraq/IHEC-sets-mechanism-for-quota-seats-and-replacements):
    seats / 4 then seats / 3, fractions dropped; Nineveh 2025: a contested seat went to Badr
    over Hasm on total votes. Constitution of Iraq (2005), art. 49(4): women at least a
    quarter of members.

    Examples
    --------
    >>> cands = {"X": [Candidate("x1", 900), Candidate("x2", 800), Candidate("x3", 700),
    ...               Candidate("x4", 600), Candidate("xw", 100, woman=True)],
    ...          "Y": [Candidate("y1", 500), Candidate("yw", 50, woman=True)]}
    >>> out = women_quota_lists({"X": 4, "Y": 1}, cands, quota=1, list_votes={"X": 3100, "Y": 550})
    >>> [c.name for c in out["X"]], [c.name for c in out["Y"]]
    (['x1', 'x2', 'x3', 'xw'], ['y1'])
    """
    if list_votes is None:
        list_votes = {n: sum(c.votes for c in candidates.get(n, ())) for n in list_seats}
    elected: dict[str, list[Candidate]] = {}
    waiting: dict[str, list[Candidate]] = {}
    orders: dict[str, dict[str, int]] = {}
    for name, s in list_seats.items():
        cands = list(candidates.get(name, ()))
        _check_candidates(cands)
        if s < 0 or s > len(cands):
            raise ValidationError(f"list {name!r} has {s} seats but {len(cands)} candidates")
        orders[name] = {c.name: i for i, c in enumerate(cands)}
        ranked = _by_votes(cands, orders[name])
        elected[name], waiting[name] = ranked[:s], ranked[s:]

    def swap(name: str) -> bool:
        women = [c for c in waiting[name] if c.woman]
        men = [c for c in elected[name] if not c.woman]
        if not women or not men:
            return False
        elected[name].remove(men[-1])
        waiting[name].remove(women[0])
        elected[name].append(women[0])
        waiting[name].append(men[-1])
        return True

    def women(name: str) -> int:
        return sum(c.woman for c in elected[name])

    for name, s in list_seats.items():  # step 2: floor(s / 4) per list
        while women(name) < s // 4 and swap(name):
            pass
    while sum(women(n) for n in list_seats) < quota:  # step 3: floor(s / 3), most votes first
        owing = [n for n, s in list_seats.items() if women(n) < s // 3]
        owing.sort(key=lambda n: -list_votes.get(n, 0))
        if not any(swap(n) for n in owing):  # one swap, by the first list that can
            break
    return {n: _by_votes(elected[n], orders[n]) for n in list_seats}


def allocate_quota_seats(
    votes_by_seat: Mapping[str, Mapping[str, int]],
    seats_by_seat: Mapping[str, int] | None = None,
) -> dict[str, list[str]]:
    """Elect the minority quota seats, each on its own ballot (most votes win).

    Iraq reserves 9 seats (Christians 5 — Baghdad, Nineveh, Kirkuk, Erbil, Dohuk —, Yazidi 1
    and Shabak 1 in Nineveh, Sabean-Mandaean 1 in Baghdad, Feyli Kurd 1 in Wasit). Since the
    2023 amendment each quota seat is one district within its governorate; in 2021 they were
    voted nationwide. Either way each seat is a ballot of its own, won by the candidate (or
    list) with the most votes; ``seats_by_seat`` allows multi-seat ballots (2010: 5 Christian
    seats in one national district).

    References
    ----------
    Shafaq News, 20 Mar 2023, "Iraqi Parliament approves seat allocation for upcoming
    elections" (https://www.shafaq.com/en/Iraq-News/Iraqi-Parliament-approves-seat-allocation-for-upcoming-elections);
    Law 9 of 2020 (2021 election); see RULES.md.

    Examples
    --------
    >>> allocate_quota_seats({"yazidi": {"Khaled": 9686, "Other": 4000}, "shabak": {"Waad": 10499}})
    {'yazidi': ['Khaled'], 'shabak': ['Waad']}
    """
    out: dict[str, list[str]] = {}
    for seat, votes in votes_by_seat.items():
        k = 1 if seats_by_seat is None else seats_by_seat.get(seat, 1)
        names, values = normalize_votes(votes)
        if names is None:
            raise ValidationError(f"quota seat {seat!r}: votes must map candidate -> votes")
        if k > len(names):
            raise InfeasibleQuotaError(
                f"quota seat {seat!r}: {k} seats but only {len(names)} candidates"
            )
        order = sorted(range(len(names)), key=lambda i: (-values[i], i))
        out[seat] = [names[i] for i in order[:k]]
    return out
