"""The status list as Word, read back with python-docx: Word headings, a table per report
whose heading row repeats, the charts as pictures, page numbers in the footer; from the
print dialog and from `tracker print OUT.docx`."""

from __future__ import annotations

import datetime as dt

import docx
import pytest
from PySide6.QtWidgets import QFileDialog
from window_helpers import make_window

from tracker.cli import main
from tracker.core.statuslist import build_status_list
from tracker.gui.dialogs.print_statuslist import PrintDialog
from tracker.gui.statuslist_docx import save_docx

TODAY = dt.date(2026, 11, 25)


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def test_headings_tables_pictures_and_page_numbers(demo_store, tmp_path):
    sl = build_status_list(demo_store, TODAY)
    out = tmp_path / "lista.docx"
    save_docx(sl, out)
    document = docx.Document(str(out))
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == ["Statuslista – samtliga nämnder"]
    assert headings(document, 1) == ["Översikt", *(b.name for b in sl.bodies), "Uppföljningsstatistik"]
    reports = [f"{r.title} ({r.year})" if r.year else r.title for b in sl.bodies for r in b.reports]
    assert [h for h in headings(document, 2) if h != "Äldsta öppna rekommendationer"] == reports

    entry_tables = [t for t in document.tables if t.rows[0].cells[1].text == "Rekommendation"]
    assert len(entry_tables) == len(reports)
    first = sl.bodies[0].reports[0].entries[0]
    row = entry_tables[0].rows[1].cells
    assert row[0].text == str(first.number) and first.text in row[1].text and row[5].text.startswith(first.status)
    assert entry_tables[0].rows[0]._tr.xpath("./w:trPr/w:tblHeader")  # repeated on every page
    all_text = " ".join(c.text for t in entry_tables for r in t.rows for c in r.cells)
    assert "⚠ SVAR FÖRSENAT" in all_text and "⚠ ÅTGÄRD FÖRSENAD" in all_text

    # Overview, one per body, one per year: every chart a picture.
    assert len(document.inline_shapes) == 1 + len(sl.bodies) + 1
    footer = document.sections[0].footer.paragraphs[0]
    instructions = " ".join(footer._p.xpath(".//w:instrText/text()"))
    assert "PAGE" in instructions and "NUMPAGES" in instructions and "Sida" in footer.text


def test_landscape_word_pages(demo_store, tmp_path):
    out = tmp_path / "liggande.docx"
    save_docx(build_status_list(demo_store, TODAY), out, landscape=True)
    section = docx.Document(str(out)).sections[0]
    assert section.page_width > section.page_height


def test_spara_som_word_in_the_print_dialog(qtbot, demo_store, settings, tmp_path, monkeypatch):
    window = make_window(qtbot, demo_store, settings)
    dialog = PrintDialog(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "möte"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.waitUntil(dialog.save_word().done.is_set)
    saved = out.with_suffix(".docx")
    assert "Översikt" in headings(docx.Document(str(saved)), 1)
    assert str(saved) in window.statusBar().currentMessage()


@pytest.mark.parametrize("name", ["lista.docx", "LISTA.DOCX"])
def test_tracker_print_writes_word_by_the_file_name(demo_store, tmp_path, capsys, name):
    demo_store.close()
    out = tmp_path / name
    assert main(["--db", str(demo_store.path), "print", str(out), "--body", "SN"]) == 0
    assert "rekommendationer" in capsys.readouterr().out
    assert headings(docx.Document(str(out)), 1)[0] == "Socialnämnden"


def test_tracker_print_refuses_an_unknown_file_kind(demo_store, tmp_path, capsys):
    demo_store.close()
    assert main(["--db", str(demo_store.path), "print", str(tmp_path / "lista.odt")]) == 1
    assert "ska sluta på .pdf eller .docx" in capsys.readouterr().err
    assert not (tmp_path / "lista.odt").exists()
