"""The formation process as a state machine: run a :class:`~majlis.formation.constitution.Constitution`
sitting by sitting, computing every ballot from who attends, who boycotts and who votes for what.

Deterministic: no randomness anywhere. The caller (a replay, a negotiation model, a user)
decides how each group of MPs behaves; the engine applies the rules.

* :class:`Ballot` — how one group of MPs behaves in one ballot (its seats, whether it boycotts,
  what its members present vote, individual absences, explicit splits).
* :func:`tally` and :func:`evaluate_round` — count one ballot and apply one
  :class:`~majlis.formation.constitution.Round` (quorum first, then the threshold).
* :func:`run_session` — the ballots of one sitting (a first round and its same-sitting run-off).
* :class:`FormationProcess` — the state machine: :meth:`~FormationProcess.vote`,
  :meth:`~FormationProcess.act`, :meth:`~FormationProcess.sitting_without_vote`,
  :meth:`~FormationProcess.advance` (deadlines), :meth:`~FormationProcess.requirements`
  (the thresholds a group must reach or block, e.g. 165/220/110 in Iraq).
* :class:`Camp` and :func:`blocking_ballots` — a documented behavioural rule for
  counterfactuals: every camp attends and votes for its preference, except that the camps
  that would lose boycott together when their absence denies the quorum.

Examples
--------
A two-thirds quorum blocked by a third of the house (Iraq, 26 March 2022 in miniature):

>>> from majlis.formation.constitution import get_constitution
>>> p = FormationProcess(get_constitution("iraq-2005"), election=dt.date(2021, 10, 10),
...                      first_session=dt.date(2022, 1, 9))
>>> house = House({"a": 200, "b": 129}, 329)
>>> p.vote(dt.date(2022, 1, 9), house, [Ballot("a", 200, vote="x"), Ballot("b", 129, vote="x")],
...        candidates=["x"]).outcome
'passed'
>>> p.requirements(house)["quorum"], p.requirements(house)["blocking"]
(220, 110)
>>> r = p.vote(dt.date(2022, 3, 26), house,
...            [Ballot("a", 200, vote="y"), Ballot("b", 129, boycott=True)], candidates=["y"])
>>> r.outcome, r.reason
('failed', 'quorum not met: 200 present, 220 required (at least 2/3 of all members); 129 MPs boycott the sitting, a blocking minority (at least 110)')
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from majlis.errors import ValidationError
from majlis.formation.constitution import Constitution, Deadline, Round, Step
from majlis.limits import MAX_BALLOT_GROUPS, MAX_CANDIDATES, MAX_PROCESS_ROWS, check_limit

__all__ = [
    "BLANK",
    "Ballot",
    "Camp",
    "FormationProcess",
    "House",
    "HouseLike",
    "RoundResult",
    "StepRecord",
    "Tally",
    "VoteRecord",
    "blocking_ballots",
    "evaluate_round",
    "run_session",
    "tally",
]

#: The option of MPs present who cast no valid vote (blank, invalid, abstention).
BLANK = "blank"
_YES_NO = ("yes", "no")


class HouseLike(Protocol):
    """What the engine needs of a house: its size in law and the seats per party.

    :class:`majlis.model.Parliament` is one; :class:`House` is a plain one.
    """

    @property
    def total_seats(self) -> int: ...

    @property
    def seats(self) -> Mapping[str, int]: ...


@dataclass(frozen=True)
class House:
    """A plain house: seats per party and the legal size (vacant seats allowed).

    >>> House({"a": 3, "b": 2}, 6).filled_seats
    5
    """

    seats: Mapping[str, int]
    total_seats: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "seats", dict(self.seats))
        if self.total_seats < 1:
            raise ValidationError(f"a house needs at least one seat, got {self.total_seats}")
        if any(s < 0 for s in self.seats.values()):
            raise ValidationError("seat counts cannot be negative")
        if self.filled_seats > self.total_seats:
            raise ValidationError(
                f"{self.filled_seats} seats filled in a house of {self.total_seats}"
            )

    @property
    def filled_seats(self) -> int:
        """Seats held on this day."""
        return sum(self.seats.values())


def _filled(house: HouseLike) -> int:
    return sum(house.seats.values())


# ------------------------------------------------------------------------------------ ballots
@dataclass(frozen=True)
class Ballot:
    """How one group of MPs behaves in one ballot.

    Attributes
    ----------
    label : str
        The group's name (a camp, a party).
    seats : int
        MPs in the group on that day.
    vote : str or None
        What its members present vote: a candidate id, ``"yes"`` or ``"no"``; ``None`` (or
        ``"blank"``): they attend and cast no valid vote.
    boycott : bool
        The whole group stays away (to deny the quorum).
    absent : int
        Members individually absent (not a boycott).
    split : Mapping[str, int]
        Members present who vote otherwise than ``vote``: option -> count.
    parties : tuple of str
        Party ids in the group (for reports).
    """

    label: str
    seats: int
    vote: str | None = None
    boycott: bool = False
    absent: int = 0
    split: Mapping[str, int] = field(default_factory=dict)
    parties: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "split", dict(self.split))
        object.__setattr__(self, "parties", tuple(self.parties))
        if self.vote == BLANK:
            object.__setattr__(self, "vote", None)
        if self.seats < 0:
            raise ValidationError(f"ballot of {self.label!r}: seats cannot be negative")
        if not 0 <= self.absent <= self.seats:
            raise ValidationError(
                f"ballot of {self.label!r}: {self.absent} absent of {self.seats} seats"
            )
        if any(n < 0 for n in self.split.values()):
            raise ValidationError(f"ballot of {self.label!r}: split counts cannot be negative")
        if not self.boycott and sum(self.split.values()) > self.seats - self.absent:
            raise ValidationError(
                f"ballot of {self.label!r}: the split ({sum(self.split.values())}) exceeds "
                f"the {self.seats - self.absent} members present"
            )

    @property
    def present(self) -> int:
        """Members of the group in the chamber."""
        return 0 if self.boycott else self.seats - self.absent

    def counts(self) -> dict[str, int]:
        """Votes cast by the group: option -> count (``"blank"`` for no valid vote)."""
        if self.boycott:
            return {}
        out = {k: v for k, v in self.split.items() if v}
        rest = self.present - sum(out.values())
        if rest:
            key = self.vote or BLANK
            out[key] = out.get(key, 0) + rest
        return out

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document of the group's behaviour and votes."""
        return {
            "label": self.label,
            "seats": self.seats,
            "stance": "boycott" if self.boycott else "attend",
            "vote": self.vote,
            "present": self.present,
            "absent": self.absent,
            "votes": self.counts(),
            "parties": list(self.parties),
        }


@dataclass(frozen=True)
class Tally:
    """The count of one ballot.

    ``votes`` holds the valid votes per option (candidates, or yes/no); ``blank`` the MPs
    present without a valid vote; ``boycotting`` the seats of groups that stayed away;
    ``absent`` individual absences plus filled seats in no ballot group; ``vacant`` empty seats.
    """

    members: int
    present: int
    votes: dict[str, int]
    blank: int
    boycotting: int
    absent: int
    vacant: int
    groups: tuple[Ballot, ...] = ()

    @property
    def valid(self) -> int:
        """Valid votes (blank ballots and abstentions excluded)."""
        return sum(self.votes.values())

    def restricted(self, options: Sequence[str]) -> Tally:
        """The same ballot with votes for options outside ``options`` counted as blank."""
        keep = {o: self.votes.get(o, 0) for o in options}
        lost = self.valid - sum(keep.values())
        return Tally(
            self.members,
            self.present,
            keep,
            self.blank + lost,
            self.boycotting,
            self.absent,
            self.vacant,
            self.groups,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "members": self.members,
            "present": self.present,
            "votes": dict(self.votes),
            "blank": self.blank,
            "boycotting": self.boycotting,
            "absent": self.absent,
            "vacant": self.vacant,
            "groups": [g.to_dict() for g in self.groups],
        }


def tally(house: HouseLike, ballots: Sequence[Ballot], options: Sequence[str] = ()) -> Tally:
    """Count one ballot of ``house`` from the behaviour of its groups.

    Filled seats in no group count as absent. ``options`` lists the valid options (the
    candidates, or ``yes``/``no``); a vote for anything else is a :class:`ValidationError`.

    Examples
    --------
    >>> t = tally(House({"a": 6, "b": 4}, 11), [Ballot("a", 6, vote="yes", absent=1),
    ...                                        Ballot("b", 4, boycott=True)], ["yes", "no"])
    >>> t.present, t.votes, t.boycotting, t.absent, t.vacant
    (5, {'yes': 5, 'no': 0}, 4, 1, 1)
    """
    check_limit(len(ballots), MAX_BALLOT_GROUPS, "ballot groups per vote")
    labels = [b.label for b in ballots]
    if len(set(labels)) != len(labels):
        dup = next(lab for lab in labels if labels.count(lab) > 1)
        raise ValidationError(f"ballot group {dup!r} is listed twice")
    members = int(house.total_seats)
    filled = _filled(house)
    grouped = sum(b.seats for b in ballots)
    if grouped > filled:
        raise ValidationError(
            f"the ballot groups hold {grouped} seats but only {filled} of {members} are filled"
        )
    votes: dict[str, int] = dict.fromkeys(options, 0)
    blank = 0
    for b in ballots:
        for opt, n in b.counts().items():
            if opt == BLANK:
                blank += n
            elif options and opt not in options:
                raise ValidationError(
                    f"ballot of {b.label!r}: {opt!r} is not an option of this vote "
                    f"({', '.join(options)})"
                )
            else:
                votes[opt] = votes.get(opt, 0) + n
    present = sum(b.present for b in ballots)
    boycotting = sum(b.seats for b in ballots if b.boycott)
    absent = sum(b.absent for b in ballots if not b.boycott) + (filled - grouped)
    return Tally(
        members, present, votes, blank, boycotting, absent, members - filled, tuple(ballots)
    )


# ------------------------------------------------------------------------------------ rounds
@dataclass(frozen=True)
class RoundResult:
    """One ballot under one :class:`Round`: the count, what was needed, and the verdict."""

    round: Round
    kind: str
    candidates: tuple[str, ...]
    tally: Tally
    quorum_needed: int | None
    quorum_met: bool
    needed: int
    winner: str | None
    passed: bool
    reason: str

    def ranking(self) -> list[tuple[str, int]]:
        """Options by votes, most first (ties by the order of :attr:`candidates`)."""
        order = {c: i for i, c in enumerate(self.candidates or _YES_NO)}
        return sorted(self.tally.votes.items(), key=lambda kv: (-kv[1], order.get(kv[0], 0)))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        t = self.tally
        d: dict[str, Any] = {
            "round": self.round.name,
            "present": t.present,
            "quorum": self.quorum_needed,
            "quorum_met": self.quorum_met,
            "quorum_rule": self.round.quorum.describe() if self.round.quorum else None,
            "threshold": self.needed,
            "threshold_rule": self.round.threshold.describe(),
            "negative": self.round.negative,
            "candidates": list(self.candidates),
            "votes": dict(t.votes),
            "blank": t.blank,
            "boycotting": t.boycotting,
            "absent": t.absent,
            "vacant": t.vacant,
            "winner": self.winner,
            "passed": self.passed,
            "reason": self.reason,
            "article": self.round.article,
        }
        if self.kind == "investiture":
            d["for"] = t.votes.get("yes", 0)
            d["against"] = t.votes.get("no", 0)
        return d


def _blocking_text(t: Tally, quorum: int) -> str:
    if not t.boycotting:
        return ""
    block = t.members - quorum + 1
    txt = f"; {t.boycotting} MPs boycott the sitting"
    if t.boycotting >= block:
        txt += f", a blocking minority (at least {block})"
    return txt


def evaluate_round(
    rnd: Round,
    kind: str,
    t: Tally,
    candidates: Sequence[str] = (),
    names: Mapping[str, str] | None = None,
) -> RoundResult:
    """Apply one round's quorum and threshold to a count.

    Parameters
    ----------
    rnd : Round
    kind : str
        ``"election"`` (candidates) or ``"investiture"`` (yes/no).
    t : Tally
        The count (votes for options outside the round's candidates count as blank).
    candidates : sequence of str
        The candidates standing in this round (elections only).
    names : mapping, optional
        Display names of candidate ids, for the reason text.

    Examples
    --------
    >>> from majlis.formation.constitution import get_constitution
    >>> rnd = get_constitution("sweden-1974").step("pm-vote").rounds[0]
    >>> t = tally(House({"s": 115, "c": 77, "m": 153}, 349),
    ...           [Ballot("s", 115, vote="yes"), Ballot("c", 77), Ballot("m", 153, vote="no")],
    ...           ["yes", "no"])
    >>> evaluate_round(rnd, "investiture", t).passed      # Löfven, 18 Jan 2019
    True
    """
    options = tuple(candidates) if kind == "election" else _YES_NO
    if kind == "election" and not options:
        raise ValidationError("an election needs at least one candidate")
    t = t.restricted(options)
    qn: int | None = None
    if rnd.quorum is not None:
        qn = rnd.quorum.needed(members=t.members, present=t.present, valid=t.valid)
        if t.present < qn:
            return RoundResult(
                rnd,
                kind,
                options if kind == "election" else (),
                t,
                qn,
                False,
                rnd.threshold.needed(members=t.members, present=t.present, valid=t.valid),
                None,
                False,
                f"quorum not met: {t.present} present, {qn} required ({rnd.quorum.describe()})"
                + _blocking_text(t, qn),
            )
    needed = rnd.threshold.needed(members=t.members, present=t.present, valid=t.valid)
    rule = rnd.threshold.describe()
    if kind == "investiture":
        yes, no = t.votes.get("yes", 0), t.votes.get("no", 0)
        if rnd.negative:
            passed = no < needed
            reason = (
                f"approved: {no} against, fewer than the {needed} needed to reject ({rule}); {yes} for"
                if passed
                else f"rejected: {no} against, at least the {needed} needed ({rule}); {yes} for"
            )
        else:
            passed = yes >= needed
            reason = (
                f"{yes} for, {no} against: {'reaches' if passed else 'short of'} {needed} ({rule})"
            )
        return RoundResult(
            rnd, kind, (), t, qn, True, needed, "yes" if passed else None, passed, reason
        )
    ranked = sorted(t.votes.items(), key=lambda kv: (-kv[1], options.index(kv[0])))
    top, top_votes = ranked[0]
    unique = len(ranked) == 1 or ranked[1][1] < top_votes
    passed = top_votes >= needed and unique
    nm = names or {}
    listing = ", ".join(f"{nm.get(c, c)} {n}" for c, n in ranked if n) or "no valid votes"
    if passed:
        reason = f"{nm.get(top, top)} elected with {top_votes} votes, {needed} needed ({rule}): {listing}"
    elif top_votes >= needed:
        reason = f"tie at {top_votes} votes: {listing}"
    else:
        reason = f"no candidate reached {needed} ({rule}): {listing}"
    return RoundResult(
        rnd, kind, options, t, qn, True, needed, top if passed else None, passed, reason
    )


def _runoff_candidates(prev: RoundResult, keep: int) -> tuple[str, ...]:
    ranked = prev.ranking()
    if len(ranked) <= keep:
        return tuple(c for c, _ in ranked)
    cut = ranked[keep - 1][1]
    return tuple(c for c, n in ranked if n >= cut)


BallotSource = Sequence[Ballot] | Callable[[int, tuple[str, ...]], Sequence[Ballot]]


def _ballots_for(source: BallotSource, index: int, candidates: tuple[str, ...]) -> Sequence[Ballot]:
    return source(index, candidates) if callable(source) else source


def run_session(
    step: Step,
    house: HouseLike,
    ballots: BallotSource,
    *,
    start_round: int = 0,
    candidates: Sequence[str] = (),
    previous: RoundResult | None = None,
    names: Mapping[str, str] | None = None,
) -> list[RoundResult]:
    """The ballots of one sitting: ``start_round`` and the same-sitting rounds that follow it.

    Stops at the first round that passes, fails its quorum, or is followed by a round held at a
    later sitting. ``ballots`` is a list used for every round, or a function
    ``(round_index, candidates) -> ballots`` (a run-off may see other behaviour).

    Examples
    --------
    >>> from majlis.formation.constitution import get_constitution
    >>> step = get_constitution("iraq-2005").step("president")
    >>> rs = run_session(step, House({"a": 160, "b": 100, "c": 60}, 329),
    ...                  [Ballot("a", 160, vote="x"), Ballot("b", 100, vote="y"), Ballot("c", 60)],
    ...                  candidates=["x", "y", "z"])
    >>> [(r.round.name, r.winner) for r in rs]
    [('first round', None), ('run-off', 'x')]
    """
    if not step.is_vote:
        raise ValidationError(f"step {step.id!r} is an act, not a vote")
    check_limit(len(candidates), MAX_CANDIDATES, "candidates per ballot")
    if len(set(candidates)) != len(candidates):
        raise ValidationError("a candidate is listed twice")
    if step.kind == "election" and any(c in (*_YES_NO, BLANK) for c in candidates):
        raise ValidationError("'yes', 'no' and 'blank' cannot be candidate ids")
    results: list[RoundResult] = []
    cands = tuple(candidates)
    i = start_round
    while i < len(step.rounds):
        rnd = step.rounds[i]
        if rnd.runoff is not None:
            base = results[-1] if results else previous
            if base is None:
                raise ValidationError(
                    f"{step.id}: the {rnd.name} needs the result of the previous round"
                )
            cands = _runoff_candidates(base, rnd.runoff)
        # votes for candidates cut before a run-off are counted, then treated as blank
        options = tuple(candidates) if step.kind == "election" else _YES_NO
        t = tally(house, _ballots_for(ballots, i, cands), options)
        res = evaluate_round(rnd, step.kind, t, cands, names)
        results.append(res)
        if res.passed or not res.quorum_met:
            break
        i += 1
        if i >= len(step.rounds) or not step.rounds[i].same_session:
            break
    return results


# ------------------------------------------------------------------------------------ records
@dataclass(frozen=True)
class VoteRecord:
    """The ballots of one sitting, with the reported figures when a source gives them."""

    rounds: tuple[RoundResult, ...]
    reported: Mapping[str, Any] | None = None

    @property
    def last(self) -> RoundResult:
        """The decisive (last) round of the sitting."""
        return self.rounds[-1]

    def to_dict(self) -> dict[str, Any]:
        """The ``votes`` document: the last round's figures at the top, every round below."""
        last = self.last.to_dict()
        d = {k: last[k] for k in last if k not in ("reason", "article", "round")}
        d["round"] = last["round"]
        d["rounds"] = [r.to_dict() for r in self.rounds]
        d["groups"] = [g.to_dict() for g in self.last.tally.groups]
        d["reported"] = dict(self.reported) if self.reported else None
        return d


@dataclass(frozen=True)
class StepRecord:
    """One row of the process: a sitting, an act, a deadline, or a noted event.

    ``outcome`` is ``"passed"``, ``"failed"`` or ``"stalled"``; ``kind`` is ``"vote"``,
    ``"act"``, ``"sitting"`` (a sitting without a ballot), ``"deadline"`` or ``"event"``.
    """

    date: dt.date
    step: str
    kind: str
    outcome: str
    reason: str
    day: int
    votes: VoteRecord | None = None
    deadline: Mapping[str, Any] | None = None
    article: str = ""
    source: str = ""
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON row of ``majlis form --json``."""
        return {
            "date": self.date.isoformat(),
            "step": self.step,
            "kind": self.kind,
            "outcome": self.outcome,
            "votes": self.votes.to_dict() if self.votes else {},
            "reason": self.reason,
            "day": self.day,
            "deadline": dict(self.deadline) if self.deadline else None,
            "article": self.article,
            "source": self.source,
            **dict(self.details),
        }


# ------------------------------------------------------------------------------------ machine
class FormationProcess:
    """Run a constitution's steps in order, one dated sitting or act at a time.

    Parameters
    ----------
    constitution : Constitution
    election : date
        Election day (day 0 of the counts).
    first_session : date, optional
        The first sitting of the new house (the start of Iraq's 30-day presidential deadline).

    Notes
    -----
    State: the current step and round, the milestones reached (``election``,
    ``first_session``, each passed step, ``<step>:start``, ``<step>:first-vote``), the failures
    per step, and the records so far. Calls must come in date order. Before each call the
    deadlines that expired before its date are recorded (:meth:`advance`).

    A failed vote repeats the step at a later sitting or goes back to ``on_failure``; a ballot
    whose quorum fails is not held and the same round waits for the next sitting. A deadline
    that expires records a row and then continues, restarts at an earlier step, or dissolves.
    """

    def __init__(
        self,
        constitution: Constitution,
        *,
        election: dt.date,
        first_session: dt.date | None = None,
    ) -> None:
        self.constitution = constitution
        self.election = election
        self.step_index = 0
        self.round_index = 0
        self.status = "running"
        self.milestones: dict[str, dt.date] = {"election": election}
        if first_session is not None:
            if first_session < election:
                raise ValidationError("the first session cannot precede the election")
            self.milestones["first_session"] = first_session
        self.milestones[f"{constitution.steps[0].id}:start"] = first_session or election
        self.failures: Counter[str] = Counter()
        self.records: list[StepRecord] = []
        self.last_date = election
        self._expired: set[tuple[str, dt.date]] = set()
        self._previous: RoundResult | None = None
        self._previous_date: dt.date | None = None

    # -------------------------------------------------------------- state
    @property
    def step(self) -> Step | None:
        """The current step (None once the process is complete or dissolved)."""
        if self.status != "running":
            return None
        return self.constitution.steps[self.step_index]

    @property
    def previous_round(self) -> RoundResult | None:
        """The last ballot of the current step held without passing (the base of a run-off)."""
        return self._previous

    @property
    def done(self) -> bool:
        """True once the last step has passed."""
        return self.status == "complete"

    def _day(self, on: dt.date) -> int:
        return (on - self.election).days

    def requirements(self, house: HouseLike) -> dict[str, Any]:
        """What the current ballot needs in ``house``: quorum, votes, and the blocking minority.

        ``threshold`` is given only when it does not depend on attendance (a fraction of
        members); ``blocking`` is the smallest group whose absence denies the quorum.

        >>> from majlis.formation.constitution import get_constitution
        >>> p = FormationProcess(get_constitution("iraq-2005"), election=dt.date(2025, 11, 11))
        >>> p.requirements(House({"a": 329}, 329))
        {'step': 'speaker', 'round': 'first round', 'quorum': 165, 'threshold': 165, 'blocking': 165}
        """
        step = self.step
        if step is None or not step.is_vote:
            raise ValidationError(f"no ballot is due: {self._where()}")
        rnd = step.rounds[self.round_index]
        members = int(house.total_seats)
        quorum = (
            rnd.quorum.needed(members=members)
            if rnd.quorum and rnd.quorum.of == "members"
            else None
        )
        threshold = rnd.threshold.needed(members=members) if rnd.threshold.of == "members" else None
        return {
            "step": step.id,
            "round": rnd.name,
            "quorum": quorum,
            "threshold": threshold,
            "blocking": members - quorum + 1 if quorum is not None else None,
        }

    def _where(self) -> str:
        if self.status == "complete":
            return "the process is complete"
        if self.status == "dissolved":
            return "the process ended with a dissolution"
        step = self.constitution.steps[self.step_index]
        return f"the process is at step {step.id!r} ({step.kind})"

    def _add(self, rec: StepRecord) -> StepRecord:
        check_limit(len(self.records) + 1, MAX_PROCESS_ROWS, "rows per formation process")
        self.records.append(rec)
        return rec

    def _check_date(self, on: dt.date) -> None:
        if on < self.last_date:
            raise ValidationError(
                f"{on} is before the last recorded date {self.last_date}: calls must come in date order"
            )

    # -------------------------------------------------------------- deadlines
    def pending_deadlines(self) -> list[tuple[Step, Deadline, dt.date]]:
        """Deadlines of steps not yet passed whose period has started, soonest first."""
        if self.status != "running":
            return []
        out = []
        for step in self.constitution.steps[self.step_index :]:
            d = step.deadline
            if d is None or d.start not in self.milestones:
                continue
            due = d.due(self.milestones[d.start])
            if (step.id, due) not in self._expired:
                out.append((step, d, due))
        return sorted(out, key=lambda t: t[2])

    def advance(self, until: dt.date) -> list[StepRecord]:
        """Record every deadline that expired before ``until`` (its last day < ``until``)."""
        self._check_date(until)
        out: list[StepRecord] = []
        while True:
            late = [t for t in self.pending_deadlines() if t[2] < until]
            if not late:
                break
            step, d, due = late[0]
            self._expired.add((step.id, due))
            start = self.milestones[d.start]
            info = {
                "due": due.isoformat(),
                "start": d.start,
                "start_date": start.isoformat(),
                "period": d.describe(),
                "on_expiry": d.on_expiry,
                "article": d.article,
            }
            reason = f"deadline expired: {d.describe()} ({start}) ran out on {due}; {d.consequence}"
            if d.on_expiry == "continue":
                outcome = "stalled"
            elif d.on_expiry == "restart":
                outcome = "failed"
                assert d.restart_at is not None
                self._goto(d.restart_at, due)
            else:
                outcome = "failed"
                self.status = "dissolved"
            out.append(
                self._add(
                    StepRecord(
                        due,
                        step.id,
                        "deadline",
                        outcome,
                        reason,
                        self._day(due),
                        deadline=info,
                        article=d.article,
                    )
                )
            )
            self.last_date = max(self.last_date, due)
            if self.status != "running":
                break
        self.last_date = max(self.last_date, until)
        return out

    def _deadline_info(self, step: Step, on: dt.date) -> dict[str, Any] | None:
        d = step.deadline
        if d is None or d.start not in self.milestones:
            return None
        due = d.due(self.milestones[d.start])
        return {
            "due": due.isoformat(),
            "start": d.start,
            "start_date": self.milestones[d.start].isoformat(),
            "period": d.describe(),
            "met": on <= due,
            "days_left": (due - on).days,
            "article": d.article,
        }

    def _goto(self, step_id: str, on: dt.date) -> None:
        self.step_index = self.constitution.index(step_id)
        self.round_index = 0
        self._previous = None
        self.milestones[f"{step_id}:start"] = on

    def _pass(self, step: Step, on: dt.date) -> None:
        self.milestones[step.id] = on
        self.round_index = 0
        self._previous = None
        self.step_index += 1
        if self.step_index >= len(self.constitution.steps):
            self.status = "complete"
        else:
            self.milestones[f"{self.constitution.steps[self.step_index].id}:start"] = on

    def _fail(self, step: Step, on: dt.date) -> str:
        """Apply a failed vote or act; return the text of what follows."""
        self.failures[step.id] += 1
        n = self.failures[step.id]
        if step.max_failures is not None and n >= step.max_failures:
            if step.on_max_failures == "dissolve":
                self.status = "dissolved"
                return f"failure {n} of {step.max_failures} allowed: the process ends (dissolution)"
        if step.on_failure == "repeat":
            self.round_index = 0
            self._previous = None
            return "the step must be taken again at a later sitting"
        self._goto(step.on_failure, on)
        return f"the process returns to {step.on_failure!r}"

    def _expect(self, on: dt.date, step_id: str | None, kinds: tuple[str, ...]) -> Step:
        self._check_date(on)
        self.advance(on)
        step = self.step
        if step is None:
            raise ValidationError(f"{on}: {self._where()}")
        if step_id is not None and step_id != step.id:
            raise ValidationError(f"{on}: expected step {step_id!r}, but {self._where()}")
        if step.kind not in kinds:
            what = "a vote" if "act" not in kinds else "an act"
            raise ValidationError(f"{on}: {self._where()}, not {what}")
        return step

    # -------------------------------------------------------------- actions
    def vote(
        self,
        on: dt.date,
        house: HouseLike,
        ballots: BallotSource,
        *,
        step: str | None = None,
        candidates: Sequence[str] = (),
        names: Mapping[str, str] | None = None,
        reported: Mapping[str, Any] | None = None,
        source: str = "",
        details: Mapping[str, Any] | None = None,
    ) -> StepRecord:
        """Hold the current step's ballot(s) at a sitting on ``on``.

        Parameters
        ----------
        on : date
        house : HouseLike
            The house that day (its legal size is the base of "members" thresholds).
        ballots : list of Ballot, or a function ``(round_index, candidates) -> ballots``
        step : str, optional
            The step the caller expects (a clear error if the process is elsewhere).
        candidates : sequence of str
            Candidate ids (elections).
        names : mapping, optional
            Display names of candidate ids (for the reason text).
        reported, source, details
            Carried into the record: the figures a source reports, the source, extra fields.
        """
        st = self._expect(on, step, ("election", "investiture"))
        rnd = st.rounds[self.round_index]
        if self.round_index and self._previous_date is not None:
            hours = (on - self._previous_date).days * 24
            if hours < rnd.min_hours_after_previous:
                raise ValidationError(
                    f"{on}: the {rnd.name} of {st.id!r} may be held {rnd.min_hours_after_previous} hours "
                    f"after the previous ballot ({self._previous_date}) at the earliest"
                )
        self.milestones.setdefault(f"{st.id}:first-vote", on)
        results = run_session(
            st,
            house,
            ballots,
            start_round=self.round_index,
            candidates=candidates,
            previous=self._previous,
            names=names,
        )
        last = results[-1]
        lead = "".join(f"{r.round.name}: {r.reason}; " for r in results[:-1])
        if lead:
            lead += f"{last.round.name}: "
        deadline = self._deadline_info(st, on)
        record_votes = VoteRecord(tuple(results), reported)
        if last.passed:
            outcome, reason = "passed", lead + last.reason
            self._pass(st, on)
        elif not last.quorum_met:
            outcome, reason = "failed", lead + last.reason
            # the ballot was not held; the same round waits for the next sitting
            self.round_index = st.rounds.index(last.round)
            if results[:-1]:
                self._previous, self._previous_date = results[-2], on
        else:
            idx = st.rounds.index(last.round)
            self._previous, self._previous_date = last, on
            if idx + 1 < len(st.rounds):
                self.round_index = idx + 1
                nxt = st.rounds[idx + 1]
                outcome = "failed"
                reason = f"{lead}{last.reason}; the {nxt.name} follows" + (
                    f" at least {nxt.min_hours_after_previous} hours later"
                    if nxt.min_hours_after_previous
                    else " at a later sitting"
                )
            else:
                outcome = "failed"
                reason = f"{lead}{last.reason}; {self._fail(st, on)}"
        rec = StepRecord(
            on,
            st.id,
            "vote",
            outcome,
            reason,
            self._day(on),
            votes=record_votes,
            deadline=deadline,
            article=st.article,
            source=source,
            details=dict(details or {}),
        )
        return self._add(rec)

    def act(
        self,
        on: dt.date,
        choice: str,
        *,
        step: str | None = None,
        bloc: str | None = None,
        blocs: Mapping[str, int] | None = None,
        passed: bool = True,
        reason: str = "",
        source: str = "",
        details: Mapping[str, Any] | None = None,
    ) -> StepRecord:
        """An office holder's act at the current step (a designation, a proposal, a cabinet).

        Parameters
        ----------
        choice : str
            What is chosen (the nominee, the cabinet).
        bloc, blocs : optional
            For a step whose nominator is ``"largest-bloc"``: the nominating bloc and the seats
            of every bloc that counts; the act fails if another bloc is larger.
        passed : bool
            False records a failed act (a designate who gives up), applying ``on_failure``.
        """
        st = self._expect(on, step, ("act",))
        if not choice:
            raise ValidationError(f"{on}: {st.id!r} needs a choice (a nominee or a cabinet)")
        deadline = self._deadline_info(st, on)
        text = reason or f"{st.name}: {choice}"
        ok = passed
        extra = dict(details or {})
        if st.nominator == "largest-bloc" and blocs is not None:
            if bloc is None or bloc not in blocs:
                raise ValidationError(f"{on}: name the nominating bloc among {', '.join(blocs)}")
            seats = blocs[bloc]
            rivals = sorted(((s, b) for b, s in blocs.items() if b != bloc), reverse=True)
            extra["largest_bloc"] = {"bloc": bloc, "seats": seats, "blocs": dict(blocs)}
            if rivals and rivals[0][0] > seats:
                ok = False
                text += (
                    f"; the nominating bloc {bloc} ({seats} seats) is not the largest: "
                    f"{rivals[0][1]} holds {rivals[0][0]}"
                )
            else:
                nxt = f", next {rivals[0][1]} with {rivals[0][0]}" if rivals else ""
                text += f"; nominee of the largest bloc, {bloc} with {seats} seats{nxt}"
        if deadline is not None and not deadline["met"]:
            late = -deadline["days_left"]
            text += f"; late by {late} day{'s' * (late != 1)} (due {deadline['due']}, {deadline['article']})"
        if ok:
            self._pass(st, on)
            outcome = "passed"
        else:
            outcome = "failed"
            text += f"; {self._fail(st, on)}"
        return self._add(
            StepRecord(
                on,
                st.id,
                "act",
                outcome,
                text,
                self._day(on),
                deadline=deadline,
                article=st.article,
                source=source,
                details=extra,
            )
        )

    def sitting_without_vote(
        self,
        on: dt.date,
        reason: str,
        *,
        step: str | None = None,
        reported: Mapping[str, Any] | None = None,
        source: str = "",
    ) -> StepRecord:
        """A sitting called for the current step that held no ballot (postponed): ``stalled``."""
        st = self._expect(on, step, ("election", "investiture"))
        details: dict[str, Any] = {}
        if reported:
            details["reported"] = dict(reported)
        return self._add(
            StepRecord(
                on,
                st.id,
                "sitting",
                "stalled",
                reason,
                self._day(on),
                deadline=self._deadline_info(st, on),
                article=st.article,
                source=source,
                details=details,
            )
        )

    def note(
        self,
        on: dt.date,
        step: str,
        reason: str,
        *,
        outcome: str = "passed",
        source: str = "",
        details: Mapping[str, Any] | None = None,
    ) -> StepRecord:
        """Record an event outside the constitution's steps (a nomination, a resignation)."""
        if outcome not in ("passed", "failed", "stalled"):
            raise ValidationError(f"outcome must be passed, failed or stalled, got {outcome!r}")
        self._check_date(on)
        self.advance(on)
        return self._add(
            StepRecord(
                on,
                step,
                "event",
                outcome,
                reason,
                self._day(on),
                source=source,
                details=dict(details or {}),
            )
        )

    def finish(self, until: dt.date) -> str:
        """Record the deadlines up to ``until`` and describe where the process stands."""
        if until >= self.last_date:
            self.advance(until)
        if self.status == "complete":
            return "complete"
        if self.status == "dissolved":
            return "dissolved"
        step = self.constitution.steps[self.step_index]
        last = next((r for r in reversed(self.records) if r.step == step.id), None)
        why = f": {last.reason}" if last is not None and last.outcome != "passed" else ""
        return f"stalled at {step.id}{why}"


# ------------------------------------------------------------------------------------ strategy
@dataclass(frozen=True)
class Camp:
    """A group of MPs that acts together, with what it wants from a vote.

    ``prefers`` is a candidate id, ``"yes"`` or ``"no"``; ``None`` means indifferent (the camp
    attends and casts no valid vote).
    """

    label: str
    seats: int
    prefers: str | None = None
    parties: tuple[str, ...] = ()


def blocking_ballots(
    step: Step,
    house: HouseLike,
    camps: Sequence[Camp],
    *,
    round_index: int = 0,
    candidates: Sequence[str] = (),
    previous: RoundResult | None = None,
) -> list[Ballot]:
    """Ballots by the blocking-minority rule (a stated behavioural assumption, not a law).

    Every camp attends and votes for its preference, unless the camps that would lose the
    sitting at full attendance can, by staying away together, deny the quorum: then they
    boycott. Indifferent camps always attend. Deterministic; one pass (no camp reacts to the
    boycott in turn).

    Examples
    --------
    >>> from majlis.formation.constitution import get_constitution
    >>> step = get_constitution("iraq-2005").step("president")
    >>> camps = [Camp("majority", 203, "x"), Camp("framework", 126, "y")]
    >>> [(b.label, b.boycott) for b in blocking_ballots(step, House({"m": 329}, 329), camps,
    ...                                                 candidates=["x", "y"])]
    [('majority', False), ('framework', True)]
    """
    full = [Ballot(c.label, c.seats, vote=c.prefers, parties=c.parties) for c in camps]
    results = run_session(
        step, house, full, start_round=round_index, candidates=candidates, previous=previous
    )
    last = results[-1]
    if not last.passed:
        return full
    winner = last.winner
    losers = {c.label for c in camps if c.prefers is not None and c.prefers != winner}
    if not losers:
        return full
    rnd = step.rounds[round_index]
    if rnd.quorum is None:
        return full
    present = sum(c.seats for c in camps if c.label not in losers)
    quorum = rnd.quorum.needed(members=int(house.total_seats), present=present)
    if present >= quorum:
        return full
    return [
        Ballot(b.label, b.seats, vote=b.vote, boycott=b.label in losers, parties=b.parties)
        for b in full
    ]
