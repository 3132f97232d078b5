"""Long computations (forecasts, negotiation runs) off the request thread, with progress, bounded in number.

A job is keyed by its inputs: asking again for the same forecast finds the job already
running or done instead of starting another. At most :attr:`Jobs.max_active` jobs wait or
run at once (more is refused with :class:`BusyError`), and only the last
:attr:`Jobs.keep` finished jobs are kept. Jobs run on a small thread pool; the request that
started one returns at once and the page polls its progress.
"""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from majlis.errors import MajlisError, TooLargeError

__all__ = ["BusyError", "Job", "Jobs", "check_web_limit", "job_key", "job_response", "jobs_of"]

Progress = Callable[[int, int], None]
StopFlag = Callable[[], bool]


class BusyError(MajlisError):
    """Too many jobs are waiting or running (HTTP 429)."""


@dataclass
class Job:
    """A computation: its state (``queued``, ``running``, ``done``, ``failed``) and progress."""

    key: str
    status: str = "queued"
    done: int = 0
    total: int = 0
    result: Any = None
    error: str = ""
    started: float = field(default_factory=time.monotonic)
    stop: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def finished(self) -> bool:
        return self.status in ("done", "failed")

    def answer(self) -> tuple[dict[str, Any], int]:
        """The job as an API answers it: its state and HTTP status — 200 with ``result`` (the
        result's ``to_dict()``) when done, 400 with ``detail`` when failed, 202 while it runs."""
        doc = self.to_dict()
        if self.status == "done":
            return {**doc, "result": self.result.to_dict()}, 200
        if self.status == "failed":
            return {**doc, "detail": self.error}, 400
        return doc, 202

    def to_dict(self) -> dict[str, Any]:
        """The job's state as JSON (without its result)."""
        return {
            "id": self.key,
            "status": self.status,
            "done": self.done,
            "total": self.total,
            "error": self.error or None,
        }


class Jobs:
    """A bounded set of jobs run by ``workers`` threads."""

    def __init__(self, workers: int = 1, max_active: int = 4, keep: int = 32) -> None:
        self.max_active = max_active
        self.keep = keep
        self.workers = workers
        self._pool: ThreadPoolExecutor | None = None
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Job | None:
        """The job of ``key``, if it is known."""
        with self._lock:
            return self._jobs.get(key)

    def submit(self, key: str, work: Callable[[Progress, StopFlag], Any]) -> Job:
        """The job of ``key``: the known one, or a new one running ``work(progress, should_stop)``."""
        with self._lock:
            job = self._jobs.get(key)
            if job is not None and job.status != "failed":
                return job
            active = sum(1 for j in self._jobs.values() if not j.finished)
            if active >= self.max_active:
                raise BusyError(
                    f"{active} computations (forecasts, negotiations) are already waiting or running (at most {self.max_active}); try again in a moment"
                )
            job = Job(key)
            self._jobs[key] = job
            finished = [k for k, j in self._jobs.items() if j.finished]
            for k in finished[: max(0, len(finished) - self.keep)]:
                del self._jobs[k]
            if self._pool is None:  # first job, or the first since a shutdown
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="majlis-job")
            self._pool.submit(self._run, job, work)
        return job

    @staticmethod
    def _run(job: Job, work: Callable[[Progress, StopFlag], Any]) -> None:
        if job.stop.is_set():
            return
        job.status = "running"

        def progress(done: int, total: int) -> None:
            job.done, job.total = done, total

        try:
            job.result = work(progress, job.stop.is_set)
            job.status = "done"
        except MajlisError as exc:
            job.error = " ".join(str(exc).split())
            job.status = "failed"
        except Exception as exc:  # a bug: keep the server up, say what failed
            job.error = f"the computation failed: {type(exc).__name__}"
            job.status = "failed"

    def shutdown(self) -> None:
        """Ask running jobs to stop and let the threads go (on server shutdown)."""
        with self._lock:
            for job in self._jobs.values():
                if not job.finished:
                    job.stop.set()
                if job.status == "queued":  # cancelled below: it never starts
                    job.status, job.error = "failed", "stopped: the server shut down"
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


def jobs_of(request: Request) -> Jobs:
    """The jobs of the app serving ``request``."""
    return request.app.state.jobs  # type: ignore[no-any-return]


def job_key(*inputs: Any) -> str:
    """The key of the job computing ``inputs`` (JSON-able, else named by ``str``): a digest,
    so that the same inputs find the same job.

    >>> job_key("negotiation", "iraq-2021", 200, 1) == job_key("negotiation", "iraq-2021", 200, 1)
    True
    >>> len(job_key("x"))
    24
    """
    text = json.dumps(list(inputs), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def check_web_limit(value: int, limit: int, what: str) -> None:
    """Refuse (:class:`~majlis.errors.TooLargeError`) more than ``limit`` ``what`` in a web
    request, where the command line allows more."""
    if value > limit:
        raise TooLargeError(
            f"at most {limit:,} {what}, got {value:,} (the command line allows more)"
        )


def job_response(job: Job) -> JSONResponse:
    """A job as an API answers it (see :meth:`Job.answer`)."""
    doc, status = job.answer()
    return JSONResponse(doc, status_code=status)
