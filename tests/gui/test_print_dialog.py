"""Arkiv → Skriv ut statuslista…: the current filter or a chosen selection, saved as PDF,
and the preview draws the same pages."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog
from window_helpers import make_window

from tracker.core import register as R
from tracker.core.errors import UserError
from tracker.gui.dialogs.print_statuslist import PrintDialog
from tracker.gui.statuslist_render import save_pdf


@pytest.fixture
def window(qtbot, demo_store, settings):
    return make_window(qtbot, demo_store, settings)


def text_of(path) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(path).pages)


def test_the_current_filter_is_printed_to_pdf(qtbot, window, tmp_path, monkeypatch):
    window.filter_bar.overdue.setChecked(True)
    shown = window.model.visible_rows()
    assert 0 < len(shown) < window.model.total
    dialog = PrintDialog(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "lista.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), "PDF (*.pdf)"))
    qtbot.waitUntil(dialog.save_pdf().done.is_set)
    text = text_of(out)
    assert "Urval: endast försenade" in text
    for row in shown:
        assert f"{row.number}. {' '.join(row.text.split()[:4])}" in text
    assert text.count("⚠ SVAR FÖRSENAT") + text.count("⚠ ÅTGÄRD FÖRSENAD") >= len(shown)


def test_a_chosen_body_and_landscape_reach_the_pdf(qtbot, window, tmp_path, monkeypatch):
    dialog = PrintDialog(window)
    qtbot.addWidget(dialog)
    dialog.use_choice.setChecked(True)
    sn = R.find_body(window.store, "SN").id
    for i in range(dialog.bodies.count()):
        item = dialog.bodies.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == sn:
            item.setCheckState(Qt.CheckState.Checked)
    dialog.landscape.setChecked(True)
    out = tmp_path / "sn.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.waitUntil(dialog.save_pdf().done.is_set)
    reader = PdfReader(out)
    assert reader.pages[0].mediabox.width > reader.pages[0].mediabox.height
    assert "Statuslista – Socialnämnden" in text_of(out)


def test_the_preview_paints_pages(qtbot, window):
    from PySide6.QtPrintSupport import QPrinter

    dialog = PrintDialog(window)
    qtbot.addWidget(dialog)
    printer = dialog._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(window.store.path.with_name("preview.pdf")))
    dialog._draw(printer)
    assert len(PdfReader(window.store.path.with_name("preview.pdf")).pages) >= 2


def test_the_preview_dialog_shows_the_pages(qtbot, window, monkeypatch):
    shown = []

    def exec_(self):
        self.show()
        QApplication.processEvents()
        shown.append(self.findChildren(QPrintPreviewWidget)[0].pageCount())
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    dialog = PrintDialog(window)
    qtbot.addWidget(dialog)
    dialog.preview()
    assert shown and shown[0] >= 2


def test_avbryt_while_saving_keeps_the_old_pdf_and_leaves_no_temporary(qtbot, window, tmp_path):
    folder = tmp_path / "listor"
    folder.mkdir()
    out = folder / "lista.pdf"
    out.write_bytes(b"%PDF gammal lista")
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return len(seen) < 3  # Avbryt after a little of the work

    status_list = PrintDialog(window).status_list()
    with pytest.raises(UserError, match="Avbrutet; ingen fil sparades") as raised:
        save_pdf(status_list, out, progress=progress)
    assert raised.value.file == "lista.pdf"
    assert out.read_bytes() == b"%PDF gammal lista"
    assert [p.name for p in folder.iterdir()] == ["lista.pdf"]
    assert len(seen) == 3 and all(0 <= d <= t for d, t in seen)


def test_skriv_ut_sends_every_page_to_the_printer_off_the_gui_thread(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "skrivaren.pdf"  # the printer here is Qt's PDF output
    dialog = PrintDialog(window)
    qtbot.addWidget(dialog)
    make_printer = dialog._printer

    def printer():
        p = make_printer()
        p.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        p.setOutputFileName(str(out))
        return p

    monkeypatch.setattr(dialog, "_printer", printer)
    monkeypatch.setattr(QPrintDialog, "exec", lambda self: 1)  # the user pressed Skriv ut
    job = dialog.print_()
    qtbot.waitUntil(job.done.is_set)
    pages = PdfReader(out).pages
    texts = [" ".join(p.extract_text().split()) for p in pages]
    assert all(f"Sida {n} av {len(pages)}" in t for n, t in enumerate(texts, start=1))
    assert f"({len(pages)} sidor)" in window.statusBar().currentMessage()


@pytest.mark.parametrize("landscape", [False, True])
def test_the_preview_shows_the_pages_of_the_pdf(qtbot, window, tmp_path, monkeypatch, landscape):
    shown = []

    def exec_(self):
        self.show()
        QApplication.processEvents()
        shown.append((self.findChildren(QPrintPreviewWidget)[0].pageCount(), self.frameGeometry()))
        return 0

    monkeypatch.setattr(QPrintPreviewDialog, "exec", exec_)
    dialog = PrintDialog(window)
    qtbot.addWidget(dialog)
    dialog.landscape.setChecked(landscape)
    dialog.preview()
    out = tmp_path / "lista.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.waitUntil(dialog.save_pdf().done.is_set)
    pages, geometry = shown[0]
    assert pages == len(PdfReader(out).pages)
    screen = dialog.screen().availableGeometry()
    assert geometry.height() <= screen.height() and geometry.width() <= screen.width()


def test_the_printer_gets_the_pdfs_pages_word_for_word(qtbot, window, tmp_path):
    """What the preview and Skriv ut draw (a high-resolution printer) breaks where the PDF does."""
    dialog = PrintDialog(window)
    qtbot.addWidget(dialog)
    dialog.landscape.setChecked(True)
    printer = dialog._printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "skrivaren.pdf"
    printer.setOutputFileName(str(printed))
    assert printer.resolution() != 300  # not the PDF's resolution, so the same pages are not a coincidence
    dialog._draw(printer)
    saved = tmp_path / "lista.pdf"
    save_pdf(dialog.status_list(), saved, landscape=True)
    assert [" ".join(p.extract_text().split()) for p in PdfReader(printed).pages] == [
        " ".join(p.extract_text().split()) for p in PdfReader(saved).pages
    ]
