"""Importera register från Excel: per sheet what each column means (with the first rows),
then what will be created or changed, unknown status words to map, and Verkställ."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...core.excel.headings import FIELD_LABELS
from ...core.excel.register_apply import apply_plan
from ...core.excel.register_import import read_register
from ...core.excel.register_plan import ImportPlan
from ...core.model import STATUSES

if TYPE_CHECKING:
    from ..main_window import MainWindow

IGNORED = "(används inte)"
_COUNT_TEXT = {
    "granskningar_nya": "nya granskningar", "granskningar_ändrade": "ändrade granskningar",
    "rekommendationer_nya": "nya rekommendationer", "rekommendationer_ändrade": "ändrade rekommendationer",
    "nämnder_nya": "nya nämnder", "svar_nya": "nya svar", "svar_ändrade": "ändrade svar",
    "uppföljningar_nya": "nya uppföljningar",
}  # fmt: skip


class ImportRegisterDialog(QDialog):
    def __init__(self, window: MainWindow, plan: ImportPlan) -> None:
        super().__init__(window)
        self.window_, self.plan = window, plan
        self.setWindowTitle(f"Importera register – {plan.path.name}")
        self.resize(1000, 700)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 2)
        form = QFormLayout()
        self.layout_name = QLineEdit(plan.sheets[0].layout_name or plan.path.stem)
        form.addRow("Spara kolumnernas betydelse som layout:", self.layout_name)
        layout.addLayout(form)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Vad som händer", "Åtgärd"])
        self.tree.setColumnWidth(0, 700)
        layout.addWidget(self.tree, 2)
        self.status_box = QWidget()
        self.status_grid = QGridLayout(self.status_box)
        layout.addWidget(self.status_box)
        buttons = QDialogButtonBox()
        self.reread = buttons.addButton("Läs om med valen", QDialogButtonBox.ButtonRole.ActionRole)
        self.apply_button = buttons.addButton("Verkställ", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.reread.clicked.connect(self._reread)
        self.apply_button.clicked.connect(self._apply)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.combos: dict[str, list[QComboBox]] = {}
        self.status_combos: dict[str, QComboBox] = {}
        self._show(plan)

    def _show(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.tabs.clear()
        self.combos.clear()
        for sheet in plan.sheets:
            page = QWidget()
            grid = QVBoxLayout(page)
            grid.addWidget(QLabel(f"Rubrikraden är rad {sheet.header_row}. Välj vad varje kolumn betyder."))
            row = QGridLayout()
            combos = []
            for c, (heading, field) in enumerate(zip(sheet.headings, sheet.fields)):
                row.addWidget(QLabel(heading or "(tom)"), 0, c)
                combo = QComboBox()
                combo.addItem(IGNORED, None)
                for name, label in FIELD_LABELS.items():
                    combo.addItem(label, name)
                combo.setCurrentIndex(max(0, combo.findData(field)))
                row.addWidget(combo, 1, c)
                combos.append(combo)
            self.combos[sheet.name] = combos
            grid.addLayout(row)
            model = QStandardItemModel(len(sheet.preview), len(sheet.headings), page)
            model.setHorizontalHeaderLabels(sheet.headings)
            for r, values in enumerate(sheet.preview):
                for c, value in enumerate(values[: len(sheet.headings)]):
                    model.setItem(r, c, QStandardItem(value))
            view = QTableView()
            view.setModel(model)
            grid.addWidget(view)
            self.tabs.addTab(page, sheet.name)
        self._fill_tree(plan)
        while self.status_grid.count():
            self.status_grid.takeAt(0).widget().deleteLater()
        self.status_combos.clear()
        for i, word in enumerate(plan.unknown_statuses):
            self.status_grid.addWidget(QLabel(f"Okänt statusord ”{word}” betyder:"), i, 0)
            combo = QComboBox()
            combo.addItem("(spara utan status)", None)
            for status in STATUSES:
                combo.addItem(status, status)
            self.status_grid.addWidget(combo, i, 1)
            self.status_combos[word] = combo

    def _fill_tree(self, plan: ImportPlan) -> None:
        self.tree.clear()
        counts = ", ".join(f"{n} {_COUNT_TEXT[k]}" for k, n in plan.counts.items() if n) or "inga ändringar"
        QTreeWidgetItem(self.tree, [f"Sammanfattning: {counts}", ""])
        if plan.new_bodies:
            bodies = QTreeWidgetItem(self.tree, ["Nya nämnder", "ny"])
            for name in plan.new_bodies:
                QTreeWidgetItem(bodies, [name, "ny"])
        for report in plan.reports:
            item = QTreeWidgetItem(self.tree, [f"{report.title} ({report.year or 'år saknas'})", report.action])
            for rec in report.recs.values():
                text = f"{rec.label or ''} {rec.text[:120]} – {', '.join(rec.bodies)} – {rec.status or rec.status_raw or ''}"
                QTreeWidgetItem(item, [text.strip(), rec.action])
        if plan.warnings:
            warnings = QTreeWidgetItem(self.tree, [f"Varningar ({len(plan.warnings)})", ""])
            for warning in plan.warnings:
                QTreeWidgetItem(warnings, [warning, ""])
            warnings.setExpanded(True)

    def _choices(self) -> tuple[dict[str, list[str | None]], dict[str, str]]:
        fields = {name: [c.currentData() for c in combos] for name, combos in self.combos.items()}
        statuses = {w: c.currentData() for w, c in self.status_combos.items() if c.currentData()}
        return fields, {**self.plan.status_map, **statuses}

    def _reread(self) -> None:
        fields, statuses = self._choices()
        store = self.window_.store
        self.window_.workspace.run_in_background(
            self, "Importera register", lambda progress: read_register(store, self.plan.path, fields=fields,
                                                                       status_map=statuses, progress=progress),
            self._show, progress_text="Läser arbetsboken …",
        )  # fmt: skip

    def _apply(self) -> None:
        fields, statuses = self._choices()
        window, name = self.window_, self.layout_name.text().strip() or None

        def work(progress):
            plan = read_register(window.store, self.plan.path, fields=fields, status_map=statuses, progress=progress)
            return apply_plan(window.store, plan, layout_name=name, today=window.today(), history=window.history,
                              progress=progress)  # fmt: skip

        def done(counts) -> None:
            text = ", ".join(f"{n} {_COUNT_TEXT[k]}" for k, n in counts.items() if n) or "inga ändringar"
            window.workspace.ask.inform("Importera register", f"Registret är inläst: {text}.", self)
            self.accept()

        # The import holds the register until it is written: other edits wait (RegisterBusy).
        window.workspace.run_in_background(self, "Importera register", work, done, writes=True,
                                           progress_text="Läser in registret …")  # fmt: skip


def open_import_register_dialog(window: MainWindow, path: Path | None = None) -> None:
    if path is None:
        name, _ = QFileDialog.getOpenFileName(window, "Importera register från Excel", "", "Excel (*.xlsx *.xlsm)")
        if not name:
            return
        path = Path(name)
    store = window.store
    window.workspace.run_in_background(
        window, "Importera register", lambda progress: read_register(store, path, progress=progress),
        lambda plan: ImportRegisterDialog(window, plan).open(), progress_text="Läser arbetsboken …",
    )  # fmt: skip


def drop_workbook(window: MainWindow, path: Path) -> None:
    """An .xlsx dropped on the window: our reply sheets are read as replies, the rest as a register."""
    from ...core.excel.reply_import import is_reply_sheet

    if is_reply_sheet(path):
        from .replies_import import open_import_replies_dialog

        open_import_replies_dialog(window, path)
    else:
        open_import_register_dialog(window, path)
