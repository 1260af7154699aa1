"""Which bodies must answer a recommendation: a checkable list of the register's bodies,
and a line to add one that is not in the register yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...core import register
from ...core.changes import ChangeSet
from ...core.store import Store
from .buttons import save_cancel
from .new_body import NewBodyRow

# A chosen body is its id, or the name of one to create when the edit is saved.
Chosen = int | str


class ChooseBodiesDialog(QDialog):
    def __init__(self, parent: QWidget, store: Store, chosen: list[Chosen]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ansvariga nämnder")
        self.setMinimumSize(420, 380)
        self.index = register.body_index(store)
        self.list = QListWidget()
        for body in self.index.bodies:
            text = f"{body.name} ({body.short_name})" if body.short_name else body.name
            self._add_item(text, body.id, body.id in chosen)
        for name in chosen:
            if isinstance(name, str):
                self._add_item(f"{name} (ny)", name, True)
        self._order = list(chosen)
        self.new_body = NewBodyRow(self.index)
        self.new_body.added.connect(self.add_new)
        buttons = save_cancel(self.accept, self.reject)
        layout = QVBoxLayout(self)
        hint = (
            "Kryssa i de nämnder som ska svara. Saknas nämnden skriver du dess namn nedan och väljer Lägg till nämnd."
        )
        layout.addWidget(QLabel(hint, wordWrap=True))
        layout.addWidget(self.list, 1)
        layout.addWidget(self.new_body)
        layout.addWidget(buttons)

    def _add_item(self, text: str, value: Chosen, checked: bool) -> None:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        self.list.addItem(item)

    def add_new(self, name: str) -> None:
        """Check the body of that name, adding it to the list (as new) when the register has none."""
        body = self.index.find(name)
        value = body.id if body else name
        for i in range(self.list.count()):
            if self.list.item(i).data(Qt.ItemDataRole.UserRole) == value:
                self.list.item(i).setCheckState(Qt.CheckState.Checked)
                return
        self._add_item(f"{name} (ny)", value, True)

    def chosen(self) -> list[Chosen]:
        checked = [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        # Keep the order bodies were named in; newly checked ones follow.
        return [b for b in self._order if b in checked] + [b for b in checked if b not in self._order]


def choose_bodies(parent: QWidget, store: Store, chosen: list[Chosen]) -> list[Chosen] | None:
    dialog = ChooseBodiesDialog(parent, store, chosen)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


def with_new_bodies(cs: ChangeSet, chosen: list[Chosen]) -> list[int]:
    """The chosen bodies' ids, creating the new ones in the same command."""
    return [b if isinstance(b, int) else register.create_body(cs, b) for b in chosen]
