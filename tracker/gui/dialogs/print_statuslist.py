"""Arkiv → Skriv ut statuslista…: the current filter or a chosen selection, portrait or
landscape, one body per page or continuous; preview, print, save as PDF or as Word.
The preview, the printer and the PDF get the same page layout, so the same pages."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QVBoxLayout,
)

from ...core.model import STATUSES
from ...core.queries import years
from ...core.register import load_bodies
from ...core.rules import Filter
from ...core.statuslist import StatusList, build_status_list
from ..statuslist_docx import save_docx
from ..statuslist_render import page_layout, render, save_pdf
from ..workers import Job, run_in_background

if TYPE_CHECKING:
    from ..main_window import MainWindow


class PrintDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Skriv ut statuslista")
        self.resize(520, 560)
        current = window.current_filter()
        self.use_filter = QRadioButton(f"Aktuellt urval i listan ({current.describe(self._names())})")
        self.use_choice = QRadioButton("Välj:")
        self.use_filter.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.use_filter)
        group.addButton(self.use_choice)

        self.bodies = QListWidget()
        for body in load_bodies(window.store):
            item = QListWidgetItem(body.name)
            item.setData(Qt.ItemDataRole.UserRole, body.id)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.bodies.addItem(item)
        self.year = QComboBox()
        self.year.addItem("Alla år", None)
        for y in years(window.store):
            self.year.addItem(str(y), y)
        self.status = QComboBox()
        self.status.addItem("Alla statusar", None)
        self.status.addItems(STATUSES)
        self.overdue = QCheckBox("Endast försenade")
        choice = QGroupBox()
        form = QFormLayout(choice)
        form.addRow("Nämnder (inga = alla):", self.bodies)
        form.addRow("År:", self.year)
        form.addRow("Status:", self.status)
        form.addRow("", self.overdue)
        self.use_choice.toggled.connect(choice.setEnabled)
        choice.setEnabled(False)

        self.landscape = QCheckBox("Liggande sidor")
        self.per_body = QCheckBox("Varje nämnd på ny sida")
        layout_row = QHBoxLayout()
        layout_row.addWidget(self.landscape)
        layout_row.addWidget(self.per_body)
        layout_row.addStretch(1)

        buttons = QDialogButtonBox()
        preview = buttons.addButton("Förhandsgranska…", QDialogButtonBox.ButtonRole.ActionRole)
        print_button = buttons.addButton("Skriv ut…", QDialogButtonBox.ButtonRole.ActionRole)
        pdf = buttons.addButton("Spara som PDF…", QDialogButtonBox.ButtonRole.ActionRole)
        word = buttons.addButton("Spara som Word…", QDialogButtonBox.ButtonRole.ActionRole)
        word.clicked.connect(self.save_word)
        buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        preview.clicked.connect(self.preview)
        print_button.clicked.connect(self.print_)
        pdf.clicked.connect(self.save_pdf)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Vilka rekommendationer</b>"))
        layout.addWidget(self.use_filter)
        layout.addWidget(self.use_choice)
        layout.addWidget(choice, 1)
        layout.addWidget(QLabel("<b>Sidor</b>"))
        layout.addLayout(layout_row)
        layout.addWidget(buttons)

    def _names(self) -> dict[int, str]:
        return {b.id: b.name for b in load_bodies(self.window_.store)}

    def selection(self) -> Filter:
        if self.use_filter.isChecked():
            return self.window_.current_filter()
        items = (self.bodies.item(i) for i in range(self.bodies.count()))
        status = self.status.currentText() if self.status.currentIndex() > 0 else None
        return Filter(
            body_ids=tuple(i.data(Qt.ItemDataRole.UserRole) for i in items if i.checkState() == Qt.CheckState.Checked),
            year=self.year.currentData(),
            statuses=(status,) if status else (),
            overdue_only=self.overdue.isChecked(),
        )

    def status_list(self) -> StatusList:
        return build_status_list(self.window_.store, self.window_.today(), self.selection())

    def _printer(self) -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setPageLayout(page_layout(self.landscape.isChecked()))  # as the PDF: the same pages
        printer.setDocName("Statuslista")
        return printer

    def _draw(self, printer: QPrinter) -> None:
        render(self.status_list(), printer, self.per_body.isChecked())

    def preview(self) -> None:
        printer = self._printer()  # the preview does not own it: it must outlive the dialog
        dialog = QPrintPreviewDialog(printer, self)
        dialog.setWindowTitle("Förhandsgranska statuslista")
        screen = (self.screen() or QApplication.primaryScreen()).availableGeometry()
        dialog.resize(min(900, screen.width() * 9 // 10), min(1000, screen.height() * 9 // 10))
        dialog.paintRequested.connect(self._draw)
        dialog.exec()
        dialog.deleteLater()

    def print_(self) -> Job | None:
        printer = self._printer()
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return None
        status_list, per_body = self.status_list(), self.per_body.isChecked()

        def done(pages: int) -> None:
            self.window_.statusBar().showMessage(f"Statuslistan skickad till skrivaren ({pages} sidor).", 8000)
            self.accept()

        return run_in_background(
            self,
            "Skriv ut",
            lambda progress: render(status_list, printer, per_body, progress),
            done,
            progress_text="Skriver ut statuslistan …",
            on_error=lambda exc: self.window_.show_error(exc, "Skriv ut"),
        )

    def save_pdf(self) -> Job | None:
        return self._save("PDF", ".pdf", save_pdf, one_body_per_page=self.per_body.isChecked())

    def save_word(self) -> Job | None:
        return self._save("Word", ".docx", save_docx)

    def _save(self, kind: str, suffix: str, write, **options) -> Job | None:
        default = Path.home() / f"Statuslista {self.window_.today().isoformat()}{suffix}"
        name, _ = QFileDialog.getSaveFileName(
            self, f"Spara statuslista som {kind}", str(default), f"{kind} (*{suffix})"
        )
        if not name:
            return None
        path = Path(name).with_suffix(suffix)
        status_list = self.status_list()  # read here: the store belongs to the GUI thread
        landscape = self.landscape.isChecked()

        def done(count: int) -> None:
            pages = f" ({count} sidor)" if suffix == ".pdf" else ""  # Word counts its pages itself
            self.window_.statusBar().showMessage(f"Statuslistan sparad: {path}{pages}.", 8000)
            self.accept()

        return run_in_background(
            self,
            f"Spara som {kind}",
            lambda progress: write(status_list, path, landscape=landscape, progress=progress, **options),
            done,
            progress_text=f"Skriver {path.name} …",
            on_error=lambda exc: self.window_.show_error(exc, f"Spara som {kind}"),
        )


def open_print_dialog(window: MainWindow) -> None:
    PrintDialog(window).exec()
