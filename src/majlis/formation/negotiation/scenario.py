"""Negotiation scenarios as data: the file format, user overrides, and resolution on a dataset.

A scenario file (JSON, format ``majlis-negotiation-scenario/1``; the built-in ones live in
``majlis/data/<dataset>/negotiation/``) says, for one formation:

* ``election``, ``constitution``, ``steps`` (the votes still ahead: Iraq's President and
  confidence), ``start``, ``until`` and ``round_days`` (one negotiation round per
  ``round_days`` days; the house of each round is the dataset's on that day);
* ``actors``: parties or groups of parties (``parties``), and council blocs (``factions``,
  each faction a party of the bloc; a faction with ``"rest": true`` takes the bloc's other
  members of the day from the dataset's memberships). Per actor: ``major`` (counts for a
  consensus government), ``salience`` per dimension, ``consensus`` (if the dataset's
  ``consensus`` dimension has no position), ``demands`` (posts), ``red_lines``,
  ``candidate`` (a formateur outside a council);
* ``council``: the bloc's rule (``consensus``, ``weighted``, ``veto`` or ``two-thirds``),
  optionally the date from which it decides (``decides_from``), its ``leaders`` (a
  faction each, with dated stances: ``ranking`` and ``vetoes`` with probabilities) and its
  ``candidates``; ``candidates``: the people (data, with sources); ``external_vetoes``;
* ``channels``: ``committees`` (ids of the dataset's committees table), ``heads`` (the party
  whose position each head carries), and ``extra`` channels of other formateurs;
* ``pacts``: dated commitments to a formateur, from a dataset ``alliance``, dataset
  ``relations`` to an alliance, or listed ``members``;
* ``portfolios`` (the rule, its options, the cabinet whose posts are shared), ``status_quo``,
  ``parameters`` (defaults of :mod:`majlis.formation.negotiation.params`), ``resignation``
  (for the no-resignation counterfactual), ``counterfactuals`` (named moves),
  ``milestones`` and ``history`` (what happened, for comparison).

Every value is either data (it names a ``source``, or is read from the dataset, which keeps its
own sources) or an ``assumption`` (a note saying so): :meth:`NegotiationSpec.provenance` lists
both. Seats always come from the dataset on each round's day, never from the scenario.

Users change any value with :func:`apply_overrides` (``majlis negotiate --set
actors.kdp.consensus=0.8``): a dotted path into the document, list entries by index or by
``id``, the value parsed as JSON when it is JSON.

Examples
--------
>>> doc = load_negotiation_scenario("iraq-2021")
>>> doc["id"], doc["council"]["rule"]
('iraq-2021', 'consensus')
>>> apply_overrides(doc, ["council.rule=weighted"])["council"]["rule"]
'weighted'
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

from majlis.errors import UnknownIdError, ValidationError
from majlis.formation.constitution import Constitution, get_constitution
from majlis.formation.negotiation.actors import Actor, RedLine
from majlis.formation.negotiation.committees import Channel
from majlis.formation.negotiation.council import (
    COUNCIL_RULES,
    Candidate,
    Council,
    Leader,
    LeaderStance,
)
from majlis.formation.negotiation.params import ParameterSet
from majlis.formation.negotiation.thresholds import Thresholds, thresholds
from majlis.formation.portfolios import TOP_POSTS, WEIGHT_SCHEMES, Post
from majlis.formation.replays import _str, builtin_scenario_ids, house_seats, read_scenario_json
from majlis.limits import (
    MAX_NEGOTIATION_ACTORS,
    MAX_NEGOTIATION_CANDIDATES,
    MAX_NEGOTIATION_CHANNELS,
    MAX_NEGOTIATION_ROUNDS,
    check_limit,
)
from majlis.model import Dataset, parse_date

__all__ = [
    "FORMAT",
    "Bloc",
    "ExternalVeto",
    "NegotiationSpec",
    "Pact",
    "RoundSpec",
    "apply_overrides",
    "list_negotiation_scenarios",
    "load_negotiation_scenario",
    "resolve_scenario",
]

FORMAT = "majlis-negotiation-scenario/1"


# ------------------------------------------------------------------------------------ records
@dataclass(frozen=True)
class Bloc:
    """A council bloc: its factions (actor ids) and the dataset alliance it stands for."""

    id: str
    name: str
    factions: tuple[str, ...]
    alliance: str = ""
    major: bool = False
    source: str = ""


@dataclass(frozen=True)
class Pact:
    """A dated commitment of some actors to a formateur (an alliance for a government)."""

    id: str
    formateur: str
    start: dt.date | None
    end: dt.date | None
    source: str = ""
    assumption: str = ""
    ends_with_resignation: bool = False


@dataclass(frozen=True)
class ExternalVeto:
    """An outside veto of a candidate (a foreign government, a religious authority), from a date,
    holding in a run with ``probability``."""

    by: str
    candidate: str
    start: dt.date | None
    probability: float
    source: str = ""
    assumption: str = ""


@dataclass(frozen=True)
class RoundSpec:
    """One round: its day, the seats of each actor, the pacts in force, the day's data events."""

    index: int
    date: dt.date
    seats: Mapping[str, int]
    others: int
    members: int
    pacts: Mapping[str, tuple[str, ...]]
    events: tuple[str, ...] = ()
    parties: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def filled(self) -> int:
        """Seats held that day."""
        return sum(self.seats.values()) + self.others


@dataclass(frozen=True)
class NegotiationSpec:
    """A scenario resolved on its dataset: everything a run needs, and nothing it must look up.

    Picklable and free of the dataset, so that runs can go to worker processes.
    """

    id: str
    name: str
    description: str
    dataset: str
    election: str
    constitution: Constitution
    steps: tuple[str, ...]
    thresholds: Thresholds
    actors: Mapping[str, Actor]
    blocs: Mapping[str, Bloc]
    formateurs: tuple[str, ...]
    councils: Mapping[str, Council]
    candidates: Mapping[str, Candidate]
    external_vetoes: tuple[ExternalVeto, ...]
    channels: tuple[Channel, ...]
    pacts: Mapping[str, Pact]
    rounds: tuple[RoundSpec, ...]
    posts: tuple[Post, ...]
    portfolio_rule: str
    portfolio_options: Mapping[str, Any]
    ranges: Mapping[str, tuple[float, float]]
    status_quo: Mapping[str, float]
    params: ParameterSet
    milestones: tuple[tuple[dt.date, str], ...] = ()
    history: Mapping[str, Any] = field(default_factory=dict)
    provenance_rows: tuple[Mapping[str, str], ...] = ()
    counterfactual: Mapping[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    def unit(self, actor: str) -> str:
        """The unit an actor counts in for "consensus": its bloc, else itself."""
        return self.actors[actor].bloc or actor

    def major_units(self) -> tuple[str, ...]:
        """Blocs and actors flagged ``major``."""
        return tuple(b.id for b in self.blocs.values() if b.major) + tuple(
            a.id for a in self.actors.values() if a.major and a.bloc is None
        )

    def members_of(self, formateur: str) -> tuple[str, ...]:
        """The actors a formateur stands for: a bloc's factions, or the party itself."""
        if formateur in self.blocs:
            return self.blocs[formateur].factions
        return (formateur,)

    def name_of(self, ident: str | None) -> str:
        """Display name of an actor, bloc or candidate id."""
        if ident is None:
            return "nobody"
        if ident in self.actors:
            return self.actors[ident].name
        if ident in self.blocs:
            return self.blocs[ident].name
        if ident in self.candidates:
            return self.candidates[ident].name
        return ident

    def provenance(self) -> dict[str, list[dict[str, str]]]:
        """What is data (with its source) and what is an assumption, item by item."""
        data = [dict(r) for r in self.provenance_rows if r.get("kind") == "data"]
        assumptions = [dict(r) for r in self.provenance_rows if r.get("kind") == "assumption"]
        return {"data": data, "assumptions": assumptions}


# ------------------------------------------------------------------------------------ files
def list_negotiation_scenarios() -> list[str]:
    """Ids of the built-in negotiation scenarios.

    >>> "iraq-2021" in list_negotiation_scenarios()
    True
    """
    return builtin_scenario_ids("negotiation")


def load_negotiation_scenario(name_or_path: str | Path) -> dict[str, Any]:
    """A scenario document: a built-in id (``"iraq-2021"``) or a ``.json`` file path.

    Raises :class:`~majlis.errors.UnknownIdError` for an unknown id,
    :class:`~majlis.errors.ValidationError` for a file that is missing, not JSON, or not a
    negotiation scenario, and :class:`~majlis.errors.TooLargeError` beyond
    :data:`majlis.limits.MAX_SCENARIO_BYTES`.
    """
    doc = read_scenario_json(
        name_or_path, "negotiation", list_negotiation_scenarios, "negotiation scenario"
    )
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise ValidationError(f"not a negotiation scenario: 'format' must be {FORMAT!r}")
    return doc


def apply_overrides(doc: Mapping[str, Any], sets: Sequence[str]) -> dict[str, Any]:
    """A copy of ``doc`` with ``PATH=VALUE`` changes applied (see the module docstring).

    >>> d = {"actors": [{"id": "kdp", "consensus": 0.5}], "council": {"rule": "veto"}}
    >>> apply_overrides(d, ["actors.kdp.consensus=0.9", 'council.rule="consensus"'])
    {'actors': [{'id': 'kdp', 'consensus': 0.9}], 'council': {'rule': 'consensus'}}
    """
    out = copy.deepcopy(dict(doc))
    for item in sets:
        path, sep, raw = item.partition("=")
        if not sep or not path.strip():
            raise ValidationError(f"--set takes PATH=VALUE, got {item!r}")
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            value = raw
        keys = path.strip().split(".")
        node: Any = out
        for i, key in enumerate(keys):
            last = i == len(keys) - 1
            where = ".".join(keys[: i + 1])
            if isinstance(node, list):
                idx = _list_index(node, key, where)
                if last:
                    node[idx] = value
                else:
                    node = node[idx]
            elif isinstance(node, dict):
                if last:
                    node[key] = value
                else:
                    if key not in node:
                        node[key] = {}
                    node = node[key]
            else:
                raise ValidationError(f"--set {path}: {where} is not an object or a list")
    return out


def _list_index(node: list[Any], key: str, where: str) -> int:
    if key.isdigit():
        if int(key) >= len(node):
            raise ValidationError(f"--set: {where}: index out of range ({len(node)} entries)")
        return int(key)
    for i, x in enumerate(node):
        if isinstance(x, dict) and x.get("id") == key:
            return i
    raise ValidationError(f"--set: no entry with id {key!r} at {where}")


# ------------------------------------------------------------------------------------ helpers
def _list(doc: Mapping[str, Any], key: str, where: str) -> list[Any]:
    v = doc.get(key) or []
    if not isinstance(v, list):
        raise ValidationError(f"{where}: {key!r} must be a list")
    return v


def _obj(v: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(v, Mapping):
        raise ValidationError(f"{where} must be an object")
    return v


def _date(v: Any, where: str) -> dt.date | None:
    return None if v in (None, "") else parse_date(v, what=where)


def _prob(v: Any, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValidationError(f"{where}: a probability must be a number in [0, 1], got {v!r}")
    if not 0 <= v <= 1:
        raise ValidationError(f"{where}: a probability must be in [0, 1], got {v}")
    return float(v)


def _float(v: Any, where: str) -> float:
    if isinstance(v, bool) or not isinstance(v, int | float):
        raise ValidationError(f"{where}: expected a number, got {v!r}")
    return float(v)


# ------------------------------------------------------------------------------------ resolution
class _Resolver:
    """Builds a :class:`NegotiationSpec` from a document and a dataset (private)."""

    def __init__(
        self,
        doc: Mapping[str, Any],
        ds: Dataset,
        *,
        no_resignation: bool,
        move: Sequence[tuple[str, str]],
        params: Mapping[str, Any] | None,
        council_rule: str | None,
        committees: Sequence[str],
        rounds: int | None,
    ) -> None:
        self.doc = doc
        self.ds = ds
        self.sid = _str(doc, "id", "scenario")
        self.where = f"scenario {self.sid!r}"
        self.no_resignation = no_resignation
        self.move = list(move)
        self.user_params = params
        self.council_rule = council_rule
        self.swap_committees = list(committees)
        self.n_rounds = rounds
        self.rows: list[dict[str, str]] = []
        self.election = ds.election(_str(doc, "election", self.where))
        self.constitution = get_constitution(_str(doc, "constitution", self.where))
        self.start = parse_date(_str(doc, "start", self.where), what=f"{self.where} start")
        self.until = parse_date(_str(doc, "until", self.where), what=f"{self.where} until")
        if self.until < self.start:
            raise ValidationError(f"{self.where}: 'until' is before 'start'")
        if self.start < self.election.date:
            raise ValidationError(f"{self.where}: 'start' is before the election")
        rd = doc.get("round_days", 14)
        if isinstance(rd, bool) or not isinstance(rd, int) or not 1 <= rd <= 366:
            raise ValidationError(f"{self.where}: round_days must be a whole number 1..366")
        self.round_days = rd
        self.resign_events: set[str] = set()
        self.resign_date: dt.date | None = None
        if no_resignation:
            res = doc.get("resignation")
            if not res:
                raise ValidationError(f"{self.where} names no resignation to undo")
            self.resign_events = {str(e) for e in res.get("events", ())}
            self.resign_date = parse_date(res["date"], what=f"{self.where} resignation date")
            known = {ev.id for ev in ds.events}
            for e in self.resign_events:
                if e not in known:
                    raise ValidationError(
                        f"{self.where}: resignation event {e!r} is not in the dataset"
                    )

    # -------------------------------------------------------------- provenance
    def note(self, kind: str, item: str, text: str) -> None:
        if text:
            self.rows.append({"kind": kind, "item": item, "text": text})

    def noted(self, item: str, d: Mapping[str, Any], data_default: str = "") -> None:
        src = str(d.get("source", "") or data_default)
        if src:
            self.note("data", item, src)
        self.note("assumption", item, str(d.get("assumption", "")))

    # -------------------------------------------------------------- dataset views
    def membership_date(self, on: dt.date) -> dt.date:
        if self.resign_date is not None and on >= self.resign_date:
            return self.resign_date - dt.timedelta(days=1)
        return on

    def alliance_members(self, alliance: str, on: dt.date) -> list[str]:
        self.ds.alliance(alliance)
        day = self.membership_date(on)
        try:
            return list(self.ds.parliament(date=day).alliance_members(alliance))
        except UnknownIdError:
            return []

    def seats(self, on: dt.date) -> dict[str, int]:
        return house_seats(self.ds, self.election.id, on, skip_events=self.resign_events)

    # -------------------------------------------------------------- build
    def build(self) -> NegotiationSpec:
        doc = self.doc
        w = self.where
        dims = [str(d) for d in _list(doc, "dimensions", w)]
        known_dims = set(self.ds.dimensions())
        for d in dims:
            if d not in known_dims:
                raise UnknownIdError(f"{w}: unknown dimension {d!r}")
        if not dims:
            raise ValidationError(f"{w}: name at least one policy dimension")
        self.dims = dims
        self.consensus_dim = doc.get("consensus_dimension")
        if self.consensus_dim is not None and self.consensus_dim not in known_dims:
            raise UnknownIdError(f"{w}: unknown dimension {self.consensus_dim!r}")
        self.candidates = self.build_candidates()
        actors_doc = _list(doc, "actors", w)
        check_limit(len(actors_doc), MAX_NEGOTIATION_ACTORS, f"actors in {w}")
        self.build_actors(actors_doc)
        self.move_pacts = self.check_moves()
        councils = self.build_councils()
        formateurs = self.build_formateurs(councils)
        channels = self.build_channels(formateurs)
        pacts = self.build_pacts(formateurs)
        rounds = self.build_rounds(pacts)
        posts, rule, options = self.build_posts()
        ext = self.build_external()
        params = self.build_params()
        status_quo = self.build_status_quo()
        members = self.election.house_size
        milestones = tuple(
            (parse_date(m["date"], what=f"{w} milestone"), str(m.get("label", "")))
            for m in _list(doc, "milestones", w)
        )
        history = dict(_obj(doc.get("history") or {}, f"{w} history"))
        if history:
            self.noted("what happened (history)", history)
        cf = {
            "no_resignation": self.no_resignation,
            "move": [{"actor": a, "formateur": f} for a, f in self.move],
            "council_rule": self.council_rule,
            "committees": list(self.swap_committees),
        }
        return NegotiationSpec(
            self.sid,
            str(doc.get("name", self.sid)),
            str(doc.get("description", "")),
            str(doc.get("dataset", "iraq")),
            self.election.id,
            self.constitution,
            self.steps(),
            thresholds(self.constitution, members),
            self.actors,
            self.blocs,
            formateurs,
            councils,
            self.candidates,
            ext,
            channels,
            pacts,
            rounds,
            posts,
            rule,
            options,
            self.ranges,
            status_quo,
            params,
            milestones,
            history,
            tuple(self.rows),
            cf,
            tuple(str(s) for s in _list(doc, "sources", w)),
        )

    def steps(self) -> tuple[str, ...]:
        steps = tuple(str(s) for s in _list(self.doc, "steps", self.where))
        if not steps:
            steps = tuple(s.id for s in self.constitution.steps if s.is_vote)
        for s in steps:
            if not self.constitution.step(s).is_vote:
                raise ValidationError(f"{self.where}: step {s!r} is not a vote")
        return steps

    def build_candidates(self) -> dict[str, Candidate]:
        out = {}
        raw = _obj(self.doc.get("candidates") or {}, f"{self.where} candidates")
        check_limit(len(raw), MAX_NEGOTIATION_CANDIDATES, f"candidates in {self.where}")
        for cid, c in raw.items():
            c = _obj(c, f"{self.where} candidate {cid!r}")
            party = str(c.get("party", ""))
            if party:
                self.ds.party(party)
            out[str(cid)] = Candidate(
                str(cid),
                _str(c, "name", f"{self.where} candidate {cid!r}"),
                party,
                bool(c.get("compromise", False)),
                str(c.get("source", "")),
                str(c.get("note", "")),
            )
            self.noted(f"candidate {cid}", c)
        return out

    def position_of(self, parties: Sequence[str], on: dt.date) -> dict[str, float]:
        seats = self.seats(on)
        out: dict[str, float] = {}
        for dim in self.dims:
            num = Fraction(0)
            den = 0
            for p in parties:
                pos = self.ds.position(p, dim, on=on)
                if pos is None:
                    continue
                wgt = max(seats.get(p, 0), 0) or (1 if len(parties) == 1 else 0)
                num += pos.value * wgt
                den += wgt
                lo, hi = float(pos.low), float(pos.high)
                self.ranges.setdefault(dim, (lo, hi))
            if den:
                out[dim] = float(num / den)
        return out

    def consensus_of(self, parties: Sequence[str], on: dt.date) -> float | None:
        if self.consensus_dim is None:
            return None
        seats = self.seats(on)
        num = Fraction(0)
        den = 0
        for p in parties:
            pos = self.ds.position(p, self.consensus_dim, on=on)
            if pos is None:
                continue
            wgt = max(seats.get(p, 0), 0) or (1 if len(parties) == 1 else 0)
            num += (pos.value - pos.low) / (pos.high - pos.low) * wgt
            den += wgt
        return float(num / den) if den else None

    def build_actors(self, actors_doc: list[Any]) -> None:
        self.actors: dict[str, Actor] = {}
        self.blocs: dict[str, Bloc] = {}
        self.ranges: dict[str, tuple[float, float]] = {}
        self.owner: dict[str, str] = {}
        self.rest: dict[str, tuple[str, str]] = {}  # bloc id -> (rest faction id, alliance)
        seen: set[str] = set()
        for i, a in enumerate(actors_doc):
            a = _obj(a, f"{self.where} actor {i + 1}")
            aid = _str(a, "id", f"{self.where} actor {i + 1}")
            if aid in seen:
                raise ValidationError(f"{self.where}: actor {aid!r} is listed twice")
            seen.add(aid)
            if "factions" in a:
                alliance = str(a.get("alliance", ""))
                if alliance:
                    self.ds.alliance(alliance)
                factions = []
                for j, f in enumerate(_list(a, "factions", f"{self.where} bloc {aid}")):
                    f = _obj(f, f"{self.where} bloc {aid} faction {j + 1}")
                    fid = _str(f, "id", f"{self.where} bloc {aid} faction {j + 1}")
                    if fid in seen:
                        raise ValidationError(f"{self.where}: actor {fid!r} is listed twice")
                    seen.add(fid)
                    factions.append(fid)
                    self.add_actor(f, bloc=aid, alliance=alliance)
                self.blocs[aid] = Bloc(
                    aid,
                    str(a.get("name", aid)),
                    tuple(factions),
                    alliance,
                    bool(a.get("major", False)),
                    str(a.get("source", "")),
                )
                self.noted(f"bloc {aid}", a)
            else:
                self.add_actor(a, bloc=None, alliance="")
        if not self.actors:
            raise ValidationError(f"{self.where}: no actors")

    def add_actor(self, a: Mapping[str, Any], *, bloc: str | None, alliance: str) -> None:
        aid = str(a["id"])
        w = f"{self.where} actor {aid!r}"
        parties = tuple(str(p) for p in _list(a, "parties", w))
        rest = bool(a.get("rest", False))
        if rest:
            if bloc is None or not alliance:
                raise ValidationError(
                    f"{w}: only a faction of a bloc with an alliance can be 'rest'"
                )
            if bloc in self.rest:
                raise ValidationError(f"{w}: bloc {bloc!r} has two 'rest' factions")
            self.rest[bloc] = (aid, alliance)
        elif not parties:
            raise ValidationError(f"{w}: give its 'parties'")
        for p in parties:
            self.ds.party(p)
            if p in self.owner:
                raise ValidationError(f"{w}: party {p!r} already belongs to {self.owner[p]!r}")
            self.owner[p] = aid
        start_parties = list(parties)
        if rest:
            start_parties = [
                p for p in self.alliance_members(alliance, self.start) if p not in self.owner
            ]
        position = self.position_of(start_parties, self.start) if start_parties else {}
        for dim, v in _obj(a.get("position") or {}, f"{w} position").items():
            if dim not in self.dims:
                raise UnknownIdError(f"{w}: unknown dimension {dim!r}")
            position[dim] = _float(v, f"{w} position {dim}")
            self.note("assumption", f"{aid} position on {dim}", f"set to {v} in the scenario")
        if position:
            self.note(
                "data",
                f"{aid} positions",
                f"dataset positions of {', '.join(start_parties) or 'its parties'} on "
                f"{', '.join(sorted(position))}, seat-weighted, as of {self.start}",
            )
        salience = dict.fromkeys(self.dims, 1.0)
        for dim, v in _obj(a.get("salience") or {}, f"{w} salience").items():
            if dim not in self.dims:
                raise UnknownIdError(f"{w}: unknown dimension {dim!r}")
            salience[dim] = _float(v, f"{w} salience {dim}")
        if a.get("salience"):
            self.note(
                "assumption",
                f"{aid} salience",
                str(a.get("salience_assumption", "")) or f"salience {dict(a['salience'])}",
            )
        cons = self.consensus_of(start_parties, self.start) if start_parties else None
        if "consensus" in a:
            cons = _prob(a["consensus"], f"{w} consensus")
            self.note("assumption", f"{aid} consensus preference", f"set to {cons} in the scenario")
        elif cons is not None:
            self.note(
                "data",
                f"{aid} consensus preference",
                f"dataset dimension {self.consensus_dim!r} ({cons:.2f} on 0..1)",
            )
        else:
            self.note(
                "assumption",
                f"{aid} consensus preference",
                "no position on the consensus dimension: 0.5 (indifferent)",
            )
        red = []
        for k, r in enumerate(_list(a, "red_lines", w)):
            r = _obj(r, f"{w} red line {k + 1}")
            kind = _str(r, "kind", f"{w} red line {k + 1}")
            target = _str(r, "target", f"{w} red line {k + 1}")
            if kind == "no_candidate" and target not in self.candidates:
                raise UnknownIdError(f"{w}: red line names unknown candidate {target!r}")
            line = RedLine(
                kind,
                target,
                _prob(r.get("probability", 1.0), f"{w} red line {k + 1}"),
                str(r.get("source", "")),
                str(r.get("assumption", "")),
            )
            red.append(line)
            self.noted(f"{aid} red line: {line.describe()}", r)
        family = str(a.get("family", ""))
        if not family:
            fams = {self.ds.party(p).family for p in start_parties}
            family = fams.pop() if len(fams) == 1 else ""
        cand = a.get("candidate")
        if cand is not None and cand not in self.candidates:
            raise UnknownIdError(f"{w}: unknown candidate {cand!r}")
        demands = tuple(str(d) for d in _list(a, "demands", w))
        if demands:
            self.noted(f"{aid} demands {', '.join(demands)}", _obj(a.get("demands_note") or {}, w))
        self.noted(f"actor {aid}", a)
        self.actors[aid] = Actor(
            aid,
            str(a.get("name", aid)),
            parties,
            family,
            position,
            salience,
            0.5 if cons is None else cons,
            demands,
            tuple(red),
            bloc,
            bool(a.get("major", False)) and bloc is None,
            str(cand) if cand is not None else None,
            tuple(str(n) for n in _list(a, "notes", w)),
        )

    def check_moves(self) -> list[tuple[str, str]]:
        named = _obj(self.doc.get("counterfactuals") or {}, f"{self.where} counterfactuals")
        out = []
        for actor, formateur in self.move:
            if actor.startswith("@"):  # a named counterfactual of the scenario
                spec = named.get(actor[1:])
                if spec is None:
                    raise ValidationError(f"{self.where} names no counterfactual {actor[1:]!r}")
                actor, formateur = str(spec["actor"]), str(spec["formateur"])
            if actor not in self.actors:
                raise UnknownIdError(f"{self.where}: unknown actor {actor!r}")
            out.append((actor, formateur))
        self.move = out
        return out

    def build_councils(self) -> dict[str, Council]:
        c = self.doc.get("council")
        if not c:
            return {}
        c = _obj(c, f"{self.where} council")
        w = f"{self.where} council"
        bloc = _str(c, "bloc", w)
        if bloc not in self.blocs:
            raise UnknownIdError(f"{w}: {bloc!r} is not a bloc of the scenario")
        rule = self.council_rule or _str(c, "rule", w)
        if rule not in COUNCIL_RULES:
            raise UnknownIdError(
                f"unknown council rule {rule!r} (known: {', '.join(COUNCIL_RULES)})"
            )
        if self.council_rule:
            self.note("assumption", "council rule", f"{rule} (chosen by the user)")
        else:
            self.noted(f"council rule {rule}", {"assumption": c.get("rule_assumption", "")})
        cands = tuple(str(x) for x in _list(c, "candidates", w))
        for x in cands:
            if x not in self.candidates:
                raise UnknownIdError(f"{w}: unknown candidate {x!r}")
        decides_from = _date(c.get("decides_from"), f"{w} decides_from")
        if decides_from is not None:
            self.noted(
                f"council decides from {decides_from}",
                {
                    "source": c.get("decides_from_source", ""),
                    "assumption": c.get("decides_from_assumption", ""),
                },
            )
        leaders = []
        for i, lv in enumerate(_list(c, "leaders", w)):
            lv = _obj(lv, f"{w} leader {i + 1}")
            lid = _str(lv, "id", f"{w} leader {i + 1}")
            faction = _str(lv, "faction", f"{w} leader {lid}")
            if faction not in self.blocs[bloc].factions:
                raise UnknownIdError(f"{w} leader {lid}: {faction!r} is not a faction of {bloc}")
            stances = []
            for k, st in enumerate(_list(lv, "stances", f"{w} leader {lid}")):
                st = _obj(st, f"{w} leader {lid} stance {k + 1}")
                ranking = tuple(str(x) for x in _list(st, "ranking", f"{w} leader {lid}"))
                vetoes = {
                    str(x): _prob(p, f"{w} leader {lid} veto {x}")
                    for x, p in _obj(st.get("vetoes") or {}, f"{w} leader {lid} vetoes").items()
                }
                for x in (*ranking, *vetoes):
                    if x not in cands:
                        raise UnknownIdError(f"{w} leader {lid}: unknown candidate {x!r}")
                start = _date(st.get("from"), f"{w} leader {lid} stance date")
                stances.append(
                    LeaderStance(
                        start,
                        ranking,
                        vetoes,
                        str(st.get("source", "")),
                        str(st.get("assumption", "")),
                    )
                )
                self.noted(f"leader {lid} stance from {start or 'the start'}", st)
            if not stances:
                raise ValidationError(f"{w} leader {lid}: give at least one stance")
            leaders.append(Leader(lid, str(lv.get("name", lid)), faction, tuple(stances)))
        return {
            bloc: Council(
                bloc,
                str(c.get("name", bloc)),
                rule,
                tuple(leaders),
                cands,
                str(c.get("source", "")),
                str(c.get("rule_assumption", "")),
                decides_from,
            )
        }

    def build_formateurs(self, councils: Mapping[str, Council]) -> tuple[str, ...]:
        out = list(councils)
        for a in self.actors.values():
            if a.candidate is not None and a.bloc is None:
                out.append(a.id)
        if not out:
            raise ValidationError(
                f"{self.where}: no formateur (a council or an actor with a candidate)"
            )
        for _, f in self.move:
            if f not in out:
                raise UnknownIdError(f"{self.where}: {f!r} is not a formateur ({', '.join(out)})")
        return tuple(out)

    def actor_of_party(self, party: str) -> str | None:
        if party in self.owner:
            return self.owner[party]
        if party in self.actors:
            return party
        if party in self.blocs:
            return party
        return None

    def build_channels(self, formateurs: Sequence[str]) -> tuple[Channel, ...]:
        c = _obj(self.doc.get("channels") or {}, f"{self.where} channels")
        w = f"{self.where} channels"
        heads = {str(k): str(v) for k, v in _obj(c.get("heads") or {}, f"{w} heads").items()}
        if c.get("heads_source"):
            self.note("data", "committee heads' parties", str(c["heads_source"]))
        ids = [str(x) for x in _list(c, "committees", w)]
        for swap in self.swap_committees:
            new = self.ds.committee(swap)
            same = [
                x
                for x in ids
                if (old := self.ds.committee(x)).side == new.side
                and set(old.counterparts) == set(new.counterparts)
            ]
            if not same and swap not in ids:
                raise ValidationError(
                    f"committee {swap!r} replaces none of the scenario's committees "
                    f"({', '.join(ids)}): it must have the same side and counterparts"
                )
            ids = [swap if x in same else x for x in ids]
        out: list[Channel] = []
        for cid in ids:
            com = self.ds.committee(cid)
            side = self.actor_of_party(com.side) or com.side
            if side not in formateurs:
                raise ValidationError(
                    f"{w}: committee {cid!r} is sent by {com.side!r}, not a formateur of the scenario"
                )
            counter = []
            for p in com.counterparts:
                a = self.actor_of_party(p)
                if a is None:
                    raise ValidationError(
                        f"{w}: committee {cid!r} counterpart {p!r} belongs to no actor"
                    )
                if a not in counter:
                    counter.append(a)
            hp = heads.get(com.head, "")
            out.append(
                Channel(
                    cid,
                    side,
                    com.head,
                    tuple(counter),
                    hp,
                    self.head_position(hp, com.date),
                    com.date,
                    com.account,
                    com.source,
                    com.notes,
                )
            )
            self.note(
                "data",
                f"committee {cid}",
                f"dataset committees table: {com.head} to {', '.join(com.counterparts)} "
                f"({com.account}); {com.source}",
            )
        for i, x in enumerate(_list(c, "extra", w)):
            x = _obj(x, f"{w} extra {i + 1}")
            xid = _str(x, "id", f"{w} extra {i + 1}")
            side = _str(x, "side", f"{w} {xid}")
            if side not in formateurs:
                raise UnknownIdError(f"{w} {xid}: {side!r} is not a formateur")
            counter = []
            for p in _list(x, "counterparts", f"{w} {xid}"):
                a = self.actor_of_party(str(p))
                if a is None:
                    raise UnknownIdError(f"{w} {xid}: unknown counterpart {p!r}")
                counter.append(a)
            hp = str(x.get("head_party", ""))
            if hp:
                self.ds.party(hp)
            opens = _date(x.get("opens"), f"{w} {xid} opens")
            out.append(
                Channel(
                    xid,
                    side,
                    str(x.get("head", "")),
                    tuple(counter),
                    hp,
                    self.head_position(hp, opens or self.start),
                    opens,
                    str(x.get("account", "")),
                    str(x.get("source", "")),
                    str(x.get("note", "")),
                )
            )
            self.noted(f"channel {xid}", x)
        check_limit(len(out), MAX_NEGOTIATION_CHANNELS, f"channels in {self.where}")
        for ch in out:
            for r in ch.counterparts:
                if r in self.blocs:
                    raise ValidationError(
                        f"{w}: channel {ch.id!r} targets the bloc {r!r}; name its factions"
                    )
        return tuple(out)

    def head_position(self, party: str, on: dt.date | None) -> dict[str, float]:
        if not party:
            return {}
        return self.position_of([party], on or self.start)

    def build_pacts(self, formateurs: Sequence[str]) -> dict[str, Pact]:
        self.pact_members: dict[str, Any] = {}
        out: dict[str, Pact] = {}
        moved = {a for a, _ in self.move}
        for i, p in enumerate(_list(self.doc, "pacts", self.where)):
            p = _obj(p, f"{self.where} pact {i + 1}")
            pid = _str(p, "id", f"{self.where} pact {i + 1}")
            w = f"{self.where} pact {pid!r}"
            f = _str(p, "formateur", w)
            if f not in formateurs:
                raise UnknownIdError(f"{w}: {f!r} is not a formateur")
            start = _date(p.get("from"), f"{w} from")
            end = _date(p.get("to"), f"{w} to")
            src = str(p.get("source", ""))
            if "alliance" in p:
                al = self.ds.alliance(str(p["alliance"]))
                start = start or al.formed
                end = end or al.dissolved
                self.pact_members[pid] = ("alliance", al.id)
                src = src or f"dataset alliance {al.id}: {al.source}"
            elif "relations" in p:
                rel = _obj(p["relations"], f"{w} relations")
                self.pact_members[pid] = ("relations", str(rel["kind"]), str(rel["object"]))
                src = src or f"dataset relations ({rel['kind']} of {rel['object']})"
            else:
                members = []
                for m in _list(p, "members", w):
                    a = self.actor_of_party(str(m))
                    if a is None:
                        raise UnknownIdError(f"{w}: unknown member {m!r}")
                    members.append(a)
                self.pact_members[pid] = ("members", tuple(members))
            self.pact_members[pid] = (*self.pact_members[pid], frozenset(moved))
            ends = bool(p.get("ends_with_resignation", False))
            if ends and self.no_resignation:
                end = None
            out[pid] = Pact(pid, f, start, end, src, str(p.get("assumption", "")), ends)
            self.noted(f"pact {pid}", {"source": src, "assumption": p.get("assumption", "")})
        for actor, f in self.move:
            pid = f"moved-{actor}"
            out[pid] = Pact(pid, f, None, None, "", f"counterfactual: {actor} sides with {f}")
            self.pact_members[pid] = ("members", (actor,), frozenset())
            self.note("assumption", f"counterfactual {pid}", f"{actor} sides with {f} throughout")
        return out

    def pact_on(self, pid: str, pact: Pact, on: dt.date) -> tuple[str, ...]:
        if (pact.start is not None and on < pact.start) or (
            pact.end is not None and on >= pact.end
        ):
            return ()
        kind, *rest = self.pact_members[pid]
        excluded: frozenset[str] = rest[-1]
        members: list[str] = []
        if kind == "alliance":
            for p in self.alliance_members(rest[0], on):
                a = self.actor_of_party(p)
                if a is not None and a not in members:
                    members.append(a)
        elif kind == "relations":
            rkind, obj = rest[0], rest[1]
            for r in self.ds.relations_on(self.membership_date(on), rkind):
                if r.object != obj:
                    continue
                subs = (
                    self.alliance_members(r.subject, on)
                    if self.ds.is_alliance(r.subject)
                    else [r.subject]
                )
                for p in subs:
                    a = self.actor_of_party(p)
                    if a is not None and a not in members:
                        members.append(a)
        else:
            members = list(rest[0])
        return tuple(
            m for m in members if m not in excluded and m != pact.formateur and m not in self.blocs
        )

    def build_rounds(self, pacts: Mapping[str, Pact]) -> tuple[RoundSpec, ...]:
        n = self.n_rounds
        if n is None:
            n = (self.until - self.start).days // self.round_days + 1
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValidationError(
                f"the number of rounds must be a positive whole number, got {n!r}"
            )
        check_limit(n, MAX_NEGOTIATION_ROUNDS, "negotiation rounds")
        members = self.election.house_size
        nxt = self.ds.next_election(self.election)
        out = []
        prev: dt.date | None = None
        for i in range(n):
            on = self.start + dt.timedelta(days=i * self.round_days)
            if nxt is not None and on >= nxt.date:
                raise ValidationError(
                    f"round {i + 1} ({on}) falls after the next election ({nxt.date}): use fewer rounds"
                )
            seats = self.seats(on)
            per: dict[str, int] = dict.fromkeys(self.actors, 0)
            held: dict[str, list[str]] = {a: [] for a in self.actors}
            others = 0
            rest_parties: dict[str, set[str]] = {
                fid: set(self.alliance_members(al, on)) for fid, al in self.rest.values()
            }
            for p, s in seats.items():
                a = self.owner.get(p)
                if a is None:
                    a = next((fid for fid, ps in rest_parties.items() if p in ps), None)
                if a is None:
                    others += s
                else:
                    per[a] += s
                    held[a].append(p)
            pmap = {pid: self.pact_on(pid, pact, on) for pid, pact in pacts.items()}
            events = []
            for ev in self.ds.events:
                if (prev is None and ev.date == on) or (prev is not None and prev < ev.date <= on):
                    if ev.seat_changes and ev.id in self.resign_events:
                        continue
                    if ev.seat_changes or ev.category in ("alliance_change", "nomination"):
                        events.append(f"{ev.date}: {ev.description}")
            out.append(
                RoundSpec(
                    i + 1,
                    on,
                    per,
                    others,
                    members,
                    pmap,
                    tuple(events),
                    {a: tuple(ps) for a, ps in held.items()},
                )
            )
            prev = on
        return tuple(out)

    def build_posts(self) -> tuple[tuple[Post, ...], str, dict[str, Any]]:
        pf = _obj(self.doc.get("portfolios") or {}, f"{self.where} portfolios")
        w = f"{self.where} portfolios"
        from majlis.formation.portfolios import PORTFOLIO_RULES

        rule = str(pf.get("rule", "points"))
        if rule not in PORTFOLIO_RULES:
            raise UnknownIdError(
                f"{w}: unknown portfolio rule {rule!r} (known: {', '.join(PORTFOLIO_RULES)})"
            )
        options = dict(_obj(pf.get("options") or {}, f"{w} options"))
        options["top_posts"] = bool(pf.get("top_posts", True))
        scheme = str(options.get("scheme", options.get("weights", "iraq-2022")))
        weights = WEIGHT_SCHEMES.get(scheme, WEIGHT_SCHEMES["iraq-2022"])
        posts: list[Post] = []
        cab_id = pf.get("cabinet")
        if cab_id:
            cab = self.ds.cabinet(str(cab_id))
            names = []
            for p in self.ds.cabinet_posts(cab.id):
                if p.post not in names:
                    names.append(p.post)
                    cls = weights.classify(p.post, p.kind)
                    posts.append(Post(p.post, cls, weights.weight(cls), TOP_POSTS.get(p.post, "")))
            self.note(
                "data",
                "posts shared",
                f"the posts of cabinet {cab.id} in the dataset ({cab.source})",
            )
        for x in _list(pf, "extra_posts", w):
            x = _obj(x, f"{w} extra post")
            cls = str(x.get("class", "top"))
            name = _str(x, "name", f"{w} extra post")
            posts.append(
                Post(
                    name,
                    cls,
                    weights.weight(cls)
                    if cls in ("top", "sovereign", "ministry", "state")
                    else Fraction(1),
                    str(x.get("component", TOP_POSTS.get(name, ""))),
                )
            )
            self.noted(f"post {name}", x)
        if not posts:
            raise ValidationError(f"{w}: give a 'cabinet' or 'extra_posts' to share")
        if not any(p.name == "Prime Minister" for p in posts):
            posts.insert(0, Post("Prime Minister", "top", weights.weight("top"), "shia"))
        names_seen = [p.name for p in posts]
        if len(set(names_seen)) != len(names_seen):
            raise ValidationError(f"{w}: a post is listed twice")
        self.noted(f"portfolio rule {rule}", pf)
        known = {p.name for p in posts}
        for a in self.actors.values():
            for d in a.demands:
                if d not in known:
                    raise UnknownIdError(f"{self.where}: actor {a.id!r} demands unknown post {d!r}")
        return tuple(posts), rule, options

    def build_external(self) -> tuple[ExternalVeto, ...]:
        out = []
        for i, x in enumerate(_list(self.doc, "external_vetoes", self.where)):
            x = _obj(x, f"{self.where} external veto {i + 1}")
            cand = _str(x, "candidate", f"{self.where} external veto {i + 1}")
            if cand not in self.candidates:
                raise UnknownIdError(f"{self.where}: external veto of unknown candidate {cand!r}")
            v = ExternalVeto(
                _str(x, "by", f"{self.where} external veto {i + 1}"),
                cand,
                _date(x.get("from"), f"{self.where} external veto date"),
                _prob(x.get("probability", 1.0), f"{self.where} external veto"),
                str(x.get("source", "")),
                str(x.get("assumption", "")),
            )
            out.append(v)
            self.noted(f"external veto of {cand} by {v.by}", x)
        return tuple(out)

    def build_params(self) -> ParameterSet:
        raw = dict(_obj(self.doc.get("parameters") or {}, f"{self.where} parameters"))
        note = raw.pop("assumption", "")
        ps = ParameterSet.defaults().updated(raw)
        self.note(
            "assumption",
            "behavioural parameters",
            str(note) or "the defaults of majlis.formation.negotiation.params",
        )
        if self.user_params:
            ps = ps.updated(self.user_params)
            self.note(
                "assumption",
                "behavioural parameters (user)",
                ", ".join(f"{k}={v}" for k, v in self.user_params.items()),
            )
        return ps

    def build_status_quo(self) -> dict[str, float]:
        sq = _obj(self.doc.get("status_quo") or {}, f"{self.where} status_quo")
        parties = [str(p) for p in sq.get("parties") or []]
        if not parties:
            parties = list(self.seats(self.start))
        for p in parties:
            self.ds.party(p)
        self.noted("status quo policy (a deadlock's caretaker)", sq)
        return self.position_of(parties, self.start)


def resolve_scenario(
    doc: Mapping[str, Any],
    dataset: Dataset | None = None,
    *,
    no_resignation: bool = False,
    move: Sequence[tuple[str, str]] = (),
    params: Mapping[str, Any] | None = None,
    council_rule: str | None = None,
    committees: Sequence[str] = (),
    rounds: int | None = None,
) -> NegotiationSpec:
    """Resolve a scenario document on its dataset into a :class:`NegotiationSpec`.

    Parameters
    ----------
    doc : mapping
        A scenario document (:func:`load_negotiation_scenario`, after :func:`apply_overrides`).
    dataset : Dataset, optional
        Default: the scenario's built-in dataset.
    no_resignation : bool
        The resignation the scenario names does not happen: its seat changes are not applied,
        alliances keep their members of the day before it, pacts that ended with it go on.
    move : sequence of (actor, formateur)
        Actors that side with a formateur throughout (a pact from the start; they leave every
        other pact). ``("@kdp_with_framework", "")`` names a counterfactual of the scenario.
    params : mapping, optional
        Parameter distributions (see :mod:`majlis.formation.negotiation.params`).
    council_rule : str, optional
        Replace the council's rule (``consensus``, ``weighted``, ``veto``).
    committees : sequence of str
        Dataset committee ids that replace the scenario's committee with the same side and
        counterparts (e.g. the other account of who led the Sunni talks).
    rounds : int, optional
        Number of rounds (default: from ``start`` to ``until``).
    """
    if dataset is None:
        from majlis.data import load_dataset

        dataset = load_dataset(str(doc.get("dataset", "iraq")))
    return _Resolver(
        doc,
        dataset,
        no_resignation=no_resignation,
        move=move,
        params=params,
        council_rule=council_rule,
        committees=committees,
        rounds=rounds,
    ).build()
