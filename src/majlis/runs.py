"""Seeded, chunked, interruptible runs of many independent random draws (Monte Carlo).

A run of ``total`` draws is cut into fixed-size **blocks**; block ``i`` draws its random
numbers from its own stream, ``numpy.random.SeedSequence(seed).spawn(n)[i]`` (built directly
as ``SeedSequence(seed, spawn_key=(i,))``). Blocks are grouped into **chunks**, the unit of
work handed to a task; a task returns a small aggregate (counts, histograms) and the
aggregates are folded with an exact, associative ``combine`` in chunk order. Because the
random numbers of a draw depend only on its block and the aggregates are exact, a seed
gives identical results whatever the chunk size, the executor or the number of workers.

* :func:`run_blocks` runs a task over the chunks in this process or on any
  :class:`concurrent.futures.Executor` (a process pool, or a Dask cluster through
  :func:`open_executor`), with a bounded number of chunks in flight (memory stays bounded),
  an optional progress callback, and clean interruption: Ctrl-C (or ``should_stop``)
  returns the chunks finished so far as a :class:`RunResult` marked partial.
* :func:`open_executor` starts a local ``dask.distributed`` cluster (``workers=N``) or
  connects to an existing scheduler (``scheduler="tcp://host:port"``); Dask is the optional
  extra ``majlis[dask]``.

This module sits at the bottom of the package: every layer may use it (forecasts, and
any other "many runs" simulation).

Examples
--------
>>> def task(chunk):  # sum of uniform draws per chunk: an exact aggregate
...     return sum(int(b.rng().integers(0, 100, b.size).sum()) for b in chunk)
>>> a = run_blocks(task, 10_000, seed=1, combine=lambda x, y: x + y, chunk_size=1024)
>>> b = run_blocks(task, 10_000, seed=1, combine=lambda x, y: x + y, chunk_size=4096)
>>> a.value == b.value, a.done, a.partial
(True, 10000, False)
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, wait
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np

from majlis.errors import MajlisError, ValidationError
from majlis.limits import MAX_WORKERS, check_limit

__all__ = [
    "DEFAULT_BLOCK_SIZE",
    "Block",
    "RunResult",
    "check_seed",
    "make_blocks",
    "open_executor",
    "run_blocks",
]

T = TypeVar("T")

DEFAULT_BLOCK_SIZE = 1024
"""Draws per block. Part of a run's definition: the same seed with another block size gives
other (equally valid) draws."""


@dataclass(frozen=True)
class Block:
    """Draws ``start .. start + size - 1`` of a run, with their own random stream.

    Attributes
    ----------
    index : int
        Block number (0, 1, ...): the spawn key of its seed sequence.
    start, size : int
        First draw and number of draws.
    seed : int
        The run's root seed.
    """

    index: int
    start: int
    size: int
    seed: int

    def seed_sequence(self) -> np.random.SeedSequence:
        """``SeedSequence(seed).spawn(n)[index]``, built without spawning the others."""
        return np.random.SeedSequence(self.seed, spawn_key=(self.index,))

    def rng(self) -> np.random.Generator:
        """A fresh generator (PCG64) on this block's stream.

        >>> b = Block(2, 2048, 1024, seed=7)
        >>> c = np.random.SeedSequence(7).spawn(3)[2]
        >>> int(b.rng().integers(10**9)) == int(np.random.default_rng(c).integers(10**9))
        True
        """
        return np.random.Generator(np.random.PCG64(self.seed_sequence()))


def make_blocks(total: int, seed: int, block_size: int = DEFAULT_BLOCK_SIZE) -> list[Block]:
    """Cut ``total`` draws into blocks of ``block_size`` (the last one may be shorter).

    Examples
    --------
    >>> [(b.index, b.start, b.size) for b in make_blocks(2500, seed=1, block_size=1000)]
    [(0, 0, 1000), (1, 1000, 1000), (2, 2000, 500)]
    """
    if isinstance(total, bool) or not isinstance(total, int | np.integer) or total < 1:
        raise ValidationError(f"the number of draws must be a positive whole number, got {total!r}")
    if isinstance(block_size, bool) or not isinstance(block_size, int) or block_size < 1:
        raise ValidationError(f"block_size must be a positive whole number, got {block_size!r}")
    seed = check_seed(seed)
    return [
        Block(i, start, min(block_size, total - start), seed)
        for i, start in enumerate(range(0, int(total), block_size))
    ]


def check_seed(seed: Any) -> int:
    """Return ``seed`` as a non-negative int, or a fresh one from the OS when ``None``.

    A run always has a seed, so that it can be repeated: with ``None`` the seed drawn is the
    one reported in :attr:`RunResult.seed`.
    """
    if seed is None:
        return int(np.random.SeedSequence().entropy)  # type: ignore[arg-type]
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValidationError(f"seed must be a non-negative whole number, got {seed!r}")
    return int(seed)


@dataclass(frozen=True)
class RunResult(Generic[T]):
    """The folded aggregate of the chunks that finished.

    Attributes
    ----------
    value : T or None
        ``combine`` over the finished chunks in chunk order (``None`` if none finished).
    done, total : int
        Draws aggregated, and draws asked for.
    seed : int
        The root seed (the one drawn from the OS when none was given).
    interrupted : bool
        True when Ctrl-C or ``should_stop`` ended the run early.
    """

    value: T | None
    done: int
    total: int
    seed: int
    interrupted: bool = False

    @property
    def partial(self) -> bool:
        """True when fewer draws than asked for were aggregated."""
        return self.done < self.total


class _Fold(Generic[T]):
    """Fold chunk results in chunk order, buffering those that finish early."""

    def __init__(self, combine: Callable[[T, T], T]) -> None:
        self.combine = combine
        self.value: T | None = None
        self.next = 0
        self.pending: dict[int, tuple[T, int]] = {}
        self.done = 0

    def add(self, index: int, value: T, size: int) -> None:
        self.pending[index] = (value, size)
        while self.next in self.pending:
            v, n = self.pending.pop(self.next)
            self.value = v if self.value is None else self.combine(self.value, v)
            self.done += n
            self.next += 1

    def flush(self) -> None:
        """Fold what finished out of order too (a partial run keeps every finished chunk)."""
        for i in sorted(self.pending):
            v, n = self.pending.pop(i)
            self.value = v if self.value is None else self.combine(self.value, v)
            self.done += n


def run_blocks(
    task: Callable[[tuple[Block, ...]], T],
    total: int,
    *,
    seed: int | None,
    combine: Callable[[T, T], T],
    block_size: int = DEFAULT_BLOCK_SIZE,
    chunk_size: int | None = None,
    executor: Executor | None = None,
    max_pending: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> RunResult[T]:
    """Run ``task`` over ``total`` draws in seeded blocks and fold the chunk aggregates.

    Parameters
    ----------
    task : callable
        ``task(chunk) -> aggregate`` for a tuple of consecutive :class:`Block`; it draws
        each block's random numbers from ``block.rng()`` only. Must be picklable (a
        module-level function or a ``functools.partial`` of one) to run on an executor.
    total : int
        Number of draws.
    seed : int or None
        Root seed; ``None`` draws one from the OS (reported in the result).
    combine : callable
        ``combine(a, b)``: folds two aggregates; must be exact and associative (integer
        counts, not float sums) for results to be independent of the chunk size.
    block_size : int
        Draws per block (:data:`DEFAULT_BLOCK_SIZE`).
    chunk_size : int, optional
        Draws per chunk, rounded down to whole blocks (at least one); default 8 blocks.
    executor : concurrent.futures.Executor, optional
        Where chunks run; ``None`` runs them one after the other in this process.
    max_pending : int, optional
        Chunks in flight at once on an executor (default 4); bounds memory.
    progress : callable, optional
        ``progress(done, total)`` after each chunk is folded (and once at the start).
    should_stop : callable, optional
        Polled between chunks; returning True ends the run early, like Ctrl-C.

    Returns
    -------
    RunResult
        The aggregate, the number of draws it covers and whether the run was interrupted.

    Examples
    --------
    >>> def task(chunk):
    ...     return sum(b.size for b in chunk)
    >>> r = run_blocks(task, 5000, seed=0, combine=lambda a, b: a + b, chunk_size=2048)
    >>> r.value, r.done, r.partial
    (5000, 5000, False)
    """
    blocks = make_blocks(total, seed if seed is not None else check_seed(None), block_size)
    if chunk_size is not None and (
        isinstance(chunk_size, bool) or not isinstance(chunk_size, int) or chunk_size < 1
    ):
        raise ValidationError(f"chunk_size must be a positive whole number, got {chunk_size!r}")
    root = blocks[0].seed
    per = max(1, (chunk_size if chunk_size is not None else 8 * block_size) // block_size)
    chunks = [tuple(blocks[i : i + per]) for i in range(0, len(blocks), per)]
    fold: _Fold[T] = _Fold(combine)
    interrupted = False
    if progress is not None:
        progress(0, int(total))
    try:
        if executor is None:
            for i, chunk in enumerate(chunks):
                if should_stop is not None and should_stop():
                    interrupted = True
                    break
                fold.add(i, task(chunk), sum(b.size for b in chunk))
                if progress is not None:
                    progress(fold.done, int(total))
        else:
            interrupted = _run_on(
                executor, task, chunks, fold, max_pending, progress, total, should_stop
            )
    except KeyboardInterrupt:
        interrupted = True
    fold.flush()
    return RunResult(fold.value, fold.done, int(total), root, interrupted)


def _run_on(
    executor: Executor,
    task: Callable[[tuple[Block, ...]], T],
    chunks: Sequence[tuple[Block, ...]],
    fold: _Fold[T],
    max_pending: int | None,
    progress: Callable[[int, int], None] | None,
    total: int,
    should_stop: Callable[[], bool] | None,
) -> bool:
    limit = max(1, max_pending if max_pending is not None else 4)
    running: dict[Future, int] = {}
    nxt = 0
    try:
        while nxt < len(chunks) or running:
            if should_stop is not None and should_stop():
                return True
            while nxt < len(chunks) and len(running) < limit:
                running[executor.submit(task, chunks[nxt])] = nxt
                nxt += 1
            finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
            for fut in sorted(finished, key=running.__getitem__):
                i = running.pop(fut)
                fold.add(i, fut.result(), sum(b.size for b in chunks[i]))
            if progress is not None:
                progress(fold.done, int(total))
        return False
    finally:
        for fut in running:
            fut.cancel()


# Dask's default MALLOC_TRIM_THRESHOLD_=65536 for worker processes disables glibc's dynamic
# mmap threshold, so every numpy temporary above 128 KiB becomes a fresh mmap and page
# faults: measured 1.6x the CPU time per worker on a forecast's numpy work. A large trim
# threshold with a 32 MiB mmap threshold keeps chunk-sized temporaries on the heap.
_WORKER_ENV = {"MALLOC_TRIM_THRESHOLD_": 2**28, "MALLOC_MMAP_THRESHOLD_": 2**25}


_ADDRESS = re.compile(r"^(tcp|tls|ws|wss|ucx)://(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9_.-]+):[0-9]{1,5}$")


def _scheduler_address(text: str) -> str:
    """``host:port`` or ``scheme://host:port`` (``tcp://`` by default), checked.

    Dask's in-process addresses (``inproc://...``, a thread-based ``LocalCluster``) pass too.
    """
    address = text.strip() if "://" in text else f"tcp://{text.strip()}"
    if not (_ADDRESS.match(address) or re.match(r"^inproc://\S+$", address)):
        raise ValidationError(
            f"scheduler address {text!r} must look like tcp://host:port (e.g. tcp://127.0.0.1:8786)"
        )
    return address


@contextlib.contextmanager
def _workers_ignore_ctrl_c() -> Iterator[None]:
    """Processes started inside ignore SIGINT; this process keeps its handler.

    Ctrl-C reaches every process of the terminal's foreground group: the local workers would
    die with tracebacks while this process stops the run, keeps the finished chunks and
    closes the cluster. Spawned workers inherit the ignored signal (Python then installs no
    KeyboardInterrupt handler). Only the main thread may change handlers: elsewhere nothing
    changes.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _restore_environ(saved: dict[str, str | None]) -> None:
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v


@contextlib.contextmanager
def open_executor(
    workers: int | None = None, scheduler: str | None = None
) -> Iterator[Executor | None]:
    """An executor for :func:`run_blocks`: this process, a local Dask cluster, or a remote one.

    Parameters
    ----------
    workers : int, optional
        Start a ``dask.distributed.LocalCluster`` with this many single-threaded worker
        processes (closed on exit), with glibc malloc settings that suit numpy chunks.
    scheduler : str, optional
        Address of a running Dask scheduler (``tcp://host:8786``) to use instead.

    Yields
    ------
    concurrent.futures.Executor or None
        ``None`` (run in this process) when neither is given.

    Raises
    ------
    MajlisError
        Dask is not installed (``pip install 'majlis[dask]'``), the scheduler cannot be
        reached, or both options are given.

    Examples
    --------
    >>> with open_executor() as ex:
    ...     print(ex)
    None
    """
    if workers is not None and scheduler is not None:
        raise ValidationError(
            "give either workers (a local cluster) or a scheduler address, not both"
        )
    if workers is None and scheduler is None:
        yield None
        return
    if workers is not None:
        if isinstance(workers, bool) or not isinstance(workers, int) or workers < 1:
            raise ValidationError(f"workers must be a positive whole number, got {workers!r}")
        check_limit(workers, MAX_WORKERS, "local Dask workers")
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise MajlisError(
            "running on Dask needs the 'dask' extra: pip install 'majlis[dask]'"
        ) from None
    import dask

    with contextlib.ExitStack() as stack:
        if workers is not None:
            saved = {k: os.environ.get(k) for k in _WORKER_ENV}
            stack.callback(_restore_environ, saved)  # the nanny writes them into os.environ
            stack.enter_context(
                dask.config.set(
                    {f"distributed.nanny.pre-spawn-environ.{k}": v for k, v in _WORKER_ENV.items()}
                )
            )
            with _workers_ignore_ctrl_c():
                cluster = stack.enter_context(
                    LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                )
            client = stack.enter_context(Client(cluster))
        else:
            address = _scheduler_address(str(scheduler))
            try:
                client = stack.enter_context(Client(address, timeout=10))
            except (OSError, TimeoutError, ValueError) as exc:
                raise MajlisError(f"cannot reach the Dask scheduler {address!r}: {exc}") from None
        yield client.get_executor()
