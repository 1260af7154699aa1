"""Running a core function off the GUI thread, with a progress dialog and Avbryt.

    run_in_background(window, "Läser svar", lambda progress: read_it(store, path, progress),
                      on_done=show_preview)

`fn` runs on a worker thread and receives `progress(done, total) -> bool`; it returns
False once the user has pressed Avbryt, and fn should then stop and change nothing
(roll back its transaction), returning or raising a UserError. Afterwards, on the GUI thread: `on_done(result)` if it
finished and was not cancelled, `on_cancel()` if it was cancelled, and for a UserError
`on_error(exc)` or, by default, a Swedish message box. Only one thread should write
to the store at a time: a job that writes goes through Workspace.run_in_background, which
refuses other writes until it ends.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..core.errors import UserError
from ..core.progress import Progress

# How often the GUI looks at the worker; the worker itself never touches Qt, because
# PySide6 6.12 miscounts references when signals cross threads at a high rate.
POLL_MS = 50

# Jobs still running, so Python does not collect them before they report.
_running: set[Job] = set()


class Job:
    """One background run; `done` is set once its callback has run on the GUI thread."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[UserError], None] | None,
        on_cancel: Callable[[], None] | None,
        progress_text: str,
        on_end: Callable[[], None] | None = None,
    ) -> None:
        self.parent = parent
        self.title = title
        self.fn = fn
        self.on_done = on_done
        self.on_error = on_error
        self.on_cancel = on_cancel
        self.on_end = on_end
        self.cancelled = threading.Event()
        self.done = threading.Event()
        self._finished = threading.Event()
        self._progress_seen: tuple[int, int] = (0, 0)
        self._outcome: tuple[str, Any, str] = ("", None, "")
        self.dialog = QProgressDialog(progress_text, "Avbryt", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # quick jobs finish without a flash of dialog
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel)
        self.timer = QTimer(interval=POLL_MS)
        self.timer.timeout.connect(self._poll)
        self.thread = threading.Thread(target=self._work, name=f"job: {title}", daemon=True)

    def start(self) -> Job:
        _running.add(self)
        self.thread.start()
        self.timer.start()
        return self

    def cancel(self) -> None:
        self.cancelled.set()
        self.dialog.setLabelText("Avbryter …")

    # Worker thread --------------------------------------------------------

    def _progress(self, done: int, total: int) -> bool:
        self._progress_seen = (done, total)  # one tuple swap: the GUI reads whole pairs
        return not self.cancelled.is_set()

    def _work(self) -> None:
        try:
            self._outcome = ("ok", self.fn(self._progress), "")
        except BaseException as exc:  # noqa: BLE001 - everything must reach the GUI thread
            self._outcome = ("error", exc, traceback.format_exc())
        self._finished.set()

    # GUI thread -------------------------------------------------------------

    def _poll(self) -> None:
        done, total = self._progress_seen
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))
        if not self._finished.is_set():
            return
        self.timer.stop()
        # Closing a progress dialog emits `canceled`; the job is over, so that is no cancel.
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()
        _running.discard(self)
        kind, value, trace = self._outcome
        try:
            if self.on_end:
                self.on_end()
            # A job may stop on Avbryt by raising a UserError; the user asked for that.
            if self.cancelled.is_set() and (kind == "ok" or isinstance(value, UserError)):
                if self.on_cancel:
                    self.on_cancel()
            elif kind == "error":
                self._report(value, trace)
            else:
                self.on_done(value)
        finally:
            self.done.set()

    def _report(self, exc: BaseException, trace: str) -> None:
        if isinstance(exc, UserError):
            if self.on_error:
                self.on_error(exc)
            else:
                QMessageBox.warning(self.parent, self.title, str(exc))
            return
        # The traceback is for whoever maintains the program; the user gets Swedish words.
        sys.stderr.write(trace)
        QMessageBox.critical(
            self.parent,
            self.title,
            "Ett oväntat fel inträffade. Inget har sparats av det som pågick.\n\n"
            "Meddela gärna felet till den som ansvarar för programmet.",
        )


def run_in_background(
    parent: QWidget | None,
    title: str,
    fn: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    *,
    progress_text: str = "Arbetar …",
    on_error: Callable[[UserError], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    on_end: Callable[[], None] | None = None,
) -> Job:
    """Start fn(progress) on a worker thread; see the module docstring for the callbacks.
    `on_end()` runs first whichever way the job ended."""
    return Job(parent, title, fn, on_done, on_error, on_cancel, progress_text, on_end).start()
