"""What keeps the web app safe: security headers, request size limits, the write token.

* Every response carries a Content-Security-Policy without inline scripts (the app's only
  scripts are files under ``/static``), ``X-Content-Type-Options: nosniff``, a
  ``frame-ancestors 'none'`` policy (and ``X-Frame-Options: DENY`` for old browsers) and
  ``Referrer-Policy: same-origin``.
* A request body larger than :data:`MAX_BODY_BYTES` is refused with 413 before it is read.
* Writes (creating, changing, deleting scenarios) need the token: ``Authorization: Bearer
  <token>`` (or ``X-Majlis-Token``) from API clients, a ``token`` form field from the pages.
  No cookie ever carries it, so a page of another site cannot make a browser write on the
  user's behalf (no CSRF); form posts from another origin are refused as well.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path
from typing import Any

from fastapi import HTTPException, Request

__all__ = [
    "MAX_BODY_BYTES",
    "BodyLimit",
    "SecurityHeaders",
    "check_token",
    "load_or_create_token",
]

#: Largest request body accepted (an uploaded votes file or a scenario document).
MAX_BODY_BYTES = 1_000_000

_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI (the /docs page) sets inline style attributes; its scripts are still files.
_CSP_DOCS = _CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (_CSP_DOCS if scope.get("path", "").startswith("/docs") else _CSP).encode()

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _HEADERS if k not in names]
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", csp))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware refusing request bodies above ``limit`` bytes with 413 (and a message)."""

    def __init__(self, app: Any, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._refuse(send)
            return
        seen = 0

        async def counted() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _BodyTooLarge:
            await self._refuse(send)

    async def _refuse(self, send: Any) -> None:
        body = (
            b'{"detail": "request body too large: at most '
            + f"{self.limit:,}".encode()
            + b' bytes"}'
        )
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class _BodyTooLarge(Exception):
    pass


def check_token(request: Request, expected: str | None, form_token: str | None = None) -> None:
    """Raise 401/403 unless the request carries the write token.

    The token comes from ``Authorization: Bearer ...``, ``X-Majlis-Token`` or (pages) the
    ``token`` form field. A form posted from another origin is refused.
    """
    origin = request.headers.get("origin")
    if origin and origin != "null":
        host = request.headers.get("host", "")
        if origin.split("://", 1)[-1] != host:
            raise HTTPException(403, f"cross-origin write refused (origin {origin})")
    if not expected:
        raise HTTPException(
            403, "writes are disabled: start the server with MAJLIS_TOKEN set (make run does)"
        )
    given = form_token
    auth = request.headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        given = auth[7:].strip()
    given = given or request.headers.get("x-majlis-token")
    if not given:
        raise HTTPException(
            401,
            "this write needs the token: send 'Authorization: Bearer <token>' (the token "
            "`make run` prints)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "wrong token")


def load_or_create_token(folder: Path) -> tuple[str, Path]:
    """The write token kept in ``folder/token`` (created on first use, readable by the owner only).

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> first, path = load_or_create_token(d)
    >>> load_or_create_token(d)[0] == first, path.name, len(first) >= 32
    (True, 'token', True)
    """
    path = folder / "token"
    if path.exists():
        token = path.read_text(encoding="utf-8").strip()
        if token:
            return token, path
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_urlsafe(24)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, stat.S_IRUSR | stat.S_IWUSR)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(token + "\n")
    return token, path
