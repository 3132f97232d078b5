"""Datasets: the built-in Iraq data, CSV/JSON import and export, and the store.

>>> from majlis.data import load_dataset
>>> ds = load_dataset("iraq")
>>> ds.parliament(election=2021).total_seats
329
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from majlis.data._csv import (
    COLUMNS,
    FORMAT,
    dataset_from_json,
    dataset_to_json,
    read_dataset,
    read_dataset_dir,
    write_dataset_dir,
)
from majlis.data._sources import SourceReport, TableSources, source_report
from majlis.data.opportunities import SYSTEMS, opportunity_from_parliament
from majlis.data.parlgov import PARLGOV_VERSION, ParlGovData, parlgov_path, read_parlgov
from majlis.errors import UnknownIdError
from majlis.model import Dataset

__all__ = [
    "BUILTIN",
    "COLUMNS",
    "FORMAT",
    "SourceReport",
    "TableSources",
    "PARLGOV_VERSION",
    "SYSTEMS",
    "ParlGovData",
    "builtin_path",
    "dataset_from_json",
    "dataset_to_json",
    "load_dataset",
    "read_dataset",
    "opportunity_from_parliament",
    "parlgov_path",
    "read_parlgov",
    "read_dataset_dir",
    "source_report",
    "write_dataset_dir",
]

#: Built-in datasets shipped inside the package (folder name -> aliases).
BUILTIN: dict[str, tuple[str, ...]] = {"iraq": ("iq", "irq")}


def _canonical(name: str) -> str:
    key = name.strip().lower()
    for folder, aliases in BUILTIN.items():
        if key == folder or key in aliases:
            return folder
    raise UnknownIdError(f"unknown built-in dataset {name!r} (built in: {', '.join(BUILTIN)})")


def builtin_path(name: str = "iraq") -> Path:
    """The folder of a built-in dataset inside the installed package."""
    return Path(str(resources.files("majlis.data") / _canonical(name)))


@lru_cache(maxsize=8)
def _load_builtin(folder: str) -> Dataset:
    return read_dataset_dir(builtin_path(folder))


def load_dataset(name: str = "iraq") -> Dataset:
    """Load a built-in dataset (validated; cached, datasets are immutable).

    Parameters
    ----------
    name : str
        ``"iraq"`` (aliases ``"iq"``, ``"irq"``).

    Examples
    --------
    >>> load_dataset("iq").parliament(election=2025).seats["rdc"]
    46
    """
    return _load_builtin(_canonical(name))
