"""Skicka svarsmallar and Läs in svar in the window: sheets written for the checked
bodies; a filled sheet dropped on the window previews, asks about conflicts, and writes
one undoable command."""

from __future__ import annotations

import openpyxl
import pytest
from PySide6.QtCore import Qt
from window_helpers import make_window

from tracker.core import register as R
from tracker.core.excel.reply_import import TAKE_SHEET
from tracker.core.excel.reply_sheet import HEADER_ROW
from tracker.gui.dialogs import replies_import, replies_send
from tracker.gui.dialogs.replies_import import ImportRepliesDialog
from tracker.gui.dialogs.replies_send import SendRepliesDialog


@pytest.fixture
def window(qtbot, demo_store, settings, answers):
    return make_window(qtbot, demo_store, settings)


def send(qtbot, window, tmp_path, only: str):
    dialog = SendRepliesDialog(window)
    qtbot.addWidget(dialog)
    dialog.all_open.setChecked(True)
    for i in range(dialog.list.count()):
        item = dialog.list.item(i)
        checked = item.text().startswith(only)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    dialog.folder.setText(str(tmp_path))
    dialog.send()
    qtbot.waitUntil(lambda: hasattr(dialog, "sent"), timeout=10_000)
    return [s.path for s in dialog.sent]


def test_send_writes_one_sheet_for_the_checked_body(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(replies_send, "show_sent", lambda *a: None)
    [sheet] = send(qtbot, window, tmp_path, "Kommunstyrelsen")
    assert sheet.name.startswith("KS-svar-")
    assert openpyxl.load_workbook(sheet)["Svar"]["B3"].value == "Kommunstyrelsen"


def test_a_dropped_reply_sheet_previews_then_writes_one_undoable_command(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(replies_send, "show_sent", lambda *a: None)
    [sheet] = send(qtbot, window, tmp_path, "Tekniska nämnden")
    wb = openpyxl.load_workbook(sheet)
    ws = wb["Svar"]
    ws.cell(HEADER_ROW + 1, 6, "Tekniska nämnden svarar via mallen.")
    wb["Uppgifter"]["B6"] = "2000-01-01T00:00:00"  # the demo's replies count as entered after sending
    wb.save(sheet)
    shown = []
    monkeypatch.setattr(ImportRepliesDialog, "open", lambda self: shown.append(self))

    window.drop_handlers[".xlsx"](window, sheet)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    [dialog] = shown
    qtbot.addWidget(dialog)
    assert dialog.plan.body == "Tekniska nämnden"
    row = HEADER_ROW + 1
    # The demo's own reply, entered "after sending", conflicts with the sheet's.
    combo = dialog.choices[(row, "text")]
    assert not dialog.apply_button.isHidden()
    combo.setCurrentIndex(combo.findData(TAKE_SHEET))
    dialog.apply()

    store = window.store
    got = store.conn.execute("SELECT count(*) FROM replies WHERE text = 'Tekniska nämnden svarar via mallen.'")
    assert got.fetchone()[0] == 1
    window.undo()
    got = store.conn.execute("SELECT count(*) FROM replies WHERE text = 'Tekniska nämnden svarar via mallen.'")
    assert got.fetchone()[0] == 0


def test_a_register_workbook_dropped_goes_to_the_register_import(qtbot, window, tmp_path, monkeypatch):
    opened = []
    monkeypatch.setattr("tracker.gui.dialogs.register_import.open_import_register_dialog",
                        lambda w, path: opened.append(path))  # fmt: skip
    monkeypatch.setattr(replies_import, "open_import_replies_dialog", lambda w, path: opened.append("svar"))
    wb = openpyxl.Workbook()
    wb.active.append(["Granskning", "Rekommendation", "Ansvarig"])
    wb.save(tmp_path / "register.xlsx")
    window.drop_handlers[".xlsx"](window, tmp_path / "register.xlsx")
    assert opened == [tmp_path / "register.xlsx"]
    assert R.find_body(window.store, "KS")  # nothing else changed


def test_a_typed_text_over_a_later_date_is_one_choice_that_takes_both(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(replies_send, "show_sent", lambda *a: None)
    [sheet] = send(qtbot, window, tmp_path, "Tekniska nämnden")
    wb = openpyxl.load_workbook(sheet)
    ws = wb["Svar"]
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(row, 8).value:  # a row whose reply already has a date
            ws.cell(row, 8, "under hösten")
    wb["Uppgifter"]["B6"] = "2000-01-01T00:00:00"
    wb.save(sheet)
    shown = []
    monkeypatch.setattr(ImportRepliesDialog, "open", lambda self: shown.append(self))
    replies_import.open_import_replies_dialog(window, sheet)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    [dialog] = shown
    qtbot.addWidget(dialog)
    paired = [r for r in dialog.plan.conflicts if {"due", "due_text"} <= r.conflicts.keys()]
    assert paired
    assert all((r.row, "due_text") not in dialog.choices for r in paired)
    for combo in dialog.choices.values():
        combo.setCurrentIndex(combo.findData(TAKE_SHEET))
    dialog.apply()
    got = window.store.conn.execute(
        "SELECT due, due_text FROM replies WHERE recommendation_id = ? AND body_id = ?",
        (paired[0].rec_id, paired[0].body_id),
    ).fetchone()
    assert tuple(got) == (None, "under hösten")


def test_an_unticked_change_is_not_written_and_long_texts_show_whole_on_hover(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(replies_send, "show_sent", lambda *a: None)
    [sheet] = send(qtbot, window, tmp_path, "Tekniska nämnden")
    wb = openpyxl.load_workbook(sheet)
    ws = wb["Svar"]
    col = {c.value: c.column for c in ws[HEADER_ROW]}
    long_reply = "Nämnden svarar utförligt. " * 10
    ws.cell(HEADER_ROW + 1, col["Nämndens svar"], long_reply)
    ws.cell(HEADER_ROW + 1, col["Planerad åtgärd"], "En åtgärd som inte ska in.")
    wb.save(sheet)
    plan = replies_import.read_replies(window.store, sheet, window.today())
    dialog = ImportRepliesDialog(window, plan)
    qtbot.addWidget(dialog)
    row = HEADER_ROW + 1
    assert dialog.ticks[(row, "text")].toolTip(3) == long_reply.strip()
    assert "nr " in dialog.ticks[(row, "text")].parent().text(1)
    dialog.ticks[(row, "action")].setCheckState(1, Qt.CheckState.Unchecked)
    dialog.apply()
    texts = dict(
        window.store.conn.execute("SELECT text, action FROM replies WHERE text LIKE 'Nämnden svarar utförligt.%'")
    )
    assert list(texts.values()) != ["En åtgärd som inte ska in."] and len(texts) == 1
