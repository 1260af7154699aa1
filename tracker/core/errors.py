"""The one error type a user can cause: a Swedish message and where it happened."""

from __future__ import annotations

import errno
from pathlib import Path


class UserError(Exception):
    """Something the user can fix: a bad file, a wrong value, a locked register.

    The message is Swedish and says what to do; file, sheet, row and column name
    the place when they are known, so the CLI and the GUI can show one line.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.file = Path(file).name if file else None
        self.sheet = sheet
        self.row = row
        self.column = column

    def location(self) -> str:
        parts = []
        if self.file:
            parts.append(f"fil {self.file}")
        if self.sheet:
            parts.append(f"blad {self.sheet}")
        if self.row is not None:
            parts.append(f"rad {self.row}")
        if self.column:
            parts.append(f"kolumn {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        where = self.location()
        return f"{where}: {self.message}" if where else self.message


# What the operating system said, in Swedish: its own text (strerror) is English.
_OS_REASONS = {
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskkvoten är slut",
    errno.EACCES: "behörighet saknas",
    errno.EPERM: "behörighet saknas",
    errno.EROFS: "disken är skrivskyddad",
    errno.ENOENT: "filen eller mappen finns inte",
    errno.EISDIR: "det är en mapp, inte en fil",
    errno.ENOTDIR: "en del av sökvägen är ingen mapp",
    errno.ENAMETOOLONG: "filnamnet är för långt",
    errno.EEXIST: "filen finns redan",
    errno.EIO: "läs- eller skrivfel på disken",
    errno.EBUSY: "filen används av ett annat program",
    errno.ETXTBSY: "filen används av ett annat program",
    errno.EMFILE: "för många öppna filer",
    errno.EXDEV: "filen ligger på en annan disk",
}


def os_reason(exc: BaseException) -> str:
    """Why a file operation failed (an OSError, or SQLite's error), in Swedish, for
    inside a message's parentheses."""
    if disk_full(exc):
        return "disken är full"
    if isinstance(exc, OSError) and exc.errno in _OS_REASONS:
        return _OS_REASONS[exc.errno]
    if isinstance(exc, OSError):
        return f"systemfel {exc.errno}" if exc.errno else "okänt systemfel"
    return "filen är skadad eller ingen registerfil"  # SQLite's own errors, in English


def disk_full(exc: BaseException) -> bool:
    """Whether an error (an OSError, or SQLite's own) says the disk is full."""
    if isinstance(exc, OSError):
        return exc.errno in (errno.ENOSPC, errno.EDQUOT)
    return "disk is full" in str(exc) or "database or disk is full" in str(exc)
