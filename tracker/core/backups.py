"""Consistent copies of the register through SQLite's backup API, kept beside it."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import UserError

if TYPE_CHECKING:
    from .store import Store


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "säkerhetskopior"


def make_backup(store: Store, reason: str) -> Path:
    """Copy the open register into the backups folder; raise UserError if it fails,
    so the risky work that asked for it does not start."""
    folder = backup_dir(store.path)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    safe_reason = re.sub(r"[^\w-]+", "-", reason).strip("-")
    target = folder / f"{store.path.stem}-{stamp}-{safe_reason}.sqlite"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        dest = sqlite3.connect(str(target))
        try:
            store.conn.backup(dest)
        finally:
            dest.close()
    except (OSError, sqlite3.Error) as exc:
        target.unlink(missing_ok=True)
        raise UserError(
            f"Säkerhetskopian kunde inte skrivas till {folder} ({exc}); inget har ändrats.",
            file=store.path,
        ) from exc
    return target
