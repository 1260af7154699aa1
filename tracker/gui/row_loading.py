"""Reading a large register's rows on a worker thread while the window shows its first screen."""

from __future__ import annotations

import datetime as dt
import gc
import sqlite3
import threading
from pathlib import Path

from PySide6.QtCore import QTimer

from ..core import queries
from ..core.collector import gc_paused
from ..core.row_index import ColumnKey, RowIndex
from .workers import POLL_MS

# What is left once SQLite stops (keying and sorting the rows read) takes well under this.
STOP_WAIT_S = 10


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
        self._stopped = threading.Event()

        def work() -> None:
            try:
                # A collection holds the GIL, so the window froze in each of the nine that reading
                # 100,000 rows caused (up to a quarter of a second). Then everything alive, the rows
                # above all, is frozen: no later collection walks them again. The rows hold no cycles,
                # so a register read anew still frees the old ones.
                with gc_paused():
                    rows = queries.load_rows_apart(path, today, connected=self._connected)
                    if self._stopped.is_set():
                        return
                    index = RowIndex(columns)
                    index.set_rows(rows)
                    index.order(column, descending)  # the order shown, made here rather than on the GUI thread
                    gc.freeze()
                self.index = index
            except Exception as exc:  # noqa: BLE001 - any failure falls back to reading on the GUI thread
                self.error = exc
            finally:
                self.finished.set()

        self.thread = threading.Thread(target=work, name="reading the register", daemon=True)

    def _connected(self, conn: sqlite3.Connection) -> None:
        # SQLite asks every 10,000 steps whether to go on: once stopped, the statement running
        # (or the next one) ends with OperationalError. Unlike conn.interrupt() from another
        # thread, this cannot miss a statement that had not yet begun.
        conn.set_progress_handler(self._stopped.is_set, 10_000)

    def start(self) -> None:
        self.thread.start()
        self.timer.start()

    def stop(self) -> None:
        """Stop reading and wait for the thread: a thread still reading as Python shuts down
        aborts the process, and a reading nobody wants only slows the one that replaced it."""
        self._stopped.set()
        self.timer.stop()
        self.thread.join(STOP_WAIT_S)
