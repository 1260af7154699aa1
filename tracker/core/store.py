"""Opening, creating and migrating the one SQLite file that is the whole register."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

import sqlite_utils
from platformdirs import user_data_dir

from .. import APP_NAME
from .errors import UserError
from .lock import LockHeld, LockInfo, LockUnavailable, WriterLock, acquire

SQLITE_MAGIC = b"SQLite format 3\x00"
_MIGRATION_NAME = re.compile(r"^(\d{4})_.+\.sql$")


def migrations() -> list[tuple[int, Traversable]]:
    """The schema's numbered steps, read from the package (tracker.db, the db/ folder)."""
    folder = resources.files("tracker.db").joinpath("migrations")
    found = sorted((int(match[1]), item) for item in folder.iterdir() if (match := _MIGRATION_NAME.match(item.name)))
    # Without them a new register would have no tables and every view would fail later.
    if not found:
        raise UserError(
            "Programmet är inte helt installerat: registrets databasschema saknas. Installera om programmet."
        )
    if [n for n, _ in found] != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migrations in {folder} are not numbered 1..n")
    return found


def latest_version() -> int:
    return len(migrations())


def default_path() -> Path:
    """TRACKER_DB, or register.sqlite in the user's data folder."""
    if env := os.environ.get("TRACKER_DB"):
        return Path(env)
    return Path(user_data_dir(APP_NAME, appauthor=False)) / "register.sqlite"


class Store:
    """An open register. `db` is the sqlite-utils Database; write only inside `transaction()`."""

    def __init__(
        self, path: Path, db: sqlite_utils.Database, read_only_reason: str | None, lock: WriterLock | None = None
    ) -> None:
        self.path = path
        self.db = db
        # Why the file is open read-only (newer version, no write access, someone
        # else is writing, damaged), or None.
        self.read_only_reason = read_only_reason
        self.lock = lock
        self.closed = False
        # Something the user should hear about the opening that did not stop it
        # (a stale lock taken over, a daily backup that failed), or None.
        self.notice: str | None = None
        # quick_check found the file damaged: only a restore (backups.restore) can write it.
        self.damaged = False
        # Who holds the writer lock when that is why the file is read-only.
        self.locked_by: LockInfo | None = None

    @property
    def read_only(self) -> bool:
        return self.read_only_reason is not None

    @property
    def conn(self) -> sqlite3.Connection:
        return self.db.conn

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
            raise _locked_error(self.path, exc) from exc
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

    def office_name(self) -> str:
        """The audit office's name for sheet headers and printouts."""
        return self.setting("office_name", "Revisionskontoret")

    def user_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self.closed = True
        self.db.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None


class DamagedFile(UserError):
    """The file is too damaged for SQLite to open as a register at all."""


def _locked_error(path: Path, exc: Exception) -> UserError:
    if "locked" in str(exc) or "busy" in str(exc):
        return UserError(
            "Registret används just nu av någon annan och kan inte ändras. Försök igen om en stund.",
            file=path,
        )
    return UserError(f"Registret kunde inte läsas: {exc}", file=path)


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    if read_only:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), check_same_thread=False)
    # Autocommit at the driver level: every write goes through Store.transaction().
    conn.isolation_level = None
    conn.execute("PRAGMA busy_timeout = 5000")
    conn.execute("PRAGMA foreign_keys = ON")
    if not read_only:
        # WAL does not work over network file systems; the rollback journal does.
        # FULL: a committed import survives a power cut, not only a crash.
        conn.execute("PRAGMA journal_mode = DELETE")
        conn.execute("PRAGMA synchronous = FULL")
    return conn


def _check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise UserError("Det valda är en mapp, inte en registerfil.", file=path)
    if not path.exists():
        if not create:
            raise UserError("Registerfilen finns inte.", file=path)
        return
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(f"Registerfilen kan inte läsas ({exc.strerror}).", file=path) from exc
    if not head:
        if not create:
            raise UserError(
                "Filen är tom (0 byte) och är inget register. Välj en annan fil, eller skapa ett nytt register.",
                file=path,
            )
        return
    if head != SQLITE_MAGIC:
        raise UserError(
            "Filen är inte ett register från Revisionsuppföljning (ingen SQLite-databas). "
            "Öppna rätt fil, eller använd Importera för Excel-filer.",
            file=path,
        )


def open_store(path: Path | str, *, create: bool = True, read_only: bool = False) -> Store:
    """Open a register, creating it if allowed and migrating it if it is older.

    Opening for writing takes the writer lock beside the file. A file someone else
    holds, of a newer version, one we may not write, or one that fails quick_check
    opens read-only with the reason in `read_only_reason`. An older file is backed
    up before it is migrated, and the first write-open of a day makes a backup.
    A leftover journal is left for SQLite to roll back, never deleted.
    """
    path = Path(path)
    latest_version()  # an installation without its schema fails here, before any file is made
    _check_file(path, create)
    is_new = not path.exists() or path.stat().st_size == 0
    reason = "öppnat skrivskyddat på begäran" if read_only else None
    if reason is None and path.exists() and not os.access(path, os.W_OK):
        reason = "du har inte behörighet att ändra filen"
    if reason is None and not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Mappen för registret kan inte skapas ({exc.strerror}).", file=path) from exc
    lock = holder = None
    if reason is None:
        lock, holder, reason = _take_lock(path)
        if reason is not None and is_new:
            raise UserError(f"Registret kan inte skapas: {reason}", file=path)
    try:
        store = _open_checked(path, reason, lock)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    if holder is not None and not store.damaged:
        store.locked_by = holder
    if not store.read_only and not is_new:
        _daily_backup(store)
    return store


def _take_lock(path: Path) -> tuple[WriterLock | None, LockInfo | None, str | None]:
    try:
        return acquire(path), None, None
    except LockHeld as held:
        return None, held.holder, f"registret är öppet hos {held.holder.describe()}; du kan läsa men inte ändra"
    except LockUnavailable as exc:
        return None, None, f"låsfilen kan inte skapas i mappen ({exc}); du kan läsa men inte ändra"


def _open_checked(path: Path, reason: str | None, lock: WriterLock | None) -> Store:
    from .integrity import damaged_reason, quick_check

    try:
        conn = _connect(path, reason is not None)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        if reason is not None:
            raise DamagedFile(f"Registerfilen är skadad eller inte en databas ({exc}).", file=path) from exc
        # Opening for writing reads the schema (journal_mode); a damaged one fails there,
        # and read-only is what a damaged file gets anyway.
        if lock is not None:
            lock.release()
        return _open_checked(path, "skadad", None)
    store = Store(path, sqlite_utils.Database(conn), reason, lock)
    if lock is not None and lock.replaced is not None:
        store.notice = (
            f"Ett kvarlämnat lås från {lock.replaced.describe()} togs bort; "
            "det programmet hade avslutats utan att stänga registret."
        )
    if problems := quick_check(conn):
        conn.close()
        if lock is not None:
            lock.release()
        damaged = Store(path, sqlite_utils.Database(_connect(path, True)), damaged_reason(path, problems))
        damaged.damaged = True
        return damaged
    latest = latest_version()
    if version > latest:
        store.close()
        return Store(
            path,
            sqlite_utils.Database(_connect(path, True)),
            f"filen är skapad av en nyare version av programmet (version {version}, "
            f"detta program känner till {latest}); uppdatera programmet för att kunna ändra",
        )
    if version < latest:
        if store.read_only:
            store.close()
            raise UserError(
                "Registret behöver uppgraderas men kan inte ändras "
                f"({store.read_only_reason}). Öppna det där det går att skriva.",
                file=path,
            )
        try:
            _migrate(store, version)
        except BaseException:
            store.db.close()
            raise
    return store


def _daily_backup(store: Store) -> None:
    from .backups import has_backup_from, make_backup

    if has_backup_from(store.path, dt.date.today()):
        return
    try:
        make_backup(store, "dagligen")
    except UserError as exc:
        store.notice = f"Dagens säkerhetskopia kunde inte göras: {exc.message}"


def _migrate(store: Store, version: int, target: int | None = None) -> None:
    """Apply each newer migration (up to `target`) in its own transaction with its version bump."""
    conn = store.conn
    if version > 0 or conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        from .backups import make_backup

        make_backup(store, f"före-uppgradering-v{version}")
    conn.execute("PRAGMA journal_mode = DELETE")
    for number, sql_path in migrations()[version:target]:
        statements = sql_path.read_text(encoding="utf-8")
        # A migration that rebuilds a table drops it: with foreign keys on, that deletes
        # every child row. The pragma is a no-op inside a transaction, so it is switched
        # off around it, and the keys are checked before COMMIT instead.
        conn.execute("PRAGMA foreign_keys = OFF")
        try:
            broken_before = len(conn.execute("PRAGMA foreign_key_check").fetchall())
            conn.execute("BEGIN IMMEDIATE")
            # executescript() would commit first; run statement by statement instead.
            for statement in _split_sql(statements):
                conn.execute(statement)
            if len(conn.execute("PRAGMA foreign_key_check").fetchall()) > broken_before:
                raise UserError(
                    f"Uppgraderingen av registret (steg {number}) skulle lämna rader som pekar på poster "
                    "som inte finns, så den gjordes inte; registret är oförändrat.",
                    file=store.path,
                )
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise _locked_error(store.path, exc) from exc
            raise
        finally:
            conn.execute("PRAGMA foreign_keys = ON")


def _split_sql(script: str) -> list[str]:
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    if current.strip():
        statements.append(current.strip())
    return statements
