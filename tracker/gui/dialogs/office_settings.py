"""Arkiv → Inställningar…: the office's details, reply days, reminder window and e-mail
templates, kept in the register file (core/settings.py checks and saves them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core import settings
from ...core.errors import UserError
from ...core.mail import PLACEHOLDERS
from .buttons import save_cancel

if TYPE_CHECKING:
    from ..main_window import MainWindow

_DAYS = ("reply_days", "reminder_days")
_OFFICE = ("office_name", "municipality", "contact_person", "office_email", "office_phone", *_DAYS)
_TEMPLATES = ("sheet_subject", "sheet_body", "reminder_subject", "reminder_body")


class SettingsDialog(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Inställningar")
        self.resize(640, 560)
        values = settings.all_values(window.store)
        self.editors: dict[str, QLineEdit | QPlainTextEdit | QSpinBox] = {}
        tabs = QTabWidget()
        tabs.addTab(self._page(_OFFICE, values, "Uppgifterna står på svarsmallar, statuslistor och e-postutkast. "
                                "De sparas i registerfilen och följer med den."), "Kontoret")  # fmt: skip
        help_text = "Platshållare: " + ", ".join(f"${name} ({what})" for name, what in PLACEHOLDERS.items())
        tabs.addTab(self._page(_TEMPLATES, values, help_text), "E-postmallar")
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(save_cancel(self.save, self.reject))
        if window.store.read_only:
            for editor in self.editors.values():
                editor.setEnabled(False)

    def _page(self, keys: tuple[str, ...], values: dict[str, str], note: str) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        intro = QLabel(note, wordWrap=True)
        form.addRow(intro)
        for key in keys:
            setting = settings.BY_KEY[key]
            if key in _DAYS:
                editor = QSpinBox()
                editor.setRange(0, 3650)
                editor.setSuffix(" dagar")
                editor.setValue(int(values[key]))
            elif setting.multiline:
                editor = QPlainTextEdit(values[key])
                editor.setTabChangesFocus(True)
            else:
                editor = QLineEdit(values[key])
            editor.setObjectName(key)
            self.editors[key] = editor
            form.addRow(setting.label + ":", editor)
        return page

    def values(self) -> dict[str, str]:
        out = {}
        for key, editor in self.editors.items():
            if isinstance(editor, QSpinBox):
                out[key] = str(editor.value())
            elif isinstance(editor, QPlainTextEdit):
                out[key] = editor.toPlainText()
            else:
                out[key] = editor.text()
        return out

    def save(self) -> None:
        try:
            self.changed = settings.save(self.window_.store, self.values())
        except UserError as exc:
            self.window_.show_error(exc, "Inställningarna sparades inte")
            return
        self.accept()


def open_settings_dialog(window: MainWindow) -> None:
    SettingsDialog(window).exec()
