"""How solid is a dataset? Rows per table, rows with a source, rows disputed or estimated.

The rules (documented in the README, section "Dataset format"):

- a row is *sourced* if its ``source`` cell is not empty;
- a row is *disputed* if a cell other than ``source`` contains the word ``DISPUTED`` or
  ``CONFLICT`` (sources disagree), or, in ``tallies.csv``, if other rows give a different count
  for the same figure;
- a row is *estimated* if a cell other than ``source`` contains ``ESTIMATED`` (an approximate,
  inferred or computed figure), if a result's ``votes_status`` is ``approximate`` or
  ``preliminary``, or if an event is dated only to the month.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from majlis.data._csv import COLUMNS, Row, dataset_to_tables
from majlis.errors import UnknownIdError
from majlis.model import Dataset

__all__ = ["SourceReport", "TableSources", "source_report"]

_DISPUTED = re.compile(r"\b(DISPUTED|CONFLICT)\b")
_ESTIMATED = re.compile(r"\bESTIMATED\b")

#: Columns that name a row in the report (the first columns of a table otherwise).
_KEYS: dict[str, tuple[str, ...]] = {
    "parties": ("id",),
    "alliances": ("id",),
    "memberships": ("alliance", "member", "start"),
    "elections": ("id",),
    "districts": ("election", "name"),
    "results": ("election", "party", "district", "seat_type"),
    "events": ("id",),
    "seat_changes": ("event", "party"),
    "relations": ("kind", "subject", "object", "start"),
    "committees": ("id",),
    "tallies": ("event", "item", "round", "measure", "subject", "count"),
    "cabinets": ("id",),
    "cabinet_posts": ("cabinet", "post", "start"),
    "positions": ("party", "dimension", "as_of"),
}


@dataclass(frozen=True)
class TableSources:
    """The sourcing of one table: counts, and the labels of the rows to look at."""

    table: str
    rows: int
    sourced: int
    disputed: tuple[str, ...] = ()
    estimated: tuple[str, ...] = ()
    unsourced: tuple[str, ...] = ()

    @property
    def share_sourced(self) -> float:
        """Share of rows with a source (1.0 for an empty table), for display."""
        return self.sourced / self.rows if self.rows else 1.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document."""
        return {
            "table": self.table,
            "rows": self.rows,
            "sourced": self.sourced,
            "disputed": len(self.disputed),
            "estimated": len(self.estimated),
            "disputed_rows": list(self.disputed),
            "estimated_rows": list(self.estimated),
            "unsourced_rows": list(self.unsourced),
        }


@dataclass(frozen=True)
class SourceReport:
    """The sourcing of every table of a dataset (see :func:`source_report`)."""

    dataset: str
    tables: tuple[TableSources, ...]

    def table(self, name: str) -> TableSources:
        """The report of one table (:class:`~majlis.errors.UnknownIdError` if none)."""
        for t in self.tables:
            if t.table == name:
                return t
        known = ", ".join(t.table for t in self.tables)
        raise UnknownIdError(f"unknown table {name!r} (tables: {known})")

    @property
    def rows(self) -> int:
        """Rows in all tables."""
        return sum(t.rows for t in self.tables)

    @property
    def sourced(self) -> int:
        """Rows with a source, in all tables."""
        return sum(t.sourced for t in self.tables)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready document (the ``majlis data sources --json`` shape)."""
        return {
            "dataset": self.dataset,
            "rows": self.rows,
            "sourced": self.sourced,
            "disputed": sum(len(t.disputed) for t in self.tables),
            "estimated": sum(len(t.estimated) for t in self.tables),
            "tables": [t.to_dict() for t in self.tables],
        }


def _label(table: str, row: Row) -> str:
    keys = _KEYS.get(table, COLUMNS[table][:3])
    return " / ".join(row.get(k, "") for k in keys if row.get(k, ""))


def _text(row: Row) -> str:
    return " ".join(v for k, v in row.items() if k != "source")


def _disputed_tally_rows(rows: list[Row]) -> set[int]:
    counts: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for r in rows:
        counts[(r["event"], r["item"], r["round"], r["measure"], r["subject"])].add(r["count"])
    return {
        i
        for i, r in enumerate(rows)
        if len(counts[(r["event"], r["item"], r["round"], r["measure"], r["subject"])]) > 1
    }


def _estimated_by_field(table: str, row: Row) -> bool:
    if table == "results" and row.get("votes_status") in ("approximate", "preliminary"):
        return True
    return table == "events" and row.get("date_precision") == "month"


def source_report(dataset: Dataset) -> SourceReport:
    """Count, for each table of ``dataset``, its rows, those with a source, and those disputed or
    estimated (the rules are in this module's docstring).

    Parameters
    ----------
    dataset : Dataset
        Any validated dataset (built in, imported, or built in code).

    Returns
    -------
    SourceReport
        One :class:`TableSources` per table of the dataset format.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> report = source_report(load_dataset("iraq"))
    >>> t = report.table("tallies")
    >>> t.rows == t.sourced
    True
    >>> "2022-03-30 / session / 1 / present / 178" in t.disputed
    True
    """
    _meta, tables = dataset_to_tables(dataset)
    out = []
    for name, rows in tables.items():
        tally_disputes = _disputed_tally_rows(rows) if name == "tallies" else set()
        disputed, estimated, unsourced = [], [], []
        for i, row in enumerate(rows):
            label = _label(name, row)
            text = _text(row)
            if i in tally_disputes or _DISPUTED.search(text):
                disputed.append(label)
            if _ESTIMATED.search(text) or _estimated_by_field(name, row):
                estimated.append(label)
            if not row.get("source", "").strip():
                unsourced.append(label)
        out.append(
            TableSources(
                table=name,
                rows=len(rows),
                sourced=len(rows) - len(unsourced),
                disputed=tuple(disputed),
                estimated=tuple(estimated),
                unsourced=tuple(unsourced),
            )
        )
    return SourceReport(dataset=dataset.name, tables=tuple(out))
