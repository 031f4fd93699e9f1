"""A client's health history as an SVG line chart, drawn on the server with pygal.

The SVG is served as an image (no script runs in it; pygal's config script is taken out
anyway). Light guides sit behind the score; the bands' thresholds are the clear lines, dashed in
their band's colour and shown as lines in the legend. A narrow version, with larger text and
fewer dates, is drawn for phones. A table beside it carries the same points for screen readers
and keyboard users.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from xml.etree import ElementTree

import pygal
from pygal.style import Style

from accord.insights.health import HEALTHY_FROM, WATCH_FROM

GUIDE = "#dfe3ea"
HEALTH_COLOUR, HEALTHY_COLOUR, AT_RISK_COLOUR = "#4338ca", "#067647", "#b42318"
THRESHOLD_DASHES = "8,5"
# The score axis names the thresholds themselves: the lines at 45 and 70 carry their number.
Y_LABELS = (0, 20, WATCH_FROM, HEALTHY_FROM, 100)


@dataclass(frozen=True)
class Shape:
    """A chart's size in its own units and the text size within it: shown at about its width,
    the text reads at that size."""

    width: int
    height: int
    font: int
    dates: int


WIDE = Shape(width=760, height=280, font=13, dates=6)
# For a phone (shown about 330 px wide): a taller box, 14-unit text, three or four dates.
NARROW = Shape(width=380, height=330, font=14, dates=3)


def _style(shape: Shape) -> Style:
    return Style(
        background="#ffffff",
        plot_background="#ffffff",
        foreground="#1b1f2a",
        foreground_strong="#1b1f2a",
        foreground_subtle=GUIDE,
        font_family='system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
        label_font_size=shape.font,
        major_label_font_size=shape.font,
        legend_font_size=shape.font,
        no_data_font_size=2 * shape.font,
        colors=(HEALTH_COLOUR, HEALTHY_COLOUR, AT_RISK_COLOUR),
        guide_stroke_color=GUIDE,
        major_guide_stroke_color=GUIDE,
        guide_stroke_dasharray="none",
        major_guide_stroke_dasharray="none",
        # Each line keeps the width its series sets (pygal's own rule would make every one 1).
        stroke_width="inherit",
        stroke_opacity=1,
    )


def _name(element: ElementTree.Element) -> str:
    """An element's tag without its namespace (pygal writes them bare); "" for a comment."""
    return element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""


def _legend_as_lines(tree: ElementTree.Element, dashed: set[str]) -> None:
    """Each legend key drawn as the line it stands for (the thresholds dashed), not a square."""
    for group in tree.iter():
        if _name(group) != "g" or "legend" not in (group.get("class") or "").split():
            continue
        box = next((child for child in group if _name(child) == "rect"), None)
        if box is None:
            continue
        x, y = float(box.get("x", 0)), float(box.get("y", 0))
        size = float(box.get("width", 0))
        line = ElementTree.Element(
            "path",
            {
                "d": f"M{x:.1f} {y + size / 2:.1f} h{size:.1f}",
                "class": box.get("class", ""),
                "style": "fill:none;stroke-width:2.5"
                + (f";stroke-dasharray:{THRESHOLD_DASHES}" if group.get("id") in dashed else ""),
            },
        )
        group.remove(box)
        group.insert(0, line)


def health_svg(points: Sequence[tuple[date, int]], *, narrow: bool = False) -> str:
    """The chart of `points` (day, score), oldest first; an empty history draws an empty frame.
    `narrow` draws the phone's version."""
    shape = NARROW if narrow else WIDE
    chart = pygal.Line(
        js=[],
        style=_style(shape),
        width=shape.width,
        height=shape.height,
        explicit_size=False,
        show_legend=True,
        legend_at_bottom=True,
        legend_at_bottom_columns=1 if narrow else 3,
        legend_box_size=18,
        range=(0, 100),
        y_labels=list(Y_LABELS),
        include_x_axis=False,
        show_dots=len(points) <= 45,
        dots_size=2.5,
        stroke_style={"width": 3},
        show_minor_x_labels=False,
        x_label_rotation=0,
        truncate_label=-1,
        margin=12,
        disable_xml_declaration=False,
        no_data_text="No history yet",
    )
    labels = [day.strftime("%-d %b") for day, _ in points]
    chart.x_labels = labels
    step = -(-len(labels) // shape.dates) if labels else 1
    chart.x_labels_major = labels[::step]
    chart.add("Health", [score for _, score in points])
    if points:
        threshold = {"width": 2, "dasharray": THRESHOLD_DASHES}
        chart.add(
            f"Healthy from {HEALTHY_FROM}",
            [HEALTHY_FROM] * len(points),
            show_dots=False,
            stroke_style=threshold,
        )
        chart.add(
            f"At risk below {WATCH_FROM}",
            [WATCH_FROM] * len(points),
            show_dots=False,
            stroke_style=threshold,
        )
    tree = chart.render_tree()
    for parent in list(tree.iter()):
        for child in list(parent):
            # Scripts anywhere, and pygal's own title ("Pygal") in place of ours.
            if _name(child) == "script" or (_name(child) == "title" and parent is tree):
                parent.remove(child)
    _legend_as_lines(tree, dashed={"activate-serie-1", "activate-serie-2"})
    title = ElementTree.Element("title")
    title.text = "Account health over time (0 to 100)"
    tree.insert(0, title)
    return ElementTree.tostring(tree, encoding="unicode")
