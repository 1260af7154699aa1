"""Importera/Exportera register: the mapping and preview dialog and the export dialog
over a real register and a workbook written in the test."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import QSettings
from window_helpers import make_window

from tracker.core.excel.register_import import read_register
from tracker.core.layouts import get_layout
from tracker.gui import actions
from tracker.gui.dialogs.register_export import ExportRegisterDialog
from tracker.gui.dialogs.register_import import ImportRegisterDialog
from tracker.gui.main_window import MainWindow


@pytest.fixture
def window(qtbot, store, tmp_path) -> MainWindow:
    return make_window(qtbot, store, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))


def workbook(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Rapport", "Anteckning", "Rekommendationer", "Ansvarig", "Bedömning"])
    ws.append(["Löner (2023)", "rad A", "Se över attesterna.", "Kommunstyrelsen", "Pågår"])
    ws.append(["Löner (2023)", "rad B", "Inför stickprov.", "Kommunstyrelsen", "Oklar"])
    wb.save(path)
    return path


def test_menu_entries_and_drop_handler_are_registered():
    assert actions.find("import_register").menu == "Arkiv"
    assert actions.find("export_register") is not None
    assert ".xlsx" in actions.DROP_HANDLERS


def test_mapping_change_and_status_choice_are_applied_and_saved(qtbot, window, store, tmp_path):
    plan = read_register(store, workbook(tmp_path / "r.xlsx"))
    dialog = ImportRegisterDialog(window, plan)
    qtbot.addWidget(dialog)
    combos = dialog.combos["Register"]
    assert combos[1].currentData() is None and combos[2].currentData() == "recommendation"
    combos[1].setCurrentIndex(combos[1].findData("comment"))
    word = dialog.status_combos["Oklar"]
    word.setCurrentIndex(word.findData("Ej påbörjad"))
    dialog.layout_name.setText("Kontoret")
    dialog._apply()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    statuses = [r[0] for r in store.conn.execute("SELECT status FROM follow_ups ORDER BY id")]
    assert statuses == ["Pågående", "Ej påbörjad"]
    comments = [r[0] for r in store.conn.execute("SELECT comment FROM follow_ups ORDER BY id")]
    assert comments == ["rad A", "rad B"]
    layout = get_layout(store, "Kontoret")
    assert layout.columns[1] == ("Anteckning", "comment") and layout.status_map["Oklar"] == "Ej påbörjad"
    assert window.history.undo_label.startswith("Importera register")


def test_export_dialog_writes_the_chosen_layout(qtbot, window, store, tmp_path):
    plan = read_register(store, workbook(tmp_path / "r.xlsx"))
    dialog = ImportRegisterDialog(window, plan)
    qtbot.addWidget(dialog)
    dialog._apply()
    qtbot.waitUntil(lambda: dialog.result() == dialog.DialogCode.Accepted, timeout=10000)
    export = ExportRegisterDialog(window)
    qtbot.addWidget(export)
    assert export.layout_box.currentData() == "r"  # the layout last imported with
    export.export_to(tmp_path / "ut.xlsx")
    qtbot.waitUntil(lambda: export.result() == export.DialogCode.Accepted, timeout=10000)
    ws = openpyxl.load_workbook(tmp_path / "ut.xlsx").active
    assert [c.value for c in ws[1]] == ["Rapport", "Anteckning", "Rekommendationer", "Ansvarig", "Bedömning"]


def test_the_export_done_message_opens_the_file_or_its_folder(qtbot, window, store, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    out = tmp_path / "ut.xlsx"
    for button in ("Öppna", "Visa i mappen"):
        export = ExportRegisterDialog(window)
        qtbot.addWidget(export)
        export.export_to(out)
        qtbot.waitUntil(lambda export=export: export.result() == export.DialogCode.Accepted, timeout=10000)
        box = export.saved
        assert "rekommendationer skrivna till ut.xlsx" in box.text()
        next(b for b in box.buttons() if b.text() == button).click()
    assert opened == [str(out), str(tmp_path)]
