"""Fixtures of the web tests: an app on the built-in data and its test client."""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from majlis.web import create_app

TOKEN = "test-token-0123456789"


@pytest.fixture(scope="session")
def client() -> TestClient:
    return TestClient(create_app(token=TOKEN))
