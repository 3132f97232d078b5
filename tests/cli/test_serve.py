"""`majlis serve` (what `make run` starts) serves the house page on the built-in data."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

pytest.importorskip("uvicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_its_address_and_serves_the_page(tmp_path) -> None:
    port = free_port()
    env = {**os.environ, "MAJLIS_HOME": str(tmp_path)}
    env.pop("MAJLIS_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-c", "from majlis.cli import main; main()", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first = proc.stdout.readline()
        assert f"http://127.0.0.1:{port}/" in first
        second = proc.stdout.readline()
        token = (tmp_path / "token").read_text().strip()  # generated on the first start
        assert token and token in second
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/?date=2022-07-01", timeout=2
                ) as r:
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.1)
        assert body.count("<circle") == 329 and "Coordination Framework" in body
    finally:
        proc.terminate()
        proc.wait(timeout=10)
