"""Votes to seats exactly as real electoral laws do.

* Methods, exact (integers and fractions; registered by id in :data:`METHODS`): divisor
  methods :func:`dhondt`, :func:`sainte_lague` (any first divisor: 1.4 Nordic, 1.7 Iraq),
  :func:`imperiali`, :func:`danish`, :func:`huntington_hill`, :func:`adams` and the generic
  :func:`divisor_method`; largest remainder :func:`hare`, :func:`droop`,
  :func:`hagenbach_bischoff`, :func:`imperiali_quota`; :func:`sntv`. One entry point:
  :func:`allocate_seats` (thresholds, documented tie-break or lot with a seed).
* :func:`allocate_many`: thousands of vote vectors at once with numpy, equal row by row to
  :func:`allocate_seats`.
* Flip margins: :func:`votes_to_gain`, :func:`votes_to_lose`, :func:`votes_to_transfer`,
  :func:`last_seat`, :func:`next_seat`, :func:`flip_margins`.
* Districts and quotas: :func:`allocate_districts`, :func:`women_quota_sntv` (Iraq 2021),
  :func:`women_quota_lists` (Iraq 2025), :func:`allocate_quota_seats` (minority seats).
* Laws (data: a dataset's ``laws.csv``, e.g. ``load_dataset("iraq").law("iraq-2025")``):
  :func:`apply_law`, :func:`compare_laws` (counterfactuals), :func:`elect_candidates`.
* An election's sourced list votes and validation against the official seats:
  :func:`load_election_votes`, :func:`validate_election`.
* One call for the whole seats question: :func:`seat_report` (a :class:`SeatReport` with
  ``to_dict()``), and :func:`read_votes` for CSV/JSON vote files.

Examples
--------
>>> from majlis.electoral import allocate_seats
>>> allocate_seats({"A": 1000, "B": 600, "C": 300}, 10, "sainte-lague", first_divisor=1.7)
{'A': 5, 'B': 3, 'C': 2}
"""

from majlis.electoral import (
    batch,
    districts,
    divisor,
    elections,
    laws,
    margins,
    methods,
    plurality,
    quota,
    report,
)
from majlis.electoral.batch import *
from majlis.electoral.districts import *
from majlis.electoral.divisor import *
from majlis.electoral.elections import *
from majlis.electoral.laws import *
from majlis.electoral.margins import *
from majlis.electoral.methods import *
from majlis.electoral.plurality import *
from majlis.electoral.quota import *
from majlis.electoral.report import *

__all__ = [
    *divisor.__all__,
    *quota.__all__,
    *plurality.__all__,
    *methods.__all__,
    *batch.__all__,
    *margins.__all__,
    *districts.__all__,
    *laws.__all__,
    *elections.__all__,
    *report.__all__,
]
