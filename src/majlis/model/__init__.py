"""The domain model: parties, alliances with dated memberships, elections, results, events,
party positions on policy dimensions, relations between blocs, negotiation committees, vote
tallies, cabinets and their posts, and the composition of a parliament at any date.

Pure data and validation; no I/O (loading and storing is :mod:`majlis.data`).
"""

from majlis.model._dataset import Dataset
from majlis.model._government import (
    POST_KINDS,
    POST_STATUSES,
    RELATION_KINDS,
    TALLY_ITEMS,
    TALLY_MEASURES,
    Cabinet,
    CabinetPost,
    Committee,
    Relation,
    Tally,
    TallyFigure,
)
from majlis.model._law import THRESHOLD_SCOPES, WOMEN_QUOTA_RULES, Law
from majlis.model._opportunity import (
    INVESTITURE_RULES,
    FormationOpportunity,
    OpportunityParty,
    PastGovernment,
)
from majlis.model._parliament import (
    SEATING_FAMILIES,
    Parliament,
    majority_quota,
    two_thirds_quota,
)
from majlis.model._records import (
    EVENT_CATEGORIES,
    FAMILIES,
    POSITION_METHODS,
    Alliance,
    District,
    Election,
    Event,
    Membership,
    Party,
    Position,
    Result,
    SeatChange,
    format_number,
    parse_date,
    parse_number,
)

__all__ = [
    "EVENT_CATEGORIES",
    "FAMILIES",
    "POSITION_METHODS",
    "POST_KINDS",
    "POST_STATUSES",
    "RELATION_KINDS",
    "SEATING_FAMILIES",
    "TALLY_ITEMS",
    "TALLY_MEASURES",
    "THRESHOLD_SCOPES",
    "WOMEN_QUOTA_RULES",
    "INVESTITURE_RULES",
    "Alliance",
    "Cabinet",
    "CabinetPost",
    "Committee",
    "Dataset",
    "District",
    "Election",
    "Event",
    "Law",
    "FormationOpportunity",
    "Membership",
    "OpportunityParty",
    "Parliament",
    "Party",
    "Position",
    "Relation",
    "PastGovernment",
    "Result",
    "SeatChange",
    "Tally",
    "TallyFigure",
    "format_number",
    "majority_quota",
    "parse_date",
    "parse_number",
    "two_thirds_quota",
]
