"""A client's health history as an SVG line chart, drawn on the server with pygal.

The SVG is served as an image (no script runs in it; pygal's config script is taken out
anyway), with the bands' thresholds as dashed lines. A table beside it carries the same points
for screen readers and keyboard users.
"""

from collections.abc import Sequence
from datetime import date
from xml.etree import ElementTree

import pygal
from pygal.style import Style

from accord.insights.health import HEALTHY_FROM, WATCH_FROM

SVG = "{http://www.w3.org/2000/svg}"
STYLE = Style(
    background="#ffffff",
    plot_background="#ffffff",
    foreground="#1b1f2a",
    foreground_strong="#1b1f2a",
    foreground_subtle="#dfe3ea",
    font_family='system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
    label_font_size=12,
    major_label_font_size=12,
    colors=("#4338ca", "#067647", "#b42318"),
    guide_stroke_dasharray="2,4",
)


def health_svg(points: Sequence[tuple[date, int]]) -> str:
    """The chart of `points` (day, score), oldest first; an empty history draws an empty frame."""
    chart = pygal.Line(
        js=[],
        style=STYLE,
        width=760,
        height=280,
        explicit_size=False,
        show_legend=True,
        legend_at_bottom=True,
        legend_box_size=10,
        range=(0, 100),
        include_x_axis=False,
        show_dots=len(points) <= 45,
        dots_size=2.5,
        stroke_style={"width": 2.5},
        show_minor_x_labels=False,
        x_label_rotation=0,
        truncate_label=-1,
        margin=12,
        disable_xml_declaration=False,
        no_data_text="No history yet",
    )
    labels = [day.strftime("%-d %b") for day, _ in points]
    chart.x_labels = labels
    chart.x_labels_major = labels[:: max(1, len(labels) // 6)] if labels else []
    chart.add("Health", [score for _, score in points])
    if points:
        chart.add(
            f"Healthy from {HEALTHY_FROM}",
            [HEALTHY_FROM] * len(points),
            show_dots=False,
            stroke_style={"width": 1, "dasharray": "6,4"},
        )
        chart.add(
            f"At risk below {WATCH_FROM}",
            [WATCH_FROM] * len(points),
            show_dots=False,
            stroke_style={"width": 1, "dasharray": "6,4"},
        )
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            if child.tag in (f"{SVG}script", "script"):
                parent.remove(child)
    title = ElementTree.Element("title")
    title.text = "Account health over time (0 to 100)"
    tree.insert(0, title)
    return ElementTree.tostring(tree, encoding="unicode")
