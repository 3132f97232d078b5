"""majlis.runs: seeded blocks, chunking that never changes results, interruption, executors."""

from __future__ import annotations

import sys
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from majlis.errors import MajlisError, TooLargeError, ValidationError
from majlis.limits import MAX_WORKERS
from majlis.runs import Block, make_blocks, open_executor, run_blocks


def _task(chunk: tuple[Block, ...]) -> tuple[int, ...]:
    """Per block: the sum of its draws (an exact aggregate), keyed by block index."""
    return tuple(int(b.rng().integers(0, 1000, b.size).sum()) for b in chunk)


def _cat(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    return a + b


def test_block_seeds_are_spawned_children() -> None:
    blocks = make_blocks(5000, seed=42, block_size=1000)
    children = np.random.SeedSequence(42).spawn(5)  # the documented equivalent
    for b, c in zip(blocks, children):
        want = np.random.default_rng(c).standard_normal(3)
        assert b.rng().standard_normal(3).tolist() == want.tolist()
    assert [b.size for b in blocks] == [1000] * 5
    assert [b.size for b in make_blocks(2001, 1, 1000)] == [1000, 1000, 1]


@pytest.mark.parametrize("chunk_size", [100, 300, 1000, 10_000])
def test_chunk_size_never_changes_the_result(chunk_size: int) -> None:
    ref = run_blocks(_task, 2500, seed=9, combine=_cat, block_size=100, chunk_size=100)
    got = run_blocks(_task, 2500, seed=9, combine=_cat, block_size=100, chunk_size=chunk_size)
    assert got.value == ref.value and got.done == 2500 and not got.partial
    assert len(got.value) == 25  # folded in block order


def test_executor_gives_the_same_result_in_order() -> None:
    ref = run_blocks(_task, 3000, seed=3, combine=_cat, block_size=100)
    with ThreadPoolExecutor(3) as ex:
        got = run_blocks(
            _task,
            3000,
            seed=3,
            combine=_cat,
            block_size=100,
            chunk_size=200,
            executor=ex,
            max_pending=3,
        )
    assert got.value == ref.value


def test_progress_is_monotone_and_ends_at_total() -> None:
    seen: list[tuple[int, int]] = []
    run_blocks(
        _task,
        1000,
        seed=0,
        combine=_cat,
        block_size=100,
        chunk_size=300,
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[0] == (0, 1000) and seen[-1] == (1000, 1000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_should_stop_gives_a_partial_result() -> None:
    calls = {"n": 0}

    def stop() -> bool:
        calls["n"] += 1
        return calls["n"] > 2  # two chunks run, then stop

    r = run_blocks(
        _task, 1000, seed=1, combine=_cat, block_size=100, chunk_size=200, should_stop=stop
    )
    assert r.partial and r.interrupted and r.done == 400 and r.total == 1000
    full = run_blocks(_task, 1000, seed=1, combine=_cat, block_size=100)
    assert r.value == full.value[:4]  # the finished chunks are exactly the first draws


def test_ctrl_c_inside_a_chunk_keeps_the_finished_chunks() -> None:
    def task(chunk: tuple[Block, ...]) -> tuple[int, ...]:
        if chunk[0].index == 6:
            raise KeyboardInterrupt
        return _task(chunk)

    r = run_blocks(task, 1000, seed=1, combine=_cat, block_size=100, chunk_size=200)
    assert r.interrupted and r.partial and r.done == 600
    with ThreadPoolExecutor(2) as ex:
        r2 = run_blocks(
            task,
            1000,
            seed=1,
            combine=_cat,
            block_size=100,
            chunk_size=200,
            executor=ex,
            max_pending=1,
        )
    assert r2.interrupted and r2.done == 600


def test_seed_none_is_drawn_and_reported() -> None:
    r = run_blocks(_task, 100, seed=None, combine=_cat, block_size=100)
    again = run_blocks(_task, 100, seed=r.seed, combine=_cat, block_size=100)
    assert r.value == again.value and r.seed >= 0


def test_bad_arguments() -> None:
    with pytest.raises(ValidationError, match="positive"):
        make_blocks(0, 1)
    with pytest.raises(ValidationError, match="seed"):
        make_blocks(10, -1)
    with pytest.raises(ValidationError):
        make_blocks(10, 1, block_size=0)
    with (
        pytest.raises(ValidationError, match="not both"),
        open_executor(workers=2, scheduler="tcp://x:1"),
    ):
        pass
    with pytest.raises(ValidationError), open_executor(workers=0):
        pass
    with (
        pytest.raises(TooLargeError, match=str(MAX_WORKERS)),
        open_executor(workers=MAX_WORKERS + 1),
    ):
        pass


@pytest.mark.parametrize("address", ["nonsense", "tcp://host", "http://h:1", "tcp://h:port"])
def test_bad_scheduler_addresses(address: str) -> None:
    pytest.importorskip("distributed")
    with pytest.raises(ValidationError, match="tcp://host:port"), open_executor(scheduler=address):
        pass


def test_missing_dask_gives_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with (
        pytest.raises(MajlisError, match=r"pip install 'majlis\[dask\]'"),
        open_executor(workers=2),
    ):
        pass


def test_local_workers_are_started_ignoring_ctrl_c() -> None:
    import signal
    import subprocess
    import sys
    import threading

    from majlis.runs import _workers_ignore_ctrl_c

    probe = [
        sys.executable,
        "-c",
        "import signal; print(signal.getsignal(signal.SIGINT) == signal.SIG_IGN)",
    ]
    before = signal.getsignal(signal.SIGINT)
    with _workers_ignore_ctrl_c():
        child = subprocess.run(probe, capture_output=True, text=True, check=True).stdout
    assert child.strip() == "True"  # a worker spawned here: Ctrl-C is left to this process
    assert signal.getsignal(signal.SIGINT) is before  # this process keeps its handler
    seen = []

    def in_a_thread() -> None:
        with _workers_ignore_ctrl_c():
            seen.append(signal.getsignal(signal.SIGINT))

    t = threading.Thread(target=in_a_thread)
    t.start()
    t.join()
    assert seen == [before]  # outside the main thread nothing changes
