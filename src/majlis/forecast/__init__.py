"""Forecasts: Monte Carlo from vote estimates to seats to coalition majorities.

* Inputs (:mod:`majlis.forecast.inputs`): :class:`ForecastInput` from an election of a
  dataset (:func:`from_election`), moved by a user's estimates (:func:`with_estimates`) or a
  poll (:func:`with_poll`), or read from a JSON or CSV file (:func:`read_input`; the format
  is in :mod:`majlis.forecast.files`); blocs from the data's alliances and families
  (:func:`default_blocs`).
* The model and the engine (:mod:`majlis.forecast.simulate`): logistic-normal vote shares
  with a national error shared by every district plus district errors, seats through the
  election's law, exact tallies; seeded blocks and chunks (:mod:`majlis.runs`) in this
  process or on Dask.
* Results (:mod:`majlis.forecast.summary`): :class:`ForecastResult` with seat
  distributions and 90% intervals per list, bloc and coalition, the chances of reaching
  the majority (165 of 329), the two-thirds quorum (220) and the blocking third (110).

:func:`run_forecast` is the one entry point for the CLI, the web app and Python.

Examples
--------
>>> from majlis.data import load_dataset
>>> from majlis.forecast import from_election, run_forecast
>>> inp = from_election(load_dataset("iraq"), 2025)
>>> res = run_forecast(inp, draws=2000, seed=1)
>>> res.draws, res.partial, res.find("cf").p5 <= res.find("cf").p50 <= res.find("cf").p95
(2000, False, True)
"""

from majlis.forecast.files import forecast_input, parse_input, read_input
from majlis.forecast.inputs import *
from majlis.forecast.inputs import __all__ as _inputs_all
from majlis.forecast.run import run_forecast
from majlis.forecast.summary import Distribution, ForecastResult

__all__ = [
    *_inputs_all,
    "Distribution",
    "ForecastResult",
    "forecast_input",
    "parse_input",
    "read_input",
    "run_forecast",
]
