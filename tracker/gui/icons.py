"""Which icon each menu entry and toolbar button shows, and the program's own icon.

The files are in resources/icons (Font Awesome Free, traced to SVG by scripts/make-icons; their
licences in resources/LICENSES.md). An action without an entry here shows no icon."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from ..resources import file

# Action id (gui/actions.py) -> icon file name in resources/icons, without .svg.
ACTION_ICONS = {
    "new_register": "folder-plus",
    "open_register": "folder-open",
    "import_register": "file-import",
    "import_replies": "envelope-open-text",
    "import_report": "file-lines",
    "paste_report": "paste",
    "export_register": "file-export",
    "send_replies": "paper-plane",
    "print_statuslist": "print",
    "restore_backup": "clock-rotate-left",
    "check_register": "stethoscope",
    "break_lock": "unlock",
    "quit": "right-from-bracket",
    "undo": "rotate-left",
    "redo": "rotate-right",
    "find": "magnifying-glass",
    "new_report": "file-circle-plus",
    "edit_report": "pen-to-square",
    "delete_report": "trash-can",
    "open_recommendation": "arrow-up-right-from-square",
    "add_follow_up": "clipboard-check",
    "delete_recommendations": "circle-minus",
    "copy_rows": "copy",
    "bodies": "people-group",
    "follow_up_stats": "chart-column",
    "handbook": "book-open",
    "shortcuts": "keyboard",
    "about": "circle-info",
    "reminders": "bell",
    "settings": "gear",
}

APP_ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


@cache
def named(name: str) -> QIcon:
    return QIcon(str(file(f"icons/{name}.svg")))


def for_action(action_id: str) -> QIcon | None:
    name = ACTION_ICONS.get(action_id)
    return named(name) if name else None


@cache
def app_icon() -> QIcon:
    """The program's icon in the sizes drawn for it (a desktop picks the nearest)."""
    icon = QIcon()
    for size in APP_ICON_SIZES:
        icon.addFile(str(file(f"icons/app-{size}.png")))
    return icon
