"""Forecast input files: the ``majlis-forecast/1`` JSON document and the CSV estimates table.

File format
-----------
JSON (``majlis-forecast/1``; every key optional)::

    {
      "format": "majlis-forecast/1",
      "election": "2025",                   # base election of the dataset (law, districts, votes)
      "swing": "proportional",              # or "uniform": how national estimates move districts
      "national_error": 0.15,               # log-share sd shared by all districts (per list)
      "district_error": 0.10,               # log-share sd per district and list
      "turnout_error": 0.10,                # log sd of each district's valid votes
      "poll": {"sample_size": 1500, "shares": {"rdc": 14.0, "sol": 9.5},       # percent
               "systematic_error": 0.15},   # log-share sd every poll shares (default: national_error)
      "estimates": [{"list": "kdp", "share": 10.5, "se": 1.0},
                    {"list": "puk", "district": "Sulaymaniyah", "share": 40, "se": 4}],
      "blocs": [{"id": "cf", "alliance": "cf", "on": "2025-12-29"},
                {"id": "kurds", "name": "Kurdish parties", "lists": ["kdp", "puk"]}],
      "blocs_on": "2025-12-29",             # date of the default blocs' memberships
      "coalitions": [["cf", "kurds"], ["cf", "taqaddum"]]
    }

CSV: an estimates table with a header line; columns ``list`` and ``share`` (percent)
required, ``district`` (empty = national) and ``se`` (percent) optional; lines starting
with ``#`` are comments. Lists are party ids or names of the dataset.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from majlis.errors import UnknownIdError, ValidationError
from majlis.forecast.inputs import (
    DEFAULT_DISTRICT_ERROR,
    DEFAULT_NATIONAL_ERROR,
    DEFAULT_TURNOUT_ERROR,
    SWINGS,
    Bloc,
    Estimate,
    ForecastInput,
    Poll,
    _check_se,
    _check_share,
    _resolve,
    alliance_lists,
    default_blocs,
    from_election,
    with_blocs,
    with_estimates,
    with_poll,
)
from majlis.limits import MAX_VOTES_BYTES, check_limit
from majlis.model import Dataset, parse_date

__all__ = ["forecast_input", "parse_input", "read_input"]


def _read_text(path: str | Path) -> str:
    p = Path(path)
    if not p.is_file():
        raise FileNotFoundError(2, "No such file", str(p))
    size = p.stat().st_size
    check_limit(size, MAX_VOTES_BYTES, f"bytes in an input file ({p.name})")
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(f"{p}: not a UTF-8 text file") from None


def _estimates_csv(text: str, where: str) -> list[Estimate]:
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        raise ValidationError(
            f"{where}: no estimates (expected a header line: list,share[,district,se])"
        )
    reader = csv.DictReader(io.StringIO("\n".join(lines)))
    cols = [c.strip() for c in (reader.fieldnames or [])]
    for need in ("list", "share"):
        if need not in cols:
            raise ValidationError(f"{where}: missing column {need!r} (columns: {', '.join(cols)})")
    extra = set(cols) - {"list", "share", "district", "se"}
    if extra:
        raise ValidationError(f"{where}: unknown column {sorted(extra)[0]!r}")
    out = []
    for i, row in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in row.items()}
        if not row.get("list"):
            raise ValidationError(f"{where} line {i}: empty list")
        _check_share(row["share"], f"{where} line {i}")
        _check_se(row.get("se"), f"{where} line {i}")
        out.append(
            Estimate(
                row["list"],
                float(row["share"]),
                float(row["se"]) if row.get("se") else None,
                row.get("district") or None,
            )
        )
    return out


def parse_input(
    doc: Mapping[str, Any],
    dataset: Dataset,
    *,
    election: str | int | None = None,
    national_error: float | None = None,
    district_error: float | None = None,
    turnout_error: float | None = None,
    swing: str | None = None,
    blocs_on: str | None = None,
    where: str = "input",
) -> ForecastInput:
    """Build a :class:`ForecastInput` from a ``majlis-forecast/1`` document (a dict).

    Keyword arguments override the document's settings (the CLI's options).

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> doc = {"estimates": [{"list": "sol", "share": 10}], "coalitions": [["cf", "kurdish"]]}
    >>> inp = parse_input(doc, load_dataset("iraq"))
    >>> round(float(inp.national_shares[inp.index("sol")]) * 100, 3), inp.coalitions
    (10.0, (('cf', 'kurdish'),))
    """
    if not isinstance(doc, Mapping):
        raise ValidationError(f"{where}: expected a JSON object")
    known = {
        "format", "dataset", "election", "swing", "national_error", "district_error",
        "turnout_error", "poll", "estimates", "blocs", "blocs_on", "coalitions", "name",
    }  # fmt: skip
    extra = set(doc) - known
    if extra:
        raise ValidationError(
            f"{where}: unknown key {sorted(extra)[0]!r} (known: {', '.join(sorted(known))})"
        )
    fmt = doc.get("format", "majlis-forecast/1")
    if fmt != "majlis-forecast/1":
        raise ValidationError(f"{where}: unknown format {fmt!r} (expected 'majlis-forecast/1')")

    def num(key: str, override: float | None, default: float) -> float:
        value = override if override is not None else doc.get(key, default)
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise ValidationError(f"{where}: {key} {value!r} is not a number") from None
        if not (math.isfinite(x) and 0 <= x <= 5):
            raise ValidationError(
                f"{where}: {key} must be between 0 and 5 (log scale), got {value!r}"
            )
        return x

    nat = num("national_error", national_error, DEFAULT_NATIONAL_ERROR)
    dis = num("district_error", district_error, DEFAULT_DISTRICT_ERROR)
    tur = num("turnout_error", turnout_error, DEFAULT_TURNOUT_ERROR)
    sw = swing or doc.get("swing", "proportional")
    if sw not in SWINGS:
        raise ValidationError(f"{where}: unknown swing {sw!r}: use one of {', '.join(SWINGS)}")
    on = blocs_on or doc.get("blocs_on")
    base = from_election(
        dataset,
        election if election is not None else doc.get("election"),
        national_error=nat,
        district_error=dis,
        turnout_error=tur,
        blocs=(),
        coalitions=(),
    )
    e = dataset.election(base.election)
    day = parse_date(on) if on else (e.first_session or e.date)
    inp = base
    poll = doc.get("poll")
    if poll is not None:
        if not isinstance(poll, Mapping) or not isinstance(poll.get("shares"), Mapping):
            raise ValidationError(
                f"{where}: poll must be {{'sample_size': N, 'shares': {{list: percent}}}}"
            )
        extra = set(poll) - {"sample_size", "shares", "systematic_error"}
        if extra:
            raise ValidationError(
                f"{where}: unknown poll key {sorted(extra)[0]!r} "
                "(known: sample_size, shares, systematic_error)"
            )
        n = poll.get("sample_size")
        if isinstance(n, bool) or not isinstance(n, int):
            raise ValidationError(f"{where}: poll sample_size {n!r} is not a whole number")
        sys_err = poll.get("systematic_error")
        if sys_err is not None:
            sys_err = num("poll systematic_error", sys_err, 0.0)
        inp = with_poll(
            inp, Poll(dict(poll["shares"]), n), swing=sw, systematic_error=sys_err, dataset=dataset
        )
    raw = doc.get("estimates", [])
    if not isinstance(raw, list):
        raise ValidationError(f"{where}: estimates must be a list of objects")
    estimates = []
    for k, item in enumerate(raw):
        if not isinstance(item, Mapping) or "list" not in item or "share" not in item:
            raise ValidationError(f"{where}: estimate #{k + 1} needs 'list' and 'share'")
        _check_share(item["share"], f"{where}: estimate #{k + 1}")
        se = _check_se(item.get("se"), f"{where}: estimate #{k + 1}")
        estimates.append(
            Estimate(
                str(item["list"]),
                float(item["share"]),
                None if se is None else se * 100,
                item.get("district"),
            )
        )
    inp = with_estimates(inp, estimates, swing=sw, dataset=dataset)
    blocs_doc = doc.get("blocs")
    if blocs_doc is None:
        blocs = default_blocs(dataset, inp.lists, day)
    else:
        if not isinstance(blocs_doc, list):
            raise ValidationError(f"{where}: blocs must be a list of objects")
        blocs = tuple(_bloc(b, k, inp, dataset, day, where) for k, b in enumerate(blocs_doc))
    coalitions = doc.get("coalitions")
    if coalitions is not None and (
        not isinstance(coalitions, list) or not all(isinstance(c, list) for c in coalitions)
    ):
        raise ValidationError(f"{where}: coalitions must be a list of lists of bloc or list ids")
    if coalitions is not None:
        coalitions = [[_member(str(m), inp, blocs, dataset) for m in c] for c in coalitions]
    out = with_blocs(inp, blocs, coalitions)
    if "name" in doc:
        out = replace(out, name=str(doc["name"]))
    return out


def _member(ref: str, inp: ForecastInput, blocs: Sequence[Bloc], dataset: Dataset) -> str:
    if any(b.id == ref for b in blocs):
        return ref
    try:
        return _resolve(inp, None, ref)
    except UnknownIdError:
        raise UnknownIdError(
            f"unknown bloc or list {ref!r} in a coalition (blocs: {', '.join(b.id for b in blocs) or 'none'})"
        ) from None


def _bloc(item: Any, k: int, inp: ForecastInput, dataset: Dataset, on: dt.date, where: str) -> Bloc:
    if not isinstance(item, Mapping) or "id" not in item:
        raise ValidationError(f"{where}: bloc #{k + 1} needs an 'id'")
    bid = str(item["id"])
    if "alliance" in item:
        day = parse_date(item["on"]) if item.get("on") else on
        members = [m for m in alliance_lists(dataset, str(item["alliance"]), day) if m in inp.lists]
        name = str(item.get("name") or dataset.alliance(str(item["alliance"])).name)
        if not members:
            raise ValidationError(
                f"{where}: bloc {bid!r}: alliance {item['alliance']!r} has no list of this forecast on {day}"
            )
    elif "lists" in item and isinstance(item["lists"], list):
        members = [_resolve(inp, None, str(m)) for m in item["lists"]]
        name = str(item.get("name") or bid)
    else:
        raise ValidationError(f"{where}: bloc {bid!r} needs 'alliance' (an alliance id) or 'lists'")
    return Bloc(bid, name, tuple(dict.fromkeys(members)))


def _document(text: str, path: Path) -> Any:
    if path.suffix.lower() == ".csv":
        estimates = _estimates_csv(text, path.name)
        return {
            "estimates": [{k: v for k, v in e.__dict__.items() if v is not None} for e in estimates]
        }
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValidationError(
            f"{path.name}: not valid JSON ({exc.msg} at line {exc.lineno})"
        ) from None


def read_input(path: str | Path, dataset: Dataset, **overrides: Any) -> ForecastInput:
    """Read a forecast input file: ``.json`` (``majlis-forecast/1``) or ``.csv`` (estimates).

    ``overrides`` are the keyword arguments of :func:`parse_input`. Raises
    ``FileNotFoundError`` for a missing file, :class:`~majlis.errors.TooLargeError` above
    :data:`majlis.limits.MAX_VOTES_BYTES`, and :class:`~majlis.errors.ValidationError` naming the line or
    key at fault.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from majlis.data import load_dataset
    >>> f = pathlib.Path(tempfile.mkdtemp()) / "est.csv"
    >>> _ = f.write_text("list,share,se\\nrdc,15,1.5\\n")
    >>> inp = read_input(f, load_dataset("iraq"))
    >>> round(float(inp.national_shares[inp.index("rdc")]) * 100, 3)
    15.0
    """
    p = Path(path)
    return parse_input(_document(_read_text(p), p), dataset, where=p.name, **overrides)


def forecast_input(
    dataset: Dataset,
    *,
    election: str | int | None = None,
    path: str | Path | None = None,
    national_error: float | None = None,
    district_error: float | None = None,
    turnout_error: float | None = None,
    swing: str | None = None,
    blocs_on: str | None = None,
) -> ForecastInput:
    """The input the CLI builds: a file if given, else the dataset's election (default latest).

    Options given here override the file's settings.

    Examples
    --------
    >>> from majlis.data import load_dataset
    >>> inp = forecast_input(load_dataset("iraq"), election=2025, national_error=0.2)
    >>> float(inp.national_error[0]), inp.election
    (0.2, '2025')
    """
    if path is not None:
        text = _read_text(path)
        doc, where = _document(text, Path(path)), Path(path).name
    else:
        doc, where = {}, "options"
    return parse_input(
        doc,
        dataset,
        election=election,
        national_error=national_error,
        district_error=district_error,
        turnout_error=turnout_error,
        swing=swing,
        blocs_on=blocs_on,
        where=where,
    )
