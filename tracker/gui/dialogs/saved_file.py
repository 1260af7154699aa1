"""A file was saved: say so, and offer to open it or show it in its folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget


def show_saved(parent: QWidget, title: str, text: str, path: Path) -> QMessageBox:
    """Non-modal, so the window behind it can be used (and closed) while it is shown."""
    box = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Close, parent)
    open_file = box.addButton("Öppna", QMessageBox.ButtonRole.ActionRole)
    folder = box.addButton("Visa i mappen", QMessageBox.ButtonRole.ActionRole)
    open_file.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))
    folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent))))
    box.open()
    return box
