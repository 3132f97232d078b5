"""The CSV folder and JSON formats: every table round-trips, optional tables may be absent."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from majlis.data import (
    COLUMNS,
    builtin_path,
    dataset_from_json,
    dataset_to_json,
    load_dataset,
    read_dataset_dir,
    write_dataset_dir,
)
from majlis.data._csv import dataset_to_tables
from majlis.errors import ValidationError

NEW_TABLES = ("relations", "committees", "tallies", "cabinets", "cabinet_posts")
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ruritania"


def test_the_iraq_dataset_round_trips_through_csv_and_json(tmp_path: Path) -> None:
    iraq = load_dataset("iraq")
    write_dataset_dir(iraq, tmp_path / "iq")
    back = read_dataset_dir(tmp_path / "iq")
    assert dataset_to_tables(back) == dataset_to_tables(iraq)
    assert dataset_to_tables(dataset_from_json(dataset_to_json(iraq))) == dataset_to_tables(iraq)
    for name in NEW_TABLES:  # every new table is written and carries rows
        assert (tmp_path / "iq" / f"{name}.csv").exists()
        assert dataset_to_tables(back)[1][name], name
    assert back.cabinet_posts("sudani-2022") == iraq.cabinet_posts("sudani-2022")
    assert back.tally("2022-03-30", "session").values("present") == (178, 200)


def test_a_dataset_without_the_new_tables_still_loads(tmp_path: Path) -> None:
    # the example country predates relations, committees, tallies and cabinets
    assert not any((EXAMPLE / f"{n}.csv").exists() for n in NEW_TABLES)
    ds = read_dataset_dir(EXAMPLE)
    assert (ds.relations, ds.committees, ds.tallies, ds.cabinets, ds.posts) == ((),) * 5
    # an older export of the Iraq data (before these tables) loads too
    old = tmp_path / "old"
    shutil.copytree(builtin_path("iraq"), old, ignore=shutil.ignore_patterns("sources"))
    for n in NEW_TABLES:
        (old / f"{n}.csv").unlink()
    assert read_dataset_dir(old).cabinets == ()
    doc = dataset_to_json(load_dataset("iraq"))
    for n in NEW_TABLES:
        del doc["tables"][n]
    assert dataset_from_json(doc).relations == ()


def test_columns_of_the_new_tables() -> None:
    assert COLUMNS["relations"][:3] == ("kind", "subject", "object")
    assert COLUMNS["tallies"] == (
        "event",
        "item",
        "round",
        "measure",
        "subject",
        "count",
        "source",
        "notes",
    )
    assert "status" in COLUMNS["cabinet_posts"] and "coalition" in COLUMNS["cabinets"]


@pytest.mark.parametrize(
    ("table", "old", "new", "message"),
    [
        ("tallies.csv", ",session,1,present,,178,", ",session,1,present,,abc,", "not a whole"),
        (
            "cabinet_posts.csv",
            ",furatain,Al-Furatain Movement;",
            ",nope,Al-Furatain Movement;",
            "unknown party 'nope'",
        ),
        ("relations.csv", "partner,tasmim,cf", "friend,tasmim,cf", "unknown kind"),
        ("committees.csv", ",sadrist,", ",nobody,", "unknown party or alliance 'nobody'"),
        ("cabinets.csv", ",furatain,sac,", ",furatain,nope,", "unknown coalition 'nope'"),
    ],
)
def test_errors_in_the_new_files_name_the_record(
    tmp_path: Path, table: str, old: str, new: str, message: str
) -> None:
    folder = tmp_path / "iq"
    shutil.copytree(builtin_path("iraq"), folder, ignore=shutil.ignore_patterns("sources"))
    text = (folder / table).read_text(encoding="utf-8")
    assert old in text
    (folder / table).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ValidationError, match=message):
        read_dataset_dir(folder)
