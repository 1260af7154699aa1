"""Hjälp → Användarhandbok: the Swedish guide (resources/handbok/handbok.md, the one copy the
README links to), with its screenshots, in a window beside the program."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QTextBrowser, QVBoxLayout

from ...resources import file
from .. import icons

if TYPE_CHECKING:
    from ..main_window import MainWindow


def handbook_browser() -> QTextBrowser:
    browser = QTextBrowser(openExternalLinks=True)
    # A .md source is read as Markdown; its pictures are found beside it.
    browser.setSource(QUrl.fromLocalFile(str(file("handbok/handbok.md"))))
    browser.document().setDocumentMargin(12)
    return browser


def open_handbook(window: MainWindow) -> None:
    # One handbook window, kept open beside the program while the user works.
    dialog = window.findChild(QDialog, "handbook")
    if dialog is None:
        dialog = QDialog(window, objectName="handbook")
        dialog.setWindowTitle("Användarhandbok – Revisionsuppföljning")
        dialog.setWindowIcon(icons.app_icon())
        layout = QVBoxLayout(dialog)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(handbook_browser())
        screen = window.screen().availableGeometry()
        dialog.resize(min(900, screen.width() - 40), min(800, screen.height() - 60))
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
