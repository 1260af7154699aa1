"""Background jobs: result, user errors and cancelling reach the GUI thread."""

from __future__ import annotations

import threading
import time

from PySide6.QtWidgets import QPushButton, QWidget

from tracker.core.errors import UserError
from tracker.gui.workers import run_in_background


def test_result_arrives_on_the_gui_thread(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    seen = {}

    def work(progress):
        seen["worker"] = threading.current_thread()
        for i in range(3):
            progress(i, 3)
        return 42

    def done(result):
        seen["result"] = result
        seen["gui"] = threading.current_thread()

    job = run_in_background(parent, "Prov", work, done)
    qtbot.waitUntil(job.done.is_set)
    assert seen["result"] == 42
    assert seen["gui"] is threading.main_thread()
    assert seen["worker"] is not threading.main_thread()


def test_user_error_goes_to_on_error_not_on_done(qtbot):
    errors, results = [], []

    def work(progress):
        raise UserError("Filen saknar kolumnen Rekommendation.")

    job = run_in_background(None, "Prov", work, results.append, on_error=errors.append)
    qtbot.waitUntil(job.done.is_set)
    assert results == []
    assert [str(e) for e in errors] == ["Filen saknar kolumnen Rekommendation."]


def test_cancel_makes_progress_return_false_and_calls_on_cancel(qtbot):
    started = threading.Event()
    answers, results, cancelled = [], [], []

    def work(progress):
        started.set()
        while progress(0, 10):
            time.sleep(0.001)
        answers.append(False)
        return "halvfärdigt"

    job = run_in_background(None, "Prov", work, results.append, on_cancel=lambda: cancelled.append(True))
    assert started.wait(5)
    job.dialog.findChild(QPushButton).click()  # Avbryt
    qtbot.waitUntil(job.done.is_set)
    assert answers == [False]
    assert results == []
    assert cancelled == [True]


def test_a_user_error_raised_on_cancel_is_a_cancel_not_an_error(qtbot):
    started = threading.Event()
    errors, cancelled = [], []

    def work(progress):
        started.set()
        while progress(0, 10):
            time.sleep(0.001)
        raise UserError("Avbrutet; inget har ändrats.")

    job = run_in_background(
        None, "Prov", work, lambda _: None, on_error=errors.append, on_cancel=lambda: cancelled.append(True)
    )
    assert started.wait(5)
    job.dialog.findChild(QPushButton).click()  # Avbryt
    qtbot.waitUntil(job.done.is_set)
    assert errors == []
    assert cancelled == [True]
