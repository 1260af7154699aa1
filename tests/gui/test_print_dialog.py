"""Arkiv → Skriv ut statuslista…: the current filter or a chosen selection, saved as PDF,
and the preview draws the same pages."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintPreviewDialog, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication, QFileDialog
from window_helpers import make_window

from tracker.core import register as R
from tracker.gui.dialogs.print_statuslist import PrintDialog


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
    dialog.save_pdf()
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
    dialog.save_pdf()
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
