"""The register's schema: its numbered migrations, read from the package (tracker.db, the
top-level db/ folder) and applied one transaction each. When to migrate, and the backup
before it, is core/opening.py's."""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING

from .errors import UserError
from .store import Store, locked_error

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

# The schema version this program writes (SQLite's user_version): the number of the newest
# migration, which migrations() holds it to. Known without reading the folder, so a command
# that only reads the register does not import importlib.resources (9 ms of every start).
VERSION = 7

_MIGRATION_NAME = re.compile(r"^(\d{4})_.+\.sql$")


def migrations() -> list[tuple[int, Traversable]]:
    """The schema's numbered steps, read from the package (tracker.db, the db/ folder)."""
    from importlib import resources

    folder = resources.files("tracker.db").joinpath("migrations")
    found = sorted((int(match[1]), item) for item in folder.iterdir() if (match := _MIGRATION_NAME.match(item.name)))
    # Without them a new register would have no tables and every view would fail later.
    if not found:
        raise UserError(
            "Programmet är inte helt installerat: registrets databasschema saknas. Installera om programmet."
        )
    if [n for n, _ in found] != list(range(1, VERSION + 1)):
        raise RuntimeError(f"migrations in {folder} are not numbered 1..{VERSION} (schema.VERSION)")
    return found


def latest_version() -> int:
    return VERSION


def apply_migrations(store: Store, version: int, target: int | None = None) -> None:
    """Each migration in its own transaction with its version bump."""
    conn = store.conn
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
                raise locked_error(store.path, exc) from exc
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
