"""Vendored front-end files: exactly the published releases, served locally with their licences."""

from __future__ import annotations

import hashlib
from pathlib import Path

from fastapi.testclient import TestClient

STATIC = Path(__file__).parents[2] / "src" / "majlis" / "web" / "static"

# sha256 of the files in the npm tarballs (npm pack htmx.org@2.0.11, swagger-ui-dist@5.35.0)
VENDORED = {
    "vendor/htmx-2.0.11.min.js": "d6fdc75f204e6bdefa99b69bf1e6d4ac69b8a364f77929f45c13476b4000f717",
    "vendor/swagger-ui-5.35.0/swagger-ui-bundle.js": "e6a898692f2d768e807c3ba4626068a69a2c5dd960dd6c76f3e4d3a3de180af2",
    "vendor/swagger-ui-5.35.0/swagger-ui.css": "5ed08757e53da3e026d6cbecc61fe5d43585c9560b302d534ad56692519a273d",
}


def test_vendored_files_are_the_published_releases() -> None:
    for rel, digest in VENDORED.items():
        assert hashlib.sha256((STATIC / rel).read_bytes()).hexdigest() == digest, rel
    assert "Zero-Clause BSD" in (STATIC / "vendor/htmx-2.0.11.LICENSE").read_text()
    assert "Apache License" in (STATIC / "vendor/swagger-ui-5.35.0/LICENSE").read_text()


def test_static_files_are_served(client: TestClient) -> None:
    r = client.get("/static/vendor/htmx-2.0.11.min.js")
    assert r.status_code == 200 and "javascript" in r.headers["content-type"]
    assert hashlib.sha256(r.content).hexdigest() == VENDORED["vendor/htmx-2.0.11.min.js"]
