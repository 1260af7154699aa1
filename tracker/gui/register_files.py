"""Arkiv → Nytt register, Öppna register and Senaste filer: choosing which register file
the window works on, and the list of files opened before."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMenu

if TYPE_CHECKING:
    from .main_window import MainWindow

MAX_RECENT = 8


def recent(settings: QSettings) -> list[str]:
    value = settings.value("recent_files") or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def remember(settings: QSettings, path: Path) -> None:
    p = str(Path(path).resolve())
    settings.setValue("recent_files", [p, *[x for x in recent(settings) if x != p]][:MAX_RECENT])


def new_register(window: MainWindow) -> None:
    name, _ = QFileDialog.getSaveFileName(
        window,
        "Nytt register",
        str(window.store.path.parent / "nytt register.sqlite"),
        "Register (*.sqlite)",
        options=QFileDialog.Option.DontConfirmOverwrite,
    )
    if not name:
        return
    path = Path(name) if Path(name).suffix else Path(name).with_suffix(".sqlite")
    if path.exists():
        window.workspace.ask.error(
            "Nytt register", f"Filen {path.name} finns redan. Öppna den med Arkiv → Öppna register…", window
        )
        return
    window.open_register(path, create=True)


def choose_register(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(
        window, "Öppna register", str(window.store.path.parent), "Register (*.sqlite *.db);;Alla filer (*)"
    )
    if name:
        window.open_register(name)


def fill_recent_menu(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    paths = [p for p in recent(window.settings) if p != str(window.store.path.resolve())]
    for p in paths:
        menu.addAction(Path(p).name, lambda p=p: window.open_register(p)).setToolTip(p)
    if not paths:
        menu.addAction("Inga andra register öppnade ännu").setEnabled(False)
    menu.setToolTipsVisible(True)
