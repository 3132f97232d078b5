"""Faults: the server killed with SIGKILL during a burst of scenario saves.

A real uvicorn process (``majlis serve``) receives scenario saves from several clients; it is
killed with SIGKILL in the middle. After a restart every save that was acknowledged (201) is
there, and the SQLite database passes ``PRAGMA integrity_check``. The same against PostgreSQL
(``MAJLIS_TEST_PG_URL``, set by ``make test``). Writes without the token change nothing.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.conftest import pg_url

pytest.importorskip("uvicorn")

TOKEN = "fault-token-0123456789"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def server(home: Path, port: int, db_url: str | None) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "MAJLIS_HOME": str(home), "MAJLIS_TOKEN": TOKEN}
    env.pop("MAJLIS_DATABASE_URL", None)
    if db_url:
        env["MAJLIS_DATABASE_URL"] = db_url
    proc = subprocess.Popen(
        [sys.executable, "-c", "from majlis.cli import main; main()", "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        yield proc
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)


def _post(port: int, doc: dict, token: str | None = TOKEN) -> tuple[int, dict]:
    headers = {"content-type": "application/json"}
    if token:
        headers["authorization"] = f"Bearer {token}"
    req = urllib.request.Request(
        f"http://127.0.0.1:{port}/api/scenarios", json.dumps(doc).encode(), headers, method="POST"
    )
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def _get(port: int, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


def _burst_then_kill(port: int, proc: subprocess.Popen[bytes]) -> dict[str, str]:
    acked: dict[str, str] = {}
    lock = threading.Lock()
    stop = threading.Event()

    def saver(k: int) -> None:
        i = 0
        while not stop.is_set() and i < 500:
            title = f"burst {k}-{i}"
            try:
                status, doc = _post(
                    port, {"title": title, "coalition": ["sol"], "date": "2022-10-27"}
                )
            except (OSError, http.client.HTTPException):
                return  # the server is gone (a cut-off answer is no acknowledgement)
            if status == 201:
                with lock:
                    acked[doc["id"]] = title
            i += 1

    threads = [threading.Thread(target=saver, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with lock:
            if len(acked) >= 30:
                break
        time.sleep(0.02)
    os.kill(proc.pid, signal.SIGKILL)  # in the middle of the burst
    proc.wait(timeout=10)
    stop.set()
    for t in threads:
        t.join(15)
    return acked


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_acknowledged_saves_survive_sigkill(backend: str, tmp_path: Path) -> None:
    url = None
    if backend == "postgres":
        url = pg_url()
        if not url:
            pytest.skip("no PostgreSQL server (run through `make test`)")
    port = _port()
    with server(tmp_path, port, url) as proc:
        acked = _burst_then_kill(port, proc)
    assert len(acked) >= 30
    with server(tmp_path, port, url):
        for sid, title in acked.items():
            status, doc = _get(port, f"/api/scenarios/{sid}")
            assert status == 200 and doc["scenario"]["title"] == title, sid
    if backend == "sqlite":
        con = sqlite3.connect(tmp_path / "majlis.sqlite3")
        try:
            assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            stored = {r[0] for r in con.execute("select id from scenarios")}
        finally:
            con.close()
        assert set(acked) <= stored


@pytest.mark.parametrize("backend", ["sqlite", "postgres"])
def test_writes_without_the_token_change_nothing(backend: str, tmp_path: Path) -> None:
    url = None
    if backend == "postgres":
        url = pg_url()
        if not url:
            pytest.skip("no PostgreSQL server (run through `make test`)")
    port = _port()
    with server(tmp_path, port, url):
        status, doc = _post(port, {"title": "kept"})
        assert status == 201
        sid = doc["id"]
        before = _get(port, "/api/scenarios")[1]
        assert _post(port, {"title": "no token"}, token=None)[0] == 401
        assert _post(port, {"title": "bad token"}, token="wrong")[0] == 403
        for method in ("PUT", "DELETE"):
            req = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/scenarios/{sid}",
                json.dumps({"title": "changed"}).encode(),
                {"content-type": "application/json"},
                method=method,
            )
            with pytest.raises(urllib.error.HTTPError) as err:
                urllib.request.urlopen(req, timeout=10)
            assert err.value.code == 401
        assert _get(port, "/api/scenarios")[1] == before
        assert _get(port, f"/api/scenarios/{sid}")[1]["scenario"]["title"] == "kept"
