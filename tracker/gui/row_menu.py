"""What can be done to rows of the list: the right-click menu, double-click, Kopiera and
Ta bort. The menu's entries trigger the same registered actions (gui/actions.py) as the menu bar."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from ..core import register
from ..core.errors import UserError
from ..core.queries import replies_and_follow_ups, report_size
from .table_model import COLUMNS

if TYPE_CHECKING:
    from .main_window import MainWindow

# (text in the row menu, action id); None is a separator.
ROW_MENU = [
    ("Öppna", "open_recommendation"),
    ("Lägg till uppföljning…", "add_follow_up"),
    ("Redigera granskning…", "edit_report"),
    None,
    ("Ta bort", "delete_recommendations"),
    ("Kopiera", "copy_rows"),
]


def attach(window: MainWindow) -> None:
    table = window.table
    table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    table.customContextMenuRequested.connect(lambda pos: show_menu(window, pos))
    table.doubleClicked.connect(lambda index: open_at(window, index))


def build_menu(window: MainWindow) -> QMenu:
    menu = QMenu(window.table)
    for entry in ROW_MENU:
        if entry is None:
            menu.addSeparator()
            continue
        text, action_id = entry
        registered = window.qactions[action_id]
        qa = menu.addAction(text, registered.trigger)
        qa.setEnabled(registered.isEnabled())
        qa.setShortcut(registered.shortcut())  # shown beside the entry; the window's action has the key
    return menu


def show_menu(window: MainWindow, pos: QPoint) -> None:
    index = window.table.indexAt(pos)
    if not index.isValid():
        return
    if window.model.row_at(index.row()).id not in window.selected_ids():
        window.table.selectRow(index.row())
    build_menu(window).exec(window.table.viewport().mapToGlobal(pos))


def open_at(window: MainWindow, index: QModelIndex | None = None) -> None:
    """The report editor at the recommendation double-clicked (or the current one)."""
    from .dialogs.report_editor import open_report_editor

    rec_id = window.model.row_at(index.row()).id if index is not None and index.isValid() else window.table.current_id()
    row = next((r for r in window.model.visible_rows() if r.id == rec_id), None)
    if row is not None:
        open_report_editor(window, report_id=row.report_id, rec_id=row.id)


def copy_rows(window: MainWindow) -> None:
    """The selected rows as tab-separated text with a heading row, for a mail or a sheet."""
    wanted = set(window.selected_ids())
    rows = [r for r in window.model.visible_rows() if r.id in wanted]
    if not rows:
        return
    lines = ["\t".join(c.title for c in COLUMNS)]
    lines += ["\t".join(c.display(r).replace("\t", " ") for c in COLUMNS) for r in rows]
    QGuiApplication.clipboard().setText("\n".join(lines) + "\n")
    window.statusBar().showMessage(f"{len(rows)} rader kopierade.", 5000)


def delete_recommendations(window: MainWindow) -> None:
    ids = window.selected_ids()
    if not ids:
        return
    replies, follow_ups = replies_and_follow_ups(window.store, ids)
    what = "rekommendationen" if len(ids) == 1 else f"de {len(ids)} markerade rekommendationerna"
    text = (
        f"Ta bort {what} med {replies} svar och {follow_ups} uppföljningar?\n\nDet går att ångra med Redigera → Ångra."
    )
    if not window.workspace.ask.confirm("Ta bort rekommendation", text, "Ta bort", "Avbryt", window):
        return

    def delete(cs) -> None:
        for rec_id in ids:
            register.delete_recommendation(cs, rec_id)

    label = "Ta bort rekommendation" if len(ids) == 1 else f"Ta bort {len(ids)} rekommendationer"
    try:
        window.workspace.run(label, delete)
    except UserError as exc:
        window.show_error(exc, "Ta bort rekommendation")


def delete_report(window: MainWindow, report_id: int | None) -> None:
    if report_id is None:
        return
    title, count = report_size(window.store, report_id)
    text = (
        f"Ta bort granskningen ”{title}” med dess {count} rekommendationer, svar och uppföljningar?\n\n"
        "Det går att ångra med Redigera → Ångra."
    )
    if not window.workspace.ask.confirm("Ta bort granskning", text, "Ta bort", "Avbryt", window):
        return
    try:
        window.workspace.run("Ta bort granskning", lambda cs: register.delete_report(cs, report_id))
    except UserError as exc:
        window.show_error(exc, "Ta bort granskning")
