"""The health part of the insights API."""

from ninja import Router

router = Router(tags=["Insights"])
