"""majlis: how parliamentary blocs coordinate to form governments.

Votes -> seats under real electoral laws -> voting power -> coalitions -> forecasts.
The built-in case is Iraq's Council of Representatives and the Coordination Framework.

>>> import majlis
>>> house = majlis.load_dataset("iraq").parliament(date="2022-07-01")
>>> house.total_seats, house.majority, house.two_thirds
(329, 165, 220)
"""

from majlis.data import load_dataset
from majlis.errors import MajlisError, ValidationError
from majlis.model import Alliance, Dataset, Election, Event, Membership, Parliament, Party, Result

__version__ = "0.1.0"

__all__ = [
    "Alliance",
    "Dataset",
    "Election",
    "Event",
    "MajlisError",
    "Membership",
    "Parliament",
    "Party",
    "Result",
    "ValidationError",
    "load_dataset",
]
