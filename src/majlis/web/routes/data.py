"""Data & sources (``/data``): every table of the dataset with its sources, as CSV or JSON."""

from __future__ import annotations

import csv
import io
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, Response

from majlis.data import COLUMNS, dataset_to_json, source_report
from majlis.errors import UnknownIdError
from majlis.web.render import render
from majlis.web.routes._deps import PURE, DatasetDep, LangQ
from majlis.web.views import per_dataset

router = APIRouter()

PREVIEW_ROWS = 8

TableP = Annotated[str, Path(description="Table name: " + ", ".join(COLUMNS) + ".", max_length=40)]


def _table(doc: dict[str, Any], name: str) -> list[dict[str, str]]:
    if name not in doc["tables"]:
        raise UnknownIdError(f"unknown table {name!r} (tables: {', '.join(doc['tables'])})")
    return doc["tables"][name]  # type: ignore[no-any-return]


@router.get(
    "/data",
    dependencies=PURE,
    response_class=HTMLResponse,
    summary="Every table with its sources (page)",
    tags=["pages"],
)
def data_page(request: Request, ds: DatasetDep, lang: LangQ = None) -> HTMLResponse:
    doc = per_dataset(ds, "json", dataset_to_json)
    sources = {t.table: t for t in per_dataset(ds, "sources", source_report).tables}
    tables = [
        {
            "name": name,
            "columns": COLUMNS.get(name, tuple(rows[0]) if rows else ()),
            "rows": rows,
            "sources": sources.get(name),
        }
        for name, rows in doc["tables"].items()
    ]
    return render(
        request,
        "pages/data.html",
        None,
        {
            "ds": ds,
            "meta": {k: v for k, v in doc.items() if k != "tables"},
            "tables": tables,
            "preview": PREVIEW_ROWS,
        },
    )


@router.get(
    "/api/data",
    dependencies=PURE,
    summary="The whole dataset (JSON, the `majlis data export x.json` document)",
    tags=["api"],
)
def api_dataset(ds: DatasetDep) -> dict[str, Any]:
    return per_dataset(ds, "json", dataset_to_json)


@router.get(
    "/api/data/{table}",
    dependencies=PURE,
    summary="One table of the dataset (JSON rows)",
    tags=["api"],
)
def api_table(ds: DatasetDep, table: TableP) -> dict[str, Any]:
    doc = per_dataset(ds, "json", dataset_to_json)
    return {"table": table, "rows": _table(doc, table)}


@router.get(
    "/data/{table}.csv",
    dependencies=PURE,
    summary="One table of the dataset (CSV, as `majlis data export` writes it)",
    tags=["api"],
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def table_csv(ds: DatasetDep, table: TableP) -> Response:
    rows = _table(per_dataset(ds, "json", dataset_to_json), table)
    buf = io.StringIO()
    w = csv.DictWriter(
        buf, fieldnames=list(COLUMNS.get(table, rows[0] if rows else ())), lineterminator="\n"
    )
    w.writeheader()
    w.writerows(rows)
    return Response(
        buf.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'attachment; filename="{ds.country}-{table}.csv"'},
    )
