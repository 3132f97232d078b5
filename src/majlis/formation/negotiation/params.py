"""The behavioural parameters of a negotiation, their ranges, and how a run draws them.

Every number the simulation uses that is not data is a parameter here, with a stated default
distribution. A run draws each parameter once from its distribution (parameter uncertainty:
many runs then give outcome probabilities over the stated ranges); a fixed value is a
distribution of width zero. A scenario file may change the defaults (``"parameters"``), and
the user may change them again (``majlis negotiate --noise 0.02:0.08``, or
``negotiate(..., params={"noise": "0.05"})``).

Utilities are in one unit: an actor's whole share of the cabinet's post weight is worth
``office_weight`` (1 by default); the largest possible policy distance costs
``policy_weight``; getting the preferred kind of government (consensus or majority) is worth
up to ``form_weight``.

Examples
--------
>>> d = Distribution.parse("0.02:0.08")
>>> d.low, d.high, d.to_dict()
(0.02, 0.08, {'uniform': [0.02, 0.08]})
>>> p = ParameterSet.defaults().updated({"noise": "0.05"})
>>> p["noise"].to_dict()
{'fixed': 0.05}
>>> import numpy as np
>>> drawn = p.draw(np.random.default_rng(1))
>>> drawn["noise"], 0.1 <= drawn["pact_loyalty"] <= 0.5
(0.05, True)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from majlis.errors import UnknownIdError, ValidationError

__all__ = [
    "PARAMETERS",
    "RECOGNITION",
    "Distribution",
    "ParameterInfo",
    "ParameterSet",
]

#: How the order in which formateurs make their offers is drawn each round.
RECOGNITION: tuple[str, ...] = ("seats", "equal", "order")


@dataclass(frozen=True)
class Distribution:
    """A parameter's distribution: uniform on ``[low, high]`` (fixed when they are equal).

    Integer parameters draw a whole number uniformly from ``low .. high``.
    """

    low: float
    high: float
    integer: bool = False

    def __post_init__(self) -> None:
        if not (np.isfinite(self.low) and np.isfinite(self.high)):
            raise ValidationError("a parameter's bounds must be finite numbers")
        if self.low > self.high:
            raise ValidationError(f"range {self.low}:{self.high} is empty (low > high)")
        if self.integer and (self.low != int(self.low) or self.high != int(self.high)):
            raise ValidationError(f"expected whole numbers, got {self.low}:{self.high}")

    @property
    def fixed(self) -> bool:
        """True for a single value."""
        return self.low == self.high

    def draw(self, rng: np.random.Generator) -> float:
        """One value (``rng`` is not used for a fixed value, so fixing one parameter does not
        change the draws of the others)."""
        if self.fixed:
            return self.low
        if self.integer:
            return float(rng.integers(int(self.low), int(self.high) + 1))
        return float(rng.uniform(self.low, self.high))

    @classmethod
    def parse(cls, value: Any, *, integer: bool = False) -> Distribution:
        """From ``0.05``, ``"0.05"``, ``"0.02:0.08"``, ``[0.02, 0.08]``, ``{"fixed": x}`` or
        ``{"uniform": [lo, hi]}``."""
        if isinstance(value, Distribution):
            return value
        if isinstance(value, Mapping):
            if "fixed" in value and len(value) == 1:
                return cls.parse(value["fixed"], integer=integer)
            if "uniform" in value and len(value) == 1:
                return cls.parse(value["uniform"], integer=integer)
            raise ValidationError(
                "a distribution is {'fixed': x} or {'uniform': [low, high]}, got "
                f"{dict(value)!r}"
            )
        if isinstance(value, (list, tuple)):
            if len(value) != 2:
                raise ValidationError(f"a range is [low, high], got {list(value)!r}")
            lo, hi = (_number(v) for v in value)
            return cls(lo, hi, integer)
        if isinstance(value, str) and ":" in value:
            lo_s, _, hi_s = value.partition(":")
            return cls(_number(lo_s), _number(hi_s), integer)
        x = _number(value)
        return cls(x, x, integer)

    def to_dict(self) -> dict[str, Any]:
        """``{"fixed": x}`` or ``{"uniform": [low, high]}``."""
        conv = int if self.integer else float
        if self.fixed:
            return {"fixed": conv(self.low)}
        return {"uniform": [conv(self.low), conv(self.high)]}

    def describe(self) -> str:
        """``0.05`` or ``uniform 0.02-0.08``."""
        conv = int if self.integer else float
        if self.fixed:
            return f"{conv(self.low)}"
        return f"uniform {conv(self.low)}-{conv(self.high)}"


def _number(v: Any) -> float:
    if isinstance(v, bool):
        raise ValidationError(f"expected a number, got {v!r}")
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise ValidationError(f"expected a number, got {v!r}") from None
    if not np.isfinite(x):
        raise ValidationError(f"expected a finite number, got {v!r}")
    return x


@dataclass(frozen=True)
class ParameterInfo:
    """A parameter: its id, default distribution, allowed bounds and meaning."""

    id: str
    default: Distribution
    minimum: float
    maximum: float
    description: str


def _p(
    pid: str, default: str, lo: float, hi: float, text: str, integer: bool = False
) -> ParameterInfo:
    return ParameterInfo(pid, Distribution.parse(default, integer=integer), lo, hi, text)


#: Every numeric behavioural parameter, its default distribution and its meaning.
PARAMETERS: dict[str, ParameterInfo] = {
    p.id: p
    for p in (
        _p(
            "noise",
            "0.02:0.08",
            0.0,
            10.0,
            "acceptance noise: the standard deviation of the normal draw added to a receiver's "
            "utility for each offer it weighs (utility units)",
        ),
        _p(
            "defection",
            "0.02:0.1",
            0.0,
            1.0,
            "probability, for each offer from another formateur, that an actor bound to a "
            "formateur (by a pact of the data or an offer it accepted) weighs the offer at all",
        ),
        _p(
            "bloc_defection",
            "0.01:0.05",
            0.0,
            1.0,
            "the same probability for a faction of a council bloc (the Framework's parties)",
        ),
        _p(
            "pact_loyalty",
            "0.1:0.5",
            0.0,
            10.0,
            "utility a member of a pact (an alliance for a government, e.g. Save the Homeland) "
            "gives up before it leaves the pact for another formateur's offer",
        ),
        _p(
            "bloc_loyalty",
            "0.2:0.6",
            0.0,
            10.0,
            "utility a faction of a council bloc (the Framework's parties) gives up before it "
            "defects to a rival formateur",
        ),
        _p(
            "loyalty_decay",
            "0.95",
            0.0,
            1.0,
            "factor applied to a pact's or bloc's loyalty after each round in which its "
            "formateur cannot form a government",
        ),
        _p(
            "delay_cost",
            "0.002:0.01",
            0.0,
            1.0,
            "utility every actor loses per round without a government (caretaker rule)",
        ),
        _p(
            "office_weight",
            "1",
            0.0,
            100.0,
            "utility of holding the whole weight of the cabinet's posts",
        ),
        _p(
            "policy_weight",
            "0.5:1.5",
            0.0,
            100.0,
            "utility lost at the largest policy distance (salience-weighted, per dimension's range)",
        ),
        _p(
            "form_weight",
            "0.2:0.6",
            0.0,
            100.0,
            "utility of the preferred kind of government: c x form_weight for a consensus "
            "government and (1 - c) x form_weight for a majority one, c the actor's consensus "
            "preference in [0, 1]",
        ),
        _p(
            "demand_weight",
            "0.1",
            0.0,
            100.0,
            "utility lost for each post an actor demands (e.g. the presidency) and does not get",
        ),
        _p(
            "head_influence",
            "0.5",
            0.0,
            1.0,
            "how far a delegation's offer leans to its head's own policy position (0: the "
            "coalition's mean, 1: the head's party position)",
        ),
        _p(
            "concession_step",
            "0.1",
            0.0,
            1.0,
            "policy concession a delegation adds per round after a rejection (share of the way "
            "to the receiver's position)",
        ),
        _p(
            "max_concession",
            "0.5",
            0.0,
            1.0,
            "largest policy concession a delegation makes to one receiver",
        ),
        _p(
            "max_bonus_posts",
            "3",
            0,
            50,
            "largest number of extra ordinary ministries a delegation moves from its own share "
            "to one receiver (one more per round after a rejection)",
            integer=True,
        ),
        _p(
            "consensus_patience",
            "2",
            0,
            100,
            "rounds a formateur that prefers consensus waits, once it could govern, for the "
            "major actors still outside to accept",
            integer=True,
        ),
        _p(
            "candidate_patience",
            "2",
            1,
            100,
            "rounds of rejections over its PM candidate after which a council drops the candidate "
            "and decides again",
            integer=True,
        ),
    )
}


@dataclass(frozen=True)
class ParameterSet:
    """Distributions for every parameter of :data:`PARAMETERS`, plus the recognition rule.

    ``recognition`` orders the formateurs each round: ``"seats"`` (a random order, each next
    formateur drawn with probability proportional to its seats), ``"equal"`` (a uniformly
    random order) or ``"order"`` (the scenario's order, no draw).
    """

    values: Mapping[str, Distribution]
    recognition: str = "seats"

    def __post_init__(self) -> None:
        if self.recognition not in RECOGNITION:
            raise ValidationError(
                f"recognition must be one of {', '.join(RECOGNITION)}, got {self.recognition!r}"
            )

    @classmethod
    def defaults(cls) -> ParameterSet:
        """The built-in defaults of :data:`PARAMETERS`."""
        return cls({k: p.default for k, p in PARAMETERS.items()})

    def __getitem__(self, key: str) -> Distribution:
        return self.values[key]

    def updated(self, changes: Mapping[str, Any] | None) -> ParameterSet:
        """A copy with some distributions replaced (``recognition`` included); checked."""
        if not changes:
            return self
        vals = dict(self.values)
        recognition = self.recognition
        for key, raw in changes.items():
            if key == "recognition":
                recognition = str(raw)
                continue
            info = PARAMETERS.get(key)
            if info is None:
                raise UnknownIdError(
                    f"unknown parameter {key!r} (known: recognition, {', '.join(PARAMETERS)})"
                )
            d = Distribution.parse(raw, integer=info.default.integer)
            if d.low < info.minimum or d.high > info.maximum:
                raise ValidationError(
                    f"parameter {key}: {d.describe()} is outside {info.minimum:g}..{info.maximum:g}"
                )
            vals[key] = d
        return ParameterSet(vals, recognition)

    def draw(self, rng: np.random.Generator) -> dict[str, float]:
        """One value of each parameter, drawn in the fixed order of :data:`PARAMETERS`."""
        return {k: self.values[k].draw(rng) for k in PARAMETERS}

    def to_dict(self) -> dict[str, Any]:
        """Each parameter's distribution and meaning (the JSON ``parameters`` document)."""
        out: dict[str, Any] = {
            k: {**self.values[k].to_dict(), "description": PARAMETERS[k].description}
            for k in PARAMETERS
        }
        out["recognition"] = {
            "value": self.recognition,
            "description": "order of the formateurs' offers each round: seats (random, "
            "proportional to seats), equal (uniformly random) or order (the scenario's)",
        }
        return out
