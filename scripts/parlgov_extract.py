"""Write the trimmed ParlGov extract that majlis ships (src/majlis/data/parlgov/).

Usage::

    python scripts/parlgov_extract.py PATH/TO/PARLGOV-EXPORT src/majlis/data/parlgov

PATH/TO/PARLGOV-EXPORT is an unmodified ParlGov CSV export (development version 07/23, as
published in github.com/hdigital/parlgov-snippets) holding ``view_election.csv``,
``view_cabinet.csv`` and ``view_party.csv``. The extract keeps the same file names, the same
column names and the same values, and only drops what :func:`majlis.data.read_parlgov` never
reads, so that reading the extract and reading the full export give the same opportunities:

* ``view_election.csv``: parliament elections since 1945 (no European Parliament elections),
  the rows of parties that won seats, and the columns the reader uses;
* ``view_cabinet.csv``: the rows of parties holding seats in cabinets that started in 1945 or
  later (the parliament composition at a cabinet's start comes from them), and the government
  parties' rows of every cabinet (the country's history of governments);
* ``view_party.csv``: parties that appear in the two other files.

The script is deterministic (rows keep the export's order). It reads the export with
majlis's own ParlGov reader (so a missing file or column is reported the same way) and takes
the cabinet columns from the reader's list of required columns, so the two cannot drift apart;
run it with the project's environment (``.venv/bin/python scripts/parlgov_extract.py ...``).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from majlis.data.parlgov import _REQUIRED
from majlis.data.parlgov import _read_csv as _read_export

ELECTION_COLUMNS = (
    "country_name_short",
    "election_type",
    "election_date",
    "seats",
    "seats_total",
    "election_id",
    "party_id",
)
CABINET_COLUMNS = _REQUIRED["view_cabinet.csv"]
PARTY_COLUMNS = (
    "country_name_short",
    "party_name_short",
    "party_name_english",
    "family_name_short",
    "left_right",
    "state_market",
    "liberty_authority",
    "eu_anti_pro",
    "party_id",
)
SINCE = "1945"


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow([r[c] for c in columns])


def main(src: Path, dst: Path) -> None:
    elections = [
        r
        for r in _read_export(src / "view_election.csv", ELECTION_COLUMNS)
        if r["election_type"] == "parliament"
        and r["election_date"] >= SINCE
        and (r["seats"] or "0") != "0"
    ]
    cabinets = [
        r
        for r in _read_export(src / "view_cabinet.csv", CABINET_COLUMNS)
        if r["cabinet_party"] == "1" or (r["start_date"] >= SINCE and (r["seats"] or "0") != "0")
    ]
    used = {r["party_id"] for r in elections} | {r["party_id"] for r in cabinets}
    parties = [
        r for r in _read_export(src / "view_party.csv", PARTY_COLUMNS) if r["party_id"] in used
    ]
    dst.mkdir(parents=True, exist_ok=True)
    _write(dst / "view_election.csv", ELECTION_COLUMNS, elections)
    _write(dst / "view_cabinet.csv", CABINET_COLUMNS, cabinets)
    _write(dst / "view_party.csv", PARTY_COLUMNS, parties)
    for name, rows in (
        ("view_election.csv", elections),
        ("view_cabinet.csv", cabinets),
        ("view_party.csv", parties),
    ):
        size = (dst / name).stat().st_size
        print(f"{name}: {len(rows):,} rows, {size:,} bytes")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(Path(sys.argv[1]), Path(sys.argv[2]))
