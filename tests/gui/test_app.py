"""Starting the window: a file that is no register gives a Swedish message, not a traceback."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tracker.gui.app import run_gui


def test_a_file_that_is_no_register_is_explained_in_swedish(qtbot, tmp_path, monkeypatch):
    not_a_register = tmp_path / "rapport.xlsx"
    not_a_register.write_bytes(b"PK\x03\x04 not sqlite")
    shown = []
    # The real box would wait for a click; record what it would have said.
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append((title, text)))

    assert run_gui(not_a_register) == 1

    [(title, text)] = shown
    assert title == "Revisionsuppföljning"
    assert "inte ett register" in text
    assert not_a_register.read_bytes() == b"PK\x03\x04 not sqlite"


def test_an_unexpected_database_error_points_to_check_and_restore(qtbot, monkeypatch, capsys):
    import sqlite3

    from tracker.gui.app import _show_unexpected

    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda parent, title, text: shown.append(text))
    try:
        raise sqlite3.DatabaseError("database disk image is malformed")
    except sqlite3.DatabaseError as exc:
        _show_unexpected(type(exc), exc, exc.__traceback__)

    [text] = shown
    assert "Ändringen sparades inte" in text
    assert "Återställ säkerhetskopia" in text
    assert "Traceback" in capsys.readouterr().err


def test_qts_own_buttons_speak_swedish(qtbot):
    from PySide6.QtCore import QTranslator
    from PySide6.QtWidgets import QApplication

    from tracker.gui.app import _speak_swedish

    app = QApplication.instance()
    _speak_swedish(app)
    try:
        box = QMessageBox(QMessageBox.Icon.Question, "Ta bort", "Ta bort?", QMessageBox.StandardButton.Yes)
        qtbot.addWidget(box)
        assert box.button(QMessageBox.StandardButton.Yes).text() == "&Ja"
    finally:
        for translator in app.findChildren(QTranslator):
            app.removeTranslator(translator)
