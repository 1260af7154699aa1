"""One writer at a time: a lock file beside the register saying who has it open.

SQLite's own locks keep each transaction whole, but they do not stop two people from
editing the same register for an afternoon, and over a network share they are not
to be trusted. The lock file is plain JSON so that a second program, on this machine
or another, can name who holds it. It is made by a hard link, or with O_CREAT|O_EXCL
where links are not to be had; network file systems honour both. It is removed on close.
"""

from __future__ import annotations

import atexit
import contextlib
import datetime as dt
import getpass
import glob
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from .errors import UserError, os_reason

# A lock file that cannot be parsed may be one another program is writing this instant.
_UNREADABLE_GRACE_S = 10.0
_REMOVE_TRIES = 10
_REMOVE_PAUSE_S = 0.1


class LockInfo(NamedTuple):  # not a dataclass: see model.py
    user: str
    host: str
    pid: int
    started: str  # ISO timestamp, local time
    token: str = ""

    def describe(self, now: dt.datetime | None = None) -> str:
        """'anna på DATOR-12 sedan 09:14' (with the date when it is not today)."""
        try:
            when = dt.datetime.fromisoformat(self.started)
        except ValueError:
            since = "okänd tid"
        else:
            now = now or dt.datetime.now()
            since = when.strftime("%H:%M") if when.date() == now.date() else when.strftime("%Y-%m-%d %H:%M")
        return f"{self.user} på {self.host} sedan {since}"

    def is_this_machine(self) -> bool:
        return self.host.lower() == _host().lower()


class LockHeld(Exception):
    def __init__(self, holder: LockInfo) -> None:
        super().__init__(holder.describe())
        self.holder = holder


class LockUnavailable(Exception):
    """The lock file cannot be written at all (no write access to the folder)."""


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _host() -> str:
    import socket  # only when a lock is written or judged: a reader takes none

    return socket.gethostname() or "okänd dator"


def current_user() -> str:
    """The user's login name; getpass raises ImportError on Windows without USERNAME."""
    try:
        return getpass.getuser()
    except (KeyError, OSError, ImportError):
        return "okänd"


_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_STILL_ACTIVE = 259
_ERROR_ACCESS_DENIED = 5


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - run on Windows; tested through _windows_pid_alive
        import ctypes

        return _windows_pid_alive(pid, _kernel32(), ctypes.get_last_error)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _kernel32():  # pragma: no cover - Windows only
    """kernel32 with the signatures declared: without them ctypes passes a 64-bit handle
    as a 32-bit int and reads GetLastError after other calls may have changed it."""
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.argtypes = (wintypes.DWORD, wintypes.BOOL, wintypes.DWORD)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    kernel32.GetExitCodeProcess.argtypes = (wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD))
    kernel32.GetExitCodeProcess.restype = wintypes.BOOL
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    kernel32.CloseHandle.restype = wintypes.BOOL
    return kernel32


def _windows_pid_alive(pid: int, kernel32, last_error: Callable[[], int]) -> bool:
    import ctypes

    handle = kernel32.OpenProcess(_PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    if not handle:
        # Another user's live process (a terminal server) cannot be opened: it is there.
        return last_error() == _ERROR_ACCESS_DENIED
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True  # cannot tell: a live lock must never be broken
        return code.value == _STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def read_holder(db_path: Path) -> LockInfo | None:
    """Who holds the lock, or None when nobody does. An unreadable lock file counts
    as held by an unknown user while it is fresh."""
    path = lock_path(db_path)
    try:
        raw = path.read_bytes()
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return None
    except OSError:
        return LockInfo("okänd användare", "okänd dator", 0, "")
    try:
        data = json.loads(raw.decode("utf-8"))
        return LockInfo(
            str(data["user"]), str(data["host"]), int(data["pid"]), str(data["started"]), str(data.get("token", ""))
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        fresh = time.time() - mtime < _UNREADABLE_GRACE_S
        # A fresh one may be being written anywhere; an old one is left over, and ours to take.
        return LockInfo("okänd användare", "okänd dator", 0, "") if fresh else LockInfo(current_user(), _host(), 0, "")


def is_stale(holder: LockInfo) -> bool:
    """Only a lock of this user on this machine whose program has ended is stale; a lock
    from another machine (a network share), or another user's on a shared host (a terminal
    server, where process ids say little across users), is respected until someone breaks it."""
    return holder.is_this_machine() and holder.user == current_user() and not pid_alive(holder.pid)


class WriterLock:
    """The lock this program holds; release() removes the file only if it is still ours."""

    def __init__(self, db_path: Path, info: LockInfo, replaced: LockInfo | None) -> None:
        self.db_path = db_path
        self.info = info
        # The stale lock that was taken over, so the caller can say so.
        self.replaced = replaced
        # A command that ends without closing its store must not leave the lock behind.
        atexit.register(self.release)

    def release(self) -> None:
        atexit.unregister(self.release)
        holder = read_holder(self.db_path)
        if holder is not None and holder.token == self.info.token:
            # Still held open elsewhere after the retries: the lock stays, and is stale
            # (its program ended) for the next opening on this machine, which says so.
            with contextlib.suppress(PermissionError):
                _remove(lock_path(self.db_path))


def _remove(path: Path) -> None:
    """Delete a lock file. On Windows a file another program has open (a colleague's program
    reading who holds it, antivirus, the indexer) cannot be deleted for a moment: try again
    briefly, then let PermissionError through."""
    for attempt in range(_REMOVE_TRIES):
        try:
            path.unlink(missing_ok=True)
            return
        except PermissionError:
            if attempt == _REMOVE_TRIES - 1:
                raise
            time.sleep(_REMOVE_PAUSE_S)


def _write_new(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _create(db_path: Path) -> LockInfo:
    """Write the lock so that it appears whole: written beside it under a name of its own,
    then hard-linked into place, which fails if a lock exists (the classic lock-file
    recipe for NFS). A program killed half-way then leaves no empty lock that blocks the
    register. Where the folder has no hard links, the lock is created in place."""
    info = LockInfo(
        current_user(),
        _host(),
        os.getpid(),
        dt.datetime.now().isoformat(timespec="seconds"),
        # What secrets.token_hex does, without importing hmac and hashlib into every start.
        os.urandom(8).hex(),
    )
    data = json.dumps(info._asdict(), ensure_ascii=False).encode("utf-8")
    lock = lock_path(db_path)
    draft = lock.with_name(f".{lock.name}.{info.token}")
    _write_new(draft, data)
    try:
        os.link(draft, lock)
    except FileExistsError:
        raise
    except OSError:
        _write_new(lock, data)
    finally:
        # A draft that cannot go now is cleaned by the next writer (_remove_old_drafts).
        with contextlib.suppress(OSError):
            draft.unlink(missing_ok=True)
    return info


def _remove_old_drafts(db_path: Path, own_token: str) -> None:
    """Drafts of the lock left by programs killed while taking it. Only the holder cleans
    up, and only drafts older than any lock takes to write: a draft another program is
    writing now is either linked (and fails, we hold the lock) or its program cleans it."""
    lock = lock_path(db_path)
    now = time.time()
    for draft in lock.parent.glob(f".{glob.escape(lock.name)}.*"):
        if draft.name.endswith(own_token):
            continue
        try:
            if now - draft.stat().st_mtime > _UNREADABLE_GRACE_S:
                draft.unlink()
        except OSError:
            continue  # gone already, or not ours to remove: tried again next time


def acquire(db_path: Path) -> WriterLock:
    """Take the lock, taking over a stale one. Raise LockHeld naming the holder, or
    LockUnavailable when the folder cannot be written."""
    replaced = None
    if lock_path(db_path).is_dir():
        raise LockUnavailable(f"på låsfilens plats, {lock_path(db_path).name}, finns en mapp; ta bort mappen")
    for _ in range(3):
        try:
            lock = WriterLock(db_path, _create(db_path), replaced)
        except FileExistsError:
            holder = read_holder(db_path)
            if holder is None:
                continue  # released between our attempt and our look
            if not is_stale(holder):
                raise LockHeld(holder) from None
            try:
                _remove(lock_path(db_path))
            except PermissionError:
                raise LockUnavailable(
                    f"det kvarlämnade låset från {holder.describe()} är öppet i ett annat program och kan inte tas bort"
                ) from None
            replaced = holder
        except OSError as exc:
            raise LockUnavailable(os_reason(exc)) from exc
        else:
            _remove_old_drafts(db_path, lock.info.token)
            return lock
    holder = read_holder(db_path)
    raise LockHeld(holder or LockInfo("okänd användare", "okänd dator", 0, ""))


def break_lock(db_path: Path) -> LockInfo | None:
    """Remove someone else's lock after the user has confirmed that they are gone."""
    holder = read_holder(db_path)
    try:
        _remove(lock_path(db_path))
    except PermissionError:
        raise UserError(
            "Låset kunde inte tas bort: låsfilen är öppen i ett annat program (kanske någon som just nu läser vem "
            "som har registret). Försök igen om en stund.",
            file=db_path,
        ) from None
    return holder
