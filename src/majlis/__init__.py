"""majlis: how parliamentary blocs coordinate to form governments.

Votes -> seats under real electoral laws -> voting power -> coalitions -> forecasts.
The built-in case is Iraq's Council of Representatives and the Coordination Framework.

>>> import majlis
>>> house = majlis.load_dataset("iraq").parliament(date="2022-07-01")
>>> house.total_seats, house.majority, house.two_thirds
(329, 165, 220)
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from majlis.errors import MajlisError, ValidationError

if TYPE_CHECKING:
    from majlis.data import load_dataset
    from majlis.model import (
        Alliance,
        Dataset,
        Election,
        Event,
        Law,
        Membership,
        Parliament,
        Party,
        Result,
    )

__version__ = "0.1.0"

__all__ = [
    "Alliance",
    "Dataset",
    "Election",
    "Event",
    "Law",
    "MajlisError",
    "Membership",
    "Parliament",
    "Party",
    "Result",
    "ValidationError",
    "load_dataset",
]

# The public names load on first use, so that `import majlis.cli` (and `majlis --help`)
# does not pay for the model and the data (PEP 562).
_MODEL = ("Alliance", "Dataset", "Election", "Event", "Law", "Membership", "Parliament", "Party")
_LAZY = {
    "load_dataset": "majlis.data",
    "Result": "majlis.model",
    **dict.fromkeys(_MODEL, "majlis.model"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'majlis' has no attribute {name!r}")
