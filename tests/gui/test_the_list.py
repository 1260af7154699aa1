"""The list's own ways in: the row menu, double-click, Kopiera, Rensa filter, the date
calendar, tooltips with the shortcut, a filter bar that keeps its width, Tab order."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from window_helpers import make_window

from tracker.core import register as R
from tracker.gui import row_menu
from tracker.gui.dialogs import report_editor
from tracker.gui.table_model import COLUMNS


def select(window, row: int) -> None:
    window.table.selectRow(row)
    assert window.detail.row is not None


def test_the_row_menu_offers_what_can_be_done_to_a_row(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    select(window, 0)
    menu = row_menu.build_menu(window)
    entries = [a.text() for a in menu.actions() if not a.isSeparator()]
    assert entries == ["Öppna", "Lägg till uppföljning…", "Redigera granskning…", "Ta bort", "Kopiera"]
    assert all(a.isEnabled() for a in menu.actions())
    shortcuts = {a.text(): a.shortcut().toString() for a in menu.actions()}
    assert shortcuts["Kopiera"] == "Ctrl+C" and shortcuts["Redigera granskning…"] == "Ctrl+E"


def test_ta_bort_in_the_row_menu_deletes_the_recommendation_after_asking(qtbot, demo_store, settings, ask):
    window = make_window(qtbot, demo_store, settings)
    select(window, 0)
    rec_id = window.detail.row.id
    total = window.model.total
    ask.script = ["Avbryt"]
    window.qactions["delete_recommendations"].trigger()
    assert window.model.total == total
    window.qactions["delete_recommendations"].trigger()  # Ta bort, the first button
    assert window.model.total == total - 1 and rec_id not in window.visible_ids()
    assert window.detail.row is None or window.detail.row.id != rec_id
    window.undo()
    assert rec_id in window.visible_ids()


def test_double_click_opens_the_report_editor_at_that_recommendation(qtbot, demo_store, settings, monkeypatch):
    window = make_window(qtbot, demo_store, settings)
    row = window.model.row_at(2)
    opened = []
    monkeypatch.setattr(
        report_editor.ReportEditor,
        "exec",
        lambda self: opened.append((self.report_id, self._draft_at(self.table.currentRow()).id)),
    )
    window.table.doubleClicked.emit(window.model.index(2, 3))
    assert opened == [(row.report_id, row.id)]


def test_kopiera_puts_the_selected_rows_on_the_clipboard(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    select(window, 1)
    window.qactions["copy_rows"].trigger()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[0].split("\t") == [c.title for c in COLUMNS]
    assert lines[1].split("\t")[0] == window.model.row_at(1).report and len(lines) == 2


def test_rensa_filter_shows_every_row_again(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    bar = window.filter_bar
    bar.overdue.setChecked(True)
    bar.search.setText("attest")
    bar.apply_now()
    assert len(window.visible_ids()) < window.model.total
    bar.clear_button.click()
    assert len(window.visible_ids()) == window.model.total
    assert bar.search.text() == "" and not bar.overdue.isChecked()


def test_a_date_picked_in_the_calendar_is_saved_like_a_typed_one(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    select(window, 0)
    rec_id = window.detail.row.id
    field = window.detail.deadline_edit
    field.calendar_action.trigger()
    field.calendar.clicked.emit(QDate(2027, 2, 26))
    assert window.detail.row.reply_deadline == dt.date(2027, 2, 26)
    saved = demo_store.conn.execute("SELECT reply_deadline FROM recommendations WHERE id = ?", (rec_id,))
    assert saved.fetchone()[0] == "2027-02-26"


def test_toolbar_tooltips_name_the_shortcut(qtbot, store, settings):
    window = make_window(qtbot, store, settings)
    assert window.qactions["new_report"].toolTip() == "Ny granskning (Ctrl+N)"
    assert window.qactions["undo"].toolTip().endswith("(Ctrl+Z)")


def test_the_filter_bar_keeps_its_width_when_names_and_counts_change(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    bar = window.filter_bar
    before = (bar.count.minimumSizeHint().width(), bar.body.sizeHint().width(), bar.minimumSizeHint().width())
    long_name = "Kommunfullmäktiges beredning för demokrati- och medborgarfrågor"
    window.workspace.run("Ny nämnd", lambda cs: R.create_body(cs, long_name))
    bar.set_counts(123456, 123456)
    after = (bar.count.minimumSizeHint().width(), bar.body.sizeHint().width(), bar.minimumSizeHint().width())
    assert before == after and bar.body.findText(long_name) >= 0


def test_tab_goes_down_the_pane_and_the_editor_as_the_fields_stand(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    select(window, 0)
    pane = window.detail
    qtbot.waitUntil(pane.reply_boxes[0].isVisible)
    order = []
    pane.text_edit.setFocus()
    for _ in range(4):
        order.append(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    box = pane.reply_boxes[0]
    assert order == [pane.text_edit, pane.bodies_button, pane.deadline_edit, box.fields["text"]]

    editor = report_editor.ReportEditor(window.workspace, window, window.detail.row.report_id)
    qtbot.addWidget(editor)
    assert editor.edits["title"].nextInFocusChain() is editor.year or editor.year.isAncestorOf(
        editor.edits["title"].nextInFocusChain()
    )
