"""Is the register file whole? A quick check on every open, a full check on demand."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .store import Store


class CheckResult(NamedTuple):  # not a dataclass: see model.py
    problems: list[str]
    foreign_key_problems: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems and not self.foreign_key_problems

    def summary(self) -> str:
        if self.ok:
            return "Registret är helt: inga fel hittades."
        lines = []
        if self.problems:
            lines.append(f"SQLite hittade {len(self.problems)} fel i filen:")
            lines += [f"  {p}" for p in self.problems[:20]]
            if len(self.problems) > 20:
                lines.append(f"  … och {len(self.problems) - 20} till")
        if self.foreign_key_problems:
            lines.append(f"{self.foreign_key_problems} rader pekar på poster som inte finns.")
        return "\n".join(lines)


def _pragma_rows(conn: sqlite3.Connection, pragma: str) -> list[str]:
    try:
        rows = [str(r[0]) for r in conn.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as exc:
        return [str(exc)]
    return [] if rows == ["ok"] else rows


def quick_check(conn: sqlite3.Connection) -> list[str]:
    """SQLite's quick_check: the problems found, empty when the file is whole."""
    return _pragma_rows(conn, "quick_check")


def integrity_check(conn: sqlite3.Connection) -> CheckResult:
    """The full integrity_check plus foreign keys: slower, for the menu and `tracker check`."""
    problems = _pragma_rows(conn, "integrity_check(200)")
    try:
        foreign_key_problems = len(conn.execute("PRAGMA foreign_key_check").fetchall())
    except sqlite3.DatabaseError as exc:
        problems.append(str(exc))
        foreign_key_problems = 0
    return CheckResult(problems, foreign_key_problems)


def check_register(store: Store) -> CheckResult:
    """The check the menu and `tracker check` run: a damaged register reports what made it
    damaged (what it shows may be a stand-in with nothing to check), a whole one is checked."""
    if store.damaged:
        return CheckResult(list(store.damage))
    return integrity_check(store.conn)
