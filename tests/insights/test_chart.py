"""The account health chart: light guides, the thresholds as the clear lines (in the legend too),
a narrow version readable on a phone, and nothing that runs."""

import re
from datetime import date, timedelta

from accord.insights import chart

DAYS = [(date(2026, 9, 1) + timedelta(days=i), 90 - i // 3) for i in range(90)]


def _viewbox(svg: str) -> str:
    return re.search(r'viewBox="([^"]+)"', svg).group(1)


def test_guides_are_light_and_the_thresholds_are_the_dashed_lines() -> None:
    svg = chart.health_svg(DAYS)
    assert "stroke:black" not in svg and "stroke-dasharray:2,4" not in svg
    assert ".guide.line{stroke-dasharray:none;stroke:#dfe3ea}" in svg
    assert ".series.serie-1{stroke-width:2;stroke-dasharray:8,5}" in svg  # healthy from 70
    assert ".series.serie-2{stroke-width:2;stroke-dasharray:8,5}" in svg  # at risk below 45
    labels = re.findall(r'<text x="-5" y="[^"]+" class="[^"]*">(\d+)</text>', svg)
    assert labels == ["0", "20", "45", "70", "100"]  # the thresholds carry their number


def test_the_legend_draws_each_series_as_a_line_not_a_square() -> None:
    svg = chart.health_svg(DAYS)
    legends = svg[svg.index('class="legends"') :]
    assert "<rect" not in legends
    assert legends.count("<path") == 3
    assert legends.count("stroke-dasharray:8,5") == 2  # the two thresholds, dashed


def test_the_phone_version_is_taller_with_larger_text_and_fewer_dates() -> None:
    wide, narrow = chart.health_svg(DAYS), chart.health_svg(DAYS, narrow=True)
    assert _viewbox(wide) == "0 0 760 280" and _viewbox(narrow) == "0 0 380 330"
    assert ".axis text{font-family:" in narrow and "font-size:14px" in narrow

    def dates(svg: str) -> list[str]:
        return re.findall(r'class="major">(\d+ [A-Z][a-z]{2})</text>', svg)

    assert len(dates(narrow)) <= 3 < len(dates(wide)) <= 6


def test_nothing_runs_and_the_title_says_what_it_is() -> None:
    for svg in (chart.health_svg(DAYS), chart.health_svg([], narrow=True)):
        assert "<script" not in svg and "Pygal</title>" not in svg
        assert "<title>Account health over time (0 to 100)</title>" in svg
