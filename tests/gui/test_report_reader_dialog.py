"""Läs in granskningsrapport: the reader dialog over a real register and a Word file
written in the test; nothing is stored before Spara."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from docx import Document
from window_helpers import make_window

from tracker.core.register import body_index
from tracker.core.reports.proposal import propose_file, propose_pasted
from tracker.gui import actions
from tracker.gui.dialogs.report_reader import ReportReaderDialog

REPORT = [
    "Granskning av lokalförsörjningen",
    "Vi har granskat om kommunstyrelsen har en ändamålsenlig lokalförsörjning.",
    "Rekommendationer",
]
ITEMS = [
    "Ta fram en lokalförsörjningsplan som uppdateras årligen.",
    "Inventera lokaler som står tomma.",
    "Samordna lokalbehoven med barn- och utbildningsnämnden.",
]


def word_report(path: Path) -> Path:
    doc = Document()
    for line in REPORT:
        doc.add_paragraph(line)
    for item in ITEMS:
        doc.add_paragraph(item, style="List Bullet")
    doc.add_paragraph("Revisionskontoret, Ekby kommun")
    doc.save(str(path))
    return path


@pytest.fixture
def window(qtbot, store, settings):
    store.conn.execute("INSERT INTO bodies (name, short_name) VALUES ('Kommunstyrelsen', 'KS')")
    store.conn.commit()
    return make_window(qtbot, store, settings)


def reader(window, qtbot, proposal) -> ReportReaderDialog:
    dialog = ReportReaderDialog(window, proposal, body_index(window.store))
    qtbot.addWidget(dialog)
    return dialog


def counts(store) -> tuple[int, int, int]:
    return tuple(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("reports", "recommendations", "bodies"))  # fmt: skip


def test_found_recommendations_are_listed_highlighted_and_saved_only_on_spara(window, qtbot, tmp_path, answers):
    proposal = propose_file(word_report(tmp_path / "r.docx"), body_index(window.store))
    dialog = reader(window, qtbot, proposal)
    assert dialog.list.count() == 3
    assert dialog.fields["title"].text() == "Granskning av lokalförsörjningen"
    assert len(dialog.text.extraSelections()) == 3
    assert counts(window.store) == (0, 0, 1)
    dialog.list.setCurrentRow(2)
    dialog.editor.setPlainText("Samordna lokalbehoven med nämnderna.")
    dialog.fields["reply_deadline"].setText("31 mars 2026")
    dialog._save()
    assert counts(window.store) == (1, 3, 1)
    row = window.store.conn.execute("SELECT text FROM recommendations WHERE number = 3").fetchone()
    assert row[0] == "Samordna lokalbehoven med nämnderna."
    assert window.store.conn.execute("SELECT reply_deadline FROM reports").fetchone()[0] == "2026-03-31"
    assert window.history.undo_label is not None


def test_remove_merge_and_change_bodies_before_saving(window, qtbot, tmp_path, answers):
    dialog = reader(window, qtbot, propose_file(word_report(tmp_path / "r.docx"), body_index(window.store)))
    dialog.list.item(0).setSelected(True)
    dialog.list.item(1).setSelected(True)
    dialog._merge()
    assert [r.text for r in dialog.recs] == [f"{ITEMS[0]} {ITEMS[1]}", ITEMS[2]]
    dialog.list.clearSelection()
    dialog.list.setCurrentRow(1)
    dialog.new_body.edit.setText("barn- och utbildningsnämnden")
    dialog.new_body.button.click()
    assert dialog.recs[1].bodies == ["Kommunstyrelsen", "Barn- och utbildningsnämnden"]
    dialog.list.clearSelection()
    dialog.list.item(0).setSelected(True)
    dialog._remove()
    assert [r.text for r in dialog.recs] == [ITEMS[2]]
    dialog._save()
    assert counts(window.store) == (1, 1, 2)


def test_moving_a_recommendation_changes_the_saved_numbers(window, qtbot, tmp_path, answers):
    dialog = reader(window, qtbot, propose_file(word_report(tmp_path / "r.docx"), body_index(window.store)))
    dialog.list.setCurrentRow(2)
    assert dialog.down_button.isEnabled() is False
    dialog.up_button.click()
    assert dialog.list.currentRow() == 1
    assert dialog.list.item(1).text().startswith(f"2. {ITEMS[2]}")
    dialog.list.setCurrentRow(0)
    assert dialog.up_button.isEnabled() is False
    dialog.down_button.click()
    dialog._save()
    saved = window.store.conn.execute("SELECT number, text FROM recommendations ORDER BY number").fetchall()
    assert saved == [(1, ITEMS[2]), (2, ITEMS[0]), (3, ITEMS[1])]


def test_nothing_found_says_so_and_selected_text_becomes_a_recommendation(window, qtbot, answers):
    text = (
        "Granskning av delårsrapporten\n\nVi har granskat om kommunstyrelsen har en god ekonomisk hushållning.\n\n"
        "Nämnden bör se över rutinerna för avstämning av konton.\n"
    )
    dialog = reader(window, qtbot, propose_pasted(text, body_index(window.store)))
    assert dialog.list.count() == 0 and "Inga rekommendationer hittades" in dialog.found_label.text()
    start = dialog.text.toPlainText().index("Nämnden bör")
    end = dialog.text.toPlainText().index("konton.") + len("konton.")
    dialog.add_text_as_recommendation(start, end)
    assert [(r.text, r.bodies) for r in dialog.recs] == [
        ("Nämnden bör se över rutinerna för avstämning av konton.", ["Kommunstyrelsen"])
    ]
    assert dialog.text.extraSelections()[0].cursor.selectionStart() == start


def test_a_date_that_cannot_be_read_stops_the_save_with_a_swedish_message(window, qtbot, tmp_path, answers):
    dialog = reader(window, qtbot, propose_file(word_report(tmp_path / "r.docx"), body_index(window.store)))
    dialog.fields["report_date"].setText("någon gång i vår")
    dialog._save()
    assert answers and answers[-1][0] == "warning" and "Rapportdatum" in answers[-1][1]
    assert counts(window.store) == (0, 0, 1)


def test_menu_entry_and_drop_handlers_are_registered(window):
    for action_id in ("import_report", "paste_report"):
        action = actions.find(action_id)
        assert action.menu == "Arkiv" and action.section == actions.FILE_IMPORT and action.enabled(window)
    assert {".pdf", ".docx", ".txt"} <= set(actions.DROP_HANDLERS)


def _scanned_report(path: Path, pages: int, scanned: range) -> Path:
    sys.path.insert(0, str(Path(__file__).parents[1] / "core"))  # the report files the core tests write
    from report_files import write_scanned_pdf

    text = [REPORT + [f"- {item}" for item in ITEMS]] + [[f"Bilaga {n}", "Intervjuade."] for n in range(2, pages + 1)]
    return write_scanned_pdf(path, [None if n in scanned else lines for n, lines in enumerate(text, 1)])


def _reader_dialogs(window) -> list[ReportReaderDialog]:
    return [w for w in window.findChildren(ReportReaderDialog) if w.isVisible()]


def test_a_partly_scanned_pdf_is_read_page_by_page_and_its_pages_without_text_are_named(window, qtbot, tmp_path):
    from tracker.gui.dialogs.report_reader import open_report_reader

    job = open_report_reader(window, _scanned_report(tmp_path / "delvis.pdf", 12, range(3, 11)))
    qtbot.waitUntil(job.done.is_set, timeout=10_000)
    assert job._progress_seen == (12, 12)  # told after every page
    (dialog,) = _reader_dialogs(window)
    qtbot.addWidget(dialog)
    assert dialog.warning_label.isVisible()
    assert dialog.warning_label.text() == "⚠ Sidorna 3–10 saknar text (inskannade?)."
    assert dialog.list.count() == 3


def test_avbryt_stops_reading_and_shows_nothing(window, qtbot, tmp_path):
    from tracker.gui.dialogs.report_reader import open_report_reader

    job = open_report_reader(window, _scanned_report(tmp_path / "lang.pdf", 120, range(0)))
    job.dialog.canceled.emit()  # Avbryt
    qtbot.waitUntil(job.done.is_set, timeout=10_000)
    assert job._progress_seen[0] < 120
    assert _reader_dialogs(window) == [] and counts(window.store) == (0, 0, 1)
