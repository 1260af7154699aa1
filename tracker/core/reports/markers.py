"""Marks that text from any kind of file shares: list bullets and numbers, page numbers,
and lines that repeat on every page."""

from __future__ import annotations

import re

# Bullets as they come out of Word and PDF: symbol-font bullets land in the private use area.
PRIVATE_BULLETS = "\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e0"
BULLET_CHARS = "•●○▪■□◦‣∙·-–—*\u2043" + PRIVATE_BULLETS
_BULLET_CHAR = f"[{re.escape(BULLET_CHARS)}]"
_NUMBER = r"\(?(?:\d{1,2}|[a-zA-Z])[.)]"  # 1. 2) (a) b.
BULLET = re.compile(rf"^\s*(?:{_BULLET_CHAR}\s*|{_NUMBER}\s+)")
# A bullet or list number standing alone: on a line of its own, or a tab away from its text.
LONE_MARKER = re.compile(rf"^(?:{_BULLET_CHAR}|{_NUMBER})$")
MARKER_TAB = re.compile(rf"^([ \t]*(?:{_BULLET_CHAR}|{_NUMBER}))\t+", re.MULTILINE)
PAGE_NUMBER = re.compile(r"^\s*(?:sid(?:a|an)?\s*)?\d{1,3}(?:\s*(?:av|/|\(|\))\s*\d{0,3}\)?)?\s*$", re.IGNORECASE)


def norm_repeat(line: str) -> str:
    """A line with its page number blanked out; dates ("2023-06-14") stay, so that a missive's
    date is not taken for the report's running header date."""
    return re.sub(r"(?<![\d-])\d{1,3}(?![\d-])", "#", " ".join(line.split())).casefold()
