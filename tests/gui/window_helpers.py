"""A main window over a real register, closed with the test."""

from __future__ import annotations

from tracker.core.changes import History
from tracker.gui.main_window import MainWindow


def make_window(qtbot, store, settings) -> MainWindow:
    window = MainWindow(store, History(store), settings)
    qtbot.addWidget(window)
    return window
