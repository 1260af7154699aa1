"""Numbers as a Swedish reader writes them."""

from __future__ import annotations


def thousands(n: int) -> str:
    """100000 as "100 000": groups of three digits."""
    return f"{n:,}".replace(",", " ")
