"""Opening a register: the one place that decides how a file becomes an open Store.

It creates a new file, migrates an older one (after a backup), takes the writer lock,
makes the day's first backup, opens a damaged file read-only with its newest backup
named, and restores a backup into the file, damaged or not. The modules it uses
(store, backups, integrity, lock) take a connection or a path and decide nothing.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
import sys
from pathlib import Path

from .backups import (
    check_backup,
    copy_into,
    has_backup_from,
    keep_damaged_file,
    longest_backup_path,
    make_backup,
    newest_backup,
)
from .errors import UserError, os_reason
from .integrity import quick_check
from .lock import LockHeld, LockInfo, LockUnavailable, WriterLock, acquire, read_holder
from .schema import apply_migrations, latest_version, migrations
from .store import Store, connect, read_only_uri

SQLITE_MAGIC = b"SQLite format 3\x00"


# Migrating --------------------------------------------------------------------------


def _migrate(store: Store, version: int, target: int | None = None) -> None:
    """Back up a file that holds anything, then apply each newer migration (up to `target`)."""
    if version > 0 or store.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
        make_backup(store, f"före-uppgradering-v{version}")
    apply_migrations(store, version, target)


# Opening ----------------------------------------------------------------------------


def _has_sqlite_header(path: Path) -> bool | None:
    """Whether the file starts as SQLite does; None when it is empty."""
    try:
        with path.open("rb") as f:
            head = f.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise UserError(f"Registerfilen kan inte läsas ({os_reason(exc)}).", file=path) from exc
    return None if not head else head == SQLITE_MAGIC


def _check_file(path: Path, create: bool) -> bool:
    """Refuse what is no register; return whether it is a register whose header is gone
    (it has backups beside it, so it was one: it opens as damaged)."""
    if path.is_dir():
        raise UserError("Det valda är en mapp, inte en registerfil.", file=path)
    if not path.exists():
        if not create:
            raise UserError("Registerfilen finns inte.", file=path)
        return False
    header = _has_sqlite_header(path)
    if header is None:
        if not create:
            raise UserError(
                "Filen är tom (0 byte) och är inget register. Välj en annan fil, eller skapa ett nytt register.",
                file=path,
            )
        return False
    if not header:
        if newest_backup(path) is not None:
            return True
        raise UserError(
            "Filen är inte ett register från Revisionsuppföljning (ingen SQLite-databas). "
            "Öppna rätt fil, eller använd Importera för Excel-filer.",
            file=path,
        )
    return False


# Windows' limit on a path, for programs that have not opted into long paths (the
# built app's manifest does; Python run by hand and SQLite's own files may not).
_PATH_LIMIT = 259 if sys.platform == "win32" else None


def _check_path_length(path: Path) -> None:
    """Refuse, before anything is written, a register whose backups, lock or journal
    would get a path too long for Windows: it would open, and then fail at its backup."""
    if _PATH_LIMIT is None:
        return
    longest = max(
        longest_backup_path(path), len(str(path.absolute())) + len(".lock.") + 1 + 16, len(str(path.absolute())) + 8
    )
    if longest > _PATH_LIMIT:
        raise UserError(
            f"Sökvägen till registret är för lång för Windows: säkerhetskopiorna bredvid det skulle få {longest} "
            f"tecken, och Windows tillåter {_PATH_LIMIT}. Flytta registret till en mapp med kortare sökväg "
            f"(högst {len(str(path.absolute())) - (longest - _PATH_LIMIT)} tecken i registrets sökväg), "
            "till exempel direkt under enheten.",
            file=path,
        )


def open_store(path: Path | str, *, create: bool = True, read_only: bool = False, reading: bool = False) -> Store:
    """Open a register, creating it if allowed and migrating it if it is older.

    Opening for writing takes the writer lock beside the file. A file someone else
    holds, of a newer version, one we may not write, or a damaged one opens read-only
    with the reason in `read_only_reason`. An older file is backed up before it is
    migrated, and the first write-open of a day makes a backup. A leftover journal is
    left for SQLite to roll back, never deleted.

    `reading` is for a caller that only reads (a command that lists, counts or exports):
    it opens read-only without the lock, so it never keeps anyone from writing, unless
    the file first needs a writer (an older version to migrate, a change to roll back).
    """
    path = Path(path)
    _check_path_length(path)
    if _check_file(path, create):
        return _damaged(path, ["filen börjar inte som en SQLite-databas"])
    is_new = not path.exists() or path.stat().st_size == 0
    if is_new:
        migrations()  # an installation without its schema fails here, before any file is made
    read_only = read_only or (reading and not is_new and not _needs_writer(path, latest_version()))
    reason = "öppnat skrivskyddat på begäran" if read_only else None
    if reason is None and path.exists() and not os.access(path, os.W_OK):
        reason = "du har inte behörighet att ändra filen"
    if reason is None and not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"Mappen för registret kan inte skapas ({os_reason(exc)}).", file=path) from exc
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


def _needs_writer(path: Path, latest: int) -> bool:
    """Whether only a writer can open this file: a journal left by a writer that stopped
    mid-change (rolled back by the next writer), or an older schema (migrated by one)."""
    journal = path.with_name(path.name + "-journal")
    if journal.exists() and journal.stat().st_size > 0:
        return True
    # The schema version is the header's user_version: 4 bytes, big-endian, at offset 60
    # (SQLite's file format); reading it needs no connection and no lock.
    with path.open("rb") as f:
        f.seek(60)
        return int.from_bytes(f.read(4), "big") < latest


def _take_lock(path: Path) -> tuple[WriterLock | None, LockInfo | None, str | None]:
    try:
        return acquire(path), None, None
    except LockHeld as held:
        return None, held.holder, f"registret är öppet hos {held.holder.describe()}; du kan läsa men inte ändra"
    except LockUnavailable as exc:
        return None, None, f"låsfilen kan inte skapas i mappen ({exc}); du kan läsa men inte ändra"


def _open_checked(path: Path, reason: str | None, lock: WriterLock | None) -> Store:
    conn = None
    try:
        conn = connect(path, reason is not None)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        # Closed at once: a connection left to the garbage collector keeps the journal open,
        # and where an open file cannot be deleted (Windows, a share) the writer that rolls
        # it back then fails with "disk I/O error".
        if conn is not None:
            conn.close()
        if reason is not None and (journal := _crashed_writer(path)):
            raise journal from exc
        # Opening for writing reads the schema (journal_mode); a damaged one fails there.
        if lock is not None:
            lock.release()
        return _damaged(path, [str(exc)])
    store = Store(path, conn, reason, lock)
    if lock is not None and lock.replaced is not None:
        store.notice = (
            f"Ett kvarlämnat lås från {lock.replaced.describe()} togs bort; "
            "det programmet hade avslutats utan att stänga registret."
        )
    if problems := quick_check(conn):
        store.close()
        if reason is not None and (journal := _crashed_writer(path)):
            raise journal
        return _damaged(path, problems)
    latest = latest_version()
    if version > latest:
        store.close()
        return Store(
            path,
            connect(path, True),
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
            store.conn.close()
            raise
    return store


def _crashed_writer(path: Path) -> UserError | None:
    """A reader that cannot read the file beside a journal met a writer that stopped mid-change
    (on a share the others are always readers: the lock is another machine's). Only a writer
    can roll the change back, so say how to become one; the file is not damaged."""
    journal = path.with_name(path.name + "-journal")
    try:
        if journal.stat().st_size == 0:
            return None
    except OSError:
        return None
    if holder := read_holder(path):
        how = (
            f"Registret är låst av {holder.describe()}. Är programmet där stängt, ta bort låset "
            "(`tracker unlock`, eller Arkiv → Ta bort låset…) och öppna registret igen."
        )
    else:
        how = "Öppna registret för att ändra (inte skrivskyddat) så tas den avbrutna ändringen tillbaka."
    return UserError(
        "Den som senast ändrade registret avslutades mitt i en ändring, och den måste tas tillbaka innan "
        f"registret kan läsas. Registret är inte skadat: det sker av sig självt när någon öppnar det för att ändra. {how}",
        file=path,
    )


def _damaged(path: Path, problems: list[str]) -> Store:
    """A damaged file opens read-only, showing what can still be read; when nothing can,
    an empty register in memory stands in, so the window opens and offers the backup
    (without a backup there is nothing to offer, and the file is refused)."""
    conn = None
    try:
        conn = connect(path, True)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        if conn is not None:
            conn.close()
        if newest_backup(path) is None:
            raise UserError(
                f"Registerfilen är skadad eller inte en databas ({problems[0]}), "
                "och det finns ingen säkerhetskopia av den att återställa.",
                file=path,
            ) from None
        conn = sqlite3.connect(":memory:", check_same_thread=False)
        conn.isolation_level = None
        apply_migrations(Store(path, conn, None), 0)
    store = Store(path, conn, damaged_reason(path, problems))
    store.damage = problems
    return store


def damaged_reason(db_path: Path, problems: list[str]) -> str:
    """The read-only reason for a damaged file: what is wrong, how to restore, the newest backup."""
    lines = [line for p in problems for line in p.splitlines() if line and not line.startswith("***")]
    first = lines[0] if lines else "okänt fel"
    reason = (
        f"filen är skadad ({first}), så den öppnas bara för läsning. "
        "Återställ en säkerhetskopia (Arkiv → Återställ säkerhetskopia…, eller på kommandoraden "
        "`tracker backups` och `tracker restore NUMMER`, där 1 är den senaste)"
    )
    newest = newest_backup(db_path)
    if newest:
        reason += f"; den senaste är {newest}"
    return reason


def _daily_backup(store: Store) -> None:
    if has_backup_from(store.path, dt.date.today()):
        return
    try:
        make_backup(store, "dagligen")
    except UserError as exc:
        store.notice = f"Dagens säkerhetskopia kunde inte göras: {exc.message}"


# Restoring --------------------------------------------------------------------------


def restore_backup(store: Store, backup: Path) -> Path:
    """Replace the register's contents with a copy, after backing up what is there now.

    The copy goes through the backup API into the live connection, inside the writer
    lock and SQLite's own transaction, so a crash half-way leaves the old register.
    Return the safety copy of what was replaced. The caller reopens the register
    afterwards (an older copy is migrated then).
    """
    backup = Path(backup)
    if store.read_only:
        raise UserError(f"Registret är öppnat skrivskyddat: {store.read_only_reason}", file=store.path)
    if not backup.is_file():
        raise UserError("Säkerhetskopian finns inte.", file=backup)
    check_backup(backup, latest_version())
    return _copy_into_live(store, backup)


def _copy_into_live(store: Store, backup: Path) -> Path:
    """The copying half of restore_backup, for a backup already checked."""
    before = make_backup(store, "före-återställning")
    try:
        source = sqlite3.connect(read_only_uri(backup), uri=True)
        try:
            source.backup(store.conn)
        finally:
            source.close()
    except sqlite3.Error as exc:
        raise UserError(
            f"Återställningen misslyckades ({os_reason(exc)}); registret är oförändrat. "
            f"Det som fanns före försöket finns också i {before.name}.",
            file=store.path,
        ) from exc
    return before


def restore(db_path: Path | str, backup: Path | str) -> Path:
    """Restore the register at db_path from a copy, whether it is whole or damaged, without
    opening it as a register (no migration, no daily backup of a damaged file). Return the
    copy of what was there. The caller must have closed its own store first and reopens it
    afterwards."""
    db_path, backup = Path(db_path), Path(backup)
    if not db_path.is_file():
        raise UserError("Registerfilen finns inte.", file=db_path)
    if not backup.is_file():
        raise UserError("Säkerhetskopian finns inte.", file=backup)
    if not os.access(db_path, os.W_OK):
        raise UserError("Registret kan inte återställas: du har inte behörighet att ändra filen.", file=db_path)
    check_backup(backup, latest_version())
    lock, _, reason = _take_lock(db_path)
    if lock is None:
        raise UserError(f"Registret kan inte återställas: {reason}", file=db_path)
    try:
        if _is_whole(db_path):
            store = Store(db_path, connect(db_path, False), None)
            try:
                return _copy_into_live(store, backup)  # checked above, before the lock was taken
            finally:
                store.close()
        return _restore_damaged(db_path, backup)
    finally:
        lock.release()


def _is_whole(path: Path) -> bool:
    if not _has_sqlite_header(path):
        return False
    try:
        conn = connect(path, True)
    except sqlite3.DatabaseError:
        return False
    try:
        return not quick_check(conn)
    finally:
        conn.close()


def _restore_damaged(db_path: Path, backup: Path) -> Path:
    """A damaged file cannot be read by the backup API: keep its bytes (the caller holds
    the lock, so nobody writes), then write the copy into it, or replace it whole."""
    kept = keep_damaged_file(db_path)
    try:
        source = sqlite3.connect(read_only_uri(backup), uri=True)
        try:
            copy_into(source, db_path)
        finally:
            source.close()
    except sqlite3.Error:
        # Too damaged for SQLite to write into: replace the file whole instead.
        tmp = db_path.with_name(f".{db_path.name}.återställs")
        try:
            shutil.copyfile(backup, tmp)
            tmp.replace(db_path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise UserError(
                f"Registerfilen kunde inte ersättas ({os_reason(exc)}); den kan vara öppen i ett annat program. "
                "Inget har ändrats; stäng det programmet och försök igen.",
                file=db_path,
            ) from exc
    return kept
