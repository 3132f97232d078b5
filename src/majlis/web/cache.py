"""Work a server need not redo: the served dataset, and responses of routes that only read it.

* :class:`DatasetSource` resolves the dataset the app serves (saved in the store, else built
  in) and re-checks the store at most every :attr:`DatasetSource.recheck` seconds, instead of
  querying it on every request. A dataset imported while the server runs is served within
  that delay.
* :class:`ResponseCache` is an ASGI middleware that keeps the bodies of GET responses of
  routes that declare themselves pure (a function of the dataset and the URL only, with the
  :func:`cacheable` dependency) and answers the same request again from memory, without
  routing, validation or rendering. The key is the path, the raw query string and the HTMX
  headers that select a fragment; entries belong to one dataset object (datasets are
  immutable) and all go when the served dataset changes. Only 200 responses of at most
  :attr:`ResponseCache.max_entry` bytes are kept, :attr:`ResponseCache.max_bytes` in all,
  least recently used first out. Saved scenarios, forecasts and anything that reads the store
  or a job never declare themselves pure.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from typing import Any

from fastapi import Request

from majlis.data.store import open_dataset
from majlis.model import Dataset

__all__ = ["CACHE_HEADER", "DatasetSource", "ResponseCache", "cacheable"]

#: Header naming where a response came from: ``hit`` (memory) or ``miss`` (computed).
CACHE_HEADER = b"x-majlis-cache"

_SCOPE_DS = "majlis.dataset"
_SCOPE_PURE = "majlis.pure"


class DatasetSource:
    """The dataset an app serves, resolved again at most every ``recheck`` seconds.

    Parameters
    ----------
    name : str
        A dataset saved in the store or a built-in one.
    url : str, optional
        The store's database URL (default: :func:`majlis.data.store.default_url`).
    recheck : float
        Seconds during which a resolved dataset is served without asking the store again.
    """

    def __init__(self, name: str, url: str | None = None, recheck: float = 5.0) -> None:
        self.name = name
        self.url = url
        self.recheck = recheck
        self._ds: Dataset | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def current(self) -> Dataset | None:
        """The dataset if it was resolved less than ``recheck`` seconds ago (never blocks)."""
        ds = self._ds
        if ds is not None and time.monotonic() - self._checked < self.recheck:
            return ds
        return None

    def get(self) -> Dataset:
        """The dataset, asking the store again if the last answer is older than ``recheck``.

        Raises whatever :func:`majlis.data.store.open_dataset` raises (an unknown name, an
        unreachable store); a failure is not remembered.
        """
        ds = self.current()
        if ds is not None:
            return ds
        with self._lock:  # one request asks the store; the others wait for its answer
            ds = self.current()
            if ds is None:
                ds = open_dataset(self.name, self.url)
                self._ds, self._checked = ds, time.monotonic()
        return ds


def cacheable(request: Request) -> None:
    """Dependency of a route whose GET response depends only on the dataset and the URL."""
    request.scope[_SCOPE_PURE] = True


def note_dataset(request: Request, ds: Dataset) -> None:
    """Record the dataset a request was answered from (the cache files the response under it)."""
    request.scope[_SCOPE_DS] = ds


class ResponseCache:
    """ASGI middleware answering repeated GETs of pure routes from memory (see the module)."""

    def __init__(
        self,
        app: Any,
        source: DatasetSource,
        max_bytes: int = 64_000_000,
        max_entry: int = 2_000_000,
    ) -> None:
        self.app = app
        self.source = source
        self.max_bytes = max_bytes
        self.max_entry = max_entry
        self._entries: OrderedDict[tuple[Any, ...], tuple[int, list[Any], bytes]] = OrderedDict()
        self._owner: Dataset | None = None  # the dataset every entry was computed from
        self._size = 0
        self._lock = threading.Lock()

    @staticmethod
    def _key(scope: dict[str, Any]) -> tuple[Any, ...]:
        headers = dict(scope.get("headers", []))
        return (
            scope.get("root_path", ""),
            scope["path"],
            scope.get("query_string", b""),
            headers.get(b"hx-request"),
            headers.get(b"hx-history-restore-request"),
            headers.get(b"accept", b"").split(b",")[0],  # an error page or its JSON
        )

    def _lookup(self, key: tuple[Any, ...]) -> tuple[int, list[Any], bytes] | None:
        ds = self.source.current()
        with self._lock:
            if ds is None or ds is not self._owner:
                return None
            hit = self._entries.get(key)
            if hit is not None:
                self._entries.move_to_end(key)
            return hit

    def _store(
        self, key: tuple[Any, ...], ds: Dataset, entry: tuple[int, list[Any], bytes]
    ) -> None:
        size = len(entry[2]) + 200
        if size > self.max_entry:
            return
        with self._lock:
            if ds is not self._owner:  # the served dataset changed: forget the old answers
                self._entries.clear()
                self._size = 0
                self._owner = ds
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old[2]) + 200
            self._entries[key] = entry
            self._size += size
            while self._size > self.max_bytes and self._entries:
                _, dropped = self._entries.popitem(last=False)
                self._size -= len(dropped[2]) + 200

    def clear(self) -> None:
        """Forget every kept response."""
        with self._lock:
            self._entries.clear()
            self._size = 0

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        key = self._key(scope)
        hit = self._lookup(key)
        if hit is not None:
            status, headers, body = hit
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [*headers, (CACHE_HEADER, b"hit")],
                }
            )
            await send(
                {"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body}
            )
            return
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        keep = scope["method"] == "GET"

        async def capture(message: dict[str, Any]) -> None:
            nonlocal keep
            if message["type"] == "http.response.start":
                start.update(message)
                keep = keep and message["status"] == 200
                message = {
                    **message,
                    "headers": [*message.get("headers", []), (CACHE_HEADER, b"miss")],
                }
            elif message["type"] == "http.response.body" and keep:
                chunks.append(message.get("body", b""))
                if message.get("more_body", False) is False:
                    ds = scope.get(_SCOPE_DS)
                    if scope.get(_SCOPE_PURE) and ds is not None:
                        body = b"".join(chunks)
                        self._store(
                            key, ds, (start["status"], list(start.get("headers", [])), body)
                        )
            await send(message)

        await self.app(scope, receive, capture)
