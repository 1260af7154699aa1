"""Opening, creating and migrating register files."""

from __future__ import annotations

import json
import os
import sqlite3
import sys

import pytest

from tracker.core import register as R
from tracker.core.backups import backup_dir
from tracker.core.changes import run_change
from tracker.core.errors import UserError
from tracker.core.lock import lock_path
from tracker.core.opening import _migrate, open_store
from tracker.core.schema import latest_version, migrations
from tracker.core.store import Store, connect


def _build_at_version(path, version):
    """A register file stopped at an older schema version, with data in it."""
    s = Store(path, connect(path, False), None)
    _migrate(s, 0, target=version)
    if version >= 1:
        run_change(
            s,
            "setup",
            lambda cs: R.add_recommendation(
                cs, R.create_report(cs, "Gammal granskning", audit_year=2020), "Gammal rekommendation"
            ),
        )
    s.close()


def test_a_new_file_gets_the_latest_schema(db_path):
    store = open_store(db_path)
    assert store.user_version() == latest_version()
    tables = set(store.db.table_names())
    assert {"reports", "recommendations", "bodies", "body_spellings", "recommendation_bodies", "replies"} <= tables
    assert {"follow_ups", "history", "settings"} <= tables
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"


@pytest.mark.parametrize("version", range(0, latest_version()))
def test_every_older_version_is_backed_up_then_migrated_keeping_its_data(tmp_path, version):
    path = tmp_path / "old.sqlite"
    _build_at_version(path, version)
    store = open_store(path)
    assert store.user_version() == latest_version()
    if version >= 1:
        titles = [r[0] for r in store.conn.execute("SELECT title FROM reports")]
        assert titles == ["Gammal granskning"]
        backups = list(backup_dir(path).glob("*.sqlite"))
        assert backups, "an older file with data must be backed up before migrating"
        old = sqlite3.connect(backups[0])
        assert old.execute("PRAGMA user_version").fetchone()[0] == version
        old.close()
    store.close()


def test_a_reader_of_an_older_version_opens_as_a_writer_and_migrates_it(tmp_path):
    path = tmp_path / "old.sqlite"
    _build_at_version(path, latest_version() - 1)
    store = open_store(path, create=False, reading=True)
    assert not store.read_only and store.user_version() == latest_version()
    assert list(backup_dir(path).glob("*.sqlite")), "backed up before migrating, as any writer does"
    store.close()


def test_a_reader_takes_no_lock_so_it_keeps_nobody_from_writing_and_makes_no_backup(db_path):
    open_store(db_path).close()
    stale = lock_path(db_path)
    stale.write_text(json.dumps({"user": "anna", "host": "DATOR-12", "pid": 1, "started": "2026-11-25T09:14:00"}))
    held = stale.read_bytes()
    reader = open_store(db_path, create=False, reading=True)
    assert reader.read_only
    assert reader.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    stale.unlink()  # the holder closes while the reader reads: a writer may come in at once
    writer = open_store(db_path)
    assert not writer.read_only
    writer.close()
    reader.close()
    stale.write_bytes(held)
    backups = sorted(backup_dir(db_path).glob("*.sqlite"))  # the writer's daily one
    open_store(db_path, create=False, reading=True).close()
    assert stale.read_bytes() == held, "a reader never takes over or removes a lock"
    assert sorted(backup_dir(db_path).glob("*.sqlite")) == backups


def test_migrations_are_numbered_without_gaps_up_to_the_version_the_program_writes():
    numbers = [n for n, _ in migrations()]
    assert numbers == list(range(1, len(numbers) + 1))
    assert latest_version() == len(numbers)


def test_a_file_of_a_newer_version_opens_read_only_and_says_why(db_path):
    open_store(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(f"PRAGMA user_version = {latest_version() + 1}")
    conn.close()
    store = open_store(db_path)
    assert store.read_only
    assert "nyare version" in store.read_only_reason
    with pytest.raises(UserError, match="skrivskyddat"), store.transaction():
        pass
    store.close()


def test_a_zero_byte_file_is_refused_unless_creating(tmp_path):
    path = tmp_path / "tom.sqlite"
    path.write_bytes(b"")
    with pytest.raises(UserError, match="tom"):
        open_store(path, create=False)
    assert path.stat().st_size == 0


def test_a_file_that_is_not_sqlite_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "register.sqlite"
    path.write_bytes(b"PK\x03\x04 this is a zip, not a register")
    with pytest.raises(UserError, match="inte ett register") as info:
        open_store(path)
    assert info.value.file == "register.sqlite"
    assert path.read_bytes() == b"PK\x03\x04 this is a zip, not a register"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root can write read-only files")
def test_a_read_only_file_opens_read_only(db_path):
    open_store(db_path).close()
    db_path.chmod(0o444)
    store = open_store(db_path)
    assert store.read_only
    assert "behörighet" in store.read_only_reason
    store.close()


def test_a_file_opened_read_only_on_request_cannot_be_written(db_path):
    open_store(db_path).close()
    store = open_store(db_path, read_only=True)
    assert store.read_only
    with pytest.raises(sqlite3.OperationalError):
        store.conn.execute("INSERT INTO settings VALUES ('a', 'b')")
    store.close()


def test_a_failed_write_leaves_nothing_behind(store):
    def half(cs):
        R.create_report(cs, "Halv granskning")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        run_change(store, "halv", half)
    assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM history").fetchone()[0] == 0


def test_without_migrations_nothing_is_created_and_the_user_is_told(tmp_path, monkeypatch):
    empty = tmp_path / "paket"
    (empty / "migrations").mkdir(parents=True)
    monkeypatch.setattr("importlib.resources.files", lambda package: empty)
    path = tmp_path / "register.sqlite"
    with pytest.raises(UserError, match="databasschema saknas"):
        open_store(path)
    assert not path.exists()


def test_migrations_are_read_from_the_package():
    first = migrations()[0][1]
    assert first.name == "0001_initial.sql"
    assert "CREATE TABLE reports" in first.read_text(encoding="utf-8")
