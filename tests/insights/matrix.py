"""The insights part of the access matrix (tests/test_access_matrix.py imports it): each part
adds its routes and operations to the tables when imported, and its objects to the world."""

from typing import Any

import tests.insights.matrix_agreements as agreements
import tests.insights.matrix_conflicts as conflicts
import tests.insights.matrix_health as health
import tests.insights.matrix_tone as tone


def add_insights(w: Any) -> None:
    for part in (health, agreements, conflicts, tone):
        part.add(w)
