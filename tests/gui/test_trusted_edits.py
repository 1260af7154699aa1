"""What issue 13 saw, each with real widgets over a real register file: the detail pane
never writes into a row it did not load, typing is never lost under a filter or in a
dialog, Ctrl+Z works from the search box, a new register has a way to add a body, and
a report read twice is recognised."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from window_helpers import make_window

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.gui.dialogs.report_editor import ReportEditor
from tracker.gui.dialogs.report_reader import ReportReaderDialog, open_report_reader

ASKED_TO_SAVE = "Spara ändringarna?"


def shown_window(qtbot, store, settings):
    window = make_window(qtbot, store, settings)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def ctrl(qtbot, window, key) -> None:
    """A key press through the window system, so the shortcut map sees it as a user's would."""
    qtbot.keyClick(window.windowHandle(), key, Qt.KeyboardModifier.ControlModifier)


def new_report(qtbot, window, title: str, *texts: str, deadline: str = "") -> ReportEditor:
    editor = ReportEditor(window.workspace, window, None)
    qtbot.addWidget(editor)
    editor.edits["title"].setText(title)
    editor.edits["reply_deadline"].setText(deadline)
    for text in texts:
        editor.add_row()
        editor.table.item(editor.table.rowCount() - 1, 1).setText(text)
    return editor


def rec_texts(store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT text FROM recommendations ORDER BY id")]


def click_row(qtbot, window, row: int) -> None:
    rect = window.table.visualRect(window.model.index(row, 3))
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def under_same_id(cs, rec_id: int, report_id: int, text: str) -> int:
    """Another recommendation under an id that was just deleted, as a register from before
    migration 0004 (INTEGER PRIMARY KEY without AUTOINCREMENT) gave out ids: the identity
    check must hold without counting on ids never being reused."""
    return cs.insert("recommendations", {"id": rec_id, "report_id": report_id, "number": 1, "text": text})


@pytest.fixture
def fresh_register(qtbot, store, settings, tmp_path, monkeypatch):
    """Arkiv → Nytt register from a window over another file."""
    window = shown_window(qtbot, store, settings)
    path = tmp_path / "nytt register.sqlite"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.new_register()
    assert window.store.path == path
    yield window
    window.store.close()


# 1. A stale detail pane writes into another record --------------------------------------


def test_after_ctrl_z_of_its_report_the_pane_clears_and_cannot_write_into_the_next_one(qtbot, fresh_register):
    window = fresh_register
    new_report(qtbot, window, "Granskning A", "Rekommendation X.").save()
    click_row(qtbot, window, 0)
    assert window.detail.row.text == "Rekommendation X."
    window.table.setFocus()
    ctrl(qtbot, window, Qt.Key.Key_Z)  # the report is gone
    assert rec_texts(window.store) == []
    new_report(qtbot, window, "Granskning B", "Rekommendation Y.").save()

    pane = window.detail
    assert pane.row is None and pane.stack.currentIndex() == 0  # A's fields are not shown
    # What the stale pane's field would have sent when the user typed and pressed Tab:
    pane.text_edit.setPlainText("Rekommendation X. (ändrad)")
    pane.text_edit.committed.emit(pane.text_edit.value())
    assert rec_texts(window.store) == ["Rekommendation Y."]


def test_a_field_never_saves_into_a_row_that_was_replaced_under_the_same_id(qtbot, store, settings, answers):
    """The pane checks the row's identity inside the write: a write that skipped the
    workspace (another program, a bug) still cannot redirect the typing."""

    def first(cs):
        return R.add_recommendation(cs, R.create_report(cs, "Granskning A"), "Rekommendation X.")

    rec_id, _ = run_change(store, "A", first)
    window = shown_window(qtbot, store, settings)
    click_row(qtbot, window, 0)
    report_id = window.detail.row.report_id

    def replace(cs):
        R.delete_report(cs, report_id)
        return under_same_id(cs, rec_id, R.create_report(cs, "Granskning B"), "Rekommendation Y.")

    new_id, _ = run_change(store, "B behind the window's back", replace)
    assert new_id == rec_id

    text = window.detail.text_edit
    text.setPlainText("Rekommendation X. (ändrad)")
    text.committed.emit(text.value())

    assert rec_texts(store) == ["Rekommendation Y."]
    [(kind, message)] = answers
    assert "finns inte längre" in message and "recommendations" not in message
    assert window.detail.row is None


def test_deleting_the_report_clears_the_pane(qtbot, store, settings, answers):
    run_change(store, "A", lambda cs: R.add_recommendation(cs, R.create_report(cs, "Granskning A"), "Gör X."))
    window = shown_window(qtbot, store, settings)
    click_row(qtbot, window, 0)
    window.qactions["delete_report"].trigger()
    assert answers[0][0] == "question" and "Granskning A" in answers[0][1]
    assert rec_texts(store) == [] and window.detail.row is None
    assert window.detail.stack.currentIndex() == 0


def test_a_write_that_replaces_the_row_under_the_same_id_clears_the_pane(qtbot, store, settings):
    """As an import that replaces rows does: delete and re-create in one command."""
    rec_id, _ = run_change(store, "A", lambda cs: R.add_recommendation(cs, R.create_report(cs, "A"), "Gör X."))
    window = shown_window(qtbot, store, settings)
    click_row(qtbot, window, 0)
    report_id = window.detail.row.report_id

    def replace(cs):
        R.delete_recommendation(cs, rec_id)
        return under_same_id(cs, rec_id, report_id, "Gör Y.")

    assert window.workspace.run("Importera register", replace) == rec_id
    # The pane let go of X; the selection, which follows ids, shows what now stands there.
    assert window.detail.text_edit.toPlainText() == "Gör Y."
    text = window.detail.text_edit
    text.setPlainText("Gör Y. (ändrad)")
    text.committed.emit(text.value())
    assert rec_texts(store) == ["Gör Y. (ändrad)"]


# 2. Editing under "Endast försenade" loses input ------------------------------------------


def test_typing_on_under_a_filter_keeps_the_row_and_the_next_field(qtbot, store, settings):
    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        report = R.create_report(cs, "Granskning av löner", reply_deadline="2026-06-30")
        first = R.add_recommendation(cs, report, "Se över attesterna.", body_ids=[ks])
        R.add_recommendation(cs, report, "Inför stickprov.", body_ids=[ks])
        return first

    rec_id, _ = run_change(store, "setup", build)
    window = shown_window(qtbot, store, settings)
    window.filter_bar.overdue.setChecked(True)
    assert len(window.visible_ids()) == 2
    click_row(qtbot, window, window.model.row_of(rec_id))

    box = window.detail.reply_boxes[0]
    qtbot.waitUntil(box.fields["text"].isVisible)  # a box added to a shown pane appears on the next event
    box.fields["text"].setFocus()
    qtbot.keyClicks(box.fields["text"], "Vi svarar nu.")  # ASCII: QTest types no å, ä, ö
    qtbot.keyClick(box.fields["text"], Qt.Key.Key_Tab)  # saved: the reply is in, the row is late no more
    assert QApplication.focusWidget() is box.fields["action"]
    qtbot.keyClicks(box.fields["action"], "Ny rutin i januari.")
    qtbot.keyClick(box.fields["action"], Qt.Key.Key_Tab)

    saved = store.conn.execute("SELECT text, action FROM replies WHERE recommendation_id = ?", (rec_id,)).fetchone()
    assert saved == ("Vi svarar nu.", "Ny rutin i januari.")
    assert rec_id in window.visible_ids() and window.model.is_outside_filter(rec_id)
    assert window.detail.row.id == rec_id
    row = window.model.row_of(rec_id)
    assert window.model.index(row, 3).data(Qt.ItemDataRole.FontRole).italic()

    click_row(qtbot, window, 1 - row)  # the other, still late row
    assert rec_id not in window.visible_ids()


# 3. Escape throws away a filled dialog ------------------------------------------------------


def test_escape_in_a_filled_new_report_asks_before_anything_is_lost(qtbot, store, settings, ask):
    window = shown_window(qtbot, store, settings)
    editor = new_report(qtbot, window, "Granskning av löner", "Se över attesterna.", deadline="2027-03-31")
    editor.show()
    qtbot.waitExposed(editor)

    ask.script = ["Avbryt"]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert editor.isVisible() and ask.shown[-1] == ("question", ASKED_TO_SAVE)
    assert ask.offered[-1] == ["Spara", "Släng", "Avbryt"]

    ask.script = ["Släng"]
    editor.close()
    assert not editor.isVisible() and rec_texts(store) == []


def test_spara_in_the_question_saves_and_an_unchanged_dialog_closes_without_asking(qtbot, store, settings, ask):
    window = shown_window(qtbot, store, settings)
    editor = new_report(qtbot, window, "Granskning av löner", "Se över attesterna.", deadline="2027-03-31")
    editor.show()
    ask.script = ["Spara"]
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert rec_texts(store) == ["Se över attesterna."] and not editor.isVisible()

    report_id = store.conn.execute("SELECT id FROM reports").fetchone()[0]
    asked = len(ask.shown)
    edit = ReportEditor(window.workspace, window, report_id)
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert not edit.isVisible() and len(ask.shown) == asked

    edit = ReportEditor(window.workspace, window, report_id)
    qtbot.addWidget(edit)
    edit.show()
    edit.table.item(0, 1).setText("Se över alla attester.")
    ask.script = ["Avbryt"]
    qtbot.keyClick(edit, Qt.Key.Key_Escape)
    assert edit.isVisible() and ask.shown[-1] == ("question", ASKED_TO_SAVE)


# 4. Ctrl+Z and the search box ---------------------------------------------------------------


def test_focus_starts_in_the_table_and_ctrl_z_works_from_the_search_box(qtbot, demo_store, settings):
    window = shown_window(qtbot, demo_store, settings)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    rec = window.model.visible_rows()[0]
    window.workspace.run("Ändra", lambda cs: R.update_recommendation(cs, rec.id, text="Ändrad."))

    ctrl(qtbot, window, Qt.Key.Key_F)
    assert QApplication.focusWidget() is window.filter_bar.search
    ctrl(qtbot, window, Qt.Key.Key_Z)
    assert demo_store.conn.execute("SELECT text FROM recommendations WHERE id = ?", (rec.id,)).fetchone()[0] == rec.text
    ctrl(qtbot, window, Qt.Key.Key_Y)
    assert (
        demo_store.conn.execute("SELECT text FROM recommendations WHERE id = ?", (rec.id,)).fetchone()[0] == "Ändrad."
    )


def test_ctrl_z_in_a_field_being_typed_in_undoes_the_typing_not_the_register(qtbot, demo_store, settings):
    window = shown_window(qtbot, demo_store, settings)
    click_row(qtbot, window, 0)
    rec = window.detail.row
    window.workspace.run("Ändra", lambda cs: R.update_recommendation(cs, rec.id, text="Ändrad."))
    field = window.detail.text_edit
    field.setFocus()
    field.moveCursor(field.textCursor().MoveOperation.End)
    qtbot.keyClicks(field, " Mer")
    ctrl(qtbot, window, Qt.Key.Key_Z)
    assert field.toPlainText() != "Ändrad. Mer"  # the typing went back
    assert (
        demo_store.conn.execute("SELECT text FROM recommendations WHERE id = ?", (rec.id,)).fetchone()[0] == "Ändrad."
    )


def test_the_first_report_in_an_empty_register_leaves_focus_in_the_table(qtbot, store, settings):
    window = shown_window(qtbot, store, settings)
    assert window.stack.currentWidget() is window.empty_state
    new_report(qtbot, window, "Granskning A", "Gör X.", deadline="2027-01-31").save()
    assert window.stack.currentWidget() is not window.empty_state
    assert QApplication.focusWidget() is window.table


# 5. No way forward from Ny granskning in a new register -------------------------------------


def test_a_new_body_is_added_in_place_from_ny_granskning(qtbot, fresh_register, monkeypatch):
    from tracker.gui.dialogs import choose_bodies

    window = fresh_register
    editor = new_report(qtbot, window, "Granskning av bygglov", "Korta handläggningstiden.", deadline="2027-03-31")
    editor.table.selectRow(0)

    def pick(dialog):
        assert dialog.list.count() == 0  # nothing to choose from yet
        dialog.new_body.edit.setText("byggnadsnämnden")
        dialog.new_body.button.click()
        return 1

    monkeypatch.setattr(choose_bodies.ChooseBodiesDialog, "exec", pick)
    editor.change_bodies()
    assert editor.table.item(0, 2).text() == "Byggnadsnämnden"
    editor.save()

    [row] = window.model.visible_rows()
    assert row.bodies == ["Byggnadsnämnden"]
    window.undo()  # the body came with the same command
    assert window.store.conn.execute("SELECT count(*) FROM bodies").fetchone()[0] == 0


def test_saving_a_recommendation_without_body_or_deadline_asks_first(qtbot, fresh_register, ask):
    window = fresh_register
    editor = new_report(qtbot, window, "Granskning av bygglov", "Korta handläggningstiden.")
    ask.script = ["Gå tillbaka"]
    editor.save()
    question = ask.shown[-1][1]
    assert "Ingen ansvarig nämnd för rekommendation nr 1" in question and "Svar senast" in question
    assert rec_texts(window.store) == []
    ask.script = ["Spara ändå"]
    editor.save()
    assert rec_texts(window.store) == ["Korta handläggningstiden."]


# 6. Reading the same report twice ---------------------------------------------------------


def text_report(path: Path) -> Path:
    path.write_text(
        "Granskning av lokalförsörjningen\n\nRevisionsrapport 2026\n\nRekommendationer\n\n"
        "Vi rekommenderar att kommunstyrelsen tar fram en lokalförsörjningsplan.\n"
        "Vi rekommenderar att kommunstyrelsen inventerar tomma lokaler.\n",
        encoding="utf-8",
    )
    return path


def opened_readers(window) -> list[ReportReaderDialog]:
    return [d for d in window.findChildren(ReportReaderDialog) if d.isVisible()]


def test_reading_the_same_report_again_says_so_and_offers_the_one_there(qtbot, store, settings, tmp_path, ask):
    window = shown_window(qtbot, store, settings)
    path = text_report(tmp_path / "lokaler.txt")
    open_report_reader(window, path)
    qtbot.waitUntil(lambda: bool(opened_readers(window)), timeout=10_000)
    [first] = opened_readers(window)
    first._save()
    reports = store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    assert reports == 1 and not ask.titles.count("Granskningen finns redan")

    ask.script = ["Avbryt"]
    open_report_reader(window, path)
    qtbot.waitUntil(lambda: "Granskningen finns redan" in ask.titles, timeout=10_000)
    assert "från samma fil" in ask.shown[-1][1]
    assert ask.offered[-1] == ["Öppna den som finns", "Lägg till ändå", "Avbryt"]
    assert not opened_readers(window)

    ask.script = ["Lägg till ändå"]
    open_report_reader(window, path)
    qtbot.waitUntil(lambda: bool(opened_readers(window)), timeout=10_000)
    assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1  # nothing before Spara
