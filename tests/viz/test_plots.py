"""Forecast charts: PNG and SVG files, deterministic SVG, an install hint without matplotlib."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from majlis.errors import MajlisError, ValidationError
from majlis.viz import forecast_figure

DATA = {
    "title": "test",
    "thresholds": {"majority 6": 6},
    "distributions": [
        {"name": "A", "hist": {4: 1, 5: 3, 6: 1}},
        {"name": "B", "hist": {"3": 2, "5": 2}},
    ],
    "bars": [{"name": "A", "values": {">= 6": 0.2}}, {"name": "A + B", "values": {">= 6": 1.0}}],
}


def test_png_and_svg(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    png, svg = forecast_figure(DATA, tmp_path / "sub" / "chart.pdf")
    assert (png.name, svg.name) == ("chart.png", "chart.svg")
    assert png.read_bytes().startswith(b"\x89PNG")
    text = svg.read_text()
    assert "<svg" in text and "A + B" in text
    again = forecast_figure(DATA, tmp_path / "again.svg")[1]
    assert again.read_text() == text  # no dates, fixed ids: the same file for the same data


def test_nothing_to_plot(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    with pytest.raises(ValidationError):
        forecast_figure({"title": "x"}, tmp_path / "x.png")


def test_install_hint(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)
    with pytest.raises(MajlisError, match=r"pip install 'majlis\[plot\]'"):
        forecast_figure(DATA, tmp_path / "x.png")
