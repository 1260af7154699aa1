"""Running a core function off the GUI thread, with a progress dialog and Avbryt.

    run_in_background(window, "Importerar register", lambda progress: import_it(store, path, progress),
                      on_done=lambda result: window.refresh())

`fn` runs on a worker thread and receives `progress(done, total) -> bool`; it returns
False once the user has pressed Avbryt, and fn should then stop and change nothing
(roll back its transaction). Afterwards, on the GUI thread: `on_done(result)` if it
finished and was not cancelled, `on_cancel()` if it was cancelled, and for a UserError
`on_error(exc)` or, by default, a Swedish message box. Only one thread should write
to the store at a time; the GUI does not write while the dialog is up (it is modal).
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from ..core.errors import UserError

Progress = Callable[[int, int], bool]

# Jobs still running, so Python does not collect them before their signals arrive.
_running: set[Job] = set()


class _Signals(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object, str)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[Progress], Any], signals: _Signals, cancelled: threading.Event) -> None:
        super().__init__()
        self.fn = fn
        self.signals = signals
        self.cancelled = cancelled

    def _progress(self, done: int, total: int) -> bool:
        self.signals.progress.emit(done, total)
        return not self.cancelled.is_set()

    def run(self) -> None:
        try:
            result = self.fn(self._progress)
        except BaseException as exc:  # noqa: BLE001 - everything must reach the GUI thread
            self.signals.failed.emit(exc, traceback.format_exc())
        else:
            self.signals.finished.emit(result)


class Job:
    """One background run; `wait()` blocks until it is done (for tests and shutdown)."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[UserError], None] | None,
        on_cancel: Callable[[], None] | None,
        progress_text: str,
    ) -> None:
        self.parent = parent
        self.title = title
        self.on_done = on_done
        self.on_error = on_error
        self.on_cancel = on_cancel
        self.cancelled = threading.Event()
        self.done = threading.Event()
        self.dialog = QProgressDialog(progress_text, "Avbryt", 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # quick jobs finish without a flash of dialog
        self.dialog.setAutoReset(False)
        self.dialog.setAutoClose(False)
        self.dialog.canceled.connect(self.cancel)
        self.signals = _Signals()
        self.signals.progress.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self.signals.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.signals.failed.connect(self._on_failed, Qt.ConnectionType.QueuedConnection)
        self.task = _Task(fn, self.signals, self.cancelled)
        self.task.setAutoDelete(False)

    def start(self) -> Job:
        _running.add(self)
        QThreadPool.globalInstance().start(self.task)
        return self

    def cancel(self) -> None:
        self.cancelled.set()
        self.dialog.setLabelText("Avbryter …")

    def wait(self, timeout_ms: int = 30_000) -> bool:
        return QThreadPool.globalInstance().waitForDone(timeout_ms)

    def _on_progress(self, done: int, total: int) -> None:
        if total > 0:
            self.dialog.setMaximum(total)
            self.dialog.setValue(min(done, total))

    def _finish(self) -> None:
        self.dialog.reset()
        self.dialog.close()
        self.dialog.deleteLater()
        _running.discard(self)
        self.done.set()

    def _on_finished(self, result: Any) -> None:
        self._finish()
        if self.cancelled.is_set():
            if self.on_cancel:
                self.on_cancel()
            return
        self.on_done(result)

    def _on_failed(self, exc: BaseException, trace: str) -> None:
        self._finish()
        if isinstance(exc, UserError):
            if self.on_error:
                self.on_error(exc)
            else:
                QMessageBox.warning(self.parent, self.title, str(exc))
            return
        QMessageBox.critical(
            self.parent,
            self.title,
            "Ett oväntat fel inträffade. Inget har sparats av det som pågick.\n\n"
            f"{type(exc).__name__}: {exc}\n\nTeknisk information:\n{trace[-1500:]}",
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
) -> Job:
    """Start fn(progress) on a worker thread; see the module docstring for the callbacks."""
    return Job(parent, title, fn, on_done, on_error, on_cancel, progress_text).start()
