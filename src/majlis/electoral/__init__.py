"""Votes to seats exactly as real electoral laws do (issue 4).

Methods (exact integer/rational arithmetic, registered by id in :data:`METHODS`):
divisor methods (:func:`dhondt`, :func:`sainte_lague` with any first divisor,
:func:`imperiali`, :func:`danish`, :func:`huntington_hill`, :func:`adams`, the generic
:func:`divisor_method`), largest remainder (:func:`hare`, :func:`droop`,
:func:`hagenbach_bischoff`, :func:`imperiali_quota`), :func:`sntv`; one entry point
:func:`allocate_seats`; numpy batch allocation :func:`allocate_many`; flip margins;
districts, women's and minority quotas; law presets (:data:`LAWS`, :func:`apply_law`).
"""

from majlis.electoral.divisor import *  # noqa: F401,F403
from majlis.electoral.quota import *  # noqa: F401,F403
from majlis.electoral.plurality import *  # noqa: F401,F403
from majlis.electoral.methods import *  # noqa: F401,F403
from majlis.electoral.batch import *  # noqa: F401,F403
from majlis.electoral.margins import *  # noqa: F401,F403
from majlis.electoral.districts import *  # noqa: F401,F403
from majlis.electoral.laws import *  # noqa: F401,F403
from majlis.electoral.elections import *  # noqa: F401,F403
from majlis.electoral import batch as _b, divisor as _d, districts as _ds, elections as _e, laws as _l
from majlis.electoral import margins as _mg, methods as _m, plurality as _s, quota as _q

__all__ = [*_d.__all__, *_q.__all__, *_s.__all__, *_m.__all__, *_b.__all__, *_mg.__all__, *_ds.__all__, *_l.__all__, *_e.__all__]
