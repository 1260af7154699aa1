"""The font status lists are drawn in, shipped in resources/fonts so a PDF looks the same on
every machine (Windows and macOS have no DejaVu Sans; a Linux without it would substitute)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFontDatabase

from ..resources import file

# statuslist_pages' Typesetter and statuslist_charts draw in this family.
FAMILY = "DejaVu Sans"
FILES = ("fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf")


@cache
def load_pdf_font() -> str:
    """Make the shipped DejaVu Sans known to Qt (once; needs the application object);
    returns its family name. Qt's font database may be used from any thread."""
    for name in FILES:
        if QFontDatabase.addApplicationFont(str(file(name))) < 0:
            raise RuntimeError(f"Qt could not load the font {name}")
    return FAMILY
