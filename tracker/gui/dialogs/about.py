"""Hjälp → Om: the version, the open register and the folders a user may need to find,
each with a link that opens it in the file manager."""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout

from ... import APP_NAME, __version__
from ...core.backups import backup_dir
from ...core.store import data_dir
from .. import icons
from .buttons import close_only

if TYPE_CHECKING:
    from ..main_window import MainWindow


def _row(label: str, shown: Path, folder: Path, missing: str, link_text: str = "Öppna mappen") -> str:
    if folder.is_dir():
        link = f"<a href='{QUrl.fromLocalFile(str(folder)).toString()}'>{link_text}</a>"
    else:
        link = f"<i>{missing}</i>"
    return f"<tr><td><b>{label}</b></td><td>{escape(str(shown))}<br>{link}</td></tr>"


def about_html(window: MainWindow) -> str:
    path = window.store.path
    rows = [
        _row("Registerfil:", path, path.parent, "mappen finns inte", "Öppna mappen där filen ligger"),
        _row("Säkerhetskopior:", backup_dir(path), backup_dir(path), "skapas vid första säkerhetskopian"),
        _row("Datamapp:", data_dir(), data_dir(), "skapas när programmet första gången sparar där"),
    ]
    return (
        f"<h3>{APP_NAME} {__version__}</h3>"
        "<p>Uppföljning av revisionens rekommendationer: granskningar, nämndernas svar och åtgärdernas status.</p>"
        f"<table cellspacing='6'>{''.join(rows)}</table>"
        "<p style='color:#555'>Ikoner: Font Awesome Free av Fonticons, Inc. (CC BY 4.0). "
        "Typsnitt i PDF: DejaVu Sans (Bitstream Vera-licens).</p>"
    )


def about_dialog(window: MainWindow) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle(f"Om {APP_NAME}")
    dialog.setWindowIcon(icons.app_icon())
    text = QLabel(about_html(window), wordWrap=True, openExternalLinks=True)
    text.setMinimumWidth(520)
    layout = QVBoxLayout(dialog)
    layout.addWidget(text)
    layout.addWidget(close_only(dialog.reject))
    return dialog


def open_about(window: MainWindow) -> None:
    about_dialog(window).exec()
