"""Arkiv → Återställ säkerhetskopia… and Arkiv → Kontrollera registret…"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ...core.backups import Backup, list_backups, make_backup
from ...core.errors import UserError
from ...core.integrity import CheckResult, check_register
from ...core.lock import break_lock, read_holder
from ...core.opening import restore

if TYPE_CHECKING:
    from ..main_window import MainWindow

COLUMNS = ("Datum", "Orsak", "Granskningar", "Rekommendationer", "Storlek")


def _size(n: int) -> str:
    return f"{max(1, round(n / 1024))} kB" if n < 1024 * 1024 else f"{n / (1024 * 1024):.1f} MB"


class BackupsModel(QAbstractTableModel):
    def __init__(self, backups: list[Backup]) -> None:
        super().__init__()
        self.backups = backups

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.backups)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        b = self.backups[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return str(b.path)
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        unreadable = "kan inte läsas"
        return (
            b.made.strftime("%Y-%m-%d %H:%M"),
            b.reason,
            str(b.reports) if b.readable else unreadable,
            str(b.recommendations) if b.readable else "",
            _size(b.size),
        )[index.column()]


class RestoreDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Återställ säkerhetskopia")
        self.resize(760, 420)
        intro = QLabel(
            "Välj den kopia du vill återställa. Registret ersätts med kopians innehåll; "
            "det nuvarande registret sparas först som en egen säkerhetskopia, så du kan ångra dig."
        )
        intro.setWordWrap(True)
        self.model = BackupsModel(list_backups(window.store.path))
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.resizeColumnsToContents()
        self.table.doubleClicked.connect(lambda _: self.restore_selected())
        self.empty = QLabel("Det finns inga säkerhetskopior av det här registret ännu.")
        self.empty.setVisible(not self.model.backups)
        buttons = QDialogButtonBox()
        buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button = QPushButton("Återställ…")
        self.backup_button = QPushButton("Gör en säkerhetskopia nu")
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.backup_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.backup_button.clicked.connect(self.backup_now)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(self.empty)
        layout.addWidget(buttons)
        if self.model.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def selected(self) -> Backup | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.backups[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        chosen = self.selected()
        store = self.window_.store
        self.restore_button.setEnabled(
            chosen is not None and chosen.readable and (not store.read_only or store.damaged)
        )
        if store.read_only and not store.damaged:
            self.restore_button.setToolTip(f"Går inte nu: {store.read_only_reason}")

    def _reload(self) -> None:
        self.model.beginResetModel()
        self.model.backups = list_backups(self.window_.store.path)
        self.model.endResetModel()
        self.empty.setVisible(not self.model.backups)
        if self.model.backups:
            self.table.selectRow(0)
        self._update_buttons()

    def backup_now(self) -> None:
        try:
            make_backup(self.window_.store, "manuell")
        except UserError as exc:
            self.window_.show_error(exc, "Säkerhetskopian kunde inte göras")
        self._reload()

    def _confirm(self, backup: Backup) -> bool:
        return self.window_.workspace.ask.confirm(
            "Återställ säkerhetskopia",
            f"Registret ersätts med kopian från {backup.made:%Y-%m-%d %H:%M} ({backup.reason}): "
            f"{backup.reports} granskningar och {backup.recommendations} rekommendationer.\n\n"
            "Det nuvarande registret sparas först som en säkerhetskopia. Vill du återställa?",
            "Återställ", "Avbryt", self,
        )  # fmt: skip

    def restore_selected(self) -> None:
        backup = self.selected()
        if backup is None or not self.restore_button.isEnabled() or not self._confirm(backup):
            return
        window = self.window_
        path = window.store.path
        # The window's own store holds the writer lock; it must let go so the restore can take it.
        window.store.close()
        try:
            before = restore(path, backup.path)
        except UserError as exc:
            window.open_register(path)
            window.show_error(exc, "Återställningen misslyckades")
            return
        if window.open_register(path):
            window.workspace.ask.inform(
                "Återställt",
                f"Registret är återställt från kopian {backup.made:%Y-%m-%d %H:%M}.\n"
                f"Det som fanns före sparades i {Path(before).name}.",
                self,
            )
        self.accept()


def open_restore_dialog(window: MainWindow) -> None:
    RestoreDialog(window).exec()


def show_check_result(window: MainWindow, result: CheckResult) -> None:
    if result.ok:
        window.workspace.ask.inform("Kontrollera registret", result.summary(), window)
        return
    text = f"{result.summary()}\n\nÅterställ en säkerhetskopia för att få ett helt register. Vill du se kopiorna?"
    if window.workspace.ask.confirm("Kontrollera registret", text, parent=window):
        open_restore_dialog(window)


def run_integrity_check(window: MainWindow) -> None:
    """The full integrity_check, off the GUI thread: on a large file it takes seconds."""
    store = window.store
    window.workspace.run_in_background(
        window,
        "Kontrollera registret",
        lambda progress: check_register(store),
        on_done=lambda result: show_check_result(window, result),
        progress_text="Kontrollerar registerfilen …",
    )


def can_break_lock(window: MainWindow) -> bool:
    return window.store.locked_by is not None


def open_break_lock_dialog(window: MainWindow) -> None:
    """Take over a register someone else's program holds, after the user confirms that
    it is closed (a computer that crashed while the register was open on a share)."""
    path = window.store.path
    holder = read_holder(path)
    if holder is None:
        window.open_register(path)
        return
    text = (
        f"Registret är låst av {holder.describe()}.\n\n"
        "Ta bara bort låset om du vet att programmet där är stängt, till exempel för att datorn har "
        "startats om. Annars kan två personer ändra samtidigt och ändringar gå förlorade.\n\n"
        "Vill du ta bort låset och öppna registret för ändringar?"
    )
    if not window.workspace.ask.confirm("Ta bort låset", text, "Ta bort låset", "Avbryt", window):
        return
    break_lock(path)
    window.store.close()
    window.open_register(path)
