"""The conflicts part of the insights access matrix."""

from typing import Any


def add(w: Any) -> None:
    """Add what the conflicts routes and operations need to the matrix's world."""
