"""The documented size limits of every computation, in one place.

No input may hang majlis: each size that makes work grow (seats, lists, districts, players,
file size, draws, runs) is either handled in time that does not grow with it or refused
beyond the limit below with :class:`~majlis.errors.TooLargeError`, whose message names the
limit. The CLI turns that into one line and exit code 2, the web app into HTTP 422.

=====================  ==================  ==================================================
limit                  value               why
=====================  ==================  ==================================================
``MAX_SEATS``          10**15              divisor methods start from a quota estimate, so
                                           their time grows with the number of lists, not of
                                           seats; beyond 10**15 seats nothing real is modelled
``MAX_SEATS_BATCH``    10**6               :func:`~majlis.electoral.allocate_many` keeps one
                                           counter per seat and list in numpy
``MAX_SEATS_MARGINS``  10**6               flip margins re-allocate a few dozen times
``MAX_LISTS``          10,000              lists (or candidates) in one district
``MAX_DISTRICTS``      10,000              districts in one allocation
``MAX_VOTES_BYTES``    20 MB               a votes file (CSV or JSON)
``MAX_DATASET_BYTES``  50 MB               one file of a dataset (a CSV table or the JSON)
``MAX_PLAYERS``        1,000               players of a weighted game (the exact indices are
                                           pseudo-polynomial; see ``majlis.games``)
``MAX_INDEX_WORK``     2 * 10**8           players x distinct weights x quota for the indices
                                           counted by coalition size (Shapley-Shubik) and
                                           with a priori unions (Owen, Banzhaf-Owen):
                                           seconds on one core at the limit
``MAX_MWC_WORK``       2 * 10**7           the same product for the minimal-winning indices
                                           (Holler-Packel, Deegan-Packel, Johnston)
``MAX_DRAWS``          20,000,000          simulated elections in one forecast (Iraq: about
                                           10 minutes in one process)
``MAX_DRAW_CELLS``     4 * 10**9           draws x (list, district) cells of a forecast: its
                                           time grows with this product
``MAX_CHUNK_CELLS``    2**24 (16,777,216)  draws x (list, district) cells of one chunk of a
                                           forecast, the vote vectors held at once (about
                                           0.5 GB); so at most 16,384 cells a draw, since a
                                           chunk holds at least one block of 1,024 draws
``MAX_FORECAST_LISTS`` 1,000               lists in a forecast (its seat histograms hold
                                           lists x (house + 1) counts)
``MAX_FORECAST_HOUSE`` 10,000              seats of the house a forecast tallies
``MAX_WORKERS``        256                 worker processes of a local Dask cluster
``MAX_BALLOT_GROUPS``  2,000               groups of MPs behaving alike in one ballot of the
                                           formation process (its count is linear in them)
``MAX_CANDIDATES``     500                 candidates in one ballot of the formation process
``MAX_PROCESS_ROWS``   10,000              rows (sittings, acts, deadlines) of one process
``MAX_SCENARIO_BYTES`` 1 MB                a formation scenario file
``MAX_SITTINGS``       1,000               dated entries of a formation scenario
``MAX_CAMPS``          100                 camps of a formation scenario
``MAX_PHASES``         200                 phases of a formation scenario
=====================  ==================  ==================================================

Forecast input files share ``MAX_VOTES_BYTES`` with votes files. The negotiation simulation
(:mod:`majlis.formation.negotiation`):

==============================  ==========  ==============================================
limit                           value       why
==============================  ==========  ==============================================
``MAX_NEGOTIATION_RUNS``        100,000     runs of one simulation (Iraq 2021: about 10 ms
                                            a run in one process)
``MAX_NEGOTIATION_ROUNDS``      500         rounds of one run
``MAX_NEGOTIATION_ACTORS``      100         actors of a scenario (each round weighs offers
                                            to them)
``MAX_NEGOTIATION_CANDIDATES``  50          prime-minister candidates of a scenario
``MAX_NEGOTIATION_CHANNELS``    100         channels (committees) of a scenario
``MAX_NEGOTIATION_WORK``        5 * 10**7   runs x rounds x (channel, counterpart) pairs:
                                            the time of a simulation grows with this
                                            product (Iraq 2021: 22 x 11 a run)
==============================  ==========  ==============================================

Examples
--------
>>> from majlis.limits import check_limit, MAX_LISTS
>>> check_limit(12, MAX_LISTS, "lists in a district")
>>> check_limit(10**6, MAX_LISTS, "lists in a district")
Traceback (most recent call last):
...
majlis.errors.TooLargeError: at most 10,000 lists in a district, got 1,000,000
"""

from __future__ import annotations

from majlis.errors import TooLargeError

__all__ = [
    "MAX_BALLOT_GROUPS",
    "MAX_CAMPS",
    "MAX_CANDIDATES",
    "MAX_CHUNK_CELLS",
    "MAX_DATASET_BYTES",
    "MAX_DISTRICTS",
    "MAX_DRAWS",
    "MAX_DRAW_CELLS",
    "MAX_FORECAST_HOUSE",
    "MAX_FORECAST_LISTS",
    "MAX_INDEX_WORK",
    "MAX_LISTS",
    "MAX_MWC_WORK",
    "MAX_NEGOTIATION_ACTORS",
    "MAX_NEGOTIATION_CANDIDATES",
    "MAX_NEGOTIATION_CHANNELS",
    "MAX_NEGOTIATION_ROUNDS",
    "MAX_NEGOTIATION_RUNS",
    "MAX_NEGOTIATION_WORK",
    "MAX_PHASES",
    "MAX_PLAYERS",
    "MAX_PROCESS_ROWS",
    "MAX_SCENARIO_BYTES",
    "MAX_SEATS",
    "MAX_SEATS_BATCH",
    "MAX_SEATS_MARGINS",
    "MAX_SITTINGS",
    "MAX_VOTES_BYTES",
    "MAX_WORKERS",
    "check_limit",
]

MAX_SEATS = 10**15
MAX_SEATS_BATCH = 10**6
MAX_SEATS_MARGINS = 10**6
MAX_LISTS = 10_000
MAX_DISTRICTS = 10_000
MAX_VOTES_BYTES = 20_000_000
MAX_DATASET_BYTES = 50_000_000
MAX_PLAYERS = 1_000
MAX_INDEX_WORK = 2 * 10**8
MAX_MWC_WORK = 2 * 10**7
MAX_DRAWS = 20_000_000
MAX_DRAW_CELLS = 4_000_000_000
MAX_CHUNK_CELLS = 2**24
MAX_FORECAST_LISTS = 1_000
MAX_FORECAST_HOUSE = 10_000
MAX_WORKERS = 256
MAX_BALLOT_GROUPS = 2_000
MAX_CANDIDATES = 500
MAX_PROCESS_ROWS = 10_000
MAX_SCENARIO_BYTES = 1_000_000
MAX_SITTINGS = 1_000
MAX_CAMPS = 100
MAX_PHASES = 200
MAX_NEGOTIATION_RUNS = 100_000
MAX_NEGOTIATION_ROUNDS = 500
MAX_NEGOTIATION_ACTORS = 100
MAX_NEGOTIATION_CANDIDATES = 50
MAX_NEGOTIATION_CHANNELS = 100
MAX_NEGOTIATION_WORK = 50_000_000


def check_limit(value: int, limit: int, what: str) -> None:
    """Raise :class:`~majlis.errors.TooLargeError` when ``value`` exceeds ``limit``."""
    if value > limit:
        raise TooLargeError(f"at most {limit:,} {what}, got {value:,}")
