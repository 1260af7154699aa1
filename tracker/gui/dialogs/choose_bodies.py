"""Which bodies must answer a recommendation: a checkable list of the register's bodies."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ...core.bodies import Body
from .buttons import save_cancel


class ChooseBodiesDialog(QDialog):
    def __init__(self, parent: QWidget, bodies: list[Body], chosen: list[int]) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ansvariga nämnder")
        self.setMinimumSize(380, 360)
        self.list = QListWidget()
        for body in bodies:
            text = f"{body.name} ({body.short_name})" if body.short_name else body.name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, body.id)
            item.setCheckState(Qt.CheckState.Checked if body.id in chosen else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self._order = list(chosen)
        buttons = save_cancel(self.accept, self.reject)
        layout = QVBoxLayout(self)
        hint = "Kryssa i de nämnder som ska svara. Nya nämnder läggs in under Nämnder → Hantera nämnder…"
        layout.addWidget(QLabel(hint, wordWrap=True))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)

    def chosen(self) -> list[int]:
        checked = [
            self.list.item(i).data(Qt.ItemDataRole.UserRole)
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]
        # Keep the order bodies were named in; newly checked ones follow.
        return [b for b in self._order if b in checked] + [b for b in checked if b not in self._order]


def choose_bodies(parent: QWidget, bodies: list[Body], chosen: list[int]) -> list[int] | None:
    dialog = ChooseBodiesDialog(parent, bodies, chosen)
    return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None
