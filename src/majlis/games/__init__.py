"""Voting power: weighted games with several thresholds, exact power indices, a priori
unions and minimal winning/blocking coalitions.

Examples
--------
>>> from majlis.games import WeightedGame, shapley_shubik
>>> [str(v) for v in shapley_shubik(WeightedGame([73, 37, 33, 31], 90))]
['1/2', '1/6', '1/6', '1/6']
"""

from majlis.games.game import *  # noqa: F401,F403
from majlis.games.game import __all__ as _game_all
from majlis.games.indices import *  # noqa: F401,F403
from majlis.games.indices import __all__ as _indices_all
from majlis.games.coalitions import *  # noqa: F401,F403
from majlis.games.coalitions import __all__ as _coalitions_all
from majlis.games.parliament import *  # noqa: F401,F403
from majlis.games.parliament import __all__ as _parliament_all
from majlis.games.unions import *  # noqa: F401,F403
from majlis.games.unions import __all__ as _unions_all

__all__ = [*_game_all, *_indices_all, *_unions_all, *_coalitions_all, *_parliament_all]
