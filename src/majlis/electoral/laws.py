"""Electoral-law presets: small declarative objects, applied to any election's votes.

A :class:`Law` names the method, first divisor, districts and their magnitudes, threshold,
women's-quota rule and minority seats; :func:`apply_law` runs it on votes per district.
A new country's law is a new preset, not new code. Counterfactuals are one law applied
to another election's votes (:func:`compare_laws`).

Built-in presets (:data:`LAWS`) for Iraq's Council of Representatives; the sources are in
``/work/shared/data/iraq/RULES.md`` (copied in each preset's ``sources``):

=========== ============================================================= ==========
id          rule                                                          verified
=========== ============================================================= ==========
iraq-2010   Hare largest remainder per governorate (310 + 8 minority +   partly
            7 compensatory; the compensatory tier is not modelled)
iraq-2014   Sainte-Laguë, first divisor 1.6, 18 governorates (320 + 8)    no (1.6)
iraq-2018   Sainte-Laguë, first divisor 1.7, 18 governorates (320 + 9)    yes
iraq-2021   SNTV in 83 districts (320 + 9), one woman per district        yes
iraq-2025   Sainte-Laguë, first divisor 1.7, 18 governorates (320 + 9)    yes
=========== ============================================================= ==========
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
from majlis.errors import UnknownIdError, ValidationError

__all__ = [
    "IRAQ_GOVERNORATE_SEATS",
    "LAWS",
    "Law",
    "LawResult",
    "apply_law",
    "compare_laws",
    "elect_candidates",
    "get_law",
]

# General (non-minority) seats per governorate, 2014-2025: governorates.csv (general_seats),
# from the 2018/2025 seat tables (Kirkuk Now; Shafaq 2025; IPU PARLINE), sum 320.
IRAQ_GOVERNORATE_SEATS: dict[str, int] = {
    "Baghdad": 69,
    "Nineveh": 31,
    "Basra": 25,
    "Dhi Qar": 19,
    "Sulaymaniyah": 18,
    "Babil": 17,
    "Anbar": 15,
    "Erbil": 15,
    "Diyala": 14,
    "Kirkuk": 12,
    "Salahuddin": 12,
    "Najaf": 12,
    "Wasit": 11,
    "Qadisiyah": 11,
    "Maysan": 10,
    "Karbala": 11,
    "Dohuk": 11,
    "Muthanna": 7,
}
# Women's quota seats per governorate (one per 2021 district; 83 in all).
_IRAQ_WOMEN = {
    "Baghdad": 17,
    "Nineveh": 8,
    "Basra": 6,
    "Dhi Qar": 5,
    "Sulaymaniyah": 5,
    "Babil": 4,
    "Anbar": 4,
    "Erbil": 4,
    "Diyala": 4,
    "Kirkuk": 3,
    "Salahuddin": 3,
    "Najaf": 3,
    "Wasit": 3,
    "Qadisiyah": 3,
    "Maysan": 3,
    "Karbala": 3,
    "Dohuk": 3,
    "Muthanna": 2,
}
# 2010 governorate seats (Carnegie, Dec 2009), sum 310.
_IRAQ_2010 = {
    "Baghdad": 68,
    "Nineveh": 31,
    "Basra": 24,
    "Dhi Qar": 18,
    "Babil": 16,
    "Sulaymaniyah": 17,
    "Anbar": 14,
    "Erbil": 14,
    "Diyala": 13,
    "Kirkuk": 12,
    "Salahuddin": 12,
    "Najaf": 12,
    "Wasit": 11,
    "Qadisiyah": 11,
    "Maysan": 10,
    "Dohuk": 10,
    "Karbala": 10,
    "Muthanna": 7,
}
_MINORITY_9 = (
    ("christian_baghdad", "Christian", "Baghdad"),
    ("christian_nineveh", "Christian", "Nineveh"),
    ("christian_kirkuk", "Christian", "Kirkuk"),
    ("christian_erbil", "Christian", "Erbil"),
    ("christian_dohuk", "Christian", "Dohuk"),
    ("yazidi", "Yazidi", "Nineveh"),
    ("shabak", "Shabak", "Nineveh"),
    ("sabean_mandaean", "Sabean-Mandaean", "Baghdad"),
    ("feyli_kurd", "Feyli Kurd", "Wasit"),
)
_GOVERNORATE_ALIASES = {
    "Qadisiyah (Diwaniyah)": "Qadisiyah",
    "Diwaniyah": "Qadisiyah",
    "Babylon": "Babil",
    "Ninewa": "Nineveh",
    "Duhok": "Dohuk",
    "Salah al-Din": "Salahuddin",
    "Thi Qar": "Dhi Qar",
    "Sulaimaniya": "Sulaymaniyah",
    "Kerbala": "Karbala",
}


@dataclass(frozen=True)
class Law:
    """A declarative electoral law.

    Attributes
    ----------
    id, name : str
        Registry id (``"iraq-2025"``) and a human name.
    method : str
        A method id of :func:`~majlis.electoral.allocate_seats`.
    first_divisor : str or None
        First divisor (exact decimal string, e.g. ``"1.7"``) for divisor methods.
    seats_by_district : tuple of (district, seats)
        Default magnitudes (empty when the user must give them, e.g. 2021's 83 districts).
    threshold, threshold_scope
        Legal threshold as a share of valid votes, per ``"district"`` or ``"national"``.
    women_quota : str
        The women's-quota rule id (``"list-2025"``, ``"district-sntv-2021"``,
        ``"after-three-men"``, ``"governorate-top-women-2010"`` or ``"none"``).
    women_seats_by_district : tuple of (district, seats)
    minority_seats : tuple of (seat id, community, governorate)
    verified : bool
        False when a parameter rests on an unverified source (flagged in ``notes``).
    """

    id: str
    name: str
    method: str
    first_divisor: str | None = None
    seats_by_district: tuple[tuple[str, int], ...] = ()
    threshold: str | None = None
    threshold_scope: str = "district"
    women_quota: str = "none"
    women_seats_by_district: tuple[tuple[str, int], ...] = ()
    minority_seats: tuple[tuple[str, str, str], ...] = ()
    total_seats: int | None = None
    verified: bool = True
    notes: str = ""
    sources: tuple[str, ...] = ()

    @property
    def general_seats(self) -> int:
        """Seats allocated from the general (district) ballots."""
        return sum(s for _, s in self.seats_by_district)

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict of the preset."""
        d = dict(self.__dict__)
        d["seats_by_district"] = dict(self.seats_by_district)
        d["women_seats_by_district"] = dict(self.women_seats_by_district)
        d["minority_seats"] = [
            dict(id=i, community=c, governorate=g) for i, c, g in self.minority_seats
        ]
        d["sources"] = list(self.sources)
        return d


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


_RULES = "/work/shared/data/iraq/RULES.md"
LAWS: dict[str, Law] = {}
"""Built-in law presets by id."""


def _register(law: Law) -> Law:
    get_method(law.method)  # fail early on a typo
    LAWS[law.id] = law
    return law


_register(
    Law(
        id="iraq-2010",
        name="Iraq 2010: Law 16/2005 as amended by Law 26/2009",
        method="hare",
        seats_by_district=tuple(_IRAQ_2010.items()),
        women_quota="governorate-top-women-2010",
        minority_seats=tuple(m for m in _MINORITY_9 if m[0] != "feyli_kurd"),
        total_seats=325,
        verified=False,
        notes="Hare quota with largest remainders per governorate; the 7 national compensatory seats "
        "are not modelled; IHEC's exact remainder rules not verified.",
        sources=(
            "Carnegie 14 Dec 2009 (seat table)",
            "Al Jazeera 2010 (electoral divider)",
            "historiae.org/proportional.asp (Hare, largest remainders)",
            _RULES,
        ),
    )
)
_register(
    Law(
        id="iraq-2014",
        name="Iraq 2014: Law 45 of 2013",
        method="sainte-lague",
        first_divisor="1.6",
        seats_by_district=tuple(IRAQ_GOVERNORATE_SEATS.items()),
        women_quota="after-three-men",
        minority_seats=tuple(m for m in _MINORITY_9 if m[0] != "feyli_kurd"),
        total_seats=328,
        verified=False,
        notes="First divisor 1.6 is from general knowledge, not confirmed by a stored source [UNVERIFIED].",
        sources=("IPU PARLINE 2151 (328 = 320 + 8)", "Shafaq (Law 45 of 2013)", _RULES),
    )
)
_register(
    Law(
        id="iraq-2018",
        name="Iraq 2018: Law 45/2013 as amended; IHEC system No. 12/2018",
        method="sainte-lague",
        first_divisor="1.7",
        seats_by_district=tuple(IRAQ_GOVERNORATE_SEATS.items()),
        women_quota="after-three-men",
        minority_seats=_MINORITY_9,
        total_seats=329,
        notes="List votes / 1.7, 3, 5, 7, ...; candidates within a list by personal votes; no legal threshold.",
        sources=(
            "International IDEA ans130355941059621 (System No. 12/2018)",
            "Kirkuk Now (329 = 320 + 9)",
            _RULES,
        ),
    )
)
_register(
    Law(
        id="iraq-2021",
        name="Iraq 2021: Law 9 of 2020 (SNTV, 83 districts)",
        method="sntv",
        women_quota="district-sntv-2021",
        women_seats_by_district=tuple(_IRAQ_WOMEN.items()),
        minority_seats=_MINORITY_9,
        total_seats=329,
        notes="Votes are per candidate; give the 83 district magnitudes (3-5 seats) as seats_by_district; "
        "one seat per district reserved for a woman.",
        sources=(
            "Chatham House 2021 (two major changes)",
            "Shafaq (districts law)",
            "International IDEA quota database",
            _RULES,
        ),
    )
)
_register(
    Law(
        id="iraq-2025",
        name="Iraq 2025: third amendment (27 Mar 2023) to Law 12/2018",
        method="sainte-lague",
        first_divisor="1.7",
        seats_by_district=tuple(IRAQ_GOVERNORATE_SEATS.items()),
        women_quota="list-2025",
        women_seats_by_district=tuple(_IRAQ_WOMEN.items()),
        minority_seats=_MINORITY_9,
        total_seats=329,
        notes="Each governorate one district; votes / 1.7, 3, 5, 7, ...; women: list owes seats/4, then "
        "seats/3 while the governorate is short (IHEC system No. 2 of 2025); quota seats one "
        "district each within their governorate.",
        sources=(
            "Shafaq 27 Mar 2023 (1.7 divisor)",
            "Shafaq 20 Mar 2023 (seat allocation)",
            "Shafaq 14 Nov 2025 (quota mechanism)",
            _RULES,
        ),
    )
)


def get_law(law: str | Law) -> Law:
    """Return the preset ``law`` (an id or a Law) or raise UnknownIdError.

    Examples
    --------
    >>> get_law("iraq-2025").first_divisor, get_law("iraq-2025").general_seats
    ('1.7', 320)
    """
    if isinstance(law, Law):
        return law
    try:
        return LAWS[law]
    except (KeyError, TypeError):
        raise UnknownIdError(f"unknown law {law!r}: use one of {', '.join(sorted(LAWS))}") from None


def canonical_governorate(name: str) -> str:
    """Map common spellings (``Qadisiyah (Diwaniyah)``, ``Ninewa``...) to the preset's names."""
    return _GOVERNORATE_ALIASES.get(name, name)


def apply_law(
    law: str | Law,
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
    law : str or Law
        A preset id from :data:`LAWS` or a :class:`Law`.
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
    >>> r = apply_law("iraq-2018", {"Erbil": {"KDP": 316_001, "PUK": 77_792, "NG": 69_123}})
    >>> r.districts["Erbil"]
    {'KDP': 10, 'PUK': 3, 'NG': 2}
    """
    law = get_law(law)
    default = dict(law.seats_by_district)
    seats: dict[str, int] = {}
    votes: dict[str, Mapping[str, int]] = {}
    for d, v in votes_by_district.items():
        key = (
            d
            if (seats_by_district and d in seats_by_district) or d in default
            else canonical_governorate(d)
        )
        if seats_by_district is not None and d in seats_by_district:
            seats[d] = seats_by_district[d]
        elif key in default:
            seats[d] = default[key]
        else:
            raise ValidationError(
                f"law {law.id} has no seat count for district {d!r}; pass seats_by_district"
            )
        votes[d] = v
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
    laws: Sequence[str | Law],
    *,
    estimated: Collection[str] = (),
) -> dict[str, LawResult]:
    """Apply several laws to the same votes (counterfactuals), keyed by law id.

    Examples
    --------
    >>> v = {"Erbil": {"KDP": 316_001, "PUK": 77_792, "NG": 69_123, "CDJ": 49_266}}
    >>> {k: r.totals for k, r in compare_laws(v, ["iraq-2010", "iraq-2018"]).items()}
    {'iraq-2010': {'KDP': 9, 'PUK': 2, 'NG': 2, 'CDJ': 1}, 'iraq-2018': {'KDP': 10, 'PUK': 2, 'NG': 2, 'CDJ': 1}}
    """
    return {get_law(law).id: apply_law(law, votes_by_district, estimated=estimated) for law in laws}


def elect_candidates(
    law: str | Law,
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
    >>> res, elected = elect_candidates("iraq-2021", {"Karbala-1": c}, {"Karbala-1": 3})
    >>> [x.name for x in elected["Karbala-1"]], res.totals
    (['Ali', 'Omar', 'Huda'], {'X': 1, 'Y': 2})
    """
    law = get_law(law)
    default = dict(law.seats_by_district)
    women = dict(law.women_seats_by_district)
    elected: dict[str, list[Candidate]] = {}
    districts: dict[str, dict[str, int]] = {}
    notes: list[str] = []
    for d, cands in candidates_by_district.items():
        cands = list(cands)
        key = canonical_governorate(d)
        if seats_by_district is not None and d in seats_by_district:
            seats = seats_by_district[d]
        elif key in default:
            seats = default[key]
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
                per = women_quota_lists(list_seats, by_list, women.get(key, 0), lv)
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
            k = c.list if c.list is not None else c.name
            counts[k] = counts.get(k, 0) + 1
        districts[d] = counts
    totals: dict[str, int] = {}
    for counts in districts.values():
        for n, k in counts.items():
            totals[n] = totals.get(n, 0) + k
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
