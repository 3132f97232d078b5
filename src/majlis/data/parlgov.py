"""ParlGov's public CSV export read into formation opportunities.

ParlGov (Döring, Huber & Manow, https://www.parlgov.org) records the parliaments and cabinets
of 37 EU and OECD democracies. :func:`read_parlgov` turns its ``view_election.csv``,
``view_cabinet.csv`` and ``view_party.csv`` into one
:class:`~majlis.model.FormationOpportunity` per post-election government formation. The
package ships a trimmed extract of the development version 07/23 (``majlis/data/parlgov/``,
CC BY-SA; see its ``SOURCES.md`` and ``scripts/parlgov_extract.py``), so backtests and model
fitting run offline.

How an opportunity is built
---------------------------
* **Elections**: every lower-house (``parliament``) election from ``since`` (1945) on, in
  every country except Cyprus (presidential: the President appoints the Council of
  Ministers) and Turkey from July 2018 (presidential system).
* **The formation**: the first cabinet linked to the election (ParlGov's ``election_id``) that
  starts on or after polling day and is not a caretaker. An election whose cabinets are all
  caretakers (Israel, April and September 2019) produced no government and is skipped.
* **The house**: ParlGov's composition of parliament at that cabinet's start (the
  ``seats`` of the cabinet's rows), which splits electoral alliances the way cabinets record
  them (CDU and CSU as one parliamentary party, Czech SPOLU's three parties...). The house
  size is the election's ``seats_total``, or the composition's sum where that is larger
  (France 1951-1978 and Israel 1999 list more members than the election total).
* **Who can govern**: ParlGov's pseudo-parties ("no party affiliation", "one seat", "no seat",
  "others", "vacancy", Croatia's "abroad", Italy's non-party "Prime minister") hold seats but
  are not actors: ``eligible=False``; the real cabinet is its eligible parties with seats.
* **Positions**: ParlGov's ``left_right`` (0 = left, 10 = right; the mean of expert surveys),
  ``state_market``, ``liberty_authority`` and ``eu_anti_pro`` as further dimensions.
* **Incumbents**: the parties of the last cabinet that started before polling day (the
  government in office at the election) that still hold seats, and its prime minister's party.
* **History**: every earlier cabinet of the country (ParlGov records cabinets from 1900 or
  the first democratic election) with its parties, and for post-war cabinets (from 1945) its
  status (minority, minimal winning or surplus) in the house it governed.
* **System**: the investiture rule in force on polling day, coded by majlis from each
  constitution (``majlis_investiture.csv``, one cited article per row; decision rule in the
  sense of Rasch, Martin & Cheibub 2015), and Belgium's language communities from 1970
  (``majlis_segments.csv``: Art. 86bis/99 of the Constitution requires as many French- as
  Dutch-speaking ministers).

References
----------
.. [1] H. Döring, C. Huber and P. Manow, *Parliaments and governments database (ParlGov):
   Information on parties, elections and cabinets in established democracies*, development
   version 07/23, 2023. https://www.parlgov.org
.. [2] B. E. Rasch, S. Martin and J. A. Cheibub (eds.), *Parliaments and Government
   Formation: Unpacking Investiture Rules*, Oxford University Press, 2015.

Examples
--------
>>> from majlis.data import read_parlgov
>>> data = read_parlgov()
>>> len(data.opportunities) > 500
True
>>> opp = next(o for o in data.opportunities if o.id == "DEU-2021-09-26")
>>> sorted(opp.party(p).name for p in opp.cabinet)
['Alliance 90 / Greens', 'Free Democratic Party', 'Social Democratic Party of Germany']
>>> opp.investiture, opp.majority_threshold
('absolute', 369)
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from majlis.errors import ValidationError
from majlis.model import (
    FormationOpportunity,
    OpportunityParty,
    PastGovernment,
    majority_quota,
    parse_date,
)

__all__ = [
    "PARLGOV_VERSION",
    "ParlGovData",
    "investiture_rule",
    "parlgov_path",
    "read_parlgov",
]

#: The ParlGov release the built-in extract comes from.
PARLGOV_VERSION = "ParlGov development version 07/23 (parlgov-snippets f140fa7, 2023-11-04)"

#: ParlGov pseudo-parties (family "none") that are not actors: their seats count, they never govern.
PSEUDO_PARTIES = frozenset({"none", "no-seat", "one-seat", "etc", "vac", "abroad", "PC"})

#: Countries left out: presidential systems with no parliamentary government formation.
EXCLUDED: dict[str, dt.date | None] = {"CYP": None, "TUR": dt.date(2018, 7, 9)}

_REQUIRED = {
    "view_election.csv": (
        "country_name_short",
        "election_type",
        "election_date",
        "seats_total",
        "election_id",
    ),
    "view_cabinet.csv": (
        "country_name_short",
        "start_date",
        "cabinet_name",
        "caretaker",
        "cabinet_party",
        "prime_minister",
        "seats",
        "election_id",
        "cabinet_id",
        "party_id",
    ),
    "view_party.csv": ("party_id", "party_name_short", "family_name_short", "left_right"),
}
_DIMENSIONS = ("state_market", "liberty_authority", "eu_anti_pro")
_STATUS_SINCE = dt.date(1945, 1, 1)
_MAX_FILE_BYTES = 200_000_000


@dataclass(frozen=True)
class ParlGovData:
    """Formation opportunities read from a ParlGov export, and the elections left out.

    Attributes
    ----------
    opportunities : tuple of FormationOpportunity
        One per post-election formation, in country then date order.
    skipped : tuple of (str, str)
        ``(election id, reason)`` for elections in scope that gave no opportunity.
    source : str
        Where the data came from.
    """

    opportunities: tuple[FormationOpportunity, ...]
    skipped: tuple[tuple[str, str], ...]
    source: str

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready summary (the opportunities themselves via their own ``to_dict``)."""
        return {
            "source": self.source,
            "opportunities": len(self.opportunities),
            "countries": len({o.country for o in self.opportunities}),
            "skipped": [{"election": e, "reason": r} for e, r in self.skipped],
        }


def parlgov_path() -> Path:
    """The folder of the built-in ParlGov extract inside the installed package."""
    return Path(str(resources.files("majlis.data") / "parlgov"))


def _read_csv(path: Path, required: Iterable[str]) -> list[dict[str, str]]:
    if not path.is_file():
        raise ValidationError(f"{path.name} not found in {path.parent}: a ParlGov export needs it")
    if path.stat().st_size > _MAX_FILE_BYTES:
        from majlis.errors import TooLargeError

        raise TooLargeError(f"{path}: at most {_MAX_FILE_BYTES:,} bytes per ParlGov file")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in required if c not in (reader.fieldnames or ())]
        if missing:
            raise ValidationError(
                f"{path.name}: missing column {missing[0]!r} (not a ParlGov export?)"
            )
        return list(reader)


def _float(text: str) -> float | None:
    text = (text or "").strip()
    return float(text) if text else None


def _int(text: str, where: str) -> int:
    text = (text or "").strip()
    if not text:
        return 0
    try:
        return int(float(text))
    except ValueError:
        raise ValidationError(f"{where}: {text!r} is not a number") from None


def _date(text: str, where: str) -> dt.date:
    return parse_date(text, what=where)


@lru_cache(maxsize=1)
def _codings() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    base = parlgov_path()
    return (
        _read_csv(base / "majlis_investiture.csv", ("country", "start", "end", "rule")),
        _read_csv(base / "majlis_segments.csv", ("country", "start", "party_id", "segment")),
    )


def investiture_rule(country: str, on: dt.date) -> str | None:
    """The investiture rule of a ParlGov country on a date (``None`` if not coded).

    >>> investiture_rule("DEU", dt.date(2021, 9, 26)), investiture_rule("SWE", dt.date(1970, 9, 20))
    ('absolute', 'none')
    """
    for row in _codings()[0]:
        if row["country"] != country:
            continue
        start = parse_date(row["start"])
        end = parse_date(row["end"]) if row["end"] else None
        if start <= on and (end is None or on < end):
            return row["rule"]
    return None


def _segments(country: str, on: dt.date) -> tuple[bool, dict[str, str]]:
    rows = [r for r in _codings()[1] if r["country"] == country]
    system = [r for r in rows if not r["party_id"]]
    segmented = any(parse_date(r["start"]) <= on for r in system)
    return segmented, {r["party_id"]: r["segment"] for r in rows if r["party_id"]}


def read_parlgov(
    directory: str | Path | None = None,
    *,
    since: str | dt.date = "1945-01-01",
    countries: Iterable[str] | None = None,
) -> ParlGovData:
    """Read a ParlGov CSV export into post-election formation opportunities.

    Parameters
    ----------
    directory : path, optional
        A folder with ``view_election.csv``, ``view_cabinet.csv`` and ``view_party.csv``
        (ParlGov's export, or the trimmed copy made by ``scripts/parlgov_extract.py``).
        ``None`` reads the built-in extract of the development version 07/23.
    since : date or "YYYY-MM-DD"
        First election date considered (1945-01-01: post-war democracies).
    countries : iterable of str, optional
        ParlGov country codes (``"DEU"``, ``"NLD"``...) to keep; all by default.

    Returns
    -------
    ParlGovData
        The opportunities (ids ``"<country>-<election date>"``) and the elections skipped.

    Raises
    ------
    ValidationError
        A missing file or column, or a malformed value (naming the file).

    Notes
    -----
    See the module notes for every rule. The built-in extract is read once per process.
    """
    start = parse_date(since, what="since")
    keep = {c.strip().upper() for c in countries} if countries is not None else None
    if directory is None:
        data = _read_builtin()
        if start == dt.date(1945, 1, 1) and keep is None:
            return data
        if start < dt.date(1945, 1, 1):
            raise ValidationError("the built-in ParlGov extract starts in 1945; pass a full export")
        opps = tuple(
            o
            for o in data.opportunities
            if o.date is not None and o.date >= start and (keep is None or o.country in keep)
        )
        skipped = tuple(s for s in data.skipped if keep is None or s[0].split("-")[0] in keep)
        return ParlGovData(opps, skipped, data.source)
    return _read(Path(directory), start, keep, str(directory))


@lru_cache(maxsize=1)
def _read_builtin() -> ParlGovData:
    return _read(
        parlgov_path(), dt.date(1945, 1, 1), None, f"built-in extract of {PARLGOV_VERSION}"
    )


def _read(folder: Path, start: dt.date, keep: set[str] | None, source: str) -> ParlGovData:
    if not folder.is_dir():
        raise ValidationError(f"ParlGov directory {str(folder)!r} not found")
    elections = _read_csv(folder / "view_election.csv", _REQUIRED["view_election.csv"])
    cabinet_rows = _read_csv(folder / "view_cabinet.csv", _REQUIRED["view_cabinet.csv"])
    party_rows = _read_csv(folder / "view_party.csv", _REQUIRED["view_party.csv"])

    party_info: dict[str, dict[str, str]] = {r["party_id"]: r for r in party_rows}

    def pseudo(pid: str) -> bool:
        info = party_info.get(pid)
        return bool(
            info
            and info.get("family_name_short") == "none"
            and info["party_name_short"] in PSEUDO_PARTIES
        )

    # elections in scope: id -> (country, date, seats_total)
    scope: dict[str, tuple[str, dt.date, int]] = {}
    house_size: dict[str, int] = {}
    for i, r in enumerate(elections, start=2):
        if r["election_type"] != "parliament":
            continue
        country = r["country_name_short"]
        when = _date(r["election_date"], f"view_election.csv line {i}: election_date")
        size = _int(r["seats_total"], f"view_election.csv line {i}: seats_total")
        house_size[r["election_id"]] = size
        if when < start or (keep is not None and country not in keep):
            continue
        if country in EXCLUDED:
            cutoff = EXCLUDED[country]
            if cutoff is None or when >= cutoff:
                continue
        scope[r["election_id"]] = (country, when, size)

    # cabinets: id -> header, rows
    header: dict[str, dict[str, Any]] = {}
    rows_of: dict[str, list[dict[str, str]]] = defaultdict(list)
    for i, r in enumerate(cabinet_rows, start=2):
        cid = r["cabinet_id"]
        if cid not in header:
            header[cid] = {
                "id": cid,
                "country": r["country_name_short"],
                "start": _date(r["start_date"], f"view_cabinet.csv line {i}: start_date"),
                "name": r["cabinet_name"],
                "caretaker": r["caretaker"].strip() == "1",
                "election": r["election_id"],
            }
        rows_of[cid].append(r)
    by_country: dict[str, list[dict[str, Any]]] = defaultdict(list)
    by_election: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for h in header.values():
        by_country[h["country"]].append(h)
        by_election[h["election"]].append(h)
    for hs in (*by_country.values(), *by_election.values()):
        hs.sort(key=lambda h: (h["start"], int(h["id"]) if h["id"].isdigit() else 0))

    def government(cid: str) -> list[str]:
        return [
            r["party_id"]
            for r in rows_of[cid]
            if r["cabinet_party"].strip() == "1" and not pseudo(r["party_id"])
        ]

    def composition(cid: str) -> dict[str, int]:
        seats: dict[str, int] = {}
        for r in rows_of[cid]:
            s = _int(r["seats"], f"view_cabinet.csv cabinet {cid}: seats")
            if s > 0:
                seats[r["party_id"]] = seats.get(r["party_id"], 0) + s
        return seats

    past_cache: dict[str, PastGovernment] = {}

    def past(h: dict[str, Any]) -> PastGovernment:
        cid = h["id"]
        if cid not in past_cache:
            parties = government(cid)
            status = None
            if h["start"] >= _STATUS_SINCE:
                seats = composition(cid)
                members = [seats[p] for p in parties if seats.get(p, 0) > 0]
                total = max(house_size.get(h["election"], 0), sum(seats.values()))
                if members and total:
                    q = majority_quota(total)
                    held = sum(members)
                    status = (
                        "minority"
                        if held < q
                        else "minimal-winning"
                        if held - min(members) < q
                        else "surplus"
                    )
            past_cache[cid] = PastGovernment(
                tuple(parties), status, h["start"], h["name"], h["caretaker"]
            )
        return past_cache[cid]

    opportunities: list[FormationOpportunity] = []
    skipped: list[tuple[str, str]] = []
    for eid, (country, when, seats_total) in sorted(
        scope.items(), key=lambda kv: (kv[1][0], kv[1][1])
    ):
        label = f"{country}-{when.isoformat()}"
        candidates = [h for h in by_election.get(eid, []) if h["start"] >= when]
        formed = next((h for h in candidates if not h["caretaker"]), None)
        if formed is None:
            reason = (
                "only caretaker cabinets follow this election"
                if candidates
                else "no cabinet recorded after this election"
            )
            skipped.append((label, reason))
            continue
        cid = formed["id"]
        seats = composition(cid)
        cabinet = [p for p in government(cid) if seats.get(p, 0) > 0]
        if not cabinet:
            skipped.append((label, f"cabinet {formed['name']!r} has no party holding seats"))
            continue
        earlier = [h for h in by_country[country] if h["start"] < when]
        incumbent = earlier[-1] if earlier else None
        incumbents = [p for p in government(incumbent["id"]) if p in seats] if incumbent else []
        pm = None
        if incumbent is not None:
            pm = next(
                (
                    r["party_id"]
                    for r in rows_of[incumbent["id"]]
                    if r["prime_minister"].strip() == "1"
                ),
                None,
            )
        segmented, segment_of = _segments(country, when)
        parties = []
        for pid, s in sorted(seats.items(), key=lambda kv: (-kv[1], kv[0])):
            info = party_info.get(pid, {})
            dims = {d: v for d in _DIMENSIONS if (v := _float(info.get(d, ""))) is not None}
            seg = segment_of.get(pid)
            parties.append(
                OpportunityParty(
                    id=pid,
                    seats=s,
                    left_right=_float(info.get("left_right", "")),
                    name=info.get("party_name_english") or info.get("party_name_short") or pid,
                    eligible=not pseudo(pid),
                    segment=seg if segmented else None,
                    dimensions=dims,
                    extra={"short_name": info.get("party_name_short", pid)},
                )
            )
        total = max(seats_total, sum(seats.values()))
        opportunities.append(
            FormationOpportunity(
                id=label,
                total_seats=total,
                majority_threshold=majority_quota(total),
                parties=tuple(parties),
                incumbent_parties=tuple(incumbents),
                incumbent_prime_minister=pm,
                country=country,
                date=when,
                investiture=investiture_rule(country, when),
                segmented=segmented,
                history=tuple(past(h) for h in earlier),
                cabinet=tuple(cabinet),
                cabinet_name=formed["name"],
                source=f"ParlGov cabinet {cid} ({formed['name']}, {formed['start'].isoformat()})",
            )
        )
    if not opportunities and not skipped:
        raise ValidationError(f"no parliament election in scope in {folder}")
    return ParlGovData(tuple(opportunities), tuple(skipped), source)
