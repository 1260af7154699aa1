"""Starting the window: `tracker` or `python main.py` without a command."""

from __future__ import annotations

import contextlib
import importlib
import os
import signal
import sqlite3
import sys
import threading
import time
import traceback
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QEvent, QLibraryInfo, QLocale, QObject, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import APP_NAME
from ..core.errors import UserError
from ..core.opening import open_store
from ..core.store import default_path
from . import icons
from .interaction import Interaction

# Set by benchmarks/startup_and_filter.py: print the time of the first painted table and quit.
BENCH_ENV = "TRACKER_BENCH_EXIT_AFTER_PAINT"


class _FirstPaint(QObject):
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            obj.removeEventFilter(self)
            # After this paint event has been handled, the rows are on screen.
            QTimer.singleShot(0, _painted)
        return False


def _painted() -> None:
    if os.environ.get(BENCH_ENV):
        print(f"painted {time.time():.6f}", flush=True)
        QApplication.quit()
        return
    # The first edit would import sqlite-utils (a fifth of a second) while the user waits. With the
    # rows on screen it is imported on a thread of its own; importing takes the GIL in turns, so
    # typing meanwhile stays smooth.
    threading.Thread(target=importlib.import_module, args=("sqlite_utils",), name="import sqlite-utils").start()


def _show_unexpected(kind: type[BaseException], exc: BaseException, tb) -> None:
    """A bug or a file gone bad under us: the user gets Swedish words, stderr the traceback."""
    traceback.print_exception(kind, exc, tb)
    if isinstance(exc, sqlite3.DatabaseError):
        # SQLite's own words name tables and columns; they go to stderr with the traceback.
        text = (
            "Registerfilen gick inte att läsa eller skriva.\n\nÄndringen sparades inte. "
            "Välj Arkiv → Kontrollera registret… och vid behov Arkiv → Återställ säkerhetskopia…"
        )
    else:
        text = (
            "Ett oväntat fel inträffade.\n\nDet som redan var sparat finns kvar; en ändring som "
            "pågick sparades inte. Meddela gärna felet till den som ansvarar för programmet."
        )
    QMessageBox.critical(QApplication.activeWindow(), APP_NAME, text)


def _speak_swedish(app: QApplication) -> None:
    """Qt's own words (Ja/Nej, Avbryt, the file dialogs) and dates in Swedish."""
    QLocale.setDefault(QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden))
    translator = QTranslator(app)
    if translator.load("qtbase_sv", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(translator)


@contextlib.contextmanager
def _quit_cleanly_when_told(app: QApplication) -> Iterator[None]:
    """A shutdown, `kill` or logging out ends the program through its event loop, so the
    register is closed and its lock released instead of left for the next user to meet."""

    def quit_now(*_: object) -> None:
        for widget in app.topLevelWidgets():
            widget.close()  # the main window saves its settings
        app.quit()

    # Queued, so a signal that comes while the register is being opened ends the program
    # as soon as its loop runs (quit() before the loop would do nothing).
    previous = signal.signal(signal.SIGTERM, lambda *_: QTimer.singleShot(0, quit_now))
    # Python runs a signal handler only when it gets control back from Qt's loop.
    wake = QTimer(app)
    wake.timeout.connect(lambda: None)
    wake.start(200)
    # Logging out: every edit is already saved, so nothing needs asking before the lock goes.
    app.commitDataRequest.connect(quit_now)
    try:
        yield
    finally:
        app.commitDataRequest.disconnect(quit_now)
        wake.stop()
        signal.signal(signal.SIGTERM, previous)


def run_gui(db_path: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(icons.app_icon())
    app.setDesktopFileName("revisionsuppfoljning")  # the launcher's .desktop file, for Wayland
    _speak_swedish(app)
    sys.excepthook = _show_unexpected
    with _quit_cleanly_when_told(app):
        try:
            store = open_store(db_path or default_path())
        except UserError as exc:
            QMessageBox.critical(None, APP_NAME, f"Registret kunde inte öppnas.\n\n{exc}")
            return 1
        from .main_window import MainWindow
        from .workspace import Workspace

        window = MainWindow(Workspace(store, Interaction()))
        window.table.viewport().installEventFilter(_FirstPaint(window))
        window.show()
        try:
            return app.exec()
        finally:
            window.store.close()
