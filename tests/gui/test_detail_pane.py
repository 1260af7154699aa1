"""The detail pane writes each edit at once, as one undoable command with history."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from window_helpers import make_window

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.opening import open_store
from tracker.gui.dialogs import choose_bodies, follow_up


@pytest.fixture
def one_rec(store):
    def build(cs):
        report = R.create_report(cs, "Granskning av löner", audit_year=2025)
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        R.create_body(cs, "Socialnämnden", short_name="SN")
        return R.add_recommendation(cs, report, "Se över attesterna.", body_ids=[ks])

    rec_id, _ = run_change(store, "setup", build)
    return rec_id


def shown(qtbot, store, settings, rec_id):
    window = make_window(qtbot, store, settings)
    [row] = [i for i, r in enumerate(window.model.visible_rows()) if r.id == rec_id]
    window.table.selectRow(row)
    assert window.detail.row.id == rec_id
    return window


def reply(store, rec_id, field):
    row = store.conn.execute(f"SELECT {field} FROM replies WHERE recommendation_id = ?", (rec_id,)).fetchone()
    return row[0] if row else None


def test_a_reply_typed_in_the_pane_reaches_the_database_and_survives_reopening(
    qtbot, store, db_path, settings, one_rec
):
    window = shown(qtbot, store, settings, one_rec)
    field = window.detail.reply_boxes[0].fields["text"]
    field.setPlainText("Vi inför dubbla attester.")
    field.committed.emit(field.value())  # what leaving the field does

    assert reply(store, one_rec, "text") == "Vi inför dubbla attester."
    [row] = [r for r in window.model.visible_rows() if r.id == one_rec]
    assert row.reply_state == "Svar inkommet"
    store.close()
    again = open_store(db_path)
    assert reply(again, one_rec, "text") == "Vi inför dubbla attester."
    again.close()


def test_undo_after_a_pane_edit_reverts_the_database_and_the_pane(qtbot, store, settings, one_rec):
    window = shown(qtbot, store, settings, one_rec)
    text = window.detail.text_edit
    text.setPlainText("Se över attesterna varje månad.")
    text.committed.emit(text.value())
    assert store.conn.execute("SELECT text FROM recommendations").fetchone()[0] == "Se över attesterna varje månad."

    window.undo()
    assert store.conn.execute("SELECT text FROM recommendations").fetchone()[0] == "Se över attesterna."
    assert window.detail.text_edit.toPlainText() == "Se över attesterna."


def test_a_due_date_in_words_is_stored_as_a_date(qtbot, store, settings, one_rec):
    window = shown(qtbot, store, settings, one_rec)
    due = window.detail.reply_boxes[0].fields["due"]
    due.setText("31 mars 2027")
    due.editingFinished.emit()
    assert reply(store, one_rec, "due") == "2027-03-31"


def test_a_date_that_is_no_date_changes_nothing_and_says_so(qtbot, store, settings, one_rec, answers):
    window = shown(qtbot, store, settings, one_rec)
    before = store.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    deadline = window.detail.deadline_edit
    deadline.setText("snart")
    deadline.editingFinished.emit()

    [(kind, text)] = answers
    assert kind == "warning" and "”snart” går inte att läsa som datum" in text
    assert store.conn.execute("SELECT count(*) FROM history").fetchone()[0] == before
    assert deadline.text() == ""


def test_adding_a_follow_up_sets_the_rows_status_newest_first(qtbot, store, settings, one_rec, monkeypatch):
    answers = iter([(dt.date(2026, 3, 1), "Pågående", "Arbetet har börjat."),
                    (dt.date(2026, 11, 1), "Åtgärdad", "Klart.")])  # fmt: skip
    monkeypatch.setattr(follow_up, "ask_follow_up", lambda *a, **k: next(answers))
    window = shown(qtbot, store, settings, one_rec)
    window.detail.add_follow_up()
    window.detail.add_follow_up()

    [row] = window.model.visible_rows()
    assert row.status == "Åtgärdad"
    tree = window.detail.follow_ups
    assert [tree.item(i).text().split("\n")[0] for i in range(tree.count())] == [
        "2026-11-01 · Åtgärdad",
        "2026-03-01 · Pågående",
    ]
    assert "Uppföljning tillagd: Åtgärdad · 2026-11-01 · Klart." in window.detail.history_view.item(0).text()


def test_dropping_a_body_takes_its_reply_and_undo_brings_both_back(qtbot, store, settings, one_rec, monkeypatch):
    sn = R.find_body(store, "SN").id
    ks = R.find_body(store, "KS").id
    run_change(store, "svar", lambda cs: R.set_reply(cs, one_rec, ks, text="Svar från KS"))
    monkeypatch.setattr(choose_bodies.ChooseBodiesDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    monkeypatch.setattr(choose_bodies.ChooseBodiesDialog, "chosen", lambda self: [sn])
    window = shown(qtbot, store, settings, one_rec)
    window.detail.bodies_button.click()

    assert [b.body_name for b in window.detail.reply_boxes] == ["Socialnämnden"]
    assert "Ansvarig nämnd tillagd: Socialnämnden" in window.detail.history_view.item(0).text()
    assert reply(store, one_rec, "text") is None
    window.undo()
    assert reply(store, one_rec, "text") == "Svar från KS"
    assert window.detail.row.bodies == ["Kommunstyrelsen"]


def test_a_read_only_register_shows_but_does_not_edit(qtbot, store, db_path, settings, one_rec):
    reader = open_store(db_path, read_only=True)
    window = shown(qtbot, reader, settings, one_rec)
    assert window.detail.text_edit.isReadOnly()
    assert not window.detail.add_follow_up_button.isEnabled()
    assert all(f.isReadOnly() for f in window.detail.reply_boxes[0].fields.values())
    reader.close()


def test_the_bodys_own_status_and_minute_are_saved_per_body(qtbot, store, settings, one_rec):
    window = shown(qtbot, store, settings, one_rec)
    box = window.detail.reply_boxes[0]
    for name, text in (("body_status", "Pågående"), ("minute_ref", "KS § 112")):
        box.fields[name].setText(text)
        box.fields[name].editingFinished.emit()

    assert reply(store, one_rec, "body_status") == "Pågående"
    assert reply(store, one_rec, "minute_ref") == "KS § 112"
    window.undo()
    assert reply(store, one_rec, "minute_ref") is None
    assert window.detail.reply_boxes[0].fields["body_status"].text() == "Pågående"


def test_a_follow_up_is_edited_and_deleted_and_the_status_follows(qtbot, store, settings, one_rec, monkeypatch):
    run_change(store, "f", lambda cs: R.add_follow_up(cs, one_rec, dt.date(2026, 3, 1), "Pågående", "Påbörjat."))
    monkeypatch.setattr(follow_up, "ask_follow_up", lambda *a, **k: (dt.date(2026, 4, 1), "Åtgärdad", "Klart."))
    window = shown(qtbot, store, settings, one_rec)
    window.detail.follow_ups.setCurrentRow(0)
    window.detail.edit_follow_up_button.click()
    assert window.model.visible_rows()[0].status == "Åtgärdad"

    window.detail.follow_ups.setCurrentRow(0)
    window.detail.delete_follow_up_button.click()
    assert store.conn.execute("SELECT count(*) FROM follow_ups").fetchone()[0] == 0
    assert window.detail.follow_ups.item(0).text() == "Inte uppföljd ännu."
    window.undo()
    assert store.conn.execute("SELECT date, status FROM follow_ups").fetchone() == ("2026-04-01", "Åtgärdad")


def test_ctrl_enter_in_the_text_saves_one_history_entry(qtbot, store, settings, one_rec):
    window = shown(qtbot, store, settings, one_rec)
    text = window.detail.text_edit
    text.setFocus()
    text.moveCursor(text.textCursor().MoveOperation.End)
    qtbot.keyClicks(text, " Varje kvartal.")
    qtbot.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # unchanged: no second entry

    assert store.conn.execute("SELECT text FROM recommendations").fetchone()[0] == "Se över attesterna. Varje kvartal."
    assert window.history.undo_label == "Ändra rekommendationens text" and len(window.history.undo_stack) == 1
