"""Every menu entry, toolbar button and shortcut, declared once.

To add an entry, append an Action to ACTIONS (or call register()) with the menu it
belongs to and a handler taking the MainWindow; import dialogs inside the handler so
the window starts without them. Files dropped on the window are dispatched by
suffix through DROP_HANDLERS (".xlsx": handler(window, path)).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

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
    # A QStyle.StandardPixmap name such as "SP_DialogOpenButton", shown in menu and toolbar.
    icon: str | None = None
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


def _new_report(window: MainWindow) -> None:
    from .dialogs.report_editor import open_report_editor

    open_report_editor(window, report_id=None)


def _edit_report(window: MainWindow) -> None:
    from .dialogs.report_editor import open_report_editor

    report_id = window.selected_report_id()
    if report_id is not None:
        open_report_editor(window, report_id=report_id)


def _bodies(window: MainWindow) -> None:
    from .dialogs.bodies import open_bodies_dialog

    open_bodies_dialog(window)


ACTIONS: list[Action] = [
    Action("new_register", "Nytt register…", "Arkiv", lambda w: w.new_register(), section=FILE_OPEN,
           tip="Skapa en ny, tom registerfil"),
    Action("open_register", "Öppna register…", "Arkiv", lambda w: w.choose_register(), ("Ctrl+O",),
           icon="SP_DialogOpenButton", section=FILE_OPEN, tip="Öppna en annan registerfil"),
    Action("recent_files", "Senaste filer", "Arkiv", lambda w: None, section=FILE_OPEN,
           submenu=lambda w, menu: w.fill_recent_menu(menu)),
    Action("quit", "Avsluta", "Arkiv", lambda w: w.close(), ("Ctrl+Q",), section=FILE_QUIT),
    Action("undo", "Ångra", "Redigera", lambda w: w.undo(), ("Ctrl+Z",), icon="SP_ArrowBack", toolbar=True,
           section=10, enabled=lambda w: writable(w) and w.history.undo_label is not None),
    Action("redo", "Gör om", "Redigera", lambda w: w.redo(), ("Ctrl+Y", "Ctrl+Shift+Z"), icon="SP_ArrowForward",
           toolbar=True, section=10, enabled=lambda w: writable(w) and w.history.redo_label is not None),
    Action("find", "Sök", "Redigera", lambda w: w.focus_search(), ("Ctrl+F",), section=20),
    Action("new_report", "Ny granskning…", "Granskning", _new_report, ("Ctrl+N",), icon="SP_FileIcon",
           toolbar=True, section=10, enabled=writable, tip="Lägg in en ny granskning med rekommendationer"),
    Action("edit_report", "Redigera granskning…", "Granskning", _edit_report, ("Ctrl+E",),
           icon="SP_FileDialogDetailedView", toolbar=True, section=10, enabled=writable_with_report,
           tip="Ändra den markerade granskningen"),
    Action("delete_report", "Ta bort granskning…", "Granskning", lambda w: w.delete_selected_report(), section=20,
           enabled=writable_with_report),
    Action("bodies", "Hantera nämnder…", "Nämnder", _bodies, icon="SP_DirHomeIcon", toolbar=True,
           enabled=writable, tip="Nämnder, förkortningar och andra stavningar"),
    Action("about", "Om Revisionsuppföljning", "Hjälp", lambda w: w.show_about()),
]  # fmt: skip

DROP_HANDLERS: dict[str, Callable[[MainWindow, Path], None]] = {}


def register(action: Action) -> None:
    """Add an entry (for features that prefer a call to a list edit); ids are unique."""
    if any(a.id == action.id for a in ACTIONS):
        raise ValueError(f"action {action.id!r} is declared twice")
    ACTIONS.append(action)


def find(action_id: str) -> Action | None:
    return next((a for a in ACTIONS if a.id == action_id), None)


def _restore_backup(window: MainWindow) -> None:
    from .dialogs.backups import open_restore_dialog

    open_restore_dialog(window)


def _check_register(window: MainWindow) -> None:
    from .dialogs.backups import run_integrity_check

    run_integrity_check(window)


# Available read-only too: a damaged register opens read-only and is repaired by a restore.
register(Action("restore_backup", "Återställ säkerhetskopia…", "Arkiv", _restore_backup, section=70,
                tip="Ersätt registret med en tidigare säkerhetskopia"))  # fmt: skip
register(Action("check_register", "Kontrollera registret…", "Arkiv", _check_register, section=70,
                tip="Kontrollera att registerfilen är hel (integrity_check)"))  # fmt: skip


def _break_lock(window: MainWindow) -> None:
    from .dialogs.backups import open_break_lock_dialog

    open_break_lock_dialog(window)


def _lock_held(window: MainWindow) -> bool:
    from .dialogs.backups import can_break_lock

    return can_break_lock(window)


register(Action("break_lock", "Ta bort låset…", "Arkiv", _break_lock, section=70, enabled=_lock_held,
                tip="Öppna för ändringar när den som har registret öppet har stängt sitt program"))  # fmt: skip


def _import_register(window: MainWindow) -> None:
    from .dialogs.register_import import open_import_register_dialog

    open_import_register_dialog(window)


def _export_register(window: MainWindow) -> None:
    from .dialogs.register_export import open_export_register_dialog

    open_export_register_dialog(window)


def _drop_workbook(window: MainWindow, path: Path) -> None:
    from .dialogs.register_import import drop_workbook

    drop_workbook(window, path)


register(Action("import_register", "Importera register från Excel…", "Arkiv", _import_register, section=FILE_IMPORT,
                enabled=writable, tip="Läs in kontorets eget Excelregister"))  # fmt: skip
register(Action("export_register", "Exportera register till Excel…", "Arkiv", _export_register, section=FILE_EXPORT,
                tip="Skriv registret till Excel i kontorets layout eller med alla fält"))  # fmt: skip
DROP_HANDLERS.setdefault(".xlsx", _drop_workbook)


def _send_replies(window: MainWindow) -> None:
    from .dialogs.replies_send import open_send_replies_dialog

    open_send_replies_dialog(window)


def _import_replies(window: MainWindow) -> None:
    from .dialogs.replies_import import open_import_replies_dialog

    open_import_replies_dialog(window)


register(Action("send_replies", "Skicka svarsmallar…", "Arkiv", _send_replies, section=FILE_EXPORT,
                tip="En Excelfil per nämnd med rekommendationerna som väntar på svar"))  # fmt: skip
register(Action("import_replies", "Läs in svar…", "Arkiv", _import_replies, section=FILE_IMPORT, enabled=writable,
                tip="Läs in en ifylld svarsmall från en nämnd"))  # fmt: skip


def _import_report(window: MainWindow) -> None:
    from .dialogs.report_reader import open_report_reader

    open_report_reader(window)


def _paste_report(window: MainWindow) -> None:
    from .dialogs.report_reader import open_pasted_report

    open_pasted_report(window)


def _drop_report(window: MainWindow, path: Path) -> None:
    from .dialogs.report_reader import open_report_reader

    open_report_reader(window, path)


register(Action("import_report", "Läs in granskningsrapport…", "Arkiv", _import_report, section=FILE_IMPORT,
                enabled=writable, tip="Föreslå rekommendationer och uppgifter ur en rapport (PDF, Word, text)"))  # fmt: skip
register(Action("paste_report", "Klistra in granskningsrapport…", "Arkiv", _paste_report, section=FILE_IMPORT,
                enabled=writable, tip="Föreslå rekommendationer ur rapporttext i urklipp"))  # fmt: skip
for _suffix in (".pdf", ".docx", ".txt"):
    DROP_HANDLERS.setdefault(_suffix, _drop_report)


def _print_statuslist(window: MainWindow) -> None:
    from .dialogs.print_statuslist import open_print_dialog

    open_print_dialog(window)


register(Action("print_statuslist", "Skriv ut statuslista…", "Arkiv", _print_statuslist, ("Ctrl+P",),
                icon="SP_FileDialogContentsView", toolbar=True, section=FILE_PRINT,
                tip="Statuslista för revisorernas möte: förhandsgranska, skriv ut eller spara som PDF"))  # fmt: skip
