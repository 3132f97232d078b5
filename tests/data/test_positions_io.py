"""positions.csv: read, written and stored exactly; errors name the file and line."""

from __future__ import annotations

import shutil
from fractions import Fraction
from pathlib import Path

import pytest

from majlis.data import (
    builtin_path,
    dataset_from_json,
    dataset_to_json,
    load_dataset,
    read_dataset_dir,
    write_dataset_dir,
)
from majlis.data.store import Store
from majlis.errors import ValidationError

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ruritania"


def test_example_positions_are_read_with_their_dates() -> None:
    ds = read_dataset_dir(EXAMPLE)
    assert ds.dimensions() == ["left_right"]
    # green: 3 from 2024-01-01, 4 from 2024-09-01 (the file's two rows)
    assert ds.position("green", "left_right", on="2024-06-01").value == 3
    assert ds.position("green", "left_right", on="2024-09-01").value == 4
    assert ds.position("blue", "left_right", on="2020-01-01").value == Fraction(13, 2)
    assert ds.position("ind", "left_right") is None


def test_positions_round_trip_through_csv_json_and_the_store(tmp_path: Path) -> None:
    iraq = load_dataset("iraq")
    write_dataset_dir(iraq, tmp_path / "iq")
    back = read_dataset_dir(tmp_path / "iq")
    assert back.positions == iraq.positions
    assert dataset_from_json(dataset_to_json(iraq)).positions == iraq.positions
    store = Store(f"sqlite:///{tmp_path / 's.sqlite3'}")
    store.save(iraq, name="iraq")
    assert store.load("iraq").positions == iraq.positions


def test_exact_values_survive_a_round_trip(tmp_path: Path) -> None:
    folder = tmp_path / "ru"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "positions.csv").open("a", encoding="utf-8") as fh:
        fh.write("red,third,1/3,0,1,,coded,,example,a third\n")
    ds = read_dataset_dir(folder)
    assert ds.position("red", "third").value == Fraction(1, 3)
    write_dataset_dir(ds, tmp_path / "out")
    text = (tmp_path / "out" / "positions.csv").read_text(encoding="utf-8")
    assert "red,third,1/3,0,1," in text and "blue,left_right,6.5,0,10," in text


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            "red,lr2,12,0,10,,judgement,,x,",
            "positions.csv line 6: position of 'red' on 'lr2': value 12 outside",
        ),
        ("red,lr2,,0,10,,judgement,,x,", "positions.csv line 6: value is empty"),
        ("red,lr2,1,0,,,judgement,,x,", "positions.csv line 6: high is empty"),
        ("red,lr2,1,0,10,,guess,,x,", "positions.csv line 6: .*unknown method 'guess'"),
        ("red,lr2,1,0,10,,coded,2024-13-01,x,", "malformed as_of in positions.csv line 6"),
        ("nobody,lr2,1,0,10,,coded,,x,", "unknown party 'nobody'"),
        ("red,left_right,1,0,5,,coded,2020-01-01,x,", "scale 0..5 differs from 0..10"),
    ],
)
def test_bad_rows_are_refused_with_their_line(tmp_path: Path, row: str, message: str) -> None:
    folder = tmp_path / "ru"
    shutil.copytree(EXAMPLE, folder)
    with (folder / "positions.csv").open("a", encoding="utf-8") as fh:
        fh.write(row + "\n")
    with pytest.raises(ValidationError, match=message):
        read_dataset_dir(folder)


def test_positions_csv_is_optional(tmp_path: Path) -> None:
    folder = tmp_path / "ru"
    shutil.copytree(EXAMPLE, folder)
    (folder / "positions.csv").unlink()
    assert read_dataset_dir(folder).positions == ()


def test_builtin_folder_ships_positions_and_their_notes() -> None:
    assert (builtin_path("iraq") / "positions.csv").exists()
    assert (builtin_path("iraq") / "sources" / "POSITIONS-SOURCES.md").exists()
