"""Formation scenarios as data, their replay through the state machine, and counterfactuals.

A scenario file (JSON, format ``majlis-formation-scenario/1``; the built-in ones live in
``majlis/data/<dataset>/scenarios/``) says, for one parliamentary term:

* ``camps``: the groups of MPs that act together (a camp is a voting group, not a coalition);
* ``phases``: from a date on, which parties and alliances belong to which camp (``assign``) and
  what each camp wants at each step (``prefers``: a candidate, ``"yes"``/``"no"``, ``"block"``
  for "no election now", or nothing);
* ``candidates``: the people voted on or designated;
* ``sittings``: what happened, in date order: votes (who boycotts, who votes for whom, with the
  figures a source reports), acts (designations), sittings that held no ballot, and events of
  the dataset worth a row (nominations, new alliances);
* ``counterfactuals``: the roles the counterfactual flags need (which camp is the Framework,
  which its rival, which events make up a resignation).

Every assignment, stance and figure carries its ``source`` or an ``assumption`` note.
Seat counts always come from the dataset's :class:`~majlis.model.Parliament` on each date
(plus the seat changes of its events), never from the scenario.

:func:`replay` runs a scenario and returns a :class:`FormationResult` (``to_dict()`` is the
``majlis form --json`` document). Counterfactual flags change the house or the camps; a
counterfactual run plays every ballot by the blocking-minority rule
(:func:`~majlis.formation.process.blocking_ballots`), because the sourced stances describe what
camps did in the real house; ``strategic=True`` plays the baseline by the same rule, so the two
can be compared. The replay keeps the real sitting dates while the process is where the real
one was; once a counterfactual gets ahead of the timeline it takes the remaining steps at once
(same day: designation of the largest claiming camp's nominee, cabinet, confidence vote); once
it has fallen behind, sittings for steps it has not reached are recorded as not held.

Examples
--------
>>> r = replay("iraq-2021")
>>> [(s["date"], s["step"], s["outcome"]) for s in r.to_dict()["steps"] if s["kind"] == "vote"][:2]
[('2022-01-09', 'speaker', 'passed'), ('2022-02-07', 'president', 'failed')]
>>> r.government["prime_minister"]
'Mohammed Shia al-Sudani'
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from majlis.errors import UnknownIdError, ValidationError
from majlis.formation.constitution import Constitution, get_constitution
from majlis.formation.process import (
    BLANK,
    Ballot,
    Camp,
    FormationProcess,
    House,
    StepRecord,
    blocking_ballots,
)
from majlis.limits import MAX_CAMPS, MAX_PHASES, MAX_SCENARIO_BYTES, MAX_SITTINGS, check_limit
from majlis.model import Dataset, Parliament, parse_date

__all__ = [
    "FORMAT",
    "CampDef",
    "Counterfactual",
    "FormationResult",
    "FormationScenario",
    "formation_scenario_from_dict",
    "house_seats",
    "list_formation_scenarios",
    "load_formation_scenario",
    "replay",
]

FORMAT = "majlis-formation-scenario/1"
_BLOCK = "block"
_KINDS = ("vote", "act", "sitting", "event")
_OUTCOMES = ("passed", "failed", "stalled")


# ------------------------------------------------------------------------------------ format
@dataclass(frozen=True)
class CampDef:
    """A camp: a group of MPs that acts together (its members are set per phase)."""

    id: str
    name: str
    note: str = ""


@dataclass(frozen=True)
class Assignment:
    """Party or alliance ``member`` belongs to ``camp`` in a phase.

    ``seats`` caps the seats taken from a party (part of the independents); ``fill_to`` takes
    a party's seats until the camp holds that many (a reported camp size). Party assignments
    take precedence over alliance ones; unassigned seats go to the default camp. With
    ``relation_kinds`` (e.g. ``("ally",)``) the assignment is of every party or alliance the
    dataset records in such a relation to ``member`` on the day (its allies), not of ``member``.
    """

    member: str
    camp: str
    seats: int | None = None
    fill_to: int | None = None
    source: str = ""
    assumption: str = ""
    relation_kinds: tuple[str, ...] = ()


@dataclass(frozen=True)
class Phase:
    """From ``start`` on: the camps' composition and what each camp wants at each step."""

    start: dt.date
    assign: tuple[Assignment, ...]
    prefers: Mapping[str, Mapping[str, str | None]]
    note: str = ""
    source: str = ""
    assumption: str = ""
    roles: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Stance:
    """How a camp behaves at a sitting: boycott, or attend and vote (``None``: blank)."""

    boycott: bool = False
    vote: str | None = None
    source: str = ""
    assumption: str = ""


@dataclass(frozen=True)
class Sitting:
    """One dated entry of the scenario (a vote, an act, a sitting without vote, an event)."""

    date: dt.date
    kind: str
    step: str
    candidates: tuple[str, ...] = ()
    stances: Mapping[str, Stance] = field(default_factory=dict)
    runoff: Mapping[str, Stance] = field(default_factory=dict)
    choice: str = ""
    bloc: str = ""
    reported: Mapping[str, Any] | None = None
    event: str = ""
    outcome: str = "passed"
    reason: str = ""
    source: str = ""
    note: str = ""


@dataclass(frozen=True)
class FormationScenario:
    """A formation scenario (see the module docstring for the file format)."""

    id: str
    name: str
    dataset: str
    election: str
    constitution: str
    camps: tuple[CampDef, ...]
    default_camp: str
    phases: tuple[Phase, ...]
    candidates: Mapping[str, Mapping[str, str]]
    sittings: tuple[Sitting, ...]
    first_session: dt.date | None = None
    until: dt.date | None = None
    description: str = ""
    roles: Mapping[str, str] = field(default_factory=dict)
    resignation: Mapping[str, Any] | None = None
    sources: tuple[str, ...] = ()

    def camp_ids(self) -> list[str]:
        """Camp ids in file order."""
        return [c.id for c in self.camps]

    def candidate_name(self, cid: str | None) -> str | None:
        """The display name of a candidate id (the id itself if unknown)."""
        if cid is None:
            return None
        return self.candidates.get(cid, {}).get("name", cid)

    def assumptions(self) -> list[dict[str, str]]:
        """Every value marked as an assumption, with where it is used."""
        out = []
        for ph in self.phases:
            if ph.assumption:
                out.append({"where": f"phase from {ph.start}", "assumption": ph.assumption})
            for a in ph.assign:
                if a.assumption:
                    out.append(
                        {
                            "where": f"phase from {ph.start}: {a.member} -> {a.camp}",
                            "assumption": a.assumption,
                        }
                    )
        for s in self.sittings:
            for camp, st in [*s.stances.items(), *s.runoff.items()]:
                if st.assumption:
                    out.append(
                        {
                            "where": f"{s.date} {s.step}: {camp}",
                            "assumption": st.assumption,
                        }
                    )
        return out


def _str(doc: Mapping[str, Any], key: str, where: str, default: str | None = None) -> str:
    v = doc.get(key, default)
    if v is None:
        raise ValidationError(f"{where}: missing {key!r}")
    if not isinstance(v, str):
        raise ValidationError(f"{where}: {key!r} must be a string")
    return v


def _int_or_none(v: Any, where: str) -> int | None:
    if v is None:
        return None
    if isinstance(v, bool) or not isinstance(v, int) or v < 0:
        raise ValidationError(f"{where}: expected a non-negative integer, got {v!r}")
    return v


def _stance(v: Any, where: str) -> Stance:
    if v == "boycott":
        return Stance(boycott=True)
    if v is None or v == "attend":
        return Stance()
    if isinstance(v, str):
        return Stance(vote=None if v == BLANK else v)
    if not isinstance(v, Mapping):
        raise ValidationError(f"{where}: a stance is 'boycott', an option, or an object")
    unknown = set(v) - {"boycott", "vote", "source", "assumption"}
    if unknown:
        raise ValidationError(f"{where}: unknown stance field {sorted(unknown)[0]!r}")
    vote = v.get("vote")
    return Stance(
        bool(v.get("boycott", False)),
        None if vote in (None, BLANK) else str(vote),
        str(v.get("source", "")),
        str(v.get("assumption", "")),
    )


def formation_scenario_from_dict(doc: Mapping[str, Any]) -> FormationScenario:
    """Build and check a :class:`FormationScenario` from its JSON document.

    Raises :class:`~majlis.errors.ValidationError` naming the bad entry, and
    :class:`~majlis.errors.TooLargeError` beyond :data:`majlis.limits.MAX_SITTINGS` sittings,
    :data:`~majlis.limits.MAX_CAMPS` camps or :data:`~majlis.limits.MAX_PHASES` phases.
    """
    if not isinstance(doc, Mapping):
        raise ValidationError("a scenario is a JSON object")
    if doc.get("format") != FORMAT:
        raise ValidationError(f"not a scenario document: 'format' must be {FORMAT!r}")
    sid = _str(doc, "id", "scenario")
    where = f"scenario {sid!r}"
    camps_doc = doc.get("camps") or []
    phases_doc = doc.get("phases") or []
    sittings_doc = doc.get("sittings") or []
    for what, items, limit in (
        ("camps", camps_doc, MAX_CAMPS),
        ("phases", phases_doc, MAX_PHASES),
        ("sittings", sittings_doc, MAX_SITTINGS),
    ):
        if not isinstance(items, list):
            raise ValidationError(f"{where}: {what!r} must be a list")
        if len(items) > limit:
            check_limit(len(items), limit, f"{what} in {where}")
    camps = tuple(
        CampDef(
            _str(c, "id", f"{where} camp"), str(c.get("name", c.get("id"))), str(c.get("note", ""))
        )
        for c in camps_doc
    )
    ids = [c.id for c in camps]
    if not ids or len(set(ids)) != len(ids):
        raise ValidationError(f"{where}: camps must be a non-empty list of distinct ids")
    default_camp = _str(doc, "default_camp", where)
    if default_camp not in ids:
        raise ValidationError(f"{where}: default_camp {default_camp!r} is not a camp")
    constitution = get_constitution(_str(doc, "constitution", where))
    candidates: dict[str, dict[str, str]] = {}
    for cid, c in (doc.get("candidates") or {}).items():
        if not isinstance(c, Mapping):
            raise ValidationError(f"{where}: candidate {cid!r} must be an object")
        candidates[str(cid)] = {k: str(v) for k, v in c.items()}

    def check_camp(camp: str, w: str) -> None:
        if camp not in ids:
            raise ValidationError(f"{w}: unknown camp {camp!r} (camps: {', '.join(ids)})")

    def check_option(opt: str | None, w: str) -> None:
        if opt is None or opt in ("yes", "no", _BLOCK):
            return
        if opt not in candidates:
            raise ValidationError(f"{w}: unknown candidate {opt!r}")

    phases = []
    for i, ph in enumerate(phases_doc):
        w = f"{where} phase {i + 1}"
        start = parse_date(_str(ph, "from", w), what=f"{w} start")
        assign = []
        for a in ph.get("assign") or []:
            member = _str(a, "member", w)
            camp = _str(a, "camp", w)
            check_camp(camp, w)
            kinds = a.get("relations") or ()
            if isinstance(kinds, str) or not all(isinstance(k, str) for k in kinds):
                raise ValidationError(f"{w} {member}: 'relations' must be a list of relation kinds")
            assign.append(
                Assignment(
                    member,
                    camp,
                    _int_or_none(a.get("seats"), f"{w} {member}"),
                    _int_or_none(a.get("fill_to"), f"{w} {member}"),
                    str(a.get("source", "")),
                    str(a.get("assumption", "")),
                    tuple(kinds),
                )
            )
        prefers: dict[str, dict[str, str | None]] = {}
        for camp, steps in (ph.get("prefers") or {}).items():
            check_camp(camp, w)
            prefers[camp] = {}
            for step_id, opt in steps.items():
                constitution.step(step_id)
                check_option(opt, f"{w} prefers {camp}/{step_id}")
                prefers[camp][step_id] = opt
        roles = {str(k): str(v) for k, v in (ph.get("roles") or {}).items()}
        for role, camp in roles.items():
            check_camp(camp, f"{w} role {role}")
        phases.append(
            Phase(
                start,
                tuple(assign),
                prefers,
                str(ph.get("note", "")),
                str(ph.get("source", "")),
                str(ph.get("assumption", "")),
                roles,
            )
        )
    if not phases:
        raise ValidationError(f"{where}: at least one phase is needed")
    if any(b.start < a.start for a, b in zip(phases, phases[1:])):
        raise ValidationError(f"{where}: phases must be in date order")
    sittings = []
    for i, s in enumerate(sittings_doc):
        w = f"{where} sitting {i + 1}"
        kind = _str(s, "kind", w)
        if kind not in _KINDS:
            raise ValidationError(f"{w}: kind must be one of {', '.join(_KINDS)}")
        on = parse_date(_str(s, "date", w), what=f"{w} date")
        step = _str(s, "step", w)
        w = f"{where} sitting {on} {step}"
        if kind != "event":
            constitution.step(step)
        cands = tuple(str(c) for c in s.get("candidates") or ())
        for c in cands:
            check_option(c, w)
        stances = {}
        for camp, v in (s.get("stances") or {}).items():
            check_camp(camp, w)
            st = _stance(v, f"{w} {camp}")
            check_option(st.vote, f"{w} {camp}")
            stances[camp] = st
        runoff = {}
        for camp, v in (s.get("runoff") or {}).items():
            check_camp(camp, w)
            runoff[camp] = _stance(v, f"{w} run-off {camp}")
        outcome = str(s.get("outcome", "passed"))
        if outcome not in _OUTCOMES:
            raise ValidationError(f"{w}: outcome must be one of {', '.join(_OUTCOMES)}")
        choice = str(s.get("choice", ""))
        if kind == "act" and not choice:
            raise ValidationError(f"{w}: an act needs a 'choice'")
        reported = s.get("reported")
        if reported is not None and not isinstance(reported, Mapping):
            raise ValidationError(f"{w}: 'reported' must be an object")
        sittings.append(
            Sitting(
                on,
                kind,
                step,
                cands,
                stances,
                runoff,
                choice,
                str(s.get("bloc", "")),
                reported,
                str(s.get("event", "")),
                outcome,
                str(s.get("reason", "")),
                str(s.get("source", "")),
                str(s.get("note", "")),
            )
        )
    if any(b.date < a.date for a, b in zip(sittings, sittings[1:])):
        raise ValidationError(f"{where}: sittings must be in date order")
    roles = {str(k): str(v) for k, v in (doc.get("roles") or {}).items()}
    for role, camp in roles.items():
        check_camp(camp, f"{where} role {role}")
    return FormationScenario(
        sid,
        str(doc.get("name", sid)),
        str(doc.get("dataset", "iraq")),
        _str(doc, "election", where),
        constitution.id,
        camps,
        default_camp,
        tuple(phases),
        candidates,
        tuple(sittings),
        parse_date(doc["first_session"]) if doc.get("first_session") else None,
        parse_date(doc["until"]) if doc.get("until") else None,
        str(doc.get("description", "")),
        roles,
        doc.get("resignation"),
        tuple(str(x) for x in doc.get("sources") or ()),
    )


def builtin_scenario_ids(folder: str) -> list[str]:
    """Ids of the built-in scenario files ``<dataset>/<folder>/<id>.json``, sorted.

    >>> builtin_scenario_ids("scenarios")
    ['iraq-2021', 'iraq-2025']
    """
    from majlis.data import BUILTIN, builtin_path

    dirs = [builtin_path(name) / folder for name in BUILTIN]
    return sorted(p.stem for d in dirs if d.is_dir() for p in d.glob("*.json"))


def list_formation_scenarios() -> list[str]:
    """Ids of the built-in scenarios.

    >>> list_formation_scenarios()
    ['iraq-2021', 'iraq-2025']
    """
    return builtin_scenario_ids("scenarios")


def read_scenario_json(
    name_or_path: str | Path, folder: str, known: Callable[[], list[str]], what: str = "scenario"
) -> Any:
    """The JSON document of a built-in scenario (``<dataset>/<folder>/<id>.json``) or a file.

    A path is a :class:`~pathlib.Path` or a string ending in ``.json``; ``known()`` lists the
    built-in ids for the error message. Raises :class:`~majlis.errors.UnknownIdError`,
    :class:`~majlis.errors.ValidationError` (missing file, bad JSON) or
    :class:`~majlis.errors.TooLargeError` beyond :data:`majlis.limits.MAX_SCENARIO_BYTES`.
    """
    from majlis.data import BUILTIN, builtin_path

    text: str
    if isinstance(name_or_path, Path) or str(name_or_path).endswith(".json"):
        path = Path(name_or_path)
        if not path.is_file():
            raise ValidationError(f"{what} file not found: {path}")
        check_limit(path.stat().st_size, MAX_SCENARIO_BYTES, f"bytes in a {what} file ({path})")
        text = path.read_text(encoding="utf-8")
    else:
        found = [builtin_path(name) / folder / f"{name_or_path}.json" for name in BUILTIN]
        hit = next((p for p in found if p.is_file()), None)
        if hit is None:
            raise UnknownIdError(
                f"unknown {what} {name_or_path!r}: use one of {', '.join(known())} or a .json file"
            )
        text = hit.read_text(encoding="utf-8")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(f"{what} is not valid JSON: {exc.msg} at line {exc.lineno}") from None


def load_formation_scenario(name_or_path: str | Path) -> FormationScenario:
    """A built-in scenario by id (``"iraq-2021"``) or a scenario file by path."""
    doc = read_scenario_json(name_or_path, "scenarios", list_formation_scenarios)
    return formation_scenario_from_dict(doc)


# ------------------------------------------------------------------------------------ counterfactuals
_INDEPENDENTS = ("framework", "rival", "split")


@dataclass(frozen=True)
class Counterfactual:
    """What a replay changes with respect to the sourced timeline.

    Attributes
    ----------
    no_resignation : bool
        The resignation named in the scenario (``resignation``: its events and date) does not
        happen: its seat changes and those of the replacements are not applied, and the camps
        of the last phase before it stay in force.
    move : tuple of (party, camp)
        Parties that side with another camp in every phase: a camp id, or ``"role:NAME"`` for
        the camp that plays that role in each phase (``--kdp-with-framework`` is
        ``(("kdp", "role:framework"),)``).
    independents : str or None
        ``"framework"`` or ``"rival"``: every independent MP joins that camp; ``"split"``:
        half each (the odd one stays in the default camp).
    law : str or None
        Another electoral law's seats (:func:`majlis.electoral.apply_law`, the law from
        :meth:`majlis.model.Dataset.law`) in the governorates
        whose official result the data reproduces in full; official seats elsewhere.
    strategic : bool
        Play every ballot by the blocking-minority rule (implied by any other change).
    """

    no_resignation: bool = False
    move: tuple[tuple[str, str], ...] = ()
    independents: str | None = None
    law: str | None = None
    strategic: bool = False

    def __post_init__(self) -> None:
        if self.independents is not None and self.independents not in _INDEPENDENTS:
            raise ValidationError(
                f"independents must be one of {', '.join(_INDEPENDENTS)}, got {self.independents!r}"
            )

    @property
    def changes(self) -> bool:
        """True if the replay departs from the sourced timeline."""
        return bool(self.no_resignation or self.move or self.independents or self.law)

    @property
    def rule_based(self) -> bool:
        """True if ballots follow the blocking-minority rule instead of the sourced stances."""
        return self.strategic or self.changes

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "no_resignation": self.no_resignation,
            "move": [{"party": p, "camp": c} for p, c in self.move],
            "independents": self.independents,
            "law": self.law,
            "strategic": self.rule_based,
        }


# ------------------------------------------------------------------------------------ result
@dataclass(frozen=True)
class FormationResult:
    """A replay: the step rows, the government formed (or None), and what it rests on."""

    scenario: str
    name: str
    constitution: str
    election: str
    first_session: dt.date | None
    until: dt.date
    steps: tuple[StepRecord, ...]
    government: Mapping[str, Any] | None
    status: str
    counterfactual: Counterfactual
    candidates: Mapping[str, Mapping[str, str]]
    camps: tuple[CampDef, ...]
    assumptions: tuple[Mapping[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The ``majlis form --json`` document: ``steps``, ``government`` and context."""
        return {
            "scenario": self.scenario,
            "name": self.name,
            "constitution": self.constitution,
            "election": self.election,
            "first_session": self.first_session.isoformat() if self.first_session else None,
            "until": self.until.isoformat(),
            "mode": "rule" if self.counterfactual.rule_based else "sourced",
            "counterfactual": self.counterfactual.to_dict(),
            "status": self.status,
            "steps": [s.to_dict() for s in self.steps],
            "government": dict(self.government) if self.government else None,
            "candidates": {k: dict(v) for k, v in self.candidates.items()},
            "camps": [{"id": c.id, "name": c.name, "note": c.note} for c in self.camps],
            "assumptions": [dict(a) for a in self.assumptions],
            "notes": list(self.notes),
            "sources": list(self.sources),
        }


# ------------------------------------------------------------------------------------ replay
def house_seats(
    ds: Dataset,
    election: str,
    on: dt.date,
    *,
    skip_events: Sequence[str] | set[str] = (),
    delta: Mapping[str, int] | None = None,
) -> dict[str, int]:
    """Seats per party on ``on`` in the term of ``election``, without the seat changes of
    ``skip_events`` (a counterfactual: the resignation that did not happen) and plus ``delta``.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> ds = load_dataset("iraq")
    >>> on = dt.date(2022, 7, 1)
    >>> "sadrist" in house_seats(ds, "2021", on)
    False
    >>> house_seats(ds, "2021", on, skip_events={"2022-06-12", "2022-06-23"})["sadrist"]
    73
    """
    p = ds.parliament(date=on)
    if p.election.id != election:
        raise ValidationError(f"{on} is outside the term of election {election}")
    seats = dict(p.seats)
    skip = set(skip_events)
    for ev in p.events:
        if ev.id in skip:
            for ch in ev.seat_changes:
                seats[ch.party] = seats.get(ch.party, 0) - ch.delta
    for party, d in (delta or {}).items():
        seats[party] = seats.get(party, 0) + d
    bad = [q for q, s in seats.items() if s < 0]
    if bad:
        raise ValidationError(f"counterfactual seats of {', '.join(bad)} fall below zero on {on}")
    return {q: s for q, s in seats.items() if s > 0}


class _Replay:
    """The working state of one replay (private)."""

    def __init__(self, sc: FormationScenario, ds: Dataset, cf: Counterfactual) -> None:
        self.sc, self.ds, self.cf = sc, ds, cf
        self.constitution: Constitution = get_constitution(sc.constitution)
        self.election = ds.election(sc.election)
        first = sc.first_session or self.election.first_session
        self.first_session = first
        self.until = sc.until or (
            sc.sittings[-1].date if sc.sittings else first or self.election.date
        )
        self.proc = FormationProcess(
            self.constitution, election=self.election.date, first_session=first
        )
        self.notes: list[str] = []
        self.government: dict[str, Any] | None = None
        self.designated: str | None = None
        self.skipped_events: set[str] = set()
        self.seat_rows_done: set[str] = set()
        self.law_delta: dict[str, int] = {}
        self.resign_date: dt.date | None = None
        if cf.no_resignation:
            if not sc.resignation:
                raise ValidationError(f"scenario {sc.id!r} names no resignation to undo")
            self.skipped_events = set(sc.resignation.get("events", ()))
            self.resign_date = parse_date(sc.resignation["date"])
            for eid in self.skipped_events:
                if not any(ev.id == eid for ev in ds.events):
                    raise ValidationError(
                        f"scenario {sc.id!r}: resignation event {eid!r} is not in the dataset"
                    )
        if cf.law:
            self.law_delta = self._law_delta(cf.law)
        for party, camp in cf.move:
            ds.party(party)
            if camp.startswith("role:"):
                if camp[5:] not in sc.roles:
                    raise ValidationError(f"scenario {sc.id!r} names no {camp[5:]} camp")
            elif camp not in sc.camp_ids():
                raise ValidationError(f"unknown camp {camp!r} (camps: {', '.join(sc.camp_ids())})")
        if cf.independents:
            role = "framework" if cf.independents in ("framework", "split") else "rival"
            needed = ["framework", "rival"] if cf.independents == "split" else [role]
            for r in needed:
                if r not in sc.roles:
                    raise ValidationError(
                        f"scenario {sc.id!r} names no {r} camp for --independents"
                    )
            if not any(ds.party(p).independents for p in self._elected()):
                raise ValidationError(f"the house of scenario {sc.id!r} has no independent MPs")

    # -------------------------------------------------------------- seats
    def _elected(self) -> dict[str, int]:
        return self.ds.parliament(election=self.election.id).seats

    def _law_delta(self, law: str) -> dict[str, int]:
        from majlis.electoral import apply_law, load_election_votes, validate_election

        the_law = self.ds.law(law)
        ev = load_election_votes(self.ds, self.election.id)
        checks = validate_election(self.ds, self.election.id)
        full = [c.governorate for c in checks if c.mode == "full" and c.ok]
        if not full:
            raise ValidationError(
                f"no governorate of election {self.election.id} is fully reproduced by its votes in the data: "
                "a law counterfactual has nothing to stand on"
            )
        by_name = {p.name: p.id for p in self.ds.parties}
        delta: dict[str, int] = {}
        # the election's own magnitudes (the official seats fill these governorates): the house
        # keeps its size and only the allocation rule changes
        magnitudes = {g: sum(ev.official[g].values()) for g in full}
        res = apply_law(the_law, {g: ev.votes[g] for g in full}, magnitudes)
        for g in full:
            for name in set(res.districts[g]) | set(ev.official.get(g, {})):
                d = res.districts[g].get(name, 0) - ev.official.get(g, {}).get(name, 0)
                if d:
                    pid = by_name.get(name)
                    if pid is None:
                        raise ValidationError(f"list {name!r} of {g} is not a party of the dataset")
                    delta[pid] = delta.get(pid, 0) + d
        self.notes.append(
            f"law {law}: seats recomputed in {len(full)} of {len(checks)} governorates with votes in the data "
            f"({', '.join(full)}), where the official result is reproduced in full, with their official "
            "magnitudes (only the allocation rule changes); official seats elsewhere; "
            f"seat changes: {', '.join(f'{p} {d:+d}' for p, d in sorted(delta.items())) or 'none'}"
        )
        return delta

    def parliament(self, on: dt.date) -> Parliament:
        return self.ds.parliament(date=on)

    def seats(self, on: dt.date) -> dict[str, int]:
        return house_seats(
            self.ds, self.election.id, on, skip_events=self.skipped_events, delta=self.law_delta
        )

    # -------------------------------------------------------------- camps
    def membership_parliament(self, on: dt.date) -> Parliament:
        """The parliament whose alliance memberships apply on ``on``.

        Without the resignation, alliances keep their members of the day before it.
        """
        if self.resign_date is not None and on >= self.resign_date:
            return self.parliament(self.resign_date - dt.timedelta(days=1))
        return self.parliament(on)

    def phase(self, on: dt.date) -> Phase:
        phases = [ph for ph in self.sc.phases if ph.start <= on]
        if self.resign_date is not None:
            before = [ph for ph in phases if ph.start < self.resign_date]
            phases = before or phases
        if not phases:
            return self.sc.phases[0]
        return phases[-1]

    def camps(self, on: dt.date) -> dict[str, dict[str, int]]:
        """Camp -> party -> seats on ``on`` (baseline assignment, then counterfactual moves)."""
        ph = self.phase(on)
        seats = self.seats(on)
        p = self.membership_parliament(on)
        left = dict(seats)
        out: dict[str, dict[str, int]] = {c: {} for c in self.sc.camp_ids()}

        def take(party: str, camp: str, n: int | None = None) -> None:
            have = left.get(party, 0)
            k = have if n is None else min(n, have)
            if k > 0:
                out[camp][party] = out[camp].get(party, 0) + k
                left[party] = have - k

        assign: list[Assignment] = []
        for a in ph.assign:
            if not a.relation_kinds:
                assign.append(a)
                continue
            day = p.date
            for rel in self.ds.relations_on(day):
                if rel.object == a.member and rel.kind in a.relation_kinds:
                    assign.append(replace(a, member=rel.subject, relation_kinds=()))
        party_assigned = {a.member for a in assign if a.member in self.ds._party}
        for a in assign:
            if a.member in self.ds._party and a.fill_to is None:
                take(a.member, a.camp, a.seats)
        for a in assign:
            if a.member in self.ds._party:
                continue
            self.ds.alliance(a.member)
            for party in p.alliance_members(a.member):
                if party not in party_assigned:
                    take(party, a.camp, None)
        for a in assign:
            if a.fill_to is not None:
                self.ds.party(a.member)
                have = sum(out[a.camp].values())
                take(a.member, a.camp, max(0, a.fill_to - have))
        for party, n in left.items():
            if n:
                out[self.sc.default_camp][party] = out[self.sc.default_camp].get(party, 0) + n
        # counterfactual moves of whole parties (a target "role:NAME" is the phase's camp of that role)
        roles = {**self.sc.roles, **ph.roles}
        for party, target in self.cf.move:
            camp = roles[target[5:]] if target.startswith("role:") else target
            n = sum(c.pop(party, 0) for c in out.values())
            if n:
                out[camp][party] = n
        if self.cf.independents:
            indep = [x.id for x in self.ds.parties if x.independents]
            for party in indep:
                n = sum(c.pop(party, 0) for c in out.values())
                if not n:
                    continue
                fw, rv = roles.get("framework"), roles.get("rival")
                if self.cf.independents == "framework":
                    out[str(fw)][party] = n
                elif self.cf.independents == "rival":
                    out[str(rv)][party] = n
                else:
                    half = n // 2
                    out[str(fw)][party] = half
                    out[str(rv)][party] = half
                    if n - 2 * half:
                        out[self.sc.default_camp][party] = n - 2 * half
        return out

    def names(self) -> dict[str, str]:
        """Display names of the candidate ids."""
        return {cid: c.get("name", cid) for cid, c in self.sc.candidates.items()}

    def prefers(self, on: dt.date, camp: str, step: str) -> str | None:
        return self.phase(on).prefers.get(camp, {}).get(step)

    # -------------------------------------------------------------- ballots
    def ballots(
        self, s: Sitting, camps: dict[str, dict[str, int]], candidates: tuple[str, ...]
    ) -> Any:
        step = self.constitution.step(s.step)
        names = {c.id: c.name for c in self.sc.camps}

        def fixed(stances: Mapping[str, Stance]) -> list[Ballot]:
            out = []
            for cid, parties in camps.items():
                seats = sum(parties.values())
                if not seats:
                    continue
                st = stances.get(cid)
                if st is None:
                    pref = self.prefers(s.date, cid, s.step)
                    st = Stance(vote=None if pref in (None, _BLOCK) else pref)
                vote = st.vote if (st.vote in candidates or step.kind == "investiture") else None
                out.append(
                    Ballot(names[cid], seats, vote=vote, boycott=st.boycott, parties=tuple(parties))
                )
            return out

        if not self.cf.rule_based:
            first = fixed(s.stances)
            if not s.runoff:
                return first
            merged = {**s.stances, **s.runoff}
            second = fixed(merged)
            start = self.proc.round_index
            return lambda i, _c: first if i == start else second
        return self._rule_ballots(s, step, camps, candidates, names)

    def _rule_ballots(
        self,
        s: Sitting,
        step: Any,
        camps: dict[str, dict[str, int]],
        candidates: tuple[str, ...],
        names: Mapping[str, str],
    ) -> list[Ballot]:
        house = House(self.seats(s.date), self.election.house_size)
        blockers = set()
        camp_list = []
        for cid, parties in camps.items():
            seats = sum(parties.values())
            if not seats:
                continue
            pref = self.prefers(s.date, cid, s.step)
            if step.kind == "investiture":
                pref = self._confidence_pref(s.date, cid, pref)
            if pref == _BLOCK:
                blockers.add(names[cid])
                pref = None
            camp_list.append(Camp(names[cid], seats, pref, tuple(parties)))
        ballots = blocking_ballots(
            step,
            house,
            camp_list,
            round_index=self.proc.round_index,
            candidates=candidates,
            previous=self.proc.previous_round,
        )
        if not blockers:
            return ballots
        # camps that want no election now stay away whenever staying away denies the quorum
        rnd = step.rounds[self.proc.round_index]
        if rnd.quorum is None:
            return ballots
        present = sum(b.seats for b in ballots if not b.boycott and b.label not in blockers)
        if present < rnd.quorum.needed(members=house.total_seats, present=present):
            ballots = [replace(b, boycott=True) if b.label in blockers else b for b in ballots]
        return ballots

    def _confidence_pref(self, on: dt.date, camp: str, pref: str | None) -> str | None:
        own = self.prefers(on, camp, "designation")
        if own is None:
            return pref
        if self.designated is not None:
            return "yes" if own == self.designated else (pref or "no")
        return pref

    def candidates_for(self, s: Sitting, camps: dict[str, dict[str, int]]) -> tuple[str, ...]:
        out = list(s.candidates)
        if self.cf.rule_based and self.constitution.step(s.step).kind == "election":
            for cid in camps:
                pref = self.prefers(s.date, cid, s.step)
                if pref not in (None, _BLOCK, "yes", "no") and pref not in out:
                    out.append(pref)
        return tuple(out)

    # -------------------------------------------------------------- reported figures
    def reported(self, s: Sitting) -> dict[str, Any] | None:
        """The figures sources report for a sitting: the dataset's tallies of its event.

        Each figure keeps its source; where sources disagree the preferred (first) figure is
        given and every value is listed under ``disputed``. A scenario's own ``reported``
        object (for data the dataset lacks) is merged underneath.
        """
        out: dict[str, Any] = dict(s.reported or {})
        if not s.event:
            return out or None
        tallies = [t for t in self.ds.tallies_of(s.event) if t.item in (s.step, "session")]
        if not tallies:
            return out or None
        by_name = {c.get("name", cid): cid for cid, c in self.sc.candidates.items()}
        rounds = []
        sources: list[str] = []
        disputed: dict[str, list[int]] = {}
        for t in tallies:
            for f in t.figures:
                if f.source and f.source not in sources:
                    sources.append(f.source)
                key = f"{t.item}/{t.round}/{f.measure}" + (f"/{f.subject}" if f.subject else "")
                vals = t.values(f.measure, f.subject)
                if len(vals) > 1:
                    disputed[key] = list(vals)
            if t.item != s.step:
                continue
            r: dict[str, Any] = {"round": t.round}
            for f in t.figures:
                if f.measure != "votes" and not f.subject and f.measure not in r:
                    r[f.measure] = t.value(f.measure)
            votes = {by_name.get(n, n): v for n, v in t.candidates.items()}
            if votes:
                r["votes"] = votes
            rounds.append(r)
        session = next((t for t in tallies if t.item == "session"), None)
        present = next((r["present"] for r in reversed(rounds) if "present" in r), None)
        if present is None and session is not None:
            present = session.value("present")
        out.update({"event": s.event, "rounds": rounds, "sources": sources, "disputed": disputed})
        if present is not None:
            out["present"] = present
        if session is not None and session.value("present") not in (None, present):
            out["present_session"] = session.value("present")
        if rounds and "votes" in rounds[-1]:
            out["votes"] = rounds[-1]["votes"]
        return out

    # -------------------------------------------------------------- blocs
    def blocs(self, on: dt.date, nominator: str, step_id: str, nominee: str) -> dict[str, int]:
        """Seats of the nominating bloc and of every rival bloc disjoint from it.

        Blocs are the dataset's alliances of kind ``bloc``, parties in no such bloc
        (independent MPs excluded), and the camps that claim the nomination for someone else (a
        camp with another preferred nominee): the Federal Supreme Court counts blocs formed in
        parliament.
        """
        p = self.membership_parliament(on)
        seats = self.seats(on)
        camps = self.camps(on)
        groups: dict[str, set[str]] = {}
        in_bloc: set[str] = set()
        for a in p.alliances():
            if a.kind == "bloc":
                members = set(p.alliance_members(a.id))
                in_bloc |= members
                groups[a.id] = members
        for party in seats:
            if party not in in_bloc and not self.ds.party(party).independents:
                groups[party] = {party}
        for cid, parties in camps.items():
            claim = self.prefers(on, cid, step_id)
            if cid == nominator or claim not in (None, _BLOCK, nominee):
                groups[cid] = set(parties)
        if nominator not in groups:
            if nominator in self.ds._alliance:
                groups[nominator] = set(p.alliance_members(nominator))
            else:
                self.ds.party(nominator)
                groups[nominator] = {nominator}
        own = groups[nominator]
        own_seats = camps[nominator] if nominator in camps else {x: seats.get(x, 0) for x in own}
        out = {nominator: sum(own_seats.values())}
        for gid, members in groups.items():
            if gid == nominator:
                continue
            # a rival counts only the seats it does not share with the nominating bloc
            n = sum(seats.get(x, 0) for x in members if x not in own)
            if n:
                out[gid] = n
        return out

    # -------------------------------------------------------------- rows
    def event_row(self, s: Sitting) -> None:
        ev = next((e for e in self.ds.events if e.id == s.event), None) if s.event else None
        if s.event and ev is None:
            raise ValidationError(f"scenario {self.sc.id!r}: unknown dataset event {s.event!r}")
        reason = s.reason or (ev.description if ev else "")
        if not reason:
            raise ValidationError(
                f"scenario {self.sc.id!r}: event on {s.date} needs a reason or an event id"
            )
        self.proc.note(
            s.date,
            s.step,
            reason,
            outcome=s.outcome,
            source=s.source or (ev.source if ev else ""),
            details={"event": s.event} if s.event else None,
        )

    def seat_event_rows(self, upto: dt.date) -> None:
        """Rows for the dataset's seat changes (resignations, replacements) up to ``upto``."""
        from majlis.model import majority_quota, two_thirds_quota

        start = self.first_session or self.election.date
        names = {c.id: c.name for c in self.sc.camps}
        house = self.election.house_size
        maj, q = majority_quota(house), two_thirds_quota(house)
        for ev in self.ds.events_in_term(self.election, until=upto):
            if not ev.seat_changes or ev.date < start or ev.id in self.seat_rows_done:
                continue
            self.seat_rows_done.add(ev.id)
            if ev.id in self.skipped_events:
                continue
            seats = self.seats(ev.date)
            filled = sum(seats.values())
            camps = self.camps(ev.date)
            sizes = ", ".join(
                f"{names[c]} {sum(v.values())}" for c, v in camps.items() if sum(v.values())
            )
            change = ", ".join(f"{ch.party} {ch.delta:+d}" for ch in ev.seat_changes)
            self.proc.note(
                ev.date,
                "seats",
                f"{ev.description} Seats: {change}. House: {filled} of {house} filled; majority "
                f"{maj}, two-thirds quorum {q}, blocking third {house - q + 1}. Camps: {sizes}.",
                source=ev.source,
                details={
                    "event": ev.id,
                    "filled_seats": filled,
                    "camps": {c: sum(v.values()) for c, v in camps.items()},
                },
            )

    # -------------------------------------------------------------- main loop
    def run(self) -> None:
        for i, s in enumerate(self.sc.sittings):
            if s.date > self.until:
                break
            if self.proc.status != "running":
                self.notes.append(
                    f"the process ended ({self.proc.status}) before {s.date}; later entries are not replayed"
                )
                break
            self.seat_event_rows(s.date)
            if s.kind == "event":
                self.event_row(s)
            else:
                self.sitting(s)
            self._catch_up(i)
        if self.proc.status == "running":
            self.seat_event_rows(self.until)

    def _expected(self, s: Sitting) -> bool:
        """True if the process is at the sitting's step; else a row says why it is not held."""
        step = self.proc.step
        if step is not None and step.id == s.step:
            return True
        done = step is None or self.constitution.index(s.step) < self.constitution.index(step.id)
        why = (
            "already taken"
            if done
            else f"not reached (the process is at {step.id!r})"
            if step
            else ""
        )
        self.proc.note(
            s.date,
            s.step,
            f"not held in this replay: the step is {why}",
            outcome="passed" if done else "stalled",
            source=s.source,
        )
        return False

    def sitting(self, s: Sitting) -> None:
        if not self._expected(s):
            return
        step = self.constitution.step(s.step)
        camps = self.camps(s.date)
        details: dict[str, Any] = {}
        if s.event:
            details["event"] = s.event
        if s.note:
            details["note"] = s.note
        if s.kind == "sitting":
            self.proc.sitting_without_vote(
                s.date,
                s.reason or "no ballot held",
                step=s.step,
                reported=self.reported(s),
                source=s.source,
            )
            return
        if s.kind == "act":
            self._act(s, s.choice, details)
            return
        cands = self.candidates_for(s, camps)
        house = House(self.seats(s.date), self.election.house_size)
        rec = self.proc.vote(
            s.date,
            house,
            self.ballots(s, camps, cands),
            step=s.step,
            candidates=cands,
            names=self.names(),
            reported=self.reported(s),
            source=s.source,
            details=details,
        )
        if step.id == self.constitution.steps[-1].id and rec.outcome == "passed":
            self._government(s, rec)

    def _act(self, s: Sitting, choice: str, details: dict[str, Any], reason: str = "") -> bool:
        step = self.constitution.step(s.step)
        bloc = s.bloc or None
        blocs = (
            self.blocs(s.date, bloc, s.step, choice)
            if step.nominator == "largest-bloc" and bloc is not None
            else None
        )
        name = self.sc.candidate_name(choice) or choice
        rec = self.proc.act(
            s.date,
            name,
            step=s.step,
            bloc=bloc,
            blocs=blocs if bloc is not None else None,
            reason=reason,
            source=s.source,
            details=details,
        )
        if step.nominator == "largest-bloc" and rec.outcome == "passed":
            self.designated = choice
        return rec.outcome == "passed"

    def _government(self, s: Sitting, rec: StepRecord) -> None:
        """The government formed: the dataset's cabinet of that day if it records one."""
        assert rec.votes is not None
        voted: list[str] = []
        yes_seats = 0
        for g in rec.votes.last.tally.groups:
            if not g.boycott and g.vote == "yes":
                voted.extend(p for p in g.parties if p not in voted)
                yes_seats += g.seats
        gov: dict[str, Any] = {
            "date": s.date.isoformat(),
            "prime_minister": self.sc.candidate_name(self.designated) if self.designated else None,
            "prime_minister_id": self.designated,
            "parties": voted,
            "seats": yes_seats,
            "voted_for": voted,
            "votes_for": yes_seats,
            "basis": "the parties whose MPs voted for the cabinet in this replay",
        }
        cab = next((c for c in self.ds.cabinets if c.start == s.date), None)
        if cab is not None and not self.cf.changes:
            gov["cabinet"] = cab.to_dict()
            if cab.coalition:
                members = self.membership_parliament(s.date).alliance_members(cab.coalition)
                gov["coalition"] = cab.coalition
                gov["parties"] = members
                gov["seats"] = sum(self.seats(s.date).get(p, 0) for p in members)
                gov["basis"] = (
                    f"the coalition the dataset records for cabinet {cab.id!r} ({cab.coalition}), "
                    "its members on that day"
                )
        self.government = gov

    def _catch_up(self, index: int) -> None:
        """Counterfactual steps the real timeline has no sitting for.

        When the process is ahead of the timeline (a later real sitting is for a step it has
        already passed), it takes the remaining steps at once, on the same day. When an act is
        due and no real sitting for it remains, the act follows the rule too (the nominee of the
        largest camp that claims it). A vote the timeline does not hold is never invented.
        """
        on = self.sc.sittings[index].date
        later = [
            x for x in self.sc.sittings[index + 1 :] if x.kind != "event" and x.date <= self.until
        ]
        note = "generated by the replay's rule: the scenario has no such sitting"
        while self.proc.status == "running":
            step = self.proc.step
            assert step is not None
            cur = self.constitution.index(step.id)
            ahead = any(self.constitution.index(x.step) < cur for x in later)
            if not ahead and (step.is_vote or any(x.step == step.id for x in later)):
                return
            camps = self.camps(on)
            generated = Sitting(on, "vote" if step.is_vote else "act", step.id)
            if step.kind == "act":
                choice: tuple[str, str] | None
                if step.nominator == "largest-bloc":
                    choice = self._generated_choice(on, step.id, camps)
                else:
                    who = self.sc.candidate_name(self.designated) or "the designate"
                    choice = (f"cabinet of {who}", "")
                if choice is None:
                    self.notes.append(
                        f"{on}: no camp declares a choice for {step.id!r}; the replay waits"
                    )
                    return
                ok = self._act(replace(generated, bloc=choice[1]), choice[0], {"generated": True})
                self.notes.append(f"{on}: {step.id} {note}")
                if not ok:
                    return
                continue
            cands = self.candidates_for(generated, camps)
            if step.kind == "election" and not cands:
                return
            house = House(self.seats(on), self.election.house_size)
            rec = self.proc.vote(
                on,
                house,
                self.ballots(generated, camps, cands),
                step=step.id,
                candidates=cands,
                names=self.names(),
                details={"generated": True},
            )
            self.notes.append(f"{on}: {step.id} {note}")
            if rec.outcome != "passed":
                return
            if step.id == self.constitution.steps[-1].id:
                self._government(generated, rec)

    def _generated_choice(
        self, on: dt.date, step_id: str, camps: dict[str, dict[str, int]]
    ) -> tuple[str, str] | None:
        """The choice of the largest camp that declares one for this step (nominee, camp)."""
        claims = []
        for cid, parties in camps.items():
            pref = self.prefers(on, cid, step_id)
            if pref not in (None, _BLOCK):
                claims.append((sum(parties.values()), cid, str(pref)))
        if not claims:
            return None
        _, cid, nominee = max(claims)
        return nominee, cid


def replay(
    scenario: str | Path | FormationScenario = "iraq-2021",
    *,
    dataset: Dataset | None = None,
    no_resignation: bool = False,
    move: Mapping[str, str] | Sequence[tuple[str, str]] = (),
    kdp_with_framework: bool = False,
    independents: str | None = None,
    law: str | None = None,
    strategic: bool = False,
    until: dt.date | str | None = None,
) -> FormationResult:
    """Replay a formation scenario through its constitution, or a counterfactual of it.

    Parameters
    ----------
    scenario : str, Path or FormationScenario
        A built-in id (:func:`list_formation_scenarios`), a ``.json`` file, or a loaded scenario.
    dataset : Dataset, optional
        The dataset whose house is used (default: the scenario's built-in dataset).
    no_resignation : bool
        Undo the resignation the scenario names (Iraq 2022: the 73 Sadrist MPs stay).
    move : mapping party -> camp
        Parties siding with another camp throughout.
    kdp_with_framework : bool
        Shorthand for ``move={"kdp": <the scenario's framework camp>}``.
    independents : {"framework", "rival", "split"}, optional
        Where the independent MPs go.
    law : str, optional
        An electoral law id of the dataset (:meth:`majlis.model.Dataset.law`) for the
        election's seats.
    strategic : bool
        Play the baseline by the blocking-minority rule too.
    until : date, optional
        Stop the replay at this date (default: the scenario's ``until``).

    Returns
    -------
    FormationResult

    Examples
    --------
    >>> r = replay("iraq-2021", no_resignation=True)
    >>> r.government is None, r.status.split(":")[0]
    (True, 'stalled at president')
    """
    sc = scenario if isinstance(scenario, FormationScenario) else load_formation_scenario(scenario)
    if dataset is None:
        from majlis.data import load_dataset

        dataset = load_dataset(sc.dataset)
    moves = list(move.items() if isinstance(move, Mapping) else move)
    if kdp_with_framework:
        moves.append(("kdp", "role:framework"))
    cf = Counterfactual(no_resignation, tuple(moves), independents, law, strategic)
    if until is not None:
        sc = replace(sc, until=parse_date(until))
    r = _Replay(sc, dataset, cf)
    r.run()
    status = r.proc.finish(max(r.until, r.proc.last_date))
    return FormationResult(
        sc.id,
        sc.name,
        sc.constitution,
        r.election.id,
        r.first_session,
        r.until,
        tuple(r.proc.records),
        r.government,
        status,
        cf,
        sc.candidates,
        sc.camps,
        tuple(sc.assumptions()),
        tuple(r.notes),
        sc.sources,
    )
