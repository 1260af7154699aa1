"""The open register: one SQLite connection, its write transactions and its settings.
How a file is opened, created, migrated, locked and restored is core/opening.py's."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path, PurePath, PureWindowsPath
from typing import TYPE_CHECKING
from urllib.parse import quote

from .. import APP_NAME
from .errors import UserError
from .lock import LockInfo, WriterLock

if TYPE_CHECKING:
    import sqlite_utils


def data_dir() -> Path:
    """The user's data folder, where the register lives unless told otherwise."""
    from platformdirs import user_data_dir  # only when no --db or TRACKER_DB names the file

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_path() -> Path:
    """TRACKER_DB, or register.sqlite in the user's data folder."""
    if env := os.environ.get("TRACKER_DB"):
        return Path(env)
    return data_dir() / "register.sqlite"


class Store:
    """An open register over one connection; write only inside `transaction()`."""

    def __init__(
        self, path: Path, conn: sqlite3.Connection, read_only_reason: str | None, lock: WriterLock | None = None
    ) -> None:
        self.path = path
        self.conn = conn
        # Why the file is open read-only (newer version, no write access, someone
        # else is writing, damaged), or None.
        self.read_only_reason = read_only_reason
        self.lock = lock
        self.closed = False
        # Something the user should hear about the opening that did not stop it
        # (a stale lock taken over, a daily backup that failed), or None.
        self.notice: str | None = None
        # What is wrong with a damaged file (SQLite's words); only a restore
        # (opening.restore) can write it. Empty when the file is whole.
        self.damage: list[str] = []
        # Who holds the writer lock when that is why the file is read-only.
        self.locked_by: LockInfo | None = None

    @property
    def damaged(self) -> bool:
        return bool(self.damage)

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @cached_property
    def db(self) -> sqlite_utils.Database:
        """sqlite-utils over the same connection, made when a write first needs it: importing
        sqlite-utils takes a fifth of a second that reading commands (`tracker list`) do not need.
        No sqlite-utils plugins: the register needs none, and looking for them in every installed
        package cost the first edit 50 ms."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One write transaction, taken at once (BEGIN IMMEDIATE) so it never fails half-way
        on a lock; nested uses become savepoints through sqlite-utils' atomic()."""
        if self.read_only:
            raise UserError(f"Registret är öppnat skrivskyddat: {self.read_only_reason}", file=self.path)
        if self.conn.in_transaction:
            with self.db.atomic():
                yield self.db
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise locked_error(self.path, exc) from exc
        try:
            yield self.db
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def setting(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row and row[0] is not None else default

    def user_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.closed = True
        self.conn.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def locked_error(path: Path, exc: Exception) -> UserError:
    if "locked" in str(exc) or "busy" in str(exc):
        return UserError(
            "Registret används just nu av någon annan och kan inte ändras. Försök igen om en stund.",
            file=path,
        )
    return UserError(f"Registret kunde inte läsas: {exc}", file=path)


def read_only_uri(path: PurePath) -> str:
    """The URI that opens a file read-only. The path is made absolute, not resolved: on
    Windows resolve() turns a mapped drive Z: into its UNC name, and as_uri() puts the
    server in the URI's authority, which CPython's SQLite rejects. A UNC path gets an
    empty authority instead (file:////server/share/...)."""
    if isinstance(path, Path):
        path = path.absolute()
    text = path.as_posix()
    if isinstance(path, PureWindowsPath) and not text.startswith("//"):
        text = "/" + text  # Z:/mapp -> /Z:/mapp
    return f"file://{quote(text, safe='/:')}?mode=ro"


def connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(read_only_uri(path), uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    # Autocommit at the driver level: every write goes through Store.transaction().
    conn.isolation_level = None
    try:
        conn.execute("PRAGMA busy_timeout = 5000")
        conn.execute("PRAGMA foreign_keys = ON")
        if not read_only:
            # WAL does not work over network file systems; the rollback journal does.
            # FULL: a committed import survives a power cut, not only a crash.
            conn.execute("PRAGMA journal_mode = DELETE")
            conn.execute("PRAGMA synchronous = FULL")
    except sqlite3.Error:
        conn.close()  # not left open to the garbage collector, holding the files
        raise
    return conn
