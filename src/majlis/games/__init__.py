"""Voting power: weighted games with several thresholds, exact power indices, a priori
unions and minimal winning/blocking coalitions.

Games
    :class:`WeightedGame` (one quota, or several quotas that must all be met, optionally
    with the EU-Lisbon blocking-members clause), :class:`SimpleGame` (given by its
    minimal winning coalitions), :func:`blocking_game` (the dual: who can block),
    :func:`game_from_parliament` (Iraq's Council of Representatives on any day).
Indices (lists of ``Fraction`` in player order; ids in :data:`POWER_INDICES`)
    :func:`banzhaf`, :func:`banzhaf_raw`, :func:`penrose`, :func:`shapley_shubik`,
    :func:`holler_packel`, :func:`deegan_packel`, :func:`johnston`,
    :func:`coleman_prevent`, :func:`coleman_initiate`.
A priori unions
    :func:`owen`, :func:`banzhaf_owen`, :func:`symmetric_coalitional_banzhaf`,
    :func:`quotient_game`.
Coalitions
    :func:`minimal_winning_coalitions`, :func:`minimal_blocking_coalitions`
    (output-sensitive generators, sorted by seats).
Parliaments
    :func:`power_report` (a :class:`PowerReport`), :func:`alliance_union`.
Reports
    :func:`index_report` (one index of any game, an :class:`IndexReport`); both reports
    have ``to_dict()``, ``to_pandas()`` and a Jupyter table. Ids, names and cost classes of
    the indices: :data:`POWER_INDICES` (:class:`IndexInfo`), :func:`power_index`.

Examples
--------
>>> from majlis.games import WeightedGame, shapley_shubik, owen, blocking_game
>>> g = WeightedGame([73, 37, 33, 31], 90)
>>> [str(v) for v in shapley_shubik(g)]
['1/2', '1/6', '1/6', '1/6']
>>> [str(v) for v in owen(g, [[1, 2]])]
['1/3', '1/6', '1/6', '1/3']
>>> blocking_game(WeightedGame([329], 220)).quota
110
"""

from majlis.games import _registry, coalitions, game, indices, parliament, report, unions
from majlis.games._registry import *
from majlis.games.coalitions import *
from majlis.games.game import *
from majlis.games.indices import *
from majlis.games.parliament import *
from majlis.games.report import *
from majlis.games.unions import *

__all__ = [
    *_registry.__all__,
    *game.__all__,
    *indices.__all__,
    *unions.__all__,
    *coalitions.__all__,
    *parliament.__all__,
    *report.__all__,
]
