"""Pictures of a parliament: the hemicycle layout and its SVG renderer."""

from majlis.viz.hemicycle import hemicycle_layout, hemicycle_rows, hemicycle_svg, parliament_svg

__all__ = ["hemicycle_layout", "hemicycle_rows", "hemicycle_svg", "parliament_svg"]
