"""Consistent copies of the register through SQLite's backup API, kept beside it,
thinned over time and listed with what they hold. Restoring one is core/opening.py's."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
import shutil
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .errors import UserError, os_reason
from .store import read_only_uri

if TYPE_CHECKING:
    from .store import Store

KEEP_LATEST = 20
KEEP_DAILY_DAYS = 31
_STAMP = "%Y%m%d-%H%M%S-%f"
REASON_MAX = 40  # characters of the reason in a copy's name ("före inläsning av granskningsrapport" is 36)


def longest_backup_path(db_path: Path) -> int:
    """The length of the longest path a copy of this register can get (while written)."""
    stamp = len(dt.datetime(2000, 1, 1).strftime(_STAMP))
    return len(str(backup_dir(db_path.absolute()))) + len(f"/{db_path.stem}-{'x' * stamp}-.partial") + REASON_MAX


_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[^/\\]*)\.sqlite$")


def backup_dir(db_path: Path) -> Path:
    return db_path.parent / "säkerhetskopior"


class Backup(NamedTuple):  # not a dataclass: see model.py
    path: Path
    made: dt.datetime
    reason: str
    size: int
    reports: int | None = None  # None: the copy could not be read
    recommendations: int | None = None

    @property
    def readable(self) -> bool:
        return self.reports is not None


def copy_into(source: sqlite3.Connection, target: Path) -> None:
    dest = sqlite3.connect(str(target))
    try:
        source.backup(dest)
    finally:
        dest.close()


def make_backup(store: Store, reason: str) -> Path:
    """Copy the open register into the backups folder; raise UserError if it fails,
    so the risky work that asked for it does not start. Older copies are thinned."""
    if store.damaged:
        # What a damaged register shows is not what it held: a copy would be listed as
        # the newest backup, and restoring it would lose the good one.
        raise UserError(
            "Registerfilen är skadad, så ingen säkerhetskopia görs av den; de tidigare kopiorna finns kvar.",
            file=store.path,
        )
    folder = backup_dir(store.path)
    stamp = dt.datetime.now().strftime(_STAMP)
    safe_reason = re.sub(r"[^\w-]+", "-", reason).strip("-")[:REASON_MAX].rstrip("-")
    target = folder / f"{store.path.stem}-{stamp}-{safe_reason}.sqlite"
    # Written under another name and renamed, so a crash never leaves half a copy listed.
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        copy_into(store.conn, partial)
        partial.replace(target)
    except (OSError, sqlite3.Error) as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise UserError(
            f"Säkerhetskopian kunde inte skrivas till {folder} ({os_reason(exc)}); inget har ändrats. "
            "Kontrollera att det finns utrymme och att du får skriva i mappen.",
            file=store.path,
        ) from exc
    thin_backups(store.path)
    return target


def _parse(path: Path, stem: str) -> tuple[dt.datetime, str] | None:
    match = _NAME.match(path.name)
    if not match or match["stem"] != stem:
        return None
    try:
        made = dt.datetime.strptime(match["stamp"], _STAMP)
    except ValueError:
        return None
    return made, match["reason"]


def _backup_files(db_path: Path) -> list[tuple[dt.datetime, str, Path]]:
    """This register's copies, newest first."""
    folder = backup_dir(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.sqlite"):
        parsed = _parse(path, db_path.stem)
        if parsed:
            found.append((parsed[0], parsed[1], path))
    return sorted(found, key=lambda item: item[0], reverse=True)


def _counts(path: Path) -> tuple[int | None, int | None]:
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error:
        return None, None
    try:
        reports = conn.execute("SELECT count(*) FROM reports").fetchone()[0]
        recommendations = conn.execute("SELECT count(*) FROM recommendations").fetchone()[0]
        return reports, recommendations
    except sqlite3.Error:
        # A copy made before the first migration has no tables yet: it is empty, not broken.
        try:
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.Error:
            return None, None
        return (0, 0) if tables == 0 else (None, None)
    finally:
        conn.close()


def list_backups(db_path: Path, *, with_counts: bool = True) -> list[Backup]:
    """This register's copies, newest first, with how many reports and recommendations each holds."""
    result = []
    for made, reason, path in _backup_files(db_path):
        try:
            size = path.stat().st_size
        except OSError:
            continue
        reports, recommendations = _counts(path) if with_counts else (None, None)
        result.append(Backup(path, made, reason.replace("-", " "), size, reports, recommendations))
    return result


def newest_backup(db_path: Path) -> Path | None:
    files = _backup_files(db_path)
    return files[0][2] if files else None


def has_backup_from(db_path: Path, day: dt.date) -> bool:
    return any(made.date() == day for made, _, _ in _backup_files(db_path))


def backups_to_keep(made: list[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """The newest KEEP_LATEST, then the newest of each day for a month, then the newest of each month."""
    ordered = sorted(made, reverse=True)
    keep = set(ordered[:KEEP_LATEST])
    seen_days: set[dt.date] = set()
    seen_months: set[tuple[int, int]] = set()
    for when in ordered:
        if now - when <= dt.timedelta(days=KEEP_DAILY_DAYS):
            if when.date() not in seen_days:
                seen_days.add(when.date())
                keep.add(when)
        elif (when.year, when.month) not in seen_months:
            seen_months.add((when.year, when.month))
            keep.add(when)
    return keep


def thin_backups(db_path: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the copies thinning does not keep; return what was deleted."""
    files = _backup_files(db_path)
    keep = backups_to_keep([made for made, _, _ in files], now or dt.datetime.now())
    removed = []
    for made, _, path in files:
        if made not in keep:
            try:
                path.unlink()
            except OSError:
                continue  # a copy someone has open is thinned next time
            removed.append(path)
    return removed


def check_backup(path: Path, latest: int) -> None:
    """Refuse a file that is not a whole, readable register this program can use."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise UserError(f"Säkerhetskopian kan inte läsas ({os_reason(exc)}). Välj en annan kopia.", file=path) from exc
    if result != "ok":
        raise UserError(f"Säkerhetskopian är skadad ({result}). Välj en annan kopia.", file=path)
    if version > latest:
        raise UserError(
            "Säkerhetskopian är gjord av en nyare version av programmet. Uppdatera programmet först.", file=path
        )


def keep_damaged_file(db_path: Path) -> Path:
    """Keep a damaged register's bytes in the backups folder, under a name the list
    ignores, for whoever investigates; raise UserError (nothing changed) if it fails.
    A raw copy is safe only while the caller holds the writer lock."""
    folder = backup_dir(db_path)
    kept = folder / f"{db_path.stem}-{dt.datetime.now().strftime(_STAMP)}-skadad-fil.skadad"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy2(db_path, kept)
    except OSError as exc:
        raise UserError(
            f"Den skadade filen kunde inte sparas undan ({os_reason(exc)}); inget har ändrats.", file=db_path
        ) from exc
    return kept
