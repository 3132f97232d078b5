"""One module per page and its JSON API; :data:`ROUTERS` lists them in navigation order."""

from __future__ import annotations

from fastapi import APIRouter

from majlis.web.routes import (
    coalitions,
    data,
    forecast,
    formation,
    negotiation,
    parliament,
    scenarios,
    seats,
)

__all__ = ["ROUTERS"]

ROUTERS: tuple[APIRouter, ...] = (
    parliament.router,
    coalitions.router,
    seats.router,
    forecast.router,
    formation.router,
    negotiation.router,
    data.router,
    scenarios.router,
)
