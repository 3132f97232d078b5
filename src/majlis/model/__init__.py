"""The domain model: parties, alliances with dated memberships, elections, results, events,
and the composition of a parliament at any date.

Pure data and validation; no I/O (loading and storing is :mod:`majlis.data`).
"""

from majlis.model._dataset import Dataset
from majlis.model._parliament import Parliament, majority_quota, two_thirds_quota
from majlis.model._records import (
    EVENT_CATEGORIES,
    FAMILIES,
    Alliance,
    District,
    Election,
    Event,
    Membership,
    Party,
    Result,
    SeatChange,
    parse_date,
)

__all__ = [
    "EVENT_CATEGORIES",
    "FAMILIES",
    "Alliance",
    "Dataset",
    "District",
    "Election",
    "Event",
    "Membership",
    "Parliament",
    "Party",
    "Result",
    "SeatChange",
    "majority_quota",
    "parse_date",
    "two_thirds_quota",
]
