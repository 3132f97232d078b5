"""The coalition builder (``/coalitions``) and ``/api/coalitions``, ``/api/power``."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
