"""Emitting from Python thousands of times must not wear away the interpreter's True."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal

import tracker.gui  # noqa: F401 - installs the emit fix where this PySide6 needs it


class Source(QObject):
    changed = Signal(object)


def test_many_emits_keep_true_alive():
    source = Source()
    seen = []
    source.changed.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(5000):
        source.changed.emit({i})
    assert len(seen) == 5000
    assert sys.getrefcount(True) >= before
