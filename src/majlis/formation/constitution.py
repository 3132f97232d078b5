"""Formation rules as data: who votes on what, by which majority, with which quorum, by when.

A :class:`Constitution` is an ordered list of :class:`Step` records (elect a Speaker, elect a
head of state, designate a prime minister, vote confidence...). A step is either a vote of the
house, in one or more :class:`Round` records, or an act of an office holder (the President
charges a nominee). Thresholds and quorums are :class:`Threshold` records: a fraction of the
members, of those present or of the valid votes, "more than" or "at least". Deadlines are
:class:`Deadline` records counted in days or calendar months from a milestone, with what
happens when they expire. The engine that runs them is :mod:`majlis.formation.process`.

Three presets show that systems differ in data, not code (:data:`CONSTITUTIONS`):

``iraq-2005``
    Iraq's Constitution of 2005 with the Federal Supreme Court's readings: Speaker by an
    absolute majority of members (Art. 55), President by two-thirds of members with a
    two-thirds quorum, then a run-off (Art. 70; FSC 16/Federal/2022), the nominee of the
    largest bloc formed in parliament charged within 15 days (Art. 76(1); FSC 25/Federal/2010),
    30 days to form the cabinet (Art. 76(2)), confidence by an absolute majority (Art. 76(4)).
``spain-1978``
    Positive parliamentarism: investiture by an absolute majority, else a simple majority in a
    second vote 48 hours later; dissolution two months after the first vote (Art. 99).
``sweden-1974``
    Negative parliamentarism: the Speaker's candidate is approved unless more than half of all
    members vote against; four rejections force an extraordinary election (Instrument of
    Government, ch. 6 arts. 4-5).

Examples
--------
>>> iraq = get_constitution("iraq-2005")
>>> [s.id for s in iraq.steps]
['speaker', 'president', 'designation', 'cabinet', 'confidence']
>>> r = iraq.step("president").rounds[0]
>>> r.threshold.needed(members=329), r.quorum.needed(members=329)
(220, 220)
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from majlis.errors import UnknownIdError, ValidationError

__all__ = [
    "CONSTITUTIONS",
    "Constitution",
    "Deadline",
    "Round",
    "Step",
    "Threshold",
    "add_months",
    "constitution_from_dict",
    "get_constitution",
]

#: What a threshold is a fraction of.
BASES: tuple[str, ...] = ("members", "present", "valid")
_BASE_TEXT = {
    "members": "all members",
    "present": "the members present",
    "valid": "the valid votes",
}
STEP_KINDS: tuple[str, ...] = ("election", "investiture", "act")
EXPIRY: tuple[str, ...] = ("continue", "restart", "dissolve")


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus calendar ``months`` (the day of month clamped to the month's length).

    >>> add_months(dt.date(2019, 7, 23), 2)
    datetime.date(2019, 9, 23)
    >>> add_months(dt.date(2020, 12, 31), 2)
    datetime.date(2021, 2, 28)
    """
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass(frozen=True)
class Threshold:
    """A number of votes (or of members present) as a fraction of a base.

    Attributes
    ----------
    fraction : Fraction
        E.g. ``1/2`` or ``2/3`` (strings such as ``"2/3"`` are accepted).
    of : str
        ``"members"`` (the house's legal size, vacancies included), ``"present"`` or
        ``"valid"`` (votes for a candidate, or yes + no; blank ballots and abstentions excluded).
    strict : bool
        ``True``: more than ``fraction`` of the base (an absolute majority is more than 1/2);
        ``False``: at least ``fraction`` of it (two-thirds).

    Examples
    --------
    >>> Threshold("1/2").needed(members=329)
    165
    >>> Threshold("2/3", strict=False).needed(members=329)
    220
    >>> Threshold("1/2", of="valid").needed(members=350, valid=167 + 165)  # more yes than no
    167
    """

    fraction: Fraction
    of: str = "members"
    strict: bool = True

    def __post_init__(self) -> None:
        try:
            f = Fraction(self.fraction)
        except (TypeError, ValueError, ZeroDivisionError):
            raise ValidationError(f"threshold fraction {self.fraction!r} is not a number") from None
        if not 0 < f <= 1:
            raise ValidationError(f"threshold fraction must be in (0, 1], got {f}")
        if self.of not in BASES:
            raise ValidationError(f"threshold base {self.of!r}: use one of {', '.join(BASES)}")
        object.__setattr__(self, "fraction", f)

    def needed(self, *, members: int, present: int = 0, valid: int = 0) -> int:
        """The smallest count that meets the threshold for the given base sizes."""
        base = {"members": members, "present": present, "valid": valid}[self.of]
        q = self.fraction * base
        return q.numerator // q.denominator + 1 if self.strict else -(-q.numerator // q.denominator)

    def describe(self) -> str:
        """Plain words, e.g. ``"more than 1/2 of all members"``."""
        return (
            f"{'more than' if self.strict else 'at least'} {self.fraction} of {_BASE_TEXT[self.of]}"
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {"fraction": str(self.fraction), "of": self.of, "strict": self.strict}


@dataclass(frozen=True)
class Round:
    """One ballot of a vote step.

    Attributes
    ----------
    name : str
        A label (``"first round"``, ``"run-off"``).
    threshold : Threshold
        What the winning candidate (or ``yes``) needs; for a negative round, what ``no`` needs
        to reject the proposal.
    quorum : Threshold or None
        Attendance needed for the ballot to be held at all.
    runoff : int or None
        Candidates kept from the previous round (2: a run-off between the top two; candidates
        tied at the cut all go through).
    negative : bool
        Negative parliamentarism: the proposal passes unless ``no`` reaches the threshold.
    same_session : bool
        Held at once after the previous round fails (Iraq's run-off), or at a later sitting.
    min_hours_after_previous : int
        Minimum delay after the previous round (Spain: 48 hours).
    article : str
        The legal basis.
    """

    name: str
    threshold: Threshold
    quorum: Threshold | None = None
    runoff: int | None = None
    negative: bool = False
    same_session: bool = True
    min_hours_after_previous: int = 0
    article: str = ""

    def __post_init__(self) -> None:
        if self.runoff is not None and self.runoff < 1:
            raise ValidationError(f"round {self.name!r}: runoff must keep at least one candidate")
        if self.min_hours_after_previous < 0:
            raise ValidationError(f"round {self.name!r}: a delay cannot be negative")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "name": self.name,
            "threshold": self.threshold.to_dict(),
            "threshold_text": self.threshold.describe(),
            "quorum": self.quorum.to_dict() if self.quorum else None,
            "quorum_text": self.quorum.describe() if self.quorum else None,
            "runoff": self.runoff,
            "negative": self.negative,
            "same_session": self.same_session,
            "min_hours_after_previous": self.min_hours_after_previous,
            "article": self.article,
        }


@dataclass(frozen=True)
class Deadline:
    """A time limit on a step, and what its expiry does.

    Attributes
    ----------
    days, months : int
        The period (calendar months first, then days). The step must be done on or before
        ``start + period``; the deadline expires at the end of that day.
    start : str
        The milestone the period runs from: ``"election"``, ``"first_session"``, a step id
        (the day that step passed), ``"<step>:start"`` (the day that step became current) or
        ``"<step>:first-vote"`` (the day of that step's first ballot).
    on_expiry : str
        ``"continue"`` (the step stays open; the expiry is recorded), ``"restart"`` (go back to
        ``restart_at``) or ``"dissolve"`` (the process ends: new elections).
    restart_at : str or None
        The step to return to on ``"restart"``.
    article, consequence : str
        The legal basis, and what happens in plain words.
    """

    start: str
    days: int = 0
    months: int = 0
    on_expiry: str = "continue"
    restart_at: str | None = None
    article: str = ""
    consequence: str = ""

    def __post_init__(self) -> None:
        if self.days < 0 or self.months < 0 or self.days + self.months == 0:
            raise ValidationError(f"deadline from {self.start!r}: give a positive period")
        if self.on_expiry not in EXPIRY:
            raise ValidationError(
                f"deadline from {self.start!r}: on_expiry must be one of {', '.join(EXPIRY)}"
            )
        if (self.on_expiry == "restart") != (self.restart_at is not None):
            raise ValidationError(
                f"deadline from {self.start!r}: restart_at goes with on_expiry='restart'"
            )

    def due(self, start: dt.date) -> dt.date:
        """The last day of the period that starts on ``start``.

        >>> Deadline("first_session", days=30).due(dt.date(2025, 12, 29))
        datetime.date(2026, 1, 28)
        """
        return add_months(start, self.months) + dt.timedelta(days=self.days)

    def describe(self) -> str:
        """E.g. ``"30 days from first_session"``."""
        parts = [f"{self.months} months"] * bool(self.months) + [f"{self.days} days"] * bool(
            self.days
        )
        return f"{' '.join(parts)} from {self.start}"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "start": self.start,
            "days": self.days,
            "months": self.months,
            "on_expiry": self.on_expiry,
            "restart_at": self.restart_at,
            "article": self.article,
            "consequence": self.consequence,
        }


@dataclass(frozen=True)
class Step:
    """One step of the formation process.

    Attributes
    ----------
    id, name : str
        Machine id (``"president"``) and label.
    kind : str
        ``"election"`` (the house chooses among candidates), ``"investiture"`` (a yes/no vote
        on a proposal) or ``"act"`` (an office holder acts: a designation, a proposal, the
        presentation of a cabinet).
    rounds : tuple of Round
        The ballots of a vote step, in order.
    actor : str
        Who acts: ``"parliament"`` for votes, else the office (``"president"``, ``"king"``...).
    nominator : str or None
        Whose nominee the act must choose: ``"largest-bloc"`` (checked against the blocs'
        seats), or a free text for rules the engine does not check.
    deadline : Deadline or None
    on_failure : str
        After a failed vote (all rounds used): ``"repeat"`` (another sitting of the same step)
        or the id of the step to return to (Iraq: a refused cabinet sends the process back to
        the designation).
    max_failures : int or None
        The failed vote of this step that reaches this count ends the process by
        ``on_max_failures`` (Sweden: the fourth rejection forces an election).
    on_max_failures : str
    article, note : str
    """

    id: str
    name: str
    kind: str
    rounds: tuple[Round, ...] = ()
    actor: str = "parliament"
    nominator: str | None = None
    deadline: Deadline | None = None
    on_failure: str = "repeat"
    max_failures: int | None = None
    on_max_failures: str = "dissolve"
    article: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "rounds", tuple(self.rounds))
        if self.kind not in STEP_KINDS:
            raise ValidationError(
                f"step {self.id!r}: kind must be one of {', '.join(STEP_KINDS)}, got {self.kind!r}"
            )
        if (self.kind == "act") == bool(self.rounds):
            raise ValidationError(f"step {self.id!r}: vote steps need rounds, act steps have none")
        if self.rounds and self.rounds[0].runoff is not None:
            raise ValidationError(f"step {self.id!r}: the first round cannot be a run-off")
        if self.kind == "investiture" and any(r.runoff for r in self.rounds):
            raise ValidationError(f"step {self.id!r}: an investiture has no candidates to cut")
        if self.max_failures is not None and self.max_failures < 1:
            raise ValidationError(f"step {self.id!r}: max_failures must be at least 1")

    @property
    def is_vote(self) -> bool:
        """True for election and investiture steps."""
        return self.kind != "act"

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "rounds": [r.to_dict() for r in self.rounds],
            "actor": self.actor,
            "nominator": self.nominator,
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "on_failure": self.on_failure,
            "max_failures": self.max_failures,
            "on_max_failures": self.on_max_failures,
            "article": self.article,
            "note": self.note,
        }


@dataclass(frozen=True)
class Constitution:
    """A country's formation rules: the steps in order, with their sources.

    Construction checks that every step id is unique and that every reference (``on_failure``,
    ``restart_at``, deadline starts) names a known step or milestone.
    """

    id: str
    name: str
    country: str
    steps: tuple[Step, ...]
    sources: tuple[str, ...] = ()
    notes: str = ""
    _by_id: dict[str, Step] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "steps", tuple(self.steps))
        object.__setattr__(self, "sources", tuple(self.sources))
        if not self.steps:
            raise ValidationError(f"constitution {self.id!r} has no steps")
        by_id: dict[str, Step] = {}
        for s in self.steps:
            if s.id in by_id:
                raise ValidationError(f"constitution {self.id!r}: step id {s.id!r} is repeated")
            by_id[s.id] = s
        object.__setattr__(self, "_by_id", by_id)
        for s in self.steps:
            if s.on_failure != "repeat" and s.on_failure not in by_id:
                raise ValidationError(
                    f"step {s.id!r}: on_failure names unknown step {s.on_failure!r}"
                )
            if s.on_max_failures not in ("dissolve", "continue"):
                raise ValidationError(
                    f"step {s.id!r}: on_max_failures must be dissolve or continue"
                )
            d = s.deadline
            if d is None:
                continue
            if d.restart_at is not None and d.restart_at not in by_id:
                raise ValidationError(
                    f"step {s.id!r}: deadline restarts at unknown step {d.restart_at!r}"
                )
            base = d.start.split(":")[0]
            if base not in ("election", "first_session") and base not in by_id:
                raise ValidationError(
                    f"step {s.id!r}: deadline starts from unknown milestone {d.start!r}"
                )

    def step(self, step_id: str) -> Step:
        """The step with this id (:class:`~majlis.errors.UnknownIdError` if none)."""
        try:
            return self._by_id[step_id]
        except KeyError:
            known = ", ".join(self._by_id)
            raise UnknownIdError(
                f"constitution {self.id!r} has no step {step_id!r} (steps: {known})"
            ) from None

    def index(self, step_id: str) -> int:
        """The position of a step in :attr:`steps`."""
        return self.steps.index(self.step(step_id))

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document of the preset."""
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "steps": [s.to_dict() for s in self.steps],
            "sources": list(self.sources),
            "notes": self.notes,
        }


CONSTITUTIONS: dict[str, Constitution] = {}
"""Built-in constitution presets by id."""


def _register(c: Constitution) -> Constitution:
    CONSTITUTIONS[c.id] = c
    return c


def get_constitution(constitution: str | Constitution) -> Constitution:
    """The preset ``constitution`` (an id or a Constitution), or UnknownIdError.

    >>> get_constitution("spain-1978").step("investiture").rounds[1].min_hours_after_previous
    48
    """
    if isinstance(constitution, Constitution):
        return constitution
    try:
        return CONSTITUTIONS[constitution]
    except (KeyError, TypeError):
        raise UnknownIdError(
            f"unknown constitution {constitution!r}: use one of {', '.join(sorted(CONSTITUTIONS))}"
        ) from None


def constitution_from_dict(doc: Mapping[str, Any]) -> Constitution:
    """Build a :class:`Constitution` from the document :meth:`Constitution.to_dict` writes.

    >>> c = get_constitution("sweden-1974")
    >>> constitution_from_dict(c.to_dict()) == c
    True
    """

    def thr(d: Mapping[str, Any] | None) -> Threshold | None:
        if d is None:
            return None
        return Threshold(
            Fraction(str(d["fraction"])), d.get("of", "members"), bool(d.get("strict", True))
        )

    def rounds(items: Sequence[Mapping[str, Any]]) -> tuple[Round, ...]:
        out = []
        for r in items:
            t = thr(r["threshold"])
            assert t is not None
            out.append(
                Round(
                    r["name"],
                    t,
                    thr(r.get("quorum")),
                    r.get("runoff"),
                    bool(r.get("negative", False)),
                    bool(r.get("same_session", True)),
                    int(r.get("min_hours_after_previous", 0)),
                    r.get("article", ""),
                )
            )
        return tuple(out)

    try:
        steps = []
        for s in doc["steps"]:
            d = s.get("deadline")
            steps.append(
                Step(
                    s["id"],
                    s.get("name", s["id"]),
                    s["kind"],
                    rounds(s.get("rounds", ())),
                    s.get("actor", "parliament"),
                    s.get("nominator"),
                    Deadline(
                        d["start"],
                        int(d.get("days", 0)),
                        int(d.get("months", 0)),
                        d.get("on_expiry", "continue"),
                        d.get("restart_at"),
                        d.get("article", ""),
                        d.get("consequence", ""),
                    )
                    if d
                    else None,
                    s.get("on_failure", "repeat"),
                    s.get("max_failures"),
                    s.get("on_max_failures", "dissolve"),
                    s.get("article", ""),
                    s.get("note", ""),
                )
            )
        return Constitution(
            doc["id"],
            doc.get("name", doc["id"]),
            doc.get("country", ""),
            tuple(steps),
            tuple(doc.get("sources", ())),
            doc.get("notes", ""),
        )
    except (KeyError, TypeError) as exc:
        raise ValidationError(
            f"malformed constitution document: missing or bad field {exc}"
        ) from None


# ---------------------------------------------------------------------------------------- presets
_ABS_MAJ = Threshold(Fraction(1, 2), "members", strict=True)
_TWO_THIRDS = Threshold(Fraction(2, 3), "members", strict=False)
_MAJ_VALID = Threshold(Fraction(1, 2), "valid", strict=True)

_IRAQ_RULES = "majlis/data/iraq/sources/RULES.md (section b: constitution and courts)"

_register(
    Constitution(
        id="iraq-2005",
        name="Iraq: Constitution of 2005 as read by the Federal Supreme Court",
        country="iq",
        steps=(
            Step(
                "speaker",
                "Speaker of the Council of Representatives",
                "election",
                (
                    Round(
                        "first round",
                        _ABS_MAJ,
                        quorum=_ABS_MAJ,
                        article="Art. 55 (Speaker by an absolute majority of members, secret ballot); "
                        "Art. 59 (quorum: an absolute majority of members)",
                    ),
                    Round(
                        "run-off",
                        _ABS_MAJ,
                        quorum=_ABS_MAJ,
                        runoff=2,
                        article="Council by-laws: second round between the top two; the absolute "
                        "majority still required (FSC 322/Federal/2023 as reported for the 18 May "
                        "2024 session) [UNVERIFIED text]",
                    ),
                ),
                article="Art. 54-55",
                note="Absolute majority read as more than half of the 329 seats in law (165). "
                "CONFLICT: some reports of the 2024 sessions cite 166 (half plus one rounded up) "
                "or a base of the members then sitting (324).",
            ),
            Step(
                "president",
                "President of the Republic",
                "election",
                (
                    Round(
                        "first round",
                        _TWO_THIRDS,
                        quorum=_TWO_THIRDS,
                        article="Art. 70(1): two-thirds of the number of members; quorum of two-thirds "
                        "of members per FSC 16/Federal/2022 (3 Feb 2022)",
                    ),
                    Round(
                        "run-off",
                        _MAJ_VALID,
                        quorum=_TWO_THIRDS,
                        runoff=2,
                        article="Art. 70(2): the top two go to a second round and the one with the "
                        "majority of votes wins; the two-thirds quorum still applies (FSC 16/Federal/2022)",
                    ),
                ),
                deadline=Deadline(
                    "first_session",
                    days=30,
                    on_expiry="continue",
                    article="Art. 72(2)(b)",
                    consequence="no sanction: the outgoing President stays in office until a successor "
                    "is elected (FSC 51/Federal/2010; FSC, 13 Feb 2022, for President Salih)",
                ),
                article="Art. 70, 72",
            ),
            Step(
                "designation",
                "Prime minister-designate charged",
                "act",
                actor="president",
                nominator="largest-bloc",
                deadline=Deadline(
                    "designation:start",
                    days=15,
                    on_expiry="continue",
                    article="Art. 76(1)",
                    consequence="no sanction in the constitution; the designation is only late "
                    "(the same 15 days apply to a new nominee after a failure, Art. 76(3), 76(5))",
                ),
                article="Art. 76(1); FSC 25/Federal/2010 (the largest bloc may be formed after the "
                "election, once members take the oath in the first session; confirmed 2014 and 2019)",
                note="The constitution does not say what happens if the largest bloc names nobody.",
            ),
            Step(
                "cabinet",
                "Cabinet named by the prime minister-designate",
                "act",
                actor="pm-designate",
                deadline=Deadline(
                    "cabinet:start",
                    days=30,
                    on_expiry="restart",
                    restart_at="designation",
                    article="Art. 76(2)-(3)",
                    consequence="the designate fails; the President names a new nominee within 15 days",
                ),
                article="Art. 76(2)",
            ),
            Step(
                "confidence",
                "Vote of confidence in the cabinet and its programme",
                "investiture",
                (
                    Round(
                        "vote",
                        _ABS_MAJ,
                        quorum=_ABS_MAJ,
                        article="Art. 76(4): ministers one by one and the programme, each by an "
                        "absolute majority of members; Art. 59 quorum",
                    ),
                ),
                on_failure="designation",
                article="Art. 76(4)-(5)",
                note="Modelled as one vote on the cabinet as a whole; on refusal the President names "
                "another nominee within 15 days (Art. 76(5)).",
            ),
        ),
        sources=(
            "Constitution of Iraq (2005), English text via UN Women constitutional database "
            "https://constitutions.unwomen.org/en/countries/asia/iraq and Utah GJPI https://stage.gjpi.umc.utah.edu/?p=4346",
            "FSC 25/Federal/2010 (largest bloc): https://www.shafaq.com/en/Iraq/Iraq-s-top-judge-calls-to-amend-Constitution-over-largest-bloc-rule",
            "FSC 16/Federal/2022 (two-thirds quorum): https://www.shafaq.com/en/Iraq-News/Supreme-Court-specifies-the-quorum-of-the-parliament-session-dedicated-to-elect-a-president",
            "FSC 51/Federal/2010 (the outgoing President continues): https://www.iraqnewsgazette.com/head-of-the-supreme-judicial-council-the-cause-of-the-political-crisis-is-the-condition-of-electing-the-president-of-the-republic-by-a-two-thirds-majority-of-the-total-number-of-parliament-members/",
            _IRAQ_RULES,
        ),
        notes="Custom (muhasasa), not law: Speaker Sunni Arab, President Kurd, PM Shia Arab. The "
        "'blocking third' is the smallest group whose absence denies the 220 quorum: 110 of 329.",
    )
)

_register(
    Constitution(
        id="spain-1978",
        name="Spain: Constitution of 1978, Art. 99 (investiture)",
        country="es",
        steps=(
            Step(
                "proposal",
                "Candidate proposed by the King",
                "act",
                actor="king",
                nominator="after consultations with the representatives of the parliamentary groups",
                article="Art. 99(1)",
            ),
            Step(
                "investiture",
                "Investiture vote in the Congress of Deputies",
                "investiture",
                (
                    Round(
                        "first vote",
                        _ABS_MAJ,
                        quorum=_ABS_MAJ,
                        article="Art. 99(3): absolute majority of members (176 of 350); Art. 79(1) quorum",
                    ),
                    Round(
                        "second vote",
                        _MAJ_VALID,
                        quorum=_ABS_MAJ,
                        same_session=False,
                        min_hours_after_previous=48,
                        article="Art. 99(3): simple majority (more yes than no) in a new vote 48 hours later",
                    ),
                ),
                deadline=Deadline(
                    "investiture:first-vote",
                    months=2,
                    on_expiry="dissolve",
                    article="Art. 99(5)",
                    consequence="the King dissolves both chambers and calls an election",
                ),
                on_failure="proposal",
                article="Art. 99(2)-(5)",
                note="After a failed investiture, successive proposals follow the same procedure "
                "(Art. 99(4)); the two months run from the first vote and are not reset.",
            ),
        ),
        sources=(
            "Constitución Española (1978), Art. 79, 99: https://www.boe.es/buscar/act.php?id=BOE-A-1978-31229",
        ),
        notes="Positive parliamentarism: the candidate needs more yes than no votes at least.",
    )
)

_register(
    Constitution(
        id="sweden-1974",
        name="Sweden: Instrument of Government (1974), chapter 6",
        country="se",
        steps=(
            Step(
                "proposal",
                "Prime minister proposed by the Speaker",
                "act",
                actor="speaker",
                nominator="after consultations with the party groups",
                article="ch. 6 art. 4",
            ),
            Step(
                "pm-vote",
                "Riksdag vote on the proposed prime minister",
                "investiture",
                (
                    Round(
                        "vote",
                        Threshold(Fraction(1, 2), "members", strict=True),
                        negative=True,
                        article="ch. 6 art. 4: rejected if more than half of the members (175 of 349) "
                        "vote against, otherwise approved",
                    ),
                ),
                on_failure="proposal",
                max_failures=4,
                on_max_failures="dissolve",
                article="ch. 6 arts. 4-5",
                note="The fourth rejection ends the procedure; an extraordinary election follows "
                "within three months (ch. 6 art. 5).",
            ),
        ),
        sources=(
            "Instrument of Government (Regeringsformen, SFS 1974:152), ch. 6 arts. 4-5, English text: "
            "https://www.riksdagen.se/en/how-the-riksdag-works/democracy/the-constitution/",
        ),
        notes="Negative parliamentarism ('tolerance'): abstentions count for the candidate.",
    )
)
