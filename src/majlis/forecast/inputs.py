"""Forecast inputs: expected vote shares per district, their uncertainty, blocs and coalitions.

A :class:`ForecastInput` holds everything a simulation needs, validated once:

* the electoral law (a :class:`~majlis.electoral.Law`: method, first divisor, threshold),
  the districts and their general seats, and the seats outside the simulation (minority
  quota seats, fixed);
* the expected vote share of every list in every district (0 where it does not run) and
  the expected valid votes per district (turnout);
* the uncertainty, on the log-share scale (see :mod:`majlis.forecast.simulate`): a national
  error per list shared by every district, a district error per list and district, and a
  turnout error;
* blocs (groups of lists, e.g. the Coordination Framework's lists) and the coalitions of
  blocs or lists whose chances are reported.

Where the numbers come from
---------------------------
:func:`from_election`
    A previous election of a dataset: its votes per district. Where a district's list votes
    are missing, a stated estimate is derived and named in :attr:`ForecastInput.notes`:
    votes from seats where a district's seats are known, and one pooled district holding
    the districts with no list data, with each list's national votes minus its votes
    elsewhere (national votes from the vote share where only the share is known).
:func:`with_estimates`
    A user's means and standard errors, per list nationally (the base is swung towards
    them, proportionally or uniformly) and/or per district (set directly).
:func:`with_poll`
    A national poll: shares and sample size. Its sampling error is that of the Dirichlet
    posterior of the R package ``coalitions`` (Bender & Bauer 2018), to which a systematic
    (house and late-swing) error is added, the error that sank the UK's 2015 polls.
:mod:`majlis.forecast.files`
    The same from a JSON or CSV file (:func:`~majlis.forecast.files.read_input`), and
    :func:`~majlis.forecast.files.forecast_input`, which puts it all together as the CLI does.

References
----------
.. [1] J. Aitchison, *The Statistical Analysis of Compositional Data*, Chapman and Hall,
   1986 (the logistic-normal distribution).
.. [2] J. N. Katz, G. King, "A Statistical Model for Multiparty Electoral Data", *American
   Political Science Review* 93(1), 1999, pp. 15-32 (district vote shares on the log-ratio
   scale).
.. [3] A. Bender, A. Bauer, "coalitions: Coalition probabilities in multi-party democracies",
   *Journal of Open Source Software* 3(23), 2018, 606 (Dirichlet posterior of a poll,
   Jeffreys prior 1/2).
.. [4] P. Sturgis et al., *Report of the Inquiry into the 2015 British general election
   opinion polls*, Market Research Society and British Polling Council, 2016.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from majlis.electoral import get_method
from majlis.errors import UnknownIdError, ValidationError
from majlis.limits import (
    MAX_DISTRICTS,
    MAX_FORECAST_HOUSE,
    MAX_FORECAST_LISTS,
    check_limit,
)
from majlis.model import Dataset, Law, majority_quota, parse_date

__all__ = [
    "DEFAULT_DISTRICT_ERROR",
    "DEFAULT_NATIONAL_ERROR",
    "DEFAULT_TURNOUT_ERROR",
    "SWINGS",
    "Bloc",
    "Estimate",
    "ForecastInput",
    "Poll",
    "alliance_lists",
    "default_blocs",
    "default_coalitions",
    "from_election",
    "with_blocs",
    "with_estimates",
    "with_poll",
]

DEFAULT_NATIONAL_ERROR = 0.15
"""Default sd of a list's national error on the log-share scale (illustrative: a list at 10%
moves by about 1.4 points, one sd, in every district at once)."""
DEFAULT_DISTRICT_ERROR = 0.10
"""Default sd of the district-level error on the log-share scale (illustrative)."""
DEFAULT_TURNOUT_ERROR = 0.10
"""Default log sd of each district's valid votes (half shared nationally)."""
SWINGS = ("proportional", "uniform")
"""How a national estimate moves a list's district shares."""
_POOL = "Other governorates (pooled estimate)"


@dataclass(frozen=True)
class Bloc:
    """A named group of lists whose seats are added up (e.g. a parliamentary alliance)."""

    id: str
    name: str
    members: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"id": self.id, "name": self.name, "members": list(self.members)}


@dataclass(frozen=True)
class Estimate:
    """A vote-share estimate in percent, nationally (``district=None``) or in one district.

    ``se`` (percent) is its standard error; ``None`` keeps the input's default error.
    """

    list: str
    share: float
    se: float | None = None
    district: str | None = None


@dataclass(frozen=True)
class Poll:
    """A national poll: shares in percent per list, and its (effective) sample size."""

    shares: Mapping[str, float]
    sample_size: int


@dataclass(frozen=True, eq=False)
class ForecastInput:
    """Everything a forecast simulates, validated on construction.

    Attributes
    ----------
    name : str
        What this input is (shown with the result).
    law : Law
        The electoral law applied in each district (list PR: divisor or largest remainder).
    house_size : int
        Seats in the house: the districts' seats plus the fixed seats.
    lists, list_names : tuple of str
        List ids (columns) and their display names.
    districts : tuple of str
    seats : tuple of int
        General seats per district.
    shares : numpy.ndarray, shape (districts, lists)
        Expected vote shares (each row is normalised to sum to 1; 0 = does not run).
    national_error : numpy.ndarray, shape (lists,)
        Sd of each list's national error (log-share scale, shared by every district).
    district_error : numpy.ndarray, shape (districts, lists)
        Sd of the district-level error (log-share scale).
    turnout : numpy.ndarray, shape (districts,)
        Expected valid votes per district.
    turnout_error : float
        Log sd of a district's valid votes (half of the variance shared nationally).
    fixed : numpy.ndarray of int, shape (lists,)
        Seats not simulated (e.g. minority quota seats), added to every draw.
    blocs : tuple of Bloc
    coalitions : tuple of tuple of str
        Each coalition's members: bloc ids or list ids.
    election : str
        The base election's id, if any.
    notes : tuple of str
        Where estimates stand in for data, and other caveats.
    """

    name: str
    law: Law
    house_size: int
    lists: tuple[str, ...]
    list_names: tuple[str, ...]
    districts: tuple[str, ...]
    seats: tuple[int, ...]
    shares: np.ndarray
    national_error: np.ndarray
    district_error: np.ndarray
    turnout: np.ndarray
    turnout_error: float = DEFAULT_TURNOUT_ERROR
    fixed: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    blocs: tuple[Bloc, ...] = ()
    coalitions: tuple[tuple[str, ...], ...] = ()
    election: str = ""
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        law = self.law
        if not isinstance(law, Law):
            raise ValidationError(f"law must be a majlis.model.Law, got {type(law).__name__}")
        get_method(law.method)
        if get_method(law.method).family not in ("divisor", "largest-remainder"):
            raise ValidationError(
                f"forecasts need a list-PR law (divisor or largest remainder); {law.id} uses {law.method}"
            )
        lists, districts = tuple(self.lists), tuple(self.districts)
        n, d = len(lists), len(districts)
        if n == 0 or d == 0:
            raise ValidationError("a forecast needs at least one list and one district")
        check_limit(n, MAX_FORECAST_LISTS, "lists per forecast")
        check_limit(d, MAX_DISTRICTS, "districts per forecast")
        _unique(lists, "list")
        _unique(districts, "district")
        if len(self.list_names) != n:
            raise ValidationError(f"{len(self.list_names)} list names for {n} lists")
        seats = tuple(self.seats)
        if len(seats) != d or any(
            isinstance(s, bool) or not isinstance(s, int | np.integer) or s < 1 for s in seats
        ):
            raise ValidationError("seats must give a positive whole number for every district")
        shares = _array(self.shares, (d, n), "shares")
        if (shares < 0).any():
            raise ValidationError("vote shares must not be negative")
        empty = np.flatnonzero(shares.sum(axis=1) <= 0)
        if empty.size:
            raise ValidationError(f"district {districts[empty[0]]!r} has no list with votes")
        shares = shares / shares.sum(axis=1, keepdims=True)
        nat = _array(self.national_error, (n,), "national_error")
        dis = _array(self.district_error, (d, n), "district_error")
        turnout = _array(self.turnout, (d,), "turnout")
        for what, arr in (("national_error", nat), ("district_error", dis)):
            if (arr < 0).any():
                raise ValidationError(f"{what} must not be negative")
        if (turnout <= 0).any():
            raise ValidationError("turnout (valid votes per district) must be positive")
        if not (math.isfinite(self.turnout_error) and self.turnout_error >= 0):
            raise ValidationError(f"turnout_error must be >= 0, got {self.turnout_error!r}")
        fixed = np.zeros(n, dtype=np.int64) if np.size(self.fixed) == 0 else np.asarray(self.fixed)
        if fixed.shape != (n,) or fixed.dtype.kind not in "iu" or (fixed < 0).any():
            raise ValidationError("fixed seats must be one non-negative whole number per list")
        total = int(sum(int(s) for s in seats) + fixed.sum())
        if total != self.house_size:
            raise ValidationError(
                f"district seats ({sum(int(s) for s in seats)}) plus fixed seats ({int(fixed.sum())}) "
                f"make {total}, but the house has {self.house_size}"
            )
        check_limit(self.house_size, MAX_FORECAST_HOUSE, "seats in a forecast's house")
        for name, value in (
            ("lists", lists),
            ("list_names", tuple(self.list_names)),
            ("districts", districts),
            ("seats", tuple(int(s) for s in seats)),
            ("shares", shares),
            ("national_error", nat),
            ("district_error", dis),
            ("turnout", turnout),
            ("fixed", fixed.astype(np.int64)),
            ("blocs", tuple(self.blocs)),
            ("coalitions", tuple(tuple(c) for c in self.coalitions)),
            ("notes", tuple(self.notes)),
        ):
            object.__setattr__(self, name, value)
        self._check_blocs()

    def _check_blocs(self) -> None:
        known = set(self.lists)
        _unique(tuple(b.id for b in self.blocs), "bloc")
        for b in self.blocs:
            if b.id in known:
                raise ValidationError(f"bloc id {b.id!r} is also a list id: rename the bloc")
            if not b.members:
                raise ValidationError(f"bloc {b.id!r} has no lists")
            for m in b.members:
                if m not in known:
                    raise UnknownIdError(f"bloc {b.id!r}: unknown list {m!r}")
        ids = known | {b.id for b in self.blocs}
        for c in self.coalitions:
            if not c:
                raise ValidationError("a coalition needs at least one member")
            _unique(c, "coalition member")
            for m in c:
                if m not in ids:
                    raise UnknownIdError(
                        f"coalition {' + '.join(c)}: unknown bloc or list {m!r} "
                        f"(blocs: {', '.join(b.id for b in self.blocs) or 'none'})"
                    )

    # ------------------------------------------------------------------ derived
    @property
    def weights(self) -> np.ndarray:
        """Each district's share of the expected valid votes."""
        return self.turnout / self.turnout.sum()

    @property
    def national_shares(self) -> np.ndarray:
        """Expected national vote share of each list (districts weighted by turnout)."""
        return self.weights @ self.shares

    @property
    def majority(self) -> int:
        """Absolute majority of the house (165 of 329)."""
        return majority_quota(self.house_size)

    def index(self, list_id: str) -> int:
        """Column of a list id (:class:`~majlis.errors.UnknownIdError` if absent)."""
        try:
            return self.lists.index(list_id)
        except ValueError:
            raise UnknownIdError(f"unknown list {list_id!r} in this forecast input") from None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary: law, districts, lists with national shares, errors, blocs."""
        nat = self.national_shares
        return {
            "name": self.name,
            "election": self.election,
            "law": self.law.id,
            "house_size": self.house_size,
            "districts": dict(zip(self.districts, self.seats)),
            "lists": [
                {
                    "id": lid,
                    "name": name,
                    "share": round(float(nat[i]) * 100, 4),
                    "national_error": round(float(self.national_error[i]), 6),
                    "fixed_seats": int(self.fixed[i]),
                }
                for i, (lid, name) in enumerate(zip(self.lists, self.list_names))
            ],
            "district_error": round(float(np.median(self.district_error)), 6),
            "turnout_error": self.turnout_error,
            "blocs": [b.to_dict() for b in self.blocs],
            "coalitions": [list(c) for c in self.coalitions],
            "notes": list(self.notes),
        }


def _unique(items: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for x in items:
        if x in seen:
            raise ValidationError(f"duplicate {what} {x!r}")
        seen.add(x)


def _array(value: Any, shape: tuple[int, ...], what: str) -> np.ndarray:
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValidationError(f"{what} must be numbers") from None
    if arr.ndim == 0 and len(shape) > 0:
        arr = np.full(shape, float(arr))
    if arr.shape != shape:
        raise ValidationError(f"{what} must have shape {shape}, got {arr.shape}")
    if not np.isfinite(arr).all():
        raise ValidationError(f"{what} must be finite numbers")
    return arr


# ---------------------------------------------------------------------- blocs
def alliance_lists(dataset: Dataset, alliance_id: str, on: dt.date | str) -> list[str]:
    """Party ids in an alliance on a date, directly or through member alliances.

    Unlike :meth:`~majlis.model.Parliament.alliance_members` this does not need the
    parties to hold seats (a forecast asks about parties that may win some).

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> ds = load_dataset("iraq")
    >>> "rdc" in alliance_lists(ds, "cf", "2025-12-29"), "rdc" in alliance_lists(ds, "cf", "2025-11-11")
    (True, False)
    """
    day = parse_date(on)
    dataset.alliance(alliance_id)
    found: list[str] = []
    stack, seen = [alliance_id], set()
    memberships = dataset.memberships_on(day)
    while stack:
        aid = stack.pop()
        if aid in seen:
            continue
        seen.add(aid)
        for m in memberships:
            if m.alliance == aid:
                if any(p.id == m.member for p in dataset.parties):
                    found.append(m.member)
                else:
                    stack.append(m.member)
    return sorted(set(found))


_FAMILY_NAMES = {
    "shia": "Shia",
    "sunni": "Sunni",
    "kurdish": "Kurdish",
    "minority": "Minority",
    "civil": "Civil",
    "independent": "Independent",
    "unknown": "Unclassified",
}


def default_blocs(dataset: Dataset, lists: Sequence[str], on: dt.date | str) -> tuple[Bloc, ...]:
    """Blocs from the data: alliances of kind ``bloc`` active on ``on``, then families.

    Each alliance of kind ``bloc`` in force that day with members among ``lists`` is a bloc;
    the remaining lists are grouped by their party's family (``Kurdish lists``, ``Sunni
    lists``, ``Other Shia lists`` when some Shia lists are in an alliance bloc...). Lists
    that are not parties of the dataset form ``Other lists``. The blocs partition ``lists``.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> ds = load_dataset("iraq")
    >>> [b.id for b in default_blocs(ds, ["sol", "rdc", "kdp", "puk", "taqaddum", "asas"], "2025-12-29")]
    ['cf', 'kurdish', 'shia', 'sunni']
    """
    day = parse_date(on)
    parties = {p.id: p for p in dataset.parties}
    left = list(lists)
    out: list[Bloc] = []
    in_alliance_families: set[str] = set()
    for a in sorted(dataset.alliances, key=lambda a: a.id):
        if a.kind != "bloc" or not a.active(day):
            continue
        members = [x for x in left if x in set(alliance_lists(dataset, a.id, day))]
        if members:
            out.append(Bloc(a.id, a.name, tuple(members)))
            in_alliance_families |= {parties[m].family for m in members if m in parties}
            left = [x for x in left if x not in members]
    by_family: dict[str, list[str]] = {}
    for x in left:
        fam = parties[x].family if x in parties else "other"
        by_family.setdefault(fam, []).append(x)
    taken = set(lists)
    for fam in sorted(by_family):
        bid = fam if fam not in taken else f"{fam}-lists"
        label = _FAMILY_NAMES.get(fam, fam.capitalize())
        name = f"Other {label} lists" if fam in in_alliance_families else f"{label} lists"
        out.append(Bloc(bid, name, tuple(by_family[fam])))
    return tuple(out)


def default_coalitions(
    blocs: Sequence[Bloc], expected: Mapping[str, float], *, min_share: float = 0.05
) -> tuple[tuple[str, ...], ...]:
    """The largest bloc alone, with each other sizeable bloc, and with the next two largest.

    ``expected`` gives each bloc's expected seats (for the order); blocs below ``min_share``
    of the expected total are left out of the pairs.

    Examples
    --------
    >>> b = [Bloc("a", "A", ("x",)), Bloc("b", "B", ("y",)), Bloc("c", "C", ("z",)), Bloc("d", "D", ("w",))]
    >>> default_coalitions(b, {"a": 150, "b": 60, "c": 50, "d": 5})
    (('a',), ('a', 'b'), ('a', 'c'), ('a', 'b', 'c'))
    """
    order = sorted(blocs, key=lambda b: (-expected.get(b.id, 0.0), b.id))
    if not order:
        return ()
    total = sum(expected.values()) or 1.0
    top = order[0].id
    rest = [b.id for b in order[1:] if expected.get(b.id, 0.0) >= min_share * total]
    out: list[tuple[str, ...]] = [(top,)] + [(top, r) for r in rest]
    if len(rest) >= 2:
        out.append((top, rest[0], rest[1]))
    return tuple(out)


def with_blocs(
    inp: ForecastInput,
    blocs: Sequence[Bloc] | None,
    coalitions: Sequence[Sequence[str]] | None = None,
) -> ForecastInput:
    """Replace the blocs and coalitions (``None`` coalitions: :func:`default_coalitions`).

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> inp = from_election(load_dataset("iraq"), 2025)
    >>> inp2 = with_blocs(inp, [Bloc("kurds", "Kurdish parties", ("kdp", "puk"))], [["kurds", "sol"]])
    >>> inp2.coalitions
    (('kurds', 'sol'),)
    """
    blocs = tuple(blocs or ())
    if coalitions is None:
        seats = _expected_seats(inp)
        exp = {b.id: sum(seats[inp.index(m)] for m in b.members) for b in blocs if b.members}
        coalitions = default_coalitions(blocs, exp)
    return replace(inp, blocs=blocs, coalitions=tuple(tuple(c) for c in coalitions))


def _expected_seats(inp: ForecastInput) -> np.ndarray:
    """A rough seat expectation per list (shares times district seats) for ordering only."""
    return (inp.shares * np.array(inp.seats)[:, None]).sum(axis=0) + inp.fixed


# ---------------------------------------------------------------------- from an election
def from_election(
    dataset: Dataset,
    election: str | int | None = None,
    *,
    national_error: float = DEFAULT_NATIONAL_ERROR,
    district_error: float = DEFAULT_DISTRICT_ERROR,
    turnout_error: float = DEFAULT_TURNOUT_ERROR,
    blocs_on: dt.date | str | None = None,
    blocs: Sequence[Bloc] | None = None,
    coalitions: Sequence[Sequence[str]] | None = None,
) -> ForecastInput:
    """A forecast input whose expected shares are an election's own results.

    Parameters
    ----------
    dataset : Dataset
    election : str or int, optional
        Election id or year; default the latest election of the dataset.
    national_error, district_error, turnout_error : float
        Uncertainty on the log-share scale (see :mod:`majlis.forecast.simulate`).
    blocs_on : date or str, optional
        Date of the memberships for the default blocs; default the day the elected house
        first sat (the polling day if unknown).
    blocs, coalitions : optional
        Replace :func:`default_blocs` and :func:`default_coalitions`.

    Returns
    -------
    ForecastInput
        Every list with votes in the data; the election's law and district magnitudes; its
        minority seats fixed; notes naming each estimate used in place of missing data.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> inp = from_election(load_dataset("iraq"), 2025)
    >>> inp.law.id, inp.house_size, sum(inp.seats), int(inp.fixed.sum())
    ('iraq-2025', 329, 320, 9)
    >>> inp.blocs[0].name
    'Coordination Framework'
    """
    if election is None:
        if not dataset.elections:
            raise ValidationError(f"dataset {dataset.name!r} has no elections")
        e = max(dataset.elections, key=lambda x: x.date)
    else:
        e = dataset.election(election)
    law = dataset.law(e.law)
    magnitudes = {d.name: d.seats for d in dataset.districts_of(e.id)} or dict(
        law.seats_by_district
    )
    if not magnitudes:
        raise ValidationError(
            f"election {e.id!r}: the law {law.id} has no district magnitudes and the dataset lists no districts"
        )
    names = {p.id: p.name for p in dataset.parties}
    national: dict[str, tuple[int | None, float | None, int | None]] = {}
    fixed: dict[str, int] = {}
    by_district: dict[str, dict[str, tuple[int | None, int | None]]] = {}
    for r in dataset.results_of(e.id, district=None):
        if r.seat_type != "general":
            if not r.district:
                fixed[r.party] = fixed.get(r.party, 0) + (r.seats or 0)
            continue
        if r.district:
            by_district.setdefault(r.district, {})[r.party] = (r.votes, r.seats)
        else:
            national[r.party] = (r.votes, r.vote_share, r.seats)
    notes: list[str] = [f"expected shares: the {e.id} results in the data ({dataset.name})"]
    unknown = [d for d in by_district if d not in magnitudes]
    if unknown:
        raise ValidationError(f"election {e.id!r}: results for unknown district {unknown[0]!r}")
    # ---- national votes per list (from the share where the count is missing)
    both = [(v, s) for v, s, _ in national.values() if v and s]
    total_valid = sum(v for v, _ in both) / sum(s for _, s in both) * 100 if both else None
    nat_votes: dict[str, float] = {}
    from_share: list[str] = []
    for pid, (v, s, _) in national.items():
        if v is not None:
            nat_votes[pid] = float(v)
        elif s is not None and total_valid is not None:
            nat_votes[pid] = s / 100 * total_valid
            from_share.append(pid)
    if from_share:
        notes.append(
            f"national votes estimated from the vote share for {len(from_share)} lists "
            f"(valid votes taken as {total_valid:,.0f})"
        )
    votes_per_seat = (total_valid or 0) / sum(magnitudes.values()) if total_valid else None
    # ---- districts with data: votes, or votes estimated from seats
    district_votes: dict[str, dict[str, float]] = {}
    from_seats: list[str] = []
    for d, rows in by_district.items():
        known = {p: v for p, (v, _) in rows.items() if v}
        ratio_rows = [(v, s) for v, s in rows.values() if v and s]
        ratio: float | None
        if ratio_rows:
            ratio = sum(v for v, _ in ratio_rows) / sum(s for _, s in ratio_rows)
        else:
            ratio = votes_per_seat
        est = {p: s * ratio for p, (v, s) in rows.items() if not v and s and ratio}
        if not known and not est:
            continue
        from_seats += [f"{d}/{names.get(p, p)}" for p in est]
        district_votes[d] = {**{p: float(v) for p, v in known.items()}, **est}
    if from_seats:
        notes.append(
            "votes estimated from seats (the district's votes per seat) for: "
            + ", ".join(from_seats)
        )
    # ---- the rest pooled: national votes minus the votes counted in districts
    missing = [d for d in magnitudes if d not in district_votes]
    districts = [d for d in magnitudes if d in district_votes]
    seats = [magnitudes[d] for d in districts]
    if missing:
        counted: dict[str, float] = {}
        for dv in district_votes.values():
            for p, x in dv.items():
                counted[p] = counted.get(p, 0.0) + x
        pool = {
            p: x - counted.get(p, 0.0) for p, x in nat_votes.items() if x - counted.get(p, 0.0) > 0
        }
        if not pool:
            raise ValidationError(
                f"election {e.id!r}: {len(missing)} districts have no list votes and no national votes are left to spread"
            )
        pooled_seats = sum(magnitudes[d] for d in missing)
        district_votes[_POOL] = pool
        districts.append(_POOL)
        seats.append(pooled_seats)
        notes.append(
            f"{len(missing)} governorates without list votes in the data ({', '.join(missing)}; "
            f"{pooled_seats} seats) are pooled into one district holding each list's national votes "
            "minus its votes in the governorates with data (an estimate: one pooled allocation is "
            "more proportional than separate ones)"
        )
    lists = sorted(
        {p for dv in district_votes.values() for p, v in dv.items() if v > 0} | set(fixed),
        key=lambda p: (-nat_votes.get(p, sum(dv.get(p, 0.0) for dv in district_votes.values())), p),
    )
    if not lists:
        raise ValidationError(f"election {e.id!r} has no list votes in dataset {dataset.name!r}")
    col = {p: i for i, p in enumerate(lists)}
    shares = np.zeros((len(districts), len(lists)))
    for i, d in enumerate(districts):
        for p, x in district_votes[d].items():
            if x > 0:
                shares[i, col[p]] = x
    turnout = shares.sum(axis=1)
    fixed_vec = np.zeros(len(lists), dtype=np.int64)
    for p, k in fixed.items():
        fixed_vec[col[p]] += k
    house_fixed = e.house_size - sum(seats)
    if int(fixed_vec.sum()) != house_fixed:
        raise ValidationError(
            f"election {e.id!r}: {sum(seats)} district seats and {int(fixed_vec.sum())} seats of other "
            f"types do not make the house of {e.house_size}"
        )
    if fixed:
        notes.append(
            f"{int(fixed_vec.sum())} seats of other types (minority quota seats) are fixed, not simulated"
        )
    if law.women_quota != "none":
        notes.append(
            "the women's quota changes who sits for a list, not list totals: not simulated"
        )
    on = blocs_on if blocs_on is not None else (e.first_session or e.date)
    inp = ForecastInput(
        name=f"{dataset.name} {e.id}: the {e.id} results with illustrative uncertainty",
        law=law,
        house_size=e.house_size,
        lists=tuple(lists),
        list_names=tuple(names.get(p, p) for p in lists),
        districts=tuple(districts),
        seats=tuple(seats),
        shares=shares,
        national_error=np.full(len(lists), float(national_error)),
        district_error=np.full(shares.shape, float(district_error)),
        turnout=turnout,
        turnout_error=float(turnout_error),
        fixed=fixed_vec,
        election=e.id,
        notes=tuple(notes),
    )
    if blocs is None:
        blocs = default_blocs(dataset, lists, on)
    return with_blocs(inp, blocs, coalitions)


# ---------------------------------------------------------------------- estimates and polls
def _resolve(inp: ForecastInput, dataset: Dataset | None, ref: str) -> str:
    """A list id of ``inp`` (or of the dataset) from an id or a name."""
    ref = str(ref).strip()
    if ref in inp.lists:
        return ref
    low = ref.casefold()
    for lid, name in zip(inp.lists, inp.list_names):
        if name.casefold() == low:
            return lid
    if dataset is not None:
        for p in dataset.parties:
            if p.id == ref or p.name.casefold() == low:
                return p.id
    raise UnknownIdError(
        f"unknown list {ref!r}: give a list id or name of the forecast"
        + (f" or of dataset {dataset.name!r}" if dataset is not None else "")
    )


def _add_lists(inp: ForecastInput, ids: Sequence[str], dataset: Dataset | None) -> ForecastInput:
    new = [i for i in dict.fromkeys(ids) if i not in inp.lists]
    if not new:
        return inp
    names = {p.id: p.name for p in dataset.parties} if dataset is not None else {}
    k = len(new)
    return replace(
        inp,
        lists=inp.lists + tuple(new),
        list_names=inp.list_names + tuple(names.get(i, i) for i in new),
        shares=np.hstack([inp.shares, np.zeros((len(inp.districts), k))]),
        national_error=np.concatenate([inp.national_error, np.full(k, DEFAULT_NATIONAL_ERROR)]),
        district_error=np.hstack(
            [
                inp.district_error,
                np.full((len(inp.districts), k), float(np.median(inp.district_error))),
            ]
        ),
        fixed=np.concatenate([inp.fixed, np.zeros(k, dtype=np.int64)]),
        notes=inp.notes
        + (
            f"new lists with no votes in the base, given the same share in every district: {', '.join(new)}",
        ),
    )


def _log_sd(share: float, se: float) -> float:
    """Log-share sd whose logistic-normal share has standard error ``se`` (both fractions).

    ``se / (p * sqrt(1 - p))``: exact for multinomial-shaped errors, where it gives the
    log-gamma sd ``1 / sqrt(n p)`` of the Dirichlet's gamma representation.
    """
    return se / (share * math.sqrt(max(1.0 - share, 1e-9)))


def _check_share(value: Any, what: str) -> float:
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{what}: share {value!r} is not a number") from None
    if not (math.isfinite(x) and 0 < x < 100):
        raise ValidationError(
            f"{what}: share must be a percentage between 0 and 100, got {value!r}"
        )
    return x / 100


def _check_se(value: Any, what: str) -> float | None:
    if value is None or value == "":
        return None
    try:
        x = float(value)
    except (TypeError, ValueError):
        raise ValidationError(f"{what}: se {value!r} is not a number") from None
    if not (math.isfinite(x) and 0 <= x < 100):
        raise ValidationError(f"{what}: se must be a percentage between 0 and 100, got {value!r}")
    return x / 100


def _swing(
    shares: np.ndarray, weights: np.ndarray, targets: Mapping[int, float], swing: str
) -> tuple[np.ndarray, float]:
    """Move district shares until the national shares meet ``targets`` (iterative raking).

    Proportional swing multiplies a list's share in every district by a common factor;
    uniform swing adds a common number of points where the list runs (never below a floor).
    Lists without a target share the rest in their base proportions.
    """
    s = shares.copy()
    runs = s > 0
    cols = np.array(sorted(targets), dtype=np.int64)
    t = np.array([targets[c] for c in cols])
    rest = np.ones(s.shape[1], dtype=bool)
    rest[cols] = False
    for c, v in zip(cols, t):
        if not runs[:, c].any():  # a new list: the same share everywhere to start with
            s[:, c] = v
            runs[:, c] = True
    floor = 1e-6
    for _ in range(200):
        nat = weights @ s
        if swing == "proportional":
            s[:, cols] *= t / np.maximum(nat[cols], 1e-300)
        else:
            w_run = np.maximum(weights @ runs[:, cols], 1e-300)
            s[:, cols] = np.where(
                runs[:, cols], np.maximum(s[:, cols] + (t - nat[cols]) / w_run, floor), 0
            )
        if rest.any():
            left = max(1.0 - float(t.sum()), 0.0)
            now = float(nat[rest].sum())
            if now > 0:
                s[:, rest] *= left / now
        s /= s.sum(axis=1, keepdims=True)
        if np.abs((weights @ s)[cols] - t).max() < 1e-12:
            break
    return s, float(np.abs((weights @ s)[cols] - t).max())


def with_estimates(
    inp: ForecastInput,
    estimates: Sequence[Estimate],
    *,
    swing: str = "proportional",
    dataset: Dataset | None = None,
) -> ForecastInput:
    """Move the expected shares to a user's estimates (percent), with their standard errors.

    National estimates (``district=None``) swing every district of the list
    (:data:`SWINGS`) until the national shares meet them; a national ``se`` sets the list's
    national error. District estimates then set that district's share directly (the other
    lists shrink in proportion), their ``se`` the district error. Lists are ids or names of
    the input, or parties of ``dataset`` (new lists).

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> inp = from_election(load_dataset("iraq"), 2025)
    >>> new = with_estimates(inp, [Estimate("rdc", 20.0, se=2.0)])
    >>> round(float(new.national_shares[new.index("rdc")]) * 100, 6)
    20.0
    """
    if swing not in SWINGS:
        raise ValidationError(f"unknown swing {swing!r}: use one of {', '.join(SWINGS)}")
    estimates = list(estimates)
    if not estimates:
        return inp
    resolved = [(_resolve(inp, dataset, e.list), e) for e in estimates]
    inp = _add_lists(inp, [lid for lid, _ in resolved], dataset)
    nat_err = inp.national_error.copy()
    dis_err = inp.district_error.copy()
    targets: dict[int, float] = {}
    by_district: dict[int, dict[int, float]] = {}
    for lid, e in resolved:
        where = f"estimate for {lid!r}" + (f" in {e.district!r}" if e.district else "")
        share = _check_share(e.share, where)
        se = _check_se(e.se, where)
        j = inp.index(lid)
        if e.district in (None, ""):
            if j in targets:
                raise ValidationError(f"two national estimates for {lid!r}")
            targets[j] = share
            if se is not None:
                nat_err[j] = _log_sd(share, se)
        else:
            if e.district not in inp.districts:
                raise UnknownIdError(
                    f"{where}: unknown district; use one of {', '.join(inp.districts)}"
                )
            d = inp.districts.index(e.district)
            if j in by_district.setdefault(d, {}):
                raise ValidationError(f"two estimates for {lid!r} in {e.district!r}")
            by_district[d][j] = share
            if se is not None:
                dis_err[d, j] = _log_sd(share, se)
    notes = list(inp.notes)
    shares = inp.shares
    if targets:
        total = sum(targets.values())
        running = inp.national_shares > 0
        others = [j for j in range(len(inp.lists)) if j not in targets and running[j]]
        if total > 1 + 1e-9:
            raise ValidationError(
                f"national estimates add up to {total * 100:.1f}%, more than 100%"
            )
        if not others and total < 1 - 1e-9:
            targets = {j: v / total for j, v in targets.items()}
            notes.append(f"national estimates added up to {total * 100:.1f}%: rescaled to 100%")
        shares, miss = _swing(shares, inp.weights, targets, swing)
        notes.append(
            f"national estimates for {len(targets)} lists applied by {swing} swing"
            + (f" (closest reachable: off by up to {miss * 100:.2f} points)" if miss > 5e-4 else "")
        )
    if by_district:
        shares = shares.copy()
        for d, cells in by_district.items():
            fixed = sum(cells.values())
            if fixed > 1 + 1e-9:
                raise ValidationError(
                    f"estimates in {inp.districts[d]!r} add up to {fixed * 100:.1f}%, more than 100%"
                )
            given = list(cells)
            free = np.ones(shares.shape[1], dtype=bool)
            free[given] = False
            rest = shares[d, free].sum()
            if rest > 0:
                shares[d, free] *= (1 - fixed) / rest
            shares[d, given] = [cells[j] for j in given]
        notes.append(
            f"district estimates set for {sum(len(c) for c in by_district.values())} lists"
        )
    return replace(
        inp, shares=shares, national_error=nat_err, district_error=dis_err, notes=tuple(notes)
    )


def with_poll(
    inp: ForecastInput,
    poll: Poll,
    *,
    swing: str = "proportional",
    systematic_error: float | None = None,
    dataset: Dataset | None = None,
) -> ForecastInput:
    """Swing the base to a national poll; its error is sampling error plus a systematic error.

    A list at share ``p`` in a poll of ``n`` gets the national log-share sd
    ``sqrt(1 / (n p + 1/2) + systematic_error**2)``: the first term is the log-gamma
    variance of the Dirichlet posterior ``Dirichlet(n p + 1/2)`` that the R package
    ``coalitions`` draws from (Jeffreys prior 1/2), the second the error every poll of the
    same election shares (default: the input's median national error).

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> inp = from_election(load_dataset("iraq"), 2025)
    >>> p = with_poll(inp, Poll({"rdc": 15.0, "sol": 8.0}, 2000), systematic_error=0.0)
    >>> round(float(p.national_error[p.index("rdc")]), 4)  # sqrt(1 / (2000 * 0.15 + 0.5))
    0.0577
    """
    if (
        isinstance(poll.sample_size, bool)
        or not isinstance(poll.sample_size, int)
        or poll.sample_size < 1
    ):
        raise ValidationError(
            f"poll sample_size must be a positive whole number, got {poll.sample_size!r}"
        )
    if not poll.shares:
        raise ValidationError("the poll has no shares")
    sys_err = (
        float(np.median(inp.national_error))
        if systematic_error is None
        else float(systematic_error)
    )
    if not (math.isfinite(sys_err) and sys_err >= 0):
        raise ValidationError(f"systematic_error must be >= 0, got {systematic_error!r}")
    n = poll.sample_size
    estimates = []
    for ref, share in poll.shares.items():
        _check_share(share, f"poll share of {ref!r}")
        estimates.append(Estimate(str(ref), float(share)))  # errors set below
    out = with_estimates(inp, estimates, swing=swing, dataset=dataset)
    nat = out.national_error.copy()
    for ref, share in poll.shares.items():
        p = float(share) / 100
        nat[out.index(_resolve(out, dataset, str(ref)))] = math.sqrt(1 / (n * p + 0.5) + sys_err**2)
    return replace(
        out,
        national_error=nat,
        notes=out.notes
        + (
            f"poll of {n:,}: sampling error (Dirichlet posterior) plus systematic error {sys_err:g}",
        ),
    )
