"""Every menu entry, toolbar button and shortcut, declared once.

To add an entry, append an Action to ACTIONS with the menu it belongs to and a handler
taking the MainWindow; a dialog's handler is a Dialog(module, function), imported when
first used so the window starts without it. Files dropped on the window are dispatched
by suffix through DROP_HANDLERS (".xlsx": handler(window, path)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from .main_window import MainWindow

# Menus in the order of the menu bar; an Action naming another menu gets it added before Hjälp.
MENUS = ["Arkiv", "Redigera", "Granskning", "Nämnder", "Hjälp"]

# Sections within Arkiv, so other features slot in between the fixed entries.
FILE_OPEN = 10
FILE_IMPORT = 40
FILE_EXPORT = 50
FILE_PRINT = 60
FILE_QUIT = 90


@dataclass(frozen=True)
class Action:
    id: str
    text: str  # Swedish, with … when a dialog follows
    menu: str
    handler: Callable[[MainWindow], None]
    shortcuts: tuple[str, ...] = ()
    toolbar: bool = False
    # Entries are sorted by section; a separator goes between sections.
    section: int = 50
    tip: str | None = None
    # The action is greyed out unless this returns True (checked after every change of selection or data).
    enabled: Callable[[MainWindow], bool] | None = None
    # Fills a submenu each time it opens instead of running a handler (for "Senaste filer").
    submenu: Callable[[MainWindow, QMenu], None] | None = None


def writable(window: MainWindow) -> bool:
    return not window.store.read_only


def writable_with_report(window: MainWindow) -> bool:
    return writable(window) and window.selected_report_id() is not None


@dataclass(frozen=True)
class Dialog:
    """A handler in a dialog module, imported when first used so the window starts without
    it; called with the handler's arguments (the window, and a dropped file's path)."""

    module: str  # under tracker.gui.dialogs
    function: str

    def target(self) -> Callable[..., Any]:
        return getattr(import_module(f"{__package__}.dialogs.{self.module}"), self.function)

    def __call__(self, *args: Any) -> Any:
        return self.target()(*args)


def _row_menu():
    from . import row_menu

    return row_menu


def _edit_report(window: MainWindow) -> None:
    from .dialogs.report_editor import open_report_editor

    report_id = window.selected_report_id()
    if report_id is not None:
        open_report_editor(window, report_id=report_id)


ACTIONS: list[Action] = [
    Action("new_register", "Nytt register…", "Arkiv", lambda w: w.new_register(), section=FILE_OPEN,
           tip="Skapa en ny, tom registerfil"),
    Action("open_register", "Öppna register…", "Arkiv", lambda w: w.choose_register(), ("Ctrl+O",),
           section=FILE_OPEN, tip="Öppna en annan registerfil"),
    Action("recent_files", "Senaste filer", "Arkiv", lambda w: None, section=FILE_OPEN,
           submenu=lambda w, menu: w.fill_recent_menu(menu)),
    Action("import_register", "Importera register från Excel…", "Arkiv",
           Dialog("register_import", "open_import_register_dialog"), section=FILE_IMPORT, enabled=writable,
           tip="Läs in kontorets eget Excelregister"),
    Action("import_replies", "Läs in svar…", "Arkiv", Dialog("replies_import", "open_import_replies_dialog"),
           section=FILE_IMPORT, enabled=writable, tip="Läs in en ifylld svarsmall från en nämnd"),
    Action("import_report", "Läs in granskningsrapport…", "Arkiv", Dialog("report_reader", "open_report_reader"),
           section=FILE_IMPORT, enabled=writable,
           tip="Föreslå rekommendationer och uppgifter ur en rapport (PDF, Word, text)"),
    Action("paste_report", "Klistra in granskningsrapport…", "Arkiv", Dialog("report_reader", "open_pasted_report"),
           section=FILE_IMPORT, enabled=writable, tip="Föreslå rekommendationer ur rapporttext i urklipp"),
    Action("export_register", "Exportera register till Excel…", "Arkiv",
           Dialog("register_export", "open_export_register_dialog"), section=FILE_EXPORT,
           tip="Skriv registret till Excel i kontorets layout eller med alla fält"),
    Action("send_replies", "Skicka svarsmallar…", "Arkiv", Dialog("replies_send", "open_send_replies_dialog"),
           section=FILE_EXPORT, tip="En Excelfil per nämnd med rekommendationerna som väntar på svar"),
    Action("print_statuslist", "Skriv ut statuslista…", "Arkiv", Dialog("print_statuslist", "open_print_dialog"),
           ("Ctrl+P",), toolbar=True, section=FILE_PRINT,
           tip="Statuslista för revisorernas möte: förhandsgranska, skriv ut eller spara som PDF"),
    # Available read-only too: a damaged register opens read-only and is repaired by a restore.
    Action("restore_backup", "Återställ säkerhetskopia…", "Arkiv", Dialog("backups", "open_restore_dialog"),
           section=70, tip="Ersätt registret med en tidigare säkerhetskopia"),
    Action("check_register", "Kontrollera registret…", "Arkiv", Dialog("backups", "run_integrity_check"),
           section=70, tip="Kontrollera att registerfilen är hel (integrity_check)"),
    Action("break_lock", "Ta bort låset…", "Arkiv", Dialog("backups", "open_break_lock_dialog"), section=70,
           enabled=Dialog("backups", "can_break_lock"),
           tip="Öppna för ändringar när den som har registret öppet har stängt sitt program"),
    Action("quit", "Avsluta", "Arkiv", lambda w: w.close(), ("Ctrl+Q",), section=FILE_QUIT),
    Action("undo", "Ångra", "Redigera", lambda w: w.undo(), ("Ctrl+Z",), toolbar=True,
           section=10, enabled=lambda w: writable(w) and w.history.undo_label is not None),
    Action("redo", "Gör om", "Redigera", lambda w: w.redo(), ("Ctrl+Y", "Ctrl+Shift+Z"),
           toolbar=True, section=10, enabled=lambda w: writable(w) and w.history.redo_label is not None),
    Action("find", "Sök", "Redigera", lambda w: w.focus_search(), ("Ctrl+F",), section=20),
    Action("new_report", "Ny granskning…", "Granskning", Dialog("report_editor", "open_report_editor"), ("Ctrl+N",),
           toolbar=True, section=10, enabled=writable,
           tip="Lägg in en ny granskning med rekommendationer"),
    Action("edit_report", "Redigera granskning…", "Granskning", _edit_report, ("Ctrl+E",),
           toolbar=True, section=10, enabled=writable_with_report,
           tip="Ändra den markerade granskningen"),
    Action("delete_report", "Ta bort granskning…", "Granskning", lambda w: w.delete_selected_report(), section=20,
           enabled=writable_with_report),
    Action("bodies", "Hantera nämnder…", "Nämnder", Dialog("bodies", "open_bodies_dialog"),
           toolbar=True, enabled=writable, tip="Nämnder, förkortningar och andra stavningar"),
    Action("about", "Om Revisionsuppföljning", "Hjälp", Dialog("about", "open_about"),
           tip="Version, registerfilen och mapparna för data och säkerhetskopior"),
    Action("follow_up_stats", "Uppföljningsstatistik…", "Rapporter", Dialog("follow_up_stats", "open_stats_window"),
           tip="Hur mycket av det som rekommenderats som har åtgärdats, per år och nämnd"),
    # The list's rows (also in its right-click menu, gui/row_menu.py).
    Action("open_recommendation", "Öppna rekommendation…", "Granskning", lambda w: _row_menu().open_at(w),
           section=30, enabled=writable_with_report, tip="Öppna granskningen vid den markerade rekommendationen"),
    Action("add_follow_up", "Lägg till uppföljning…", "Granskning", lambda w: w.detail.add_follow_up(), ("Ctrl+U",),
           section=30, enabled=lambda w: writable(w) and w.detail.rec_id is not None,
           tip="Ny status med datum och kommentar för den markerade rekommendationen"),
    Action("delete_recommendations", "Ta bort rekommendation…", "Granskning",
           lambda w: _row_menu().delete_recommendations(w), section=30,
           enabled=lambda w: writable(w) and bool(w.selected_ids())),
    Action("copy_rows", "Kopiera", "Redigera", lambda w: _row_menu().copy_rows(w), ("Ctrl+C",), section=15,
           enabled=lambda w: bool(w.selected_ids()), tip="De markerade raderna som text, för e-post eller Excel"),
    Action("handbook", "Användarhandbok", "Hjälp", Dialog("handbook", "open_handbook"), ("F1",), section=10,
           tip="Handboken: hur programmet används"),
    Action("shortcuts", "Kortkommandon", "Hjälp", Dialog("shortcuts", "open_shortcuts"), section=10,
           tip="Alla kortkommandon"),
    # Chasing late replies (issue 15): the reminders view and the office's own details.
    Action("reminders", "Påminnelser…", "Arkiv", Dialog("reminders", "open_reminders_dialog"), ("Ctrl+R",),
           toolbar=True, section=FILE_EXPORT,
           tip="Försenade svar och åtgärder per nämnd; e-postutkast med svarsmall att påminna med"),
    Action("settings", "Inställningar…", "Arkiv", Dialog("office_settings", "open_settings_dialog"), section=80,
           tip="Kontorets namn, kontaktuppgifter, svarstid och e-postmallar"),
]  # fmt: skip

# Files dropped on the window, by suffix: our reply sheets and registers, or a report.
DROP_HANDLERS: dict[str, Callable[[MainWindow, Path], None]] = {
    ".xlsx": Dialog("register_import", "drop_workbook"),
    **dict.fromkeys((".pdf", ".docx", ".txt"), Dialog("report_reader", "open_report_reader")),
}


def find(action_id: str) -> Action | None:
    return next((a for a in ACTIONS if a.id == action_id), None)
