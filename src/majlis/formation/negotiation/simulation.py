"""One run of a negotiation, round by round, with every random draw explicit.

:func:`simulate_run` plays a resolved scenario (:class:`~majlis.formation.negotiation.scenario.NegotiationSpec`)
with one random generator and returns a :class:`RunRecord`: the government formed (members,
prime minister, portfolios, policy position, kind) or a deadlock, the rounds it took, and, when
asked, the trace.

Each round, in this order:

1. **The house.** Seats of the day from the dataset (resignations and replacements included);
   dated pacts of the data bind their members to a formateur from their start and free them at
   their end (Save the Homeland; the Framework's allies); actors without seats drop out.
2. **The council.** A council bloc decides whom to back (:mod:`~majlis.formation.negotiation.council`)
   when it has no candidate, when a leader's stance changes, or after it dropped one (an outside
   veto in force, or ``candidate_patience`` rounds of partners refusing the candidate).
3. **Recognition.** The formateurs' order this round is drawn (parameter ``recognition``).
4. **Offers.** Each formateur in turn sends an offer through each open channel to each
   counterpart not yet with it (:mod:`~majlis.formation.negotiation.committees`). A red line
   rules an offer out. Otherwise the receiver compares its utility with its **outside option**:
   what it gets if it says no, given what the rival camps can reach without it, computed with
   the constitution's thresholds on the process engine
   (:func:`~majlis.formation.negotiation.thresholds.check_government`): if another camp can
   govern without it, being outside that government; if its own camp can govern with it, its
   place there; otherwise a deadlock (the caretaker's status quo, less ``delay_cost`` per
   round); plus its loyalty when it is bound to another formateur (``pact_loyalty`` or
   ``bloc_loyalty``, decaying by ``loyalty_decay`` each round that formateur cannot govern).
   It accepts when utility + noise > outside option, noise ~ Normal(0, ``noise``); on a
   rejection the delegation concedes one step more for the next round if it still gains.
5. **Votes.** A formateur whose camp passes the remaining votes (Iraq: the President's election
   with its two-thirds quorum, then confidence by 165) forms the government, unless it
   prefers consensus and major actors it is still talking to are outside (it then waits up to
   ``consensus_patience`` rounds; an actor that refuses only over the candidate is waited for,
   since the council may change its candidate, one whose red line excludes a partner is not). A camp that reaches the confidence threshold but is blocked
   is recorded as a failed sitting, saying which threshold blocked it.

Random draws, in a fixed order: the parameters (:meth:`ParameterSet.draw`), whether each red
line, leader veto and outside veto below probability 1 holds (in scenario order), then each
round's recognition order and one normal draw per offer weighed. A run is therefore a pure
function of the scenario, the parameters and its generator's seed.

Examples
--------
>>> from majlis.formation.negotiation.scenario import load_negotiation_scenario, resolve_scenario
>>> spec = resolve_scenario(load_negotiation_scenario("iraq-2021"))
>>> rec = simulate_run(spec, np.random.default_rng(7))
>>> rec.kind in ("consensus", "majority", "deadlock"), rec.rounds <= len(spec.rounds)
(True, True)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from majlis.formation.negotiation.actors import (
    Actor,
    government_kind,
    mean_position,
    red_line_violations,
    utility,
)
from majlis.formation.negotiation.committees import (
    Channel,
    Concession,
    Offer,
    accepts,
    next_concession,
    offer_policy,
)
from majlis.formation.negotiation.council import CouncilDecision, LeaderView, decide
from majlis.formation.negotiation.scenario import NegotiationSpec, RoundSpec
from majlis.formation.negotiation.thresholds import Viability, check_government
from majlis.formation.negotiation.trace import RoundSnapshot, TraceEvent
from majlis.formation.portfolios import Post, allocate

__all__ = ["Government", "RunRecord", "simulate_run"]


@dataclass(frozen=True)
class Government:
    """A government that formed in a run."""

    formateur: str
    members: tuple[str, ...]
    parties: tuple[str, ...]
    seats: int
    kind: str
    prime_minister: str | None
    pm_holder: str | None
    portfolios: Mapping[str, tuple[str, ...]]
    office: Mapping[str, float]
    policy: Mapping[str, float]
    concessions: Mapping[str, str]
    round: int
    date: dt.date
    votes: tuple[tuple[str, bool, str], ...]

    def to_dict(self, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        """A JSON-ready document (``names``: display names of actor and candidate ids)."""
        nm = names or {}
        return {
            "formateur": self.formateur,
            "members": list(self.members),
            "member_names": [nm.get(m, m) for m in self.members],
            "parties": list(self.parties),
            "seats": self.seats,
            "kind": self.kind,
            "prime_minister": self.prime_minister,
            "prime_minister_name": nm.get(self.prime_minister or "", self.prime_minister),
            "prime_minister_from": self.pm_holder,
            "portfolios": {k: list(v) for k, v in self.portfolios.items()},
            "office_share": {k: round(v, 4) for k, v in self.office.items()},
            "policy": {k: round(v, 3) for k, v in self.policy.items()},
            "concessions": dict(self.concessions),
            "round": self.round,
            "date": self.date.isoformat(),
            "votes": [{"step": s, "passed": ok, "reason": r} for s, ok, r in self.votes],
        }


@dataclass(frozen=True)
class RunRecord:
    """The outcome of one run, and its trace when asked for."""

    run: int
    government: Government | None
    kind: str
    rounds: int
    date: dt.date
    parameters: Mapping[str, float]
    council: tuple[tuple[int, str, str | None], ...] = ()
    dropped: tuple[tuple[int, str, str, str], ...] = ()
    trace: tuple[TraceEvent, ...] = ()
    snapshots: tuple[RoundSnapshot, ...] = ()
    offers: tuple[Offer, ...] = field(default_factory=tuple)

    def to_dict(self, names: Mapping[str, str] | None = None) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "run": self.run,
            "kind": self.kind,
            "rounds": self.rounds,
            "date": self.date.isoformat(),
            "government": self.government.to_dict(names) if self.government else None,
            "parameters": {k: round(v, 6) for k, v in self.parameters.items()},
            "council": [{"round": r, "bloc": b, "candidate": c} for r, b, c in self.council],
            "dropped": [
                {"round": r, "bloc": b, "candidate": c, "reason": why}
                for r, b, c, why in self.dropped
            ],
            "trace": [e.to_dict() for e in self.trace],
            "snapshots": [s.to_dict() for s in self.snapshots],
        }


#: The attribute of a spec holding its :class:`_SpecCache` (dropped when a spec is shipped).
_SPEC_CACHE = "_majlis_caches"


@dataclass
class _SpecCache:
    """Results of pure functions of a spec, kept on it from run to run: portfolio allocations
    and vote checks (the latter so that a lookup does not hash the constitution every time)."""

    allocations: dict[Any, dict[str, list[Post]]] = field(default_factory=dict)
    viability: dict[tuple[int, int, int, int], Viability] = field(default_factory=dict)


class _Run:
    """The working state of one run (private)."""

    def __init__(
        self, spec: NegotiationSpec, rng: np.random.Generator, run: int, trace: bool
    ) -> None:
        self.spec = spec
        self.rng = rng
        self.run = run
        self.tracing = trace
        self.events: list[TraceEvent] = []
        self.snapshots: list[RoundSnapshot] = []
        self.offers: list[Offer] = []
        self.p = spec.params.draw(rng)
        # red lines, leader vetoes and outside vetoes below probability 1: one draw each
        self.holds: dict[tuple[str, int], bool] = {}
        for aid, a in spec.actors.items():
            for i, line in enumerate(a.red_lines):
                if line.probability < 1.0:
                    self.holds[(aid, i)] = bool(rng.random() < line.probability)
        self.veto_holds: dict[tuple[str, str, int, str], bool] = {}
        for bloc, c in spec.councils.items():
            for lv in c.leaders:
                for k, st in enumerate(lv.stances):
                    for cand, prob in st.vetoes.items():
                        self.veto_holds[(bloc, lv.id, k, cand)] = (
                            True if prob >= 1.0 else bool(rng.random() < prob)
                        )
        self.ext_holds = [
            True if v.probability >= 1.0 else bool(rng.random() < v.probability)
            for v in spec.external_vetoes
        ]
        self.commit: dict[str, str | None] = dict.fromkeys(spec.actors)
        self.source: dict[str, str] = {}
        for b in spec.blocs.values():
            for f in b.factions:
                self.commit[f] = b.id
                self.source[f] = "bloc"
        self.defected: set[str] = set()
        self.candidate: dict[str, str | None] = {}
        self.stance_key: dict[str, tuple[int, ...]] = {}
        self.dropped: dict[str, dict[str, str]] = {f: {} for f in spec.formateurs}
        self.cand_rejections: dict[str, int] = dict.fromkeys(spec.formateurs, 0)
        self.failed: dict[str, int] = dict.fromkeys(spec.formateurs, 0)
        self.waited: dict[str, int] = dict.fromkeys(spec.formateurs, 0)
        self.last_attempt: dict[str, frozenset[str]] = {}
        self.concessions: dict[tuple[str, str], Concession] = {}
        self.agreed: dict[tuple[str, str], Concession] = {}
        self.redline_refused: set[tuple[str, str]] = set()
        self.undecided: set[tuple[str, int]] = set()
        self.council_log: list[tuple[int, str, str | None]] = []
        self.drop_log: list[tuple[int, str, str, str]] = []
        for f in spec.formateurs:
            if f not in spec.councils:
                self.candidate[f] = spec.actors[f].candidate
                self.commit[f] = f
                self.source[f] = "formateur"
        self.rnd: RoundSpec = spec.rounds[0]
        self.t = 0
        cache = spec.__dict__.get(_SPEC_CACHE)
        if cache is None:
            cache = _SpecCache()
            object.__setattr__(spec, _SPEC_CACHE, cache)
        self.alloc_cache = cache.allocations
        self.viability = cache.viability
        self.total_weight = float(sum((p.weight for p in spec.posts), Fraction(0)))

    # -------------------------------------------------------------- small helpers
    def log(self, kind: str, text: str, **data: Any) -> None:
        if self.tracing:
            self.events.append(TraceEvent(self.rnd.index, self.rnd.date, kind, text, data))

    def name(self, ident: str | None) -> str:
        return self.spec.name_of(ident)

    def seats(self, actor: str) -> int:
        return self.rnd.seats.get(actor, 0)

    def camp_seats(self, camp: Iterable[str]) -> int:
        return sum(self.rnd.seats.get(a, 0) for a in camp)

    def active(self, formateur: str) -> bool:
        return self.camp_seats(self.own(formateur)) > 0

    def own(self, formateur: str) -> list[str]:
        """The formateur's own actors still with it (a bloc's factions that have not defected)."""
        return [a for a in self.spec.members_of(formateur) if a not in self.defected]

    def committed(self, formateur: str) -> frozenset[str]:
        return frozenset(
            a for a, f in self.commit.items() if f == formateur and self.rnd.seats.get(a, 0) > 0
        )

    def unit(self, actor: str) -> str:
        """The spec's unit (its bloc, else itself), but itself once it has left its bloc."""
        return actor if actor in self.defected else self.spec.unit(actor)

    def major_present(self) -> list[str]:
        out = []
        for u in self.spec.major_units():
            if u in self.spec.blocs:
                if self.camp_seats(self.own(u)) > 0:
                    out.append(u)
            elif self.seats(u) > 0:
                out.append(u)
        return out

    def kind_of(self, members: Iterable[str]) -> str:
        return government_kind({self.unit(a) for a in members}, self.major_present())

    def consensus_pref(self, formateur: str) -> float:
        own = [a for a in self.own(formateur) if self.seats(a) > 0]
        total = self.camp_seats(own)
        if not total:
            return 0.5
        return sum(self.spec.actors[a].consensus * self.seats(a) for a in own) / total

    # -------------------------------------------------------------- thresholds
    def viable(self, camp: frozenset[str], formateur: str) -> Viability:
        gov = self.camp_seats(camp)
        hostile = 0
        for a, f in self.commit.items():
            if a in camp or f is None or f == formateur:
                continue
            hostile += self.rnd.seats.get(a, 0)
        others = self.rnd.filled - gov - hostile
        key = (self.rnd.members, gov, hostile, others)
        v = self.viability.get(key)
        if v is None:
            v = self.viability[key] = check_government(
                self.spec.constitution, self.spec.steps, self.rnd.members, gov, hostile, others
            )
        return v

    def camp_text(self, formateur: str, camp: frozenset[str], v: Viability) -> str:
        th = self.spec.thresholds
        nm = self.name(formateur)
        if v.viable:
            return f"{nm} can govern ({v.seats} seats)"
        if v.seats < th.govern:
            return f"{nm} holds {v.seats}, short of {th.govern} to govern"
        if th.quorum is not None and th.block is not None and v.hostile >= th.block:
            return (
                f"{nm} holds {v.seats} but {v.hostile} hostile MPs (at least {th.block}) can deny "
                f"the {th.quorum} quorum of the {v.blocked_at} vote"
            )
        return f"{nm} holds {v.seats} but fails at {v.blocked_at}"

    # -------------------------------------------------------------- portfolios and utility
    def pm_holder(self, formateur: str, members: Iterable[str], candidate: str | None) -> str:
        ms = list(members)
        cand = self.spec.candidates.get(candidate or "")
        if cand is not None and cand.party:
            for a in ms:
                if cand.party in self.spec.actors[a].parties or cand.party in self.rnd.parties.get(
                    a, ()
                ):
                    return a
        own = [a for a in self.own(formateur) if a in ms]
        pool = own or ms
        return max(pool, key=lambda a: (self.seats(a), a))

    def base_holdings(self, members: frozenset[str], pm: str) -> dict[str, list[Post]]:
        key = (tuple(sorted((a, self.seats(a)) for a in members)), pm)
        hit = self.alloc_cache.get(key)
        if hit is None:
            seats = {a: self.seats(a) for a in members}
            fams = {a: self.spec.actors[a].family or "other" for a in members}
            opts = dict(self.spec.portfolio_options)
            alloc = allocate(
                self.spec.portfolio_rule, seats, list(self.spec.posts), families=fams, **opts
            )
            hold: dict[str, list[Post]] = {a: [] for a in members}
            for aw in alloc.awards:
                if aw.party is not None:
                    hold[aw.party].append(aw.post)
            pm_post = next((p for p in self.spec.posts if p.name == "Prime Minister"), None)
            if pm_post is not None:
                holder = next(
                    (a for a, ps in hold.items() if any(p.name == pm_post.name for p in ps)), None
                )
                if holder is not None and holder != pm:
                    # the nominee's side takes the premiership; the rule's holder takes its heaviest post
                    hold[holder] = [p for p in hold[holder] if p.name != pm_post.name]
                    given = sorted(hold[pm], key=lambda p: -p.weight)
                    if given:
                        hold[pm].remove(given[0])
                        hold[holder].append(given[0])
                    hold[pm].append(pm_post)
                elif holder is None:
                    hold[pm].append(pm_post)
            hit = hold
            self.alloc_cache[key] = hit
        return {a: list(ps) for a, ps in hit.items()}

    def holdings(
        self,
        formateur: str,
        members: frozenset[str],
        candidate: str | None,
        extra: Mapping[str, Concession] | None = None,
    ) -> dict[str, list[Post]]:
        pm = self.pm_holder(formateur, members, candidate)
        hold = self.base_holdings(members, pm)
        deals = {a: c for (f, a), c in self.agreed.items() if f == formateur and a in members}
        deals.update(extra or {})
        donors = [a for a in self.own(formateur) if a in members]
        for r, c in deals.items():
            if c.demanded_post:
                for d in self.spec.actors[r].demands:
                    for a, ps in hold.items():
                        if a != r and any(p.name == d for p in ps):
                            post = next(p for p in ps if p.name == d)
                            ps.remove(post)
                            hold[r].append(post)
            for _ in range(c.bonus):
                donor = max(
                    (a for a in donors if a != r and any(p.cls == "ministry" for p in hold[a])),
                    key=lambda a: (sum(1 for p in hold[a] if p.cls == "ministry"), a),
                    default=None,
                )
                if donor is None:
                    break
                post = [p for p in hold[donor] if p.cls == "ministry"][-1]
                hold[donor].remove(post)
                hold[r].append(post)
        return hold

    def share(self, hold: Mapping[str, list[Post]], actor: str) -> float:
        return float(sum((p.weight for p in hold.get(actor, [])), Fraction(0))) / self.total_weight

    def unmet(self, hold: Mapping[str, list[Post]], actor: str) -> int:
        names = {p.name for p in hold.get(actor, [])}
        return sum(1 for d in self.spec.actors[actor].demands if d not in names)

    def u(self, actor: Actor, **kw: Any) -> float:
        return utility(actor, params=self.p, ranges=self.spec.ranges, **kw)

    def policy(self, members: Iterable[str]) -> dict[str, float]:
        return mean_position((self.spec.actors[a] for a in members), self.rnd.seats)

    def deadlock_value(self, actor: Actor) -> float:
        return self.u(actor, position=self.spec.status_quo) - self.p["delay_cost"] * self.t

    def member_value(
        self,
        actor: str,
        formateur: str,
        members: frozenset[str],
        candidate: str | None,
        extra: Mapping[str, Concession] | None = None,
        position: Mapping[str, float] | None = None,
    ) -> float:
        hold = self.holdings(formateur, members, candidate, extra)
        return self.u(
            self.spec.actors[actor],
            office=self.share(hold, actor),
            position=position if position is not None else self.policy(members),
            kind=self.kind_of(members),
            unmet=self.unmet(hold, actor),
        )

    def formateur_value(
        self,
        formateur: str,
        members: frozenset[str] | None,
        extra: Mapping[str, Concession] | None = None,
    ) -> float:
        """Seat-weighted utility of the formateur's own actors (``members`` None: a deadlock)."""
        own = [a for a in self.own(formateur) if self.seats(a) > 0]
        total = self.camp_seats(own)
        if not total:
            return 0.0
        cand = self.candidate.get(formateur)
        out = 0.0
        for a in own:
            if members is None:
                v = self.deadlock_value(self.spec.actors[a])
            else:
                v = self.member_value(a, formateur, members, cand, extra)
            out += v * self.seats(a)
        return out / total

    def loyalty(self, actor: str, formateur: str) -> float:
        a = self.spec.actors[actor]
        base = self.p["bloc_loyalty"] if a.bloc == formateur else self.p["pact_loyalty"]
        return float(base * self.p["loyalty_decay"] ** self.failed.get(formateur, 0))

    # -------------------------------------------------------------- outside option
    def outside(self, r: str, sender: str) -> tuple[float, str]:
        actor = self.spec.actors[r]
        own = self.commit.get(r)
        alts: list[tuple[float, str]] = []
        blocked: list[str] = []
        for g in self.spec.formateurs:
            if g == sender or not self.active(g):
                continue
            if own == g:
                camp = self.committed(g)
                v = self.viable(camp, g)
                if v.viable:
                    val = self.member_value(r, g, camp, self.candidate.get(g))
                    alts.append((val, f"its own camp, {self.camp_text(g, camp, v)} with it"))
                else:
                    blocked.append(self.camp_text(g, camp, v) + " even with it")
            else:
                camp = self.committed(g) - {r}
                v = self.viable(camp, g)
                if v.viable:
                    val = self.u(actor, position=self.policy(camp))
                    alts.append((val, f"{self.camp_text(g, camp, v)} without it: opposition"))
                else:
                    blocked.append(self.camp_text(g, camp, v) + " without it")
        camp = self.committed(sender)
        v = self.viable(camp, sender)
        if v.viable:
            val = self.u(actor, position=self.policy(camp))
            alts.append((val, f"{self.camp_text(sender, camp, v)} without it: opposition"))
        else:
            blocked.append(self.camp_text(sender, camp, v) + " without it")
        if not alts:
            alts.append(
                (
                    self.deadlock_value(actor),
                    "; ".join(blocked) + ": no government, the caretaker's status quo",
                )
            )
        value, why = max(alts, key=lambda x: x[0])
        if own is not None and own != sender and self.active(own):
            lam = self.loyalty(r, own)
            value += lam
            why += f"; plus loyalty to {self.name(own)} ({lam:.2f})"
        return value, why

    # -------------------------------------------------------------- the round's steps
    def apply_pacts(self, prev: RoundSpec | None) -> None:
        for pid, pact in self.spec.pacts.items():
            now = set(self.rnd.pacts.get(pid, ()))
            before = set(prev.pacts.get(pid, ())) if prev is not None else set()
            for a in sorted(before - now):
                if self.source.get(a) == f"pact:{pid}":
                    back = self.spec.actors[a].bloc if a not in self.defected else None
                    self.commit[a] = back
                    self.source[a] = "bloc" if back else ""
                    self.log(
                        "data",
                        f"{self.name(a)} is no longer bound to {self.name(pact.formateur)} ({pid} ends)",
                    )
            for a in sorted(now - before):
                if self.seats(a) <= 0:
                    continue
                prior = self.commit.get(a)
                self.commit[a] = pact.formateur
                self.source[a] = f"pact:{pid}"
                if (
                    self.spec.actors[a].bloc is not None
                    and self.spec.actors[a].bloc != pact.formateur
                ):
                    self.defected.add(a)
                self.log(
                    "data",
                    f"{self.name(a)} is bound to {self.name(pact.formateur)} by {pid}"
                    + (
                        f" (before: {self.name(prior)})"
                        if prior and prior != pact.formateur
                        else ""
                    )
                    + (f" — {pact.source}" if pact.source else "")
                    + (f" — assumption: {pact.assumption}" if pact.assumption else ""),
                    pact=pid,
                )
        for a, f in list(self.commit.items()):
            if f is not None and not self.active(f):
                self.commit[a] = None
                self.source[a] = ""
                if self.seats(a) > 0:
                    self.log("data", f"{self.name(a)} is free: {self.name(f)} has no seats left")

    def house(self) -> None:
        th = self.spec.thresholds
        for text in self.rnd.events:
            self.log("data", text)
        if self.tracing:
            camps = {
                f: self.camp_seats(self.committed(f))
                for f in self.spec.formateurs
                if self.active(f)
            }
            listing = ", ".join(f"{self.name(f)} {s}" for f, s in camps.items())
            self.log(
                "house",
                f"{self.rnd.filled} of {self.rnd.members} seats filled; {th.govern} to govern"
                + (
                    f", {th.quorum} present to elect a President, {th.block} to block"
                    if th.quorum
                    else ""
                )
                + f". Camps: {listing}",
                camps=camps,
            )

    def standing(self, formateur: str) -> list[str]:
        council = self.spec.councils[formateur]
        out = []
        for c in council.candidates:
            if c in self.dropped[formateur]:
                continue
            out.append(c)
        return out

    def external_veto(self, candidate: str) -> str | None:
        for v, holds in zip(self.spec.external_vetoes, self.ext_holds):
            if v.candidate == candidate and holds and (v.start is None or v.start <= self.rnd.date):
                return f"an outside veto by {v.by}" + (f" ({v.source})" if v.source else "")
        return None

    def council(self, formateur: str) -> None:
        c = self.spec.councils[formateur]
        if c.decides_from is not None and self.rnd.date < c.decides_from:
            if (formateur, self.rnd.index) not in self.undecided:
                self.undecided.add((formateur, self.rnd.index))
                self.log(
                    "council",
                    f"{self.name(formateur)} council backs nobody yet (it decides from "
                    f"{c.decides_from.isoformat()})",
                )
            return
        views = []
        key = []
        for lv in c.leaders:
            if lv.faction in self.defected or self.seats(lv.faction) <= 0:
                continue
            k = lv.stance_index(self.rnd.date)
            key.append(k)
            st = lv.stances[k]
            sharing = sum(1 for x in c.leaders if x.faction == lv.faction)
            vetoes = frozenset(
                cand for cand in st.vetoes if self.veto_holds.get((formateur, lv.id, k, cand), True)
            )
            views.append(
                LeaderView(
                    lv.id, lv.name, Fraction(self.seats(lv.faction), sharing), st.ranking, vetoes
                )
            )
        cur = self.candidate.get(formateur)
        if cur is not None:
            why = self.external_veto(cur)
            if why:
                self.drop(formateur, cur, why)
                cur = None
        for cand in self.standing(formateur):
            why = self.external_veto(cand)
            if why and cand not in self.dropped[formateur]:
                self.dropped[formateur][cand] = why
        if cur is not None and self.stance_key.get(formateur) == tuple(key):
            return
        self.stance_key[formateur] = tuple(key)
        d: CouncilDecision = decide(c.rule, views, self.standing(formateur))
        if d.candidate != cur or cur is None:
            self.candidate[formateur] = d.candidate
            self.cand_rejections[formateur] = 0
            self.council_log.append((self.rnd.index, formateur, d.candidate))
            self.log(
                "council",
                f"{self.name(formateur)} council ({c.rule}): backs "
                f"{self.name(d.candidate)}. {d.reason}",
                decision=d.to_dict(),
            )

    def drop(self, formateur: str, cand: str, why: str) -> None:
        self.dropped[formateur][cand] = why
        self.drop_log.append((self.rnd.index, formateur, cand, why))
        self.candidate[formateur] = None
        self.log("veto", f"{self.name(formateur)} drops {self.name(cand)}: {why}")

    def order(self) -> list[str]:
        fs = [f for f in self.spec.formateurs if self.active(f)]
        rule = self.spec.params.recognition
        if rule == "order" or len(fs) < 2:
            return fs
        if rule == "equal":
            return [fs[i] for i in self.rng.permutation(len(fs))]
        left = list(fs)
        out = []
        while left:
            w = np.array([max(self.camp_seats(self.committed(f)), 1) for f in left], dtype=float)
            i = int(self.rng.choice(len(left), p=w / w.sum()))
            out.append(left.pop(i))
        return out

    def channels(self, formateur: str) -> list[Channel]:
        return [
            ch
            for ch in self.spec.channels
            if ch.side == formateur and (ch.opens is None or ch.opens <= self.rnd.date)
        ]

    def make_offers(self, formateur: str) -> None:
        cand = self.candidate.get(formateur)
        if cand is None:
            self.log("offer", f"{self.name(formateur)} has no candidate this round: no offers")
            return
        refused_over_candidate = False
        for ch in self.channels(formateur):
            for r in ch.counterparts:
                if self.seats(r) <= 0 or self.commit.get(r) == formateur:
                    continue
                if self.offer(formateur, ch, r, cand):
                    refused_over_candidate = True
        if refused_over_candidate and formateur in self.spec.councils:
            self.cand_rejections[formateur] += 1
            if self.cand_rejections[formateur] >= int(self.p["candidate_patience"]):
                self.drop(
                    formateur,
                    cand,
                    f"partners refused the candidate for {self.cand_rejections[formateur]} round(s)",
                )

    def offer(self, formateur: str, ch: Channel, r: str, cand: str) -> bool:
        """Make one offer; True if it was refused over the candidate (a red line)."""
        members = self.committed(formateur) | {r}
        actors = {a: self.spec.actors[a] for a in members}
        viol = red_line_violations(actors, cand, self.holds)
        if viol:
            text = "; ".join(f"{self.name(a)} {line.describe()}" for a, line in viol)
            over_candidate = all(line.kind == "no_candidate" for _, line in viol)
            if not over_candidate:
                # a line against a partner: no point waiting for this actor
                self.redline_refused.add((formateur, r))
            self.log(
                "redline",
                f"{ch.head or self.name(formateur)} ({ch.id}) cannot offer {self.name(r)} a place: {text}",
            )
            return any(line.kind == "no_candidate" for _, line in viol)
        self.redline_refused.discard((formateur, r))
        own = self.commit.get(r)
        if own is not None and own != formateur and self.active(own):
            bloc = self.spec.actors[r].bloc == own
            p_def = self.p["bloc_defection"] if bloc else self.p["defection"]
            draw = float(self.rng.random())
            if draw >= p_def:
                self.log(
                    "offer",
                    f"{ch.head or self.name(formateur)} ({ch.id}) approaches {self.name(r)}, bound to "
                    f"{self.name(own)}: it does not weigh the offer this round (defection draw "
                    f"{draw:.2f} >= {p_def:.2f})",
                    sender=formateur,
                    receiver=r,
                    accepted=False,
                )
                return False
        conc = self.concessions.get((formateur, r), Concession())
        hold = self.holdings(formateur, members, cand, {r: conc})
        office = self.share(hold, r)
        unmet = self.unmet(hold, r)
        actor = self.spec.actors[r]
        x = offer_policy(
            self.policy(members),
            ch.head_position,
            actor.position,
            head_influence=self.p["head_influence"],
            concession=conc.policy,
        )
        kind = self.kind_of(members)
        value = self.u(actor, office=office, position=x, kind=kind, unmet=unmet)
        out, why = self.outside(r, formateur)
        noise = float(self.rng.normal(0.0, self.p["noise"])) if self.p["noise"] > 0 else 0.0
        ok = accepts(utility=value, outside=out, noise=noise)
        extra = conc.describe()
        posts = ", ".join(p.name for p in hold.get(r, [])) or "no post"
        text = (
            f"{ch.head or self.name(formateur)} ({ch.id}) offers {self.name(r)} a {kind} government "
            f"under {self.name(cand)}: {posts} ({office:.0%} of the post weight)"
            + (f", with {extra}" if extra else "")
            + f". Utility {value:+.3f}{noise:+.3f} (noise) vs outside option {out:+.3f} ({why}): "
            + ("ACCEPTED" if ok else "rejected")
        )
        if self.tracing:
            self.offers.append(
                Offer(
                    self.rnd.index,
                    ch.id,
                    formateur,
                    r,
                    tuple(sorted(members)),
                    cand,
                    conc,
                    office,
                    value,
                    out,
                    why,
                    noise,
                    ok,
                    "accepted" if ok else "rejected",
                )
            )
        self.log("offer", text, sender=formateur, receiver=r, accepted=ok)
        if ok:
            prior = self.commit.get(r)
            self.commit[r] = formateur
            self.source[r] = "offer"
            self.agreed[(formateur, r)] = conc
            if prior is not None and prior != formateur:
                if self.spec.actors[r].bloc == prior:
                    self.defected.add(r)
                self.log(
                    "defection",
                    f"{self.name(r)} leaves {self.name(prior)} for {self.name(formateur)}",
                )
            return False
        nxt = next_concession(
            conc,
            demands_post=unmet > 0,
            max_bonus=int(self.p["max_bonus_posts"]),
            step=self.p["concession_step"],
            max_policy=self.p["max_concession"],
        )
        if nxt is None:
            self.log("counter", f"{self.name(formateur)} has nothing more to offer {self.name(r)}")
            return False
        camp = self.committed(formateur)
        without = camp if self.viable(camp, formateur).viable else None
        gain_with = self.formateur_value(formateur, members, {r: nxt})
        gain_without = self.formateur_value(formateur, without)
        if gain_with > gain_without:
            self.concessions[(formateur, r)] = nxt
            self.log(
                "counter",
                f"{self.name(r)} asks for {out - value:+.3f} more; next round {self.name(formateur)} "
                f"offers {nxt.describe()}",
            )
        else:
            self.log(
                "counter",
                f"{self.name(formateur)} will not concede more to {self.name(r)} "
                f"({gain_with:+.3f} with the concession vs {gain_without:+.3f} without it)",
            )
        return False

    def try_form(self, formateur: str) -> Government | None:
        if self.candidate.get(formateur) is None:
            return None  # no nominee: nobody to charge with forming a cabinet
        camp = self.committed(formateur)
        v = self.viable(camp, formateur)
        th = self.spec.thresholds
        if not v.viable:
            self.failed[formateur] += 1
            if v.seats >= th.govern and self.last_attempt.get(formateur) != camp:
                self.last_attempt[formateur] = camp
                self.log(
                    "sitting",
                    f"{self.name(formateur)}'s camp ({v.seats} seats) tries the votes: {v.reason}",
                    formateur=formateur,
                    seats=v.seats,
                    blocked_at=v.blocked_at,
                )
            return None
        members_units = {self.unit(a) for a in camp}
        talking = {r for ch in self.channels(formateur) for r in ch.counterparts}
        missing = [
            u
            for u in self.major_present()
            if u not in members_units
            and (u in talking or any(f in talking for f in self.spec.members_of(u)))
            and (formateur, u) not in self.redline_refused
        ]
        if (
            missing
            and self.consensus_pref(formateur) > 0.5
            and self.waited[formateur] < int(self.p["consensus_patience"])
        ):
            self.waited[formateur] += 1
            self.log(
                "wait",
                f"{self.name(formateur)} could govern ({v.seats} seats) but waits for "
                f"{', '.join(self.name(m) for m in missing)}: it prefers a consensus government",
            )
            return None
        cand = self.candidate.get(formateur)
        pm = self.pm_holder(formateur, camp, cand)
        hold = self.holdings(formateur, camp, cand)
        members = tuple(sorted(camp, key=lambda a: (-self.seats(a), a)))
        parties = tuple(
            p for a in members for p in self.rnd.parties.get(a, self.spec.actors[a].parties)
        )
        pos = self.policy(camp)
        conc = {
            a: c.describe()
            for (f, a), c in self.agreed.items()
            if f == formateur and a in camp and c.describe()
        }
        gov = Government(
            formateur,
            members,
            parties,
            v.seats,
            self.kind_of(camp),
            cand,
            pm,
            {a: tuple(p.name for p in hold.get(a, [])) for a in members},
            {a: self.share(hold, a) for a in members},
            pos,
            conc,
            self.rnd.index,
            self.rnd.date,
            v.steps,
        )
        self.log(
            "government",
            f"{self.name(formateur)} forms a {gov.kind} government under {self.name(cand)} with "
            f"{', '.join(self.name(m) for m in members)} ({v.seats} seats): {v.reason}",
        )
        return gov

    def snapshot(self) -> None:
        if not self.tracing:
            return
        camps = {f: self.camp_seats(self.committed(f)) for f in self.spec.formateurs}
        self.snapshots.append(
            RoundSnapshot(
                self.rnd.index,
                self.rnd.date,
                camps,
                {a: (f if self.seats(a) > 0 else None) for a, f in self.commit.items()},
                {a: self.seats(a) for a in self.spec.actors},
                dict(self.candidate),
            )
        )

    # -------------------------------------------------------------- main loop
    def play(self) -> RunRecord:
        prev: RoundSpec | None = None
        gov: Government | None = None
        for t, rnd in enumerate(self.spec.rounds):
            self.t, self.rnd = t, rnd
            self.apply_pacts(prev)
            self.house()
            for f in self.spec.formateurs:
                if f in self.spec.councils and self.active(f):
                    self.council(f)
            for f in self.order():
                if f in self.spec.councils and self.candidate.get(f) is None:
                    self.council(f)
                self.make_offers(f)
                gov = self.try_form(f)
                if gov is not None:
                    break
            self.snapshot()
            if gov is not None:
                break
            prev = rnd
        if gov is None:
            self.log(
                "deadlock", f"no government after {len(self.spec.rounds)} rounds ({self.rnd.date})"
            )
        return RunRecord(
            self.run,
            gov,
            gov.kind if gov else "deadlock",
            self.rnd.index,
            self.rnd.date,
            self.p,
            tuple(self.council_log),
            tuple(self.drop_log),
            tuple(self.events),
            tuple(self.snapshots),
            tuple(self.offers),
        )


def simulate_run(
    spec: NegotiationSpec, rng: np.random.Generator, *, run: int = 0, trace: bool = False
) -> RunRecord:
    """Play one run of ``spec`` with the generator ``rng`` (see the module docstring).

    Parameters
    ----------
    spec : NegotiationSpec
        A resolved scenario.
    rng : numpy.random.Generator
        The run's random stream (:func:`majlis.formation.negotiation.negotiate` gives run ``i``
        its own stream, so that a run is the same whatever the chunking).
    run : int
        The run's index (recorded).
    trace : bool
        Record the trace, the offers and a snapshot per round (slower).
    """
    return _Run(spec, rng, run, trace).play()
