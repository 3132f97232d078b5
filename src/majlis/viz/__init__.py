"""Pictures: the hemicycle layout and its SVG renderer, small SVG histograms, and forecast charts (matplotlib).

Everything here draws plain data handed to it; ``majlis.viz`` imports no other layer.
"""

from majlis.viz.hemicycle import hemicycle_layout, hemicycle_rows, hemicycle_svg, parliament_svg
from majlis.viz.histogram import histogram_svg
from majlis.viz.plots import forecast_figure

__all__ = [
    "forecast_figure",
    "hemicycle_layout",
    "hemicycle_rows",
    "hemicycle_svg",
    "histogram_svg",
    "parliament_svg",
]
