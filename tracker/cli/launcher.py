"""`install-launcher`, `uninstall-launcher`: Revisionsuppföljning in the desktop's program
menu on Linux, as a .desktop entry (freedesktop.org Desktop Entry Specification) with the
program's icon, written to the user's applications folder."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .. import APP_NAME
from ..core.atomic_file import atomic_path
from ..core.errors import UserError
from ..resources import file

DESKTOP_FILE = "revisionsuppfoljning.desktop"


def add_commands(sub: argparse._SubParsersAction) -> None:
    install = sub.add_parser("install-launcher", help="lägg till Revisionsuppföljning i skrivbordets programmeny")
    install.set_defaults(func=run_install)
    uninstall = sub.add_parser("uninstall-launcher", help="ta bort Revisionsuppföljning ur programmenyn")
    uninstall.set_defaults(func=run_uninstall)


def applications_dir() -> Path:
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "applications"


def _quote(arg: str) -> str:
    """An Exec argument as the specification wants it: quoted, with \\ " ` $ escaped."""
    for ch in ("\\", '"', "`", "$"):
        arg = arg.replace(ch, "\\" + ch)
    return f'"{arg}"'.replace("%", "%%")


def command() -> list[str]:
    """What starts this very installation: the built app's binary, or this Python with -m tracker."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "tracker"]


def desktop_entry() -> str:
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        f"Name={APP_NAME}",
        "GenericName=Uppföljning av revisionens rekommendationer",
        "Comment=Håll ordning på revisionens rekommendationer tills de är åtgärdade",
        f"Exec={' '.join(_quote(a) for a in command())}",
        f"Icon={file('icons/app-256.png')}",
        "Terminal=false",
        "Categories=Office;",
        "Keywords=revision;rekommendationer;uppföljning;granskning;nämnd;",
        "StartupNotify=true",
        "",
    ])  # fmt: skip


def _check_linux() -> None:
    if not sys.platform.startswith("linux"):
        raise UserError(
            "Programmenyn fylls bara i på Linux. På Windows lägger installationsprogrammet "
            "(eller du, med en genväg till Revisionsuppfoljning.exe) in programmet i Start-menyn."
        )


def run_install(args: argparse.Namespace) -> int:
    _check_linux()
    target = applications_dir() / DESKTOP_FILE
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"Mappen {target.parent} kunde inte skapas ({exc.strerror}).") from exc
    with atomic_path(target) as tmp:
        tmp.write_text(desktop_entry(), encoding="utf-8")
    print(f"{APP_NAME} finns nu i programmenyn ({target}).")
    return 0


def run_uninstall(args: argparse.Namespace) -> int:
    _check_linux()
    target = applications_dir() / DESKTOP_FILE
    if not target.exists():
        print(f"{APP_NAME} fanns inte i programmenyn; inget har ändrats.")
        return 0
    try:
        target.unlink()
    except OSError as exc:
        raise UserError(f"Genvägen kunde inte tas bort ({exc.strerror}).", file=target) from exc
    print(f"{APP_NAME} är borttaget ur programmenyn.")
    return 0
