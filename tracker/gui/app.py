"""Starting the window: `tracker` or `python main.py` without a command."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME
from ..core.errors import UserError
from ..core.store import default_path, open_store

# Set by benchmarks/startup_and_filter.py: print the time of the first painted table and quit.
BENCH_ENV = "TRACKER_BENCH_EXIT_AFTER_PAINT"


class _FirstPaint(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # After this paint event has been handled, the rows are on screen.
            QTimer.singleShot(0, lambda: (print(f"painted {time.time():.6f}", flush=True), QApplication.quit()))
        return False


def run_gui(db_path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    try:
        store = open_store(db_path or default_path())
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, f"Registret kunde inte öppnas.\n\n{exc}")
        return 1
    from .main_window import MainWindow

    window = MainWindow(store)
    if os.environ.get(BENCH_ENV):
        watcher = _FirstPaint(window)
        window.table.viewport().installEventFilter(watcher)
    window.show()
    try:
        return app.exec()
    finally:
        window.store.close()
