"""The one cleaning every text gets where it enters the register and where it leaves it.

Control characters (ESC, BEL, NUL and the rest, except tab and line break) cannot be
written to an Excel sheet at all, and zero-width and direction marks make equal-looking
names and keys differ; none of them is anything a person meant to type.
"""

from __future__ import annotations

import unicodedata


def clean_text(value: str) -> str:
    """Text without control characters (tab and line breaks kept; a carriage return
    becomes a line break), zero-width and direction marks. Entry points strip it too."""
    # isprintable() runs in C: only text with odd characters (line breaks included)
    # walks the slow way, which keeps a 100 000-row import fast.
    if value.isprintable():
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in value if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cf"))
