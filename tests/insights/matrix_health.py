"""The health part of the insights access matrix."""

from typing import Any


def add(w: Any) -> None:
    """Add what the health routes and operations need to the matrix's world."""
