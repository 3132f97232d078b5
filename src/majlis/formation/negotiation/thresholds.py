"""What a camp can reach: the constitution's thresholds and whether a government can pass them.

The numbers come from the constitution preset (:mod:`majlis.formation.constitution`) and the
votes from the formation process engine (:func:`majlis.formation.process.run_session`), never
typed in: :func:`thresholds` reads, for a house of ``n`` members, the votes needed to win
confidence (Iraq: 165 of 329), the quorum of the head-of-state election (220) and the blocking
minority that denies it (110). :func:`check_government` plays the steps a government still
needs (Iraq: the President's election, then the confidence vote) with three groups of MPs:

* the government's camp attends and votes for its candidate / ``yes``;
* the hostile camps (actors committed to another formateur) vote for their own side / ``no``,
  and stay away together when their absence denies the quorum
  (:func:`majlis.formation.process.blocking_ballots`, the blocking-minority rule);
* everyone else attends and casts no valid vote.

The result depends only on these seat counts, so it is cached.


References
----------
.. [1] Constitution of the Republic of Iraq, 2005, Art. 59 (quorum), 70 (the President by
   two-thirds of the members, then a run-off) and 76 (confidence by an absolute majority).
.. [2] Federal Supreme Court of Iraq, 3 Feb 2022 (cited as Decision No. 16 of 2022): a
   two-thirds quorum for the President's election,
   https://www.shafaq.com/en/Iraq-News/Supreme-Court-specifies-the-quorum-of-the-parliament-session-dedicated-to-elect-a-president

Examples
--------
>>> from majlis.formation.constitution import get_constitution
>>> iraq = get_constitution("iraq-2005")
>>> thresholds(iraq, 329)
Thresholds(members=329, govern=165, quorum=220, block=110)
>>> v = check_government(iraq, ("president", "confidence"), 329, 175, 126, 28)
>>> v.viable, v.blocked_at          # Save the Homeland, 26 March 2022 in miniature
(False, 'president')
>>> v.reason
'president: quorum not met: 203 present, 220 required (at least 2/3 of all members); 126 MPs boycott the sitting, a blocking minority (at least 110)'
>>> check_government(iraq, ("president", "confidence"), 329, 236, 73, 20).viable
True
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from majlis.errors import ValidationError
from majlis.formation.constitution import Constitution, Step
from majlis.formation.process import Ballot, Camp, House, RoundResult, blocking_ballots, run_session

__all__ = ["Thresholds", "Viability", "check_government", "thresholds"]

_GOV = "government"
_RIVAL = "rival"
_HOSTILE = "hostile"
_OTHERS = "others"


@dataclass(frozen=True)
class Thresholds:
    """Seats a camp needs: ``govern`` (confidence), ``quorum`` (the head-of-state election's
    attendance) and ``block`` (the smallest group whose absence denies that quorum)."""

    members: int
    govern: int
    quorum: int | None
    block: int | None

    def to_dict(self) -> dict[str, int | None]:
        """A JSON-ready document."""
        return {
            "members": self.members,
            "govern": self.govern,
            "quorum": self.quorum,
            "block": self.block,
        }


def _vote_steps(constitution: Constitution) -> list[Step]:
    return [s for s in constitution.steps if s.is_vote]


def thresholds(constitution: Constitution, members: int) -> Thresholds:
    """The thresholds of a house of ``members`` seats under ``constitution``.

    ``govern`` is the last vote step's (the investiture's) threshold; ``quorum`` the largest
    quorum of the vote steps counted in members (the two-thirds quorum in Iraq).
    """
    if members < 1:
        raise ValidationError(f"a house needs at least one seat, got {members}")
    steps = _vote_steps(constitution)
    if not steps:
        raise ValidationError(f"constitution {constitution.id!r} has no vote")
    last = steps[-1].rounds[0].threshold
    govern = last.needed(members=members, present=members, valid=members)
    quorums = [
        r.quorum.needed(members=members)
        for s in steps
        for r in s.rounds
        if r.quorum is not None and r.quorum.of == "members"
    ]
    quorum = max(quorums) if quorums else None
    return Thresholds(members, govern, quorum, members - quorum + 1 if quorum is not None else None)


@dataclass(frozen=True)
class Viability:
    """Whether a government of ``seats`` MPs passes every remaining vote, and where it stops.

    ``steps`` holds ``(step id, passed, reason)`` for each step played, in order.
    """

    viable: bool
    seats: int
    hostile: int
    blocked_at: str | None
    reason: str
    steps: tuple[tuple[str, bool, str], ...]


def _camps(gov: int, hostile: int, others: int, gov_vote: str, hostile_vote: str) -> list[Camp]:
    camps = [Camp(_GOV, gov, gov_vote)]
    if hostile:
        camps.append(Camp(_HOSTILE, hostile, hostile_vote))
    if others:
        camps.append(Camp(_OTHERS, others, None))
    return camps


def _play(step: Step, house: House, gov: int, hostile: int, others: int) -> tuple[bool, str]:
    election = step.kind == "election"
    gov_vote, hostile_vote = (_GOV, _RIVAL) if election else ("yes", "no")
    cands = (_GOV, _RIVAL) if election and hostile else ((_GOV,) if election else ())
    camps = _camps(gov, hostile, others, gov_vote, hostile_vote)
    previous: RoundResult | None = None
    i = 0
    texts: list[str] = []
    names = {_GOV: "the government's candidate", _RIVAL: "the rival camp's candidate"}
    while i < len(step.rounds):
        ballots: Sequence[Ballot] = blocking_ballots(
            step, house, camps, round_index=i, candidates=cands, previous=previous
        )
        results = run_session(
            step, house, ballots, start_round=i, candidates=cands, previous=previous, names=names
        )
        last = results[-1]
        texts.extend(r.reason for r in results)
        if last.passed:
            return True, "; ".join(texts)
        if not last.quorum_met:
            return False, "; ".join(texts)
        i = step.rounds.index(last.round) + 1
        previous = last
    return False, "; ".join(texts)


@lru_cache(maxsize=65536)
def _check(
    constitution: Constitution,
    steps: tuple[str, ...],
    members: int,
    gov: int,
    hostile: int,
    others: int,
) -> Viability:
    house = House({_GOV: gov, _HOSTILE: hostile, _OTHERS: others}, members)
    played = []
    for sid in steps:
        step = constitution.step(sid)
        if not step.is_vote:
            raise ValidationError(f"step {sid!r} of {constitution.id!r} is not a vote")
        ok, text = _play(step, house, gov, hostile, others)
        played.append((sid, ok, text))
        if not ok:
            return Viability(False, gov, hostile, sid, f"{sid}: {text}", tuple(played))
    return Viability(
        True, gov, hostile, None, "; ".join(f"{s}: {t}" for s, _, t in played), tuple(played)
    )


def check_government(
    constitution: Constitution,
    steps: Sequence[str],
    members: int,
    government: int,
    hostile: int,
    others: int,
) -> Viability:
    """Play ``steps`` (vote step ids) for a government camp of ``government`` seats.

    Parameters
    ----------
    constitution : Constitution
    steps : sequence of str
        The vote steps still ahead (Iraq: ``("president", "confidence")``).
    members : int
        The house's legal size (vacant seats count in "members" thresholds).
    government, hostile, others : int
        Seats of the government's camp, of the camps committed against it, and of the MPs
        committed to neither (they attend and cast no valid vote).
    """
    if min(government, hostile, others) < 0:
        raise ValidationError("seat counts cannot be negative")
    if government + hostile + others > members:
        raise ValidationError(
            f"{government + hostile + others} seats in camps but the house has {members}"
        )
    return _check(constitution, tuple(steps), members, government, hostile, others)
