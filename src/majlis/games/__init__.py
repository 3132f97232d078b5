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
    :func:`power_report`, :func:`alliance_union`.

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

from majlis.games.coalitions import *
from majlis.games.coalitions import __all__ as _coalitions_all
from majlis.games.game import *
from majlis.games.game import __all__ as _game_all
from majlis.games.indices import *
from majlis.games.indices import __all__ as _indices_all
from majlis.games.parliament import *
from majlis.games.parliament import __all__ as _parliament_all
from majlis.games.unions import *
from majlis.games.unions import __all__ as _unions_all

__all__ = [*_game_all, *_indices_all, *_unions_all, *_coalitions_all, *_parliament_all]
