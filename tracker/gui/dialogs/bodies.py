"""Nämnder → Hantera nämnder…: names, short forms, other spellings and e-mail of the
responsible bodies; new, delete, merge. Each edit is saved at once and can be undone."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...core import register
from ...core.backups import make_backup
from ...core.bodies import Body
from ...core.changes import ChangeSet
from ...core.errors import UserError
from ...core.queries import body_spellings, body_usage
from ..fields import LineField
from ..workspace import Workspace
from .buttons import close_only

if TYPE_CHECKING:
    from ..main_window import MainWindow


class BodiesDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ask = workspace.ask
        self.setWindowTitle("Nämnder")
        self.resize(760, 460)
        self.bodies: list[Body] = []

        self.list = QListWidget()
        self.list.currentRowChanged.connect(self._show_current)
        self.new_button = QPushButton("Ny nämnd…")
        self.new_button.clicked.connect(self.new_body)
        self.delete_button = QPushButton("Ta bort")
        self.delete_button.clicked.connect(self.delete_body)
        self.merge_button = QPushButton("Slå ihop med…")
        self.merge_button.setToolTip("Flytta en annan nämnds rekommendationer och svar hit")
        self.merge_button.clicked.connect(self.merge_into_current)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        for b in (self.new_button, self.delete_button):
            row.addWidget(b)
        left_layout.addLayout(row)

        self.name_edit = LineField()
        self.short_edit = LineField("t.ex. KS")
        self.email_edit = LineField("registrator@kommun.se")
        for field, key in ((self.name_edit, "name"), (self.short_edit, "short_name"), (self.email_edit, "email")):
            field.committed.connect(lambda text, f=field, k=key: self._save_field(f, k, text))
        self.spellings = QListWidget()
        self.spellings.setMaximumHeight(120)
        self.spellings.setToolTip("Andra namn som nämnden förekommer under i ark och rapporter")
        self.add_spelling_button = QPushButton("Lägg till stavning…")
        self.add_spelling_button.clicked.connect(self.add_spelling)
        self.remove_spelling_button = QPushButton("Ta bort stavning")
        self.remove_spelling_button.clicked.connect(self.remove_spelling)
        self.usage = QLabel(wordWrap=True)
        self.usage.setStyleSheet("color: palette(mid);")
        spelling_buttons = QHBoxLayout()
        spelling_buttons.addWidget(self.add_spelling_button)
        spelling_buttons.addWidget(self.remove_spelling_button)
        spelling_buttons.addStretch(1)
        right = QWidget()
        form = QFormLayout(right)
        form.addRow("Namn:", self.name_edit)
        form.addRow("Förkortning:", self.short_edit)
        form.addRow("E-post:", self.email_edit)
        form.addRow("Andra stavningar:", self.spellings)
        form.addRow("", spelling_buttons)
        form.addRow("", self.usage)
        form.addRow("", self.merge_button)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([280, 480])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(close_only(self.reject))
        self._reload()

    # Showing --------------------------------------------------------------

    def current(self) -> Body | None:
        row = self.list.currentRow()
        return self.bodies[row] if 0 <= row < len(self.bodies) else None

    def _reload(self, select: int | None = None) -> None:
        keep = select if select is not None else (self.current().id if self.current() else None)
        self.bodies = register.load_bodies(self.workspace.store)
        self.list.blockSignals(True)
        self.list.clear()
        for body in self.bodies:
            self.list.addItem(f"{body.name} ({body.short_name})" if body.short_name else body.name)
        self.list.blockSignals(False)
        rows = [i for i, b in enumerate(self.bodies) if b.id == keep]
        self.list.setCurrentRow(rows[0] if rows else (0 if self.bodies else -1))
        self._show_current()

    def _show_current(self) -> None:
        body = self.current()
        writable = not self.workspace.store.read_only
        for w in (self.name_edit, self.short_edit, self.email_edit):
            w.setEnabled(body is not None)
            w.setReadOnly(not writable)
        for b in (self.delete_button, self.merge_button, self.add_spelling_button, self.remove_spelling_button):
            b.setEnabled(body is not None and writable)
        self.new_button.setEnabled(writable)
        self.spellings.clear()
        if body is None:
            for w in (self.name_edit, self.short_edit, self.email_edit):
                w.set_value("")
            self.usage.setText("Inga nämnder ännu. Lägg till en med Ny nämnd…")
            return
        self.name_edit.set_value(body.name)
        self.short_edit.set_value(body.short_name)
        self.email_edit.set_value(body.email)
        for spelling_id, spelling in body_spellings(self.workspace.store, body.id):
            item = QListWidgetItem(spelling)
            item.setData(Qt.ItemDataRole.UserRole, spelling_id)
            self.spellings.addItem(item)
        recs, replies = body_usage(self.workspace.store, body.id)
        self.usage.setText(f"Ansvarig för {recs} rekommendationer, {replies} svar inkomna.")

    # Writing --------------------------------------------------------------

    def _write(self, label: str, fn: Callable[[ChangeSet], object], select: int | None = None) -> bool:
        try:
            result = self.workspace.run(label, fn)
        except UserError as exc:
            self.ask.error("Nämnder", str(exc), self)
            self._show_current()
            return False
        new_id = result if type(result) is int else None  # create_body's id; updates return a bool
        self._reload(select if select is not None else new_id)
        return True

    def _save_field(self, field: LineField, key: str, text: str) -> None:
        body = self.current()
        if body is not None:
            self._write(f"Ändra nämnd {body.name}", lambda cs: register.update_body(cs, body.id, **{key: text}))

    def new_body(self) -> None:
        name, ok = QInputDialog.getText(self, "Ny nämnd", "Nämndens namn (t.ex. Tekniska nämnden):")
        if ok and name.strip():
            self._write(f"Ny nämnd {name.strip()}", lambda cs: register.create_body(cs, name))

    def delete_body(self) -> None:
        body = self.current()
        if body is None:
            return
        if self.ask.confirm("Ta bort nämnd", f"Ta bort nämnden ”{body.name}”?", parent=self):
            self._write(f"Ta bort nämnd {body.name}", lambda cs: register.delete_body(cs, body.id))

    def add_spelling(self) -> None:
        body = self.current()
        if body is None:
            return
        spelling, ok = QInputDialog.getText(self, "Annan stavning", f"Ett annat namn för {body.name}:")
        if ok and spelling.strip():
            self._write("Lägg till stavning", lambda cs: register.add_spelling(cs, body.id, spelling), body.id)

    def remove_spelling(self) -> None:
        body, item = self.current(), self.spellings.currentItem()
        if body is not None and item is not None:
            spelling_id = item.data(Qt.ItemDataRole.UserRole)
            self._write("Ta bort stavning", lambda cs: register.remove_spelling(cs, spelling_id), body.id)

    def merge_into_current(self) -> None:
        keep = self.current()
        others = [b for b in self.bodies if keep is not None and b.id != keep.id]
        if not others:
            return
        drop = choose_body(self, f"Vilken nämnd ska slås ihop med {keep.name}?", others)
        if drop is None:
            return
        recs, replies = body_usage(self.workspace.store, drop.id)
        confirmed = self.ask.confirm(
            "Slå ihop nämnder",
            f"”{drop.name}” slås ihop med ”{keep.name}”: {recs} rekommendationer och {replies} svar flyttas, "
            f"och ”{drop.name}” blir en annan stavning av ”{keep.name}”.\n\n"
            "En säkerhetskopia görs först, och det går att ångra med Redigera → Ångra.",
            parent=self,
        )
        if not confirmed:
            return
        try:
            make_backup(self.workspace.store, "före sammanslagning av nämnder")
        except UserError as exc:
            self.ask.error("Slå ihop nämnder", str(exc), self)
            return
        self._write(
            f"Slå ihop {drop.name} med {keep.name}", lambda cs: register.merge_bodies(cs, keep.id, drop.id), keep.id
        )


def choose_body(parent: QWidget, question: str, bodies: list[Body]) -> Body | None:
    dialog = QDialog(parent)
    dialog.setWindowTitle("Välj nämnd")
    combo = QComboBox()
    for body in bodies:
        combo.addItem(body.name)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel(question, wordWrap=True))
    layout.addWidget(combo)
    layout.addWidget(buttons)
    return bodies[combo.currentIndex()] if dialog.exec() == QDialog.DialogCode.Accepted else None


def open_bodies_dialog(window: MainWindow) -> None:
    BodiesDialog(window.workspace, window).exec()
