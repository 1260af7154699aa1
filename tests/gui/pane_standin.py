"""Until tracker/gui/detail_pane.py lands (built in parallel), a bare pane with its interface."""

from __future__ import annotations

import sys
import types


def install_detail_pane_standin() -> None:
    try:
        import tracker.gui.detail_pane  # noqa: F401
    except ModuleNotFoundError:
        from PySide6.QtCore import Signal
        from PySide6.QtWidgets import QWidget

        class DetailPane(QWidget):
            changed = Signal(object)

            def __init__(self, window) -> None:
                super().__init__(window)
                self.shown: int | None = None

            def show_recommendation(self, rec_id: int | None) -> None:
                self.shown = rec_id

        module = types.ModuleType("tracker.gui.detail_pane")
        module.DetailPane = DetailPane
        sys.modules["tracker.gui.detail_pane"] = module
