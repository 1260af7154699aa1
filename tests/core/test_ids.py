"""Ids are never reused: a deleted row's id never comes back for a new one (migration 0004),
and the migration that brings an older register there keeps every row, id and history."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tracker.core import register as R
from tracker.core import schema
from tracker.core.changes import run_change
from tracker.core.demo import fill_demo
from tracker.core.errors import UserError
from tracker.core.opening import _migrate, open_store
from tracker.core.schema import latest_version
from tracker.core.store import Store, connect

TABLES = (
    "bodies", "body_spellings", "reports", "recommendations", "recommendation_bodies",
    "replies", "follow_ups", "history", "register_layouts", "settings",
)  # fmt: skip
AUTOINCREMENT = 4  # the migration that makes ids AUTOINCREMENT


def _build_at(path, version: int) -> None:
    """A register at an older version, filled with the demo data and with rows deleted
    (the highest report among them) so that the ids have gaps."""
    store = Store(path, connect(path, False), None)
    _migrate(store, 0, target=version)
    fill_demo(store, dt.date(2026, 11, 25))
    store.conn.execute(
        "INSERT INTO register_layouts (name, signature, columns) VALUES ('Kontoret', 'a|b', '[]')"
    )  # outside a transaction: autocommit
    highest = store.conn.execute("SELECT max(id) FROM reports").fetchone()[0]
    run_change(store, "bort", lambda cs: R.delete_report(cs, highest))
    store.close()


def _columns(path) -> dict[str, list[str]]:
    conn = sqlite3.connect(path)
    try:
        return {t: [c[1] for c in conn.execute(f"PRAGMA table_info({t})")] for t in TABLES}
    finally:
        conn.close()


def _dump(path, columns: dict[str, list[str]]) -> dict[str, list[tuple]]:
    """Every row of every table, in the columns given (later migrations add columns)."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT {', '.join(columns[t])} FROM {t} ORDER BY 1").fetchall() for t in TABLES}
    finally:
        conn.close()


def test_an_older_register_keeps_every_row_id_and_history_through_the_migration(tmp_path):
    path = tmp_path / "gammal.sqlite"
    _build_at(path, AUTOINCREMENT - 1)
    columns = _columns(path)
    before = _dump(path, columns)
    assert all(before[t] for t in TABLES), "every table must hold rows for the test to mean something"

    store = open_store(path)
    assert store.user_version() == latest_version()
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA foreign_key_check").fetchall() == []
    sql = dict(store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    for table in TABLES[:-1]:
        assert "AUTOINCREMENT" in sql[table], table
    indexes = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"recommendations_report", "recommendation_bodies_body", "follow_ups_recommendation"} <= indexes
    assert {"history_recommendation", "register_layouts_signature"} <= indexes
    store.close()
    assert _dump(path, columns) == before


def test_a_report_deleted_before_the_migration_does_not_give_its_id_to_a_new_one(tmp_path):
    path = tmp_path / "gammal.sqlite"
    _build_at(path, AUTOINCREMENT - 1)
    deleted = (
        sqlite3.connect(path)
        .execute("SELECT max(row_id) FROM history WHERE table_name = 'reports' AND action = 'delete'")
        .fetchone()[0]
    )
    store = open_store(path)
    assert store.conn.execute("SELECT max(id) FROM reports").fetchone()[0] < deleted
    new, _ = run_change(store, "ny", lambda cs: R.create_report(cs, "Ny granskning"))
    assert new > deleted
    store.close()


@pytest.mark.parametrize("table", ["reports", "recommendations"])
def test_deleting_the_highest_row_and_adding_one_gives_a_new_larger_id(store, table):
    def add(cs):
        report = R.create_report(cs, "Granskning")
        return report if table == "reports" else R.add_recommendation(cs, report, "Rekommendation")

    first, _ = run_change(store, "a", add)
    highest, _ = run_change(store, "b", add)
    if table == "reports":
        run_change(store, "bort", lambda cs: R.delete_report(cs, highest))
    else:
        run_change(store, "bort", lambda cs: R.delete_recommendation(cs, highest))
    again, _ = run_change(store, "c", add)
    assert first < highest < again


def test_undo_of_a_deletion_brings_the_row_back_under_its_own_id(store, history):
    report, _ = history.run("ny", lambda cs: R.create_report(cs, "Granskning"))
    history.run("bort", lambda cs: R.delete_report(cs, report))
    history.undo()
    assert store.conn.execute("SELECT title FROM reports WHERE id = ?", (report,)).fetchone() == ("Granskning",)


def test_a_migration_that_would_leave_rows_pointing_at_nothing_is_rolled_back(tmp_path, monkeypatch):
    path = tmp_path / "gammal.sqlite"
    _build_at(path, latest_version())
    columns = _columns(path)
    before = _dump(path, columns)
    number = latest_version() + 1
    bad = tmp_path / f"{number:04d}_tappar_granskningar.sql"
    bad.write_text("DELETE FROM reports;\n", encoding="utf-8")
    known = schema.migrations()
    monkeypatch.setattr(schema, "migrations", lambda: [*known, (number, bad)])
    monkeypatch.setattr(schema, "VERSION", number)
    with pytest.raises(UserError, match="pekar på poster som inte finns") as info:
        open_store(path)
    assert "reports" not in info.value.message
    monkeypatch.undo()
    assert _dump(path, columns) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == latest_version()
    conn.close()
