"""Votes to seats exactly as real electoral laws do (issue 4).

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
* Laws: :class:`Law` presets in :data:`LAWS` (iraq-2010 ... iraq-2025), :func:`apply_law`,
  :func:`compare_laws` (counterfactuals), :func:`elect_candidates` (down to candidates).
* Iraq's sourced list votes and validation: :func:`load_election_votes`,
  :func:`validate_election`.

Examples
--------
>>> from majlis.electoral import allocate_seats
>>> allocate_seats({"A": 1000, "B": 600, "C": 300}, 10, "sainte-lague", first_divisor=1.7)
{'A': 5, 'B': 3, 'C': 2}
"""

from majlis.electoral import (
    batch as _b,
)
from majlis.electoral import (
    districts as _ds,
)
from majlis.electoral import (
    divisor as _d,
)
from majlis.electoral import (
    elections as _e,
)
from majlis.electoral import (
    laws as _l,
)
from majlis.electoral import margins as _mg
from majlis.electoral import methods as _m
from majlis.electoral import plurality as _s
from majlis.electoral import quota as _q
from majlis.electoral.batch import *
from majlis.electoral.districts import *
from majlis.electoral.divisor import *
from majlis.electoral.elections import *
from majlis.electoral.laws import *
from majlis.electoral.margins import *
from majlis.electoral.methods import *
from majlis.electoral.plurality import *
from majlis.electoral.quota import *

__all__ = [
    *_d.__all__,
    *_q.__all__,
    *_s.__all__,
    *_m.__all__,
    *_b.__all__,
    *_mg.__all__,
    *_ds.__all__,
    *_l.__all__,
    *_e.__all__,
]
