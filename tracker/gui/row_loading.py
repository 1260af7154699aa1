"""Reading a large register's rows on a worker thread while the window shows its first screen."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QTimer

from ..core import queries
from ..core.row_index import ColumnKey, RowIndex
from .workers import POLL_MS


class Loading:
    """Every row read, and an index made of them, on a worker thread with a connection of its
    own. The thread never touches Qt (see gui/workers.py); a timer here looks for the result."""

    def __init__(
        self, path: Path, today: dt.date, total: int, columns: list[ColumnKey], column: int | None, descending: bool
    ) -> None:
        self.total = total
        self.again: set[int] = set()  # ids written while reading, to read once more
        self.index: RowIndex | None = None
        self.error: BaseException | None = None
        self.finished = threading.Event()
        self.timer = QTimer(interval=POLL_MS)

        def work() -> None:
            try:
                index = RowIndex(columns)
                index.set_rows(queries.load_rows_apart(path, today))
                index.order(column, descending)  # the order shown, made here rather than on the GUI thread
                self.index = index
            except Exception as exc:  # noqa: BLE001 - any failure falls back to reading on the GUI thread
                self.error = exc
            finally:
                self.finished.set()

        self.thread = threading.Thread(target=work, name="reading the register", daemon=True)

    def start(self) -> None:
        self.thread.start()
        self.timer.start()
