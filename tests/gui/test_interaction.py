"""The real Interaction: message boxes with Swedish buttons, answered here by a click."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tracker.gui.interaction import Interaction


def answer_with(qtbot, word: str) -> list[str]:
    """Click the button labelled `word` on the box that opens next; returns the buttons it had."""
    seen: list[str] = []

    def click() -> None:
        boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
        if not boxes:
            QTimer.singleShot(20, click)
            return
        box = boxes[0]
        seen.extend(b.text() for b in box.buttons())
        next(b for b in box.buttons() if b.text() == word).click()

    QTimer.singleShot(20, click)
    return seen


def test_ask_save_offers_spara_slang_avbryt_and_returns_the_click(qtbot):
    ask = Interaction()
    seen = answer_with(qtbot, "Släng")
    assert ask.ask_save("Ny granskning") == "Släng"
    assert set(seen) == {"Spara", "Släng", "Avbryt"}


def test_confirm_inform_and_error_show_their_text_as_written(qtbot):
    ask = Interaction()
    answer_with(qtbot, "Nej")
    assert ask.confirm("Ta bort", "Ta bort <b>allt</b>?") is False
    answer_with(qtbot, "OK")
    ask.inform("Klart", "Sparat.")
    answer_with(qtbot, "OK")
    ask.error("Fel", "Gick inte.")
