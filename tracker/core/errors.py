"""The one error type a user can cause: a Swedish message and where it happened."""

from __future__ import annotations

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
