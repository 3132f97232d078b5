"""Things every route needs: the app's settings, the dataset it serves, bounded query types."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query, Request

from majlis.errors import UnknownIdError
from majlis.model import Dataset
from majlis.web.cache import cacheable, note_dataset

__all__ = [
    "PURE",
    "DateQ",
    "ElectionQ",
    "LangQ",
    "SeedQ",
    "Settings",
    "get_dataset",
    "one_of",
    "settings_of",
]


@dataclass(frozen=True)
class Settings:
    """What a running app serves: the dataset's name, the store's URL and the write token."""

    dataset: str = "iraq"
    store_url: str | None = None
    token: str | None = None


def settings_of(request: Request) -> Settings:
    """The settings of the app serving ``request``."""
    return request.app.state.settings  # type: ignore[no-any-return]


def get_dataset(request: Request) -> Dataset:
    """The dataset the app serves (from the store if saved there, else built in).

    Resolved by the app's :class:`~majlis.web.cache.DatasetSource`, which asks the store again
    only every few seconds.
    """
    ds: Dataset = request.app.state.source.get()
    note_dataset(request, ds)
    return ds


def one_of(value: str, known: Sequence[str], what: str) -> str:
    """``value`` if it is one of ``known`` (e.g. a built-in scenario: never a file path), else
    :class:`~majlis.errors.UnknownIdError` naming ``what`` and the known ids."""
    if value not in known:
        raise UnknownIdError(f"unknown {what} {value!r} (known: {', '.join(known)})")
    return value


DatasetDep = Annotated[Dataset, Depends(get_dataset)]

#: ``dependencies=PURE`` on a GET route whose response depends only on the dataset and the
#: URL: the app then answers the same request again from memory (:mod:`majlis.web.cache`).
PURE = [Depends(cacheable)]

DateQ = Annotated[
    str | None,
    Query(
        description="The house on this day (YYYY-MM-DD).", max_length=10, examples=["2022-07-01"]
    ),
]
ElectionQ = Annotated[
    str | None,
    Query(
        description="Election id or year; alone, the house as elected.",
        max_length=40,
        examples=["2021"],
    ),
]
LangQ = Annotated[
    str | None,
    Query(
        description="Page language: 'ar' for Arabic (right to left), else English.", max_length=5
    ),
]
SeedQ = Annotated[
    int | None,
    Query(ge=0, le=2**63 - 1, description="Seed (default 1: the same link, the same numbers)."),
]
