"""The report editor and the bodies dialog write through the window's history: one
command per save, undoable, nothing written on cancel."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog
from window_helpers import make_window

import tracker.gui.dialogs.bodies as bodies_module
from tracker.core import register as R
from tracker.core.backups import list_backups
from tracker.core.changes import run_change
from tracker.gui.dialogs.bodies import BodiesDialog
from tracker.gui.dialogs.report_editor import ReportEditor


def count(store, table):
    return store.conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def recs(store):
    return store.conn.execute("SELECT number, text FROM recommendations ORDER BY number").fetchall()


@pytest.fixture
def window(qtbot, store, settings):
    run_change(store, "nämnd", lambda cs: R.create_body(cs, "Kommunstyrelsen", short_name="KS"))
    return make_window(qtbot, store, settings)


def fill_new_report(qtbot, window) -> ReportEditor:
    editor = ReportEditor(window.workspace, window, None)
    qtbot.addWidget(editor)
    editor.edits["title"].setText("Granskning av löner")
    editor.edits["reply_deadline"].setText("31 mars 2027")
    for text in ("Se över attesterna.", "Inför stickprov.", "Följ upp avvikelser."):
        editor.add_row()
        editor.table.item(editor.table.rowCount() - 1, 1).setText(text)
    return editor


def test_a_new_report_with_three_recommendations_is_one_undoable_command(qtbot, window, store, answers):
    editor = fill_new_report(qtbot, window)
    editor.save()

    assert count(store, "reports") == 1
    assert store.conn.execute("SELECT reply_deadline, audit_year FROM reports").fetchone() == ("2027-03-31", 2026)
    assert recs(store) == [(1, "Se över attesterna."), (2, "Inför stickprov."), (3, "Följ upp avvikelser.")]
    assert window.model.total == 3
    window.undo()
    assert count(store, "reports") == 0 and count(store, "recommendations") == 0


def test_the_auditors_assessment_is_saved_and_shown_again(qtbot, window, store, answers):
    editor = fill_new_report(qtbot, window)
    editor.assessment.setPlainText("Revisorerna bedömer att kontrollen är otillräcklig.\nSe avsnitt 4.")
    editor.save()
    report_id = store.conn.execute("SELECT id FROM reports").fetchone()[0]
    assert store.conn.execute("SELECT assessment FROM reports").fetchone()[0].endswith("\nSe avsnitt 4.")

    again = ReportEditor(window.workspace, window, report_id)
    qtbot.addWidget(again)
    assert again.assessment.toPlainText().startswith("Revisorerna bedömer")
    again.assessment.setPlainText("  ")
    again.save()
    assert store.conn.execute("SELECT assessment FROM reports").fetchone()[0] is None


def test_moving_removing_and_renumbering_are_saved_in_one_go(qtbot, window, store, answers):
    fill_new_report(qtbot, window).save()
    report_id = store.conn.execute("SELECT id FROM reports").fetchone()[0]
    editor = ReportEditor(window.workspace, window, report_id)
    qtbot.addWidget(editor)
    editor.table.selectRow(2)
    editor.move(-1)  # "Följ upp" up to place 2; the numbers stay in order
    editor.table.selectRow(0)
    editor.remove_row()
    editor.renumber()
    editor.save()

    assert recs(store) == [(1, "Följ upp avvikelser."), (2, "Inför stickprov.")]
    assert answers and answers[0][0] == "question"  # the removal was confirmed
    window.undo()
    assert recs(store) == [(1, "Se över attesterna."), (2, "Inför stickprov."), (3, "Följ upp avvikelser.")]


def test_cancel_and_bad_input_write_nothing(qtbot, window, store, answers):
    editor = fill_new_report(qtbot, window)
    editor.edits["report_date"].setText("i våras")
    editor.save()
    assert count(store, "reports") == 0
    assert "”i våras” går inte att läsa som datum" in answers[-1][1]
    editor.reject()
    assert count(store, "reports") == 0 and count(store, "history") == 1  # only the fixture's body


def test_new_body_short_form_and_spelling_then_merge_moves_recommendations(qtbot, window, store, answers, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Socialnämnden", True))
    dialog = BodiesDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.new_body()
    assert dialog.current().name == "Socialnämnden"
    dialog.short_edit.setText("SN")
    dialog.short_edit.editingFinished.emit()
    assert R.find_body(store, "SN").name == "Socialnämnden"

    sn, ks = R.find_body(store, "SN").id, R.find_body(store, "KS").id

    def build(cs):
        report = R.create_report(cs, "Granskning av bistånd")
        rec = R.add_recommendation(cs, report, "Följ upp beslut.", body_ids=[sn])
        R.set_reply(cs, rec, sn, text="Vi följer upp.")

    run_change(store, "granskning", build)
    monkeypatch.setattr(bodies_module, "choose_body", lambda parent, q, bodies: next(b for b in bodies if b.id == sn))
    dialog.list.setCurrentRow([b.id for b in dialog.bodies].index(ks))
    dialog.merge_into_current()

    assert count(store, "bodies") == 1
    assert store.conn.execute("SELECT body_id FROM replies").fetchone()[0] == ks
    assert store.conn.execute("SELECT body_id FROM recommendation_bodies").fetchall() == [(ks,)]
    assert R.find_body(store, "Socialnämnden").id == ks  # the old name is now another spelling
    assert any(b.reason == "före sammanslagning av nämnder" for b in list_backups(store.path))
    window.undo()
    assert count(store, "bodies") == 2
    assert store.conn.execute("SELECT body_id FROM replies").fetchone()[0] == sn


def test_a_body_with_recommendations_is_not_deleted(qtbot, window, store, answers):
    ks = R.find_body(store, "KS").id
    run_change(store, "g", lambda cs: R.add_recommendation(cs, R.create_report(cs, "G"), "Gör.", body_ids=[ks]))
    dialog = BodiesDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.delete_body()
    assert count(store, "bodies") == 1
    assert "kan inte tas bort" in answers[-1][1]


def test_taking_a_body_off_in_the_editor_asks_and_removes_its_reply_in_the_same_command(
    qtbot, window, store, answers, monkeypatch
):
    ks = R.find_body(store, "KS").id

    def build(cs):
        sn = R.create_body(cs, "Socialnämnden", short_name="SN")
        rec = R.add_recommendation(cs, R.create_report(cs, "Granskning av bistånd"), "Gör.", body_ids=[ks, sn])
        R.set_reply(cs, rec, ks, text="KS svarar.")
        return sn

    sn, _ = run_change(store, "granskning", build)
    editor = ReportEditor(window.workspace, window, store.conn.execute("SELECT id FROM reports").fetchone()[0])
    qtbot.addWidget(editor)
    editor.table.selectRow(0)
    monkeypatch.setattr("tracker.gui.dialogs.report_editor.choose_bodies", lambda *a: [sn])
    editor.change_bodies()
    editor.save()

    assert "nr 1: Kommunstyrelsen" in answers[0][1]
    assert count(store, "replies") == 0
    assert store.conn.execute("SELECT body_id FROM recommendation_bodies").fetchall() == [(sn,)]
    window.undo()
    assert store.conn.execute("SELECT text FROM replies").fetchone() == ("KS svarar.",)


def test_rename_and_spellings_are_saved_and_undone_one_at_a_time(qtbot, window, store, answers, monkeypatch):
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Kommunstyrelsens arbetsutskott", True))
    dialog = BodiesDialog(window.workspace, window)
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Kommunstyrelsen i Exempelby")
    dialog.name_edit.editingFinished.emit()
    dialog.add_spelling()
    assert R.find_body(store, "Kommunstyrelsens arbetsutskott").name == "Kommunstyrelsen i Exempelby"

    dialog.spellings.setCurrentRow(0)
    dialog.remove_spelling()
    assert count(store, "body_spellings") == 0
    window.undo()
    assert count(store, "body_spellings") == 1
    window.undo()
    window.undo()
    assert store.conn.execute("SELECT name FROM bodies").fetchone()[0] == "Kommunstyrelsen"
