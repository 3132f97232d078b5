"""The web app (FastAPI + Jinja2 + htmx), in English and Arabic, and its JSON API.

Needs the ``web`` extra: ``pip install 'majlis[web]'``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from majlis.errors import MajlisError

if TYPE_CHECKING:
    from fastapi import FastAPI

__all__ = ["create_app"]


def create_app(
    dataset: str = "iraq", *, token: str | None = None, store_url: str | None = None
) -> FastAPI:
    """Build the ASGI app serving ``dataset`` (see :func:`majlis.web.app.create_app`)."""
    try:
        from majlis.web.app import create_app as _create
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise MajlisError(
            f"the web app needs the 'web' extra ({exc.name} is missing): pip install 'majlis[web]'"
        ) from None
    return _create(dataset, token=token, store_url=store_url)
