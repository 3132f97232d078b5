"""Saved what-if scenarios: ``/s/<id>`` (page), ``/api/scenarios`` (JSON)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
