"""Python's cycle collector around work that makes many objects at once.

As objects pile up, the collector walks every one alive again and again and finds nothing to
free: openpyxl's object per cell (each pointing back at its sheet) cost a quarter of a
20,000-row export, laying out a status list a quarter of its time, and reading 100,000 rows
nine collections of up to a quarter of a second each, with the window frozen meanwhile."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cycle collection inside; nothing is kept alive longer, the next collection frees it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
