"""Exportera register till Excel: a saved layout or the plain one, the whole register or
the rows the table shows, and a file name."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QRadioButton

from ...core.excel.register_export import export_register
from ...core.layouts import last_used_layout, list_layouts
from .saved_file import show_saved

if TYPE_CHECKING:
    from ..main_window import MainWindow

PLAIN = "Enkel (alla fält, en rad per nämnd)"


class ExportRegisterDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Exportera register till Excel")
        form = QFormLayout(self)
        self.layouts = {layout.name: layout for layout in list_layouts(window.store)}
        self.layout_box = QComboBox()
        self.layout_box.addItem(PLAIN, None)
        for name in self.layouts:
            self.layout_box.addItem(name, name)
        last = last_used_layout(window.store)
        self.layout_box.setCurrentIndex(max(0, self.layout_box.findData(last.name if last else None)))
        form.addRow("Layout:", self.layout_box)
        self.whole = QRadioButton("Hela registret")
        self.visible = QRadioButton(f"Det som visas i tabellen ({len(window.visible_ids())} rekommendationer)")
        self.whole.setChecked(True)
        form.addRow(self.whole)
        form.addRow(self.visible)
        buttons = QDialogButtonBox()
        buttons.addButton("Exportera…", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._export)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Spara som", "register.xlsx", "Excel (*.xlsx)")
        if not name:
            return
        path = Path(name).with_suffix(".xlsx")
        self.export_to(path)

    def export_to(self, path: Path) -> None:
        window = self.window_
        layout = self.layouts.get(self.layout_box.currentData())
        ids = window.visible_ids() if self.visible.isChecked() else None

        def done(count: int) -> None:
            self.saved = show_saved(window, "Exportera register", f"{count} rekommendationer skrivna till {path.name}.",
                                    path)  # fmt: skip
            self.accept()

        window.workspace.run_in_background(
            self,
            "Exportera register",
            lambda progress: export_register(
                window.store, path, layout=layout, ids=ids, today=window.today(), progress=progress
            ),
            done,
            progress_text="Skriver arbetsboken …",
        )


def open_export_register_dialog(window: MainWindow) -> None:
    ExportRegisterDialog(window).open()
