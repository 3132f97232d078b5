"""The one entry point of a forecast: simulate, then summarise (CLI, web app and Python)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Executor

from majlis.errors import ValidationError
from majlis.forecast.inputs import ForecastInput
from majlis.forecast.simulate import simulate
from majlis.forecast.summary import ForecastResult, summarise
from majlis.runs import DEFAULT_BLOCK_SIZE

__all__ = ["run_forecast"]


def run_forecast(
    inputs: ForecastInput,
    draws: int = 100_000,
    seed: int | None = None,
    *,
    power: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    executor: Executor | None = None,
    chunk_size: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> ForecastResult:
    """Simulate ``draws`` elections from ``inputs`` and summarise them.

    Parameters
    ----------
    inputs : ForecastInput
        Expected shares, errors, law, blocs and coalitions.
    draws : int
        Number of simulated elections (1 .. :data:`majlis.limits.MAX_DRAWS`).
    seed : int, optional
        Root seed; ``None`` draws one (reported in the result). A seed gives a byte-identical
        ``to_dict()`` whatever ``chunk_size``, ``workers`` or ``scheduler``.
    power : str, optional
        A power index id of :mod:`majlis.games` (``"banzhaf"``, ``"shapley-shubik"``...):
        each bloc's mean index at the majority and two-thirds quotas.
    workers, scheduler, executor : optional
        Run chunks on a local Dask cluster of ``workers`` processes, on the Dask scheduler at
        ``scheduler`` (``tcp://host:8786``), or on any ``concurrent.futures`` executor
        (``majlis[dask]`` for the first two); default this process.
    chunk_size : int, optional
        Draws per chunk (whole blocks of 1024; default 16 blocks, fewer for large inputs):
        at most :data:`majlis.limits.MAX_CHUNK_CELLS` draws x (list, district) cells.
    progress : callable, optional
        ``progress(done, total)`` after every chunk.
    should_stop : callable, optional
        Polled between chunks; True stops the run early (as Ctrl-C does): the result then
        covers the draws done and says ``partial``.

    Returns
    -------
    ForecastResult

    Raises
    ------
    ValidationError, TooLargeError
        Draws below 1 or above :data:`majlis.limits.MAX_DRAWS`, more than
        :data:`majlis.limits.MAX_DRAW_CELLS` cells in all, or a chunk beyond
        :data:`majlis.limits.MAX_CHUNK_CELLS`.
    """
    tally, run = simulate(
        inputs,
        draws,
        seed,
        power=power,
        chunk_size=chunk_size,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        should_stop=should_stop,
    )
    if tally is None:
        raise ValidationError("the forecast was stopped before its first chunk finished")
    return summarise(
        inputs,
        tally,
        seed=run.seed,
        draws_requested=run.total,
        block_size=DEFAULT_BLOCK_SIZE,
        power=power,
    )
