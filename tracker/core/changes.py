"""Every edit as a command: row writes that record their history in the same
transaction and remember their inverse, so undo and redo are one mechanism."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any, TypeVar

import orjson

from .errors import UserError, disk_full
from .lock import current_user
from .store import Store

T = TypeVar("T")


# What a user calls a row of each table, for a message that names no table.
_WHAT = {
    "reports": "Granskningen",
    "recommendations": "Rekommendationen",
    "replies": "Svaret",
    "follow_ups": "Uppföljningen",
    "bodies": "Nämnden",
    "recommendation_bodies": "Nämndens ansvar för rekommendationen",
    "body_spellings": "Stavningen",
}


@dataclass(frozen=True)
class Links:
    """What the schema's foreign keys say a change must follow, read from the file itself."""

    # parent -> [(child, column)]: the rows a delete of the parent would cascade to. They
    # are deleted first, one by one, so their history is written and undo re-creates them.
    children: dict[str, list[tuple[str, str]]]
    # table -> its column naming a recommendation, so each change is filed under one.
    recommendation_column: dict[str, str]


def schema_links(conn: sqlite3.Connection) -> Links:
    children: dict[str, list[tuple[str, str]]] = {}
    rec_column = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    for table in tables:
        for _, _, parent, column, _, _, on_delete, _ in conn.execute(f"PRAGMA foreign_key_list([{table}])"):
            if on_delete == "CASCADE":
                children.setdefault(parent, []).append((table, column))
            if parent == "recommendations":
                rec_column[table] = column
    return Links(children, rec_column)


def _json(value: dict | list) -> str:
    # orjson: an import writes the JSON of 400,000 rows, 5 µs each with the json module.
    return orjson.dumps(value).decode()


_HISTORY = (
    "INSERT INTO history (at, user, table_name, row_id, recommendation_id, action, field,"
    " old_value, new_value, source) VALUES (?,?,?,?,?,?,?,?,?,?)"
)


@cache
def _insert_sql(table: str, columns: tuple[str, ...]) -> str:
    """Made once per table and set of columns: an import inserts 85,000 rows of a few shapes."""
    return f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        return _json(value)
    return str(value)


@dataclass
class Op:
    kind: str  # "insert", "update", "delete"
    table: str
    row_id: int
    values: dict[str, Any] = field(default_factory=dict)


class ChangeSet:
    """The writes of one command. Use only inside Store.transaction()."""

    def __init__(self, store: Store, source: str | None) -> None:
        self.store = store
        self.source = source
        self.inverse: list[Op] = []
        self.touched: set[int] = set()  # recommendation ids, for views to refresh
        self.at = dt.datetime.now().isoformat(timespec="seconds")
        self.user = current_user()
        self.links = schema_links(store.conn)
        self._pending: list[tuple] | None = None  # history rows held back by batched_history

    @contextmanager
    def batched_history(self) -> Iterator[None]:
        """Hold the history rows of the writes inside and write them all at once at the
        end, in the same order and the same transaction: one statement for an import's
        85,000 rows instead of one each. Nothing inside may read the history table."""
        if self._pending is not None:
            yield  # already batching: the outer block writes them
            return
        self._pending = []
        try:
            yield
            self.store.conn.executemany(_HISTORY, self._pending)
        finally:
            self._pending = None

    def row(self, table: str, row_id: int) -> dict[str, Any]:
        cur = self.store.conn.execute(f"SELECT * FROM [{table}] WHERE id = ?", (row_id,))
        row = cur.fetchone()
        if row is None:
            # No table name for the user: they know the thing by what they see, not where it is stored.
            what = _WHAT.get(table, "Posten")
            raise UserError(f"{what} finns inte längre i registret; den kan ha tagits bort. Inget har ändrats.")
        return dict(zip([d[0] for d in cur.description], row))

    def _rec_id(self, table: str, row: dict[str, Any]) -> int | None:
        if table == "recommendations":
            return row["id"]
        column = self.links.recommendation_column.get(table)
        return row[column] if column else None

    def _log(self, table: str, row: dict[str, Any], action: str, fld: str | None, old: Any, new: Any) -> None:
        rec_id = self._rec_id(table, row)
        if rec_id is not None:
            self.touched.add(rec_id)
        entry = (self.at, self.user, table, row["id"], rec_id, action, fld, _text(old), _text(new), self.source)
        if self._pending is None:
            self.store.conn.execute(_HISTORY, entry)
        else:
            self._pending.append(entry)

    def insert(self, table: str, values: dict[str, Any]) -> int:
        # Plain SQL: sqlite-utils' insert inspects the table on every call, which made a
        # 20,000-row import spend most of its time asking what columns a table has.
        row_id = self.store.conn.execute(_insert_sql(table, tuple(values)), tuple(values.values())).lastrowid
        # What was written is what the history needs; reading the row back doubled the cost.
        row = {**values, "id": row_id}
        self._log(table, row, "insert", None, None, {k: v for k, v in row.items() if v is not None})
        self.inverse.append(Op("delete", table, row_id))
        return row_id

    def update(self, table: str, row_id: int, values: dict[str, Any]) -> bool:
        """Write the fields that differ; return whether anything changed."""
        old = self.row(table, row_id)
        changed = {k: v for k, v in values.items() if old.get(k) != v}
        if not changed:
            return False
        sets = ", ".join(f"[{k}] = ?" for k in changed)
        self.store.conn.execute(f"UPDATE [{table}] SET {sets} WHERE id = ?", [*changed.values(), row_id])
        for key, value in changed.items():
            self._log(table, old, "update", key, old.get(key), value)
        self.inverse.append(Op("update", table, row_id, {k: old[k] for k in changed}))
        return True

    def delete(self, table: str, row_id: int) -> None:
        for child, column in self.links.children.get(table, []):
            ids = [r[0] for r in self.store.conn.execute(f"SELECT id FROM [{child}] WHERE [{column}] = ?", (row_id,))]
            for child_id in ids:
                self.delete(child, child_id)
        old = self.row(table, row_id)
        self.store.conn.execute(f"DELETE FROM [{table}] WHERE id = ?", (row_id,))
        self._log(table, old, "delete", None, {k: v for k, v in old.items() if v is not None}, None)
        self.inverse.append(Op("insert", table, row_id, old))

    def set_setting(self, key: str, value: str | None) -> None:
        """Settings are rows keyed by name (no id); the history names the key as the field.
        None removes the row, so the setting's default applies again."""
        conn = self.store.conn
        old = conn.execute("SELECT rowid, value FROM settings WHERE key = ?", (key,)).fetchone()
        if value is None:
            conn.execute("DELETE FROM settings WHERE key = ?", (key,))
        else:
            conn.execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
        row_id = old[0] if old else conn.execute("SELECT rowid FROM settings WHERE key = ?", (key,)).fetchone()[0]
        self._log("settings", {"id": row_id}, "update", key, old[1] if old else None, value)

    def apply(self, op: Op) -> None:
        if op.kind == "insert":
            self.insert(op.table, op.values)
        elif op.kind == "update":
            self.update(op.table, op.row_id, op.values)
        else:
            self.delete(op.table, op.row_id)


@dataclass
class Command:
    label: str
    inverse: list[Op]
    touched: set[int]


class History:
    """The session's undo and redo stacks over one store."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.undo_stack: list[Command] = []
        self.redo_stack: list[Command] = []

    def run(self, label: str, fn: Callable[[ChangeSet], T], *, source: str | None = None) -> tuple[T, set[int]]:
        """Run fn in one transaction; return its result and the recommendation ids it touched."""
        result, command = run_change(self.store, label, fn, source=source)
        if command.inverse:
            self.undo_stack.append(command)
            self.redo_stack.clear()
        return result, command.touched

    def _replay(self, take: list[Command], give: list[Command], word: str) -> set[int]:
        if not take:
            return set()
        command = take[-1]

        def back(cs: ChangeSet) -> None:
            for op in reversed(command.inverse):
                cs.apply(op)

        _, reverse = run_change(self.store, command.label, back, source=f"{word}: {command.label}")
        take.pop()
        give.append(reverse)
        return command.touched | reverse.touched

    def undo(self) -> set[int]:
        return self._replay(self.undo_stack, self.redo_stack, "Ångra")

    def redo(self) -> set[int]:
        return self._replay(self.redo_stack, self.undo_stack, "Gör om")

    @property
    def undo_label(self) -> str | None:
        return self.undo_stack[-1].label if self.undo_stack else None

    @property
    def redo_label(self) -> str | None:
        return self.redo_stack[-1].label if self.redo_stack else None


def run_change(
    store: Store, label: str, fn: Callable[[ChangeSet], T], *, source: str | None = None
) -> tuple[T, Command]:
    """Run fn with a ChangeSet inside one transaction: all of it is written, or none."""
    try:
        with store.transaction():
            cs = ChangeSet(store, source)
            result = fn(cs)
    except (OSError, sqlite3.Error) as exc:
        if disk_full(exc):
            raise UserError(
                "Disken är full — inget har ändrats. Frigör utrymme och försök igen.", file=store.path
            ) from exc
        raise
    return result, Command(label, cs.inverse, cs.touched)
