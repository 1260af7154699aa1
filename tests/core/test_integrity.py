"""Checks on open and on demand; a leftover journal is recovered by SQLite."""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from tracker.core.backups import make_backup
from tracker.core.demo import fill_demo
from tracker.core.errors import UserError
from tracker.core.integrity import check_register, integrity_check, quick_check
from tracker.core.lock import break_lock, lock_path
from tracker.core.opening import open_store

TODAY = __import__("datetime").date(2026, 11, 25)


def _damage(path):
    """Overwrite the middle of the file (table pages), keeping the header readable."""
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    for start in range(2 * page, len(data) - page, 2 * page):
        data[start + 8 : start + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))


def test_a_whole_register_passes_both_checks(demo_store):
    assert quick_check(demo_store.conn) == []
    result = integrity_check(demo_store.conn)
    assert result.ok
    assert "inga fel" in result.summary()


def test_a_damaged_register_opens_read_only_naming_the_newest_backup(db_path):
    store = open_store(db_path)
    fill_demo(store, TODAY)
    backup = make_backup(store, "manuell")
    store.close()
    _damage(db_path)
    damaged = open_store(db_path)
    try:
        assert damaged.read_only
        assert "skadad" in damaged.read_only_reason
        assert str(backup) in damaged.read_only_reason
        assert "Återställ säkerhetskopia" in damaged.read_only_reason
        assert not check_register(damaged).ok
        with pytest.raises(UserError), damaged.transaction():
            pass
    finally:
        damaged.close()


def test_a_file_that_is_no_database_is_refused_with_a_message(tmp_path):
    path = tmp_path / "register.sqlite"
    path.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(UserError, match="skadad"):
        open_store(path)


def _crashed_writer(tmp_path, db_path):
    """A copy of the register as a writer killed mid-transaction leaves it: pages in the file,
    the journal beside it. Return its path and how many reports it holds once rolled back."""
    store = open_store(db_path)
    fill_demo(store, TODAY)
    reports = store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    store.close()
    writer = sqlite3.connect(db_path, isolation_level=None)
    writer.execute("PRAGMA cache_size = 1")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("DELETE FROM history")
    writer.execute("DELETE FROM reports WHERE id > 1")
    writer.executemany("INSERT INTO reports (title) VALUES (?)", [(f"x{n}" * 50,) for n in range(2000)])
    crashed = tmp_path / "kraschad" / "register.sqlite"
    crashed.parent.mkdir()
    journal = db_path.with_name(db_path.name + "-journal")
    assert journal.exists()
    # Copied while the transaction is open, as a crash leaves them.
    shutil.copy(db_path, crashed)
    shutil.copy(journal, crashed.with_name(crashed.name + "-journal"))
    writer.execute("ROLLBACK")
    writer.close()
    return crashed, reports


def test_a_leftover_journal_is_rolled_back_by_sqlite_on_open(tmp_path, db_path):
    crashed, reports_before = _crashed_writer(tmp_path, db_path)
    recovered = open_store(crashed)
    assert not recovered.read_only, recovered.read_only_reason
    assert recovered.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == reports_before
    assert integrity_check(recovered.conn).ok
    recovered.close()


def test_a_reader_that_meets_a_crashed_writers_journal_is_told_the_truth_not_damaged(tmp_path, db_path):
    crashed, reports = _crashed_writer(tmp_path, db_path)
    # The writer was on another machine (a share): its lock stays, so everyone else reads.
    lock_path(crashed).write_text(
        json.dumps({"user": "anna", "host": "DATOR-12", "pid": 1, "started": "2026-11-25T09:14:00"}), encoding="utf-8"
    )
    with pytest.raises(UserError) as info:
        open_store(crashed)
    message = info.value.message
    assert "skadad" not in message and "readonly" not in message
    assert "avslutades" in message and "anna på DATOR-12" in message and "tracker unlock" in message
    assert crashed.with_name(crashed.name + "-journal").exists()  # never deleted by a reader

    break_lock(crashed)
    store = open_store(crashed)  # the writer now: SQLite rolls the journal back
    assert not store.read_only
    assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == reports
    store.close()


def test_a_read_only_open_on_request_that_meets_a_journal_says_to_open_for_writing(tmp_path, db_path):
    crashed, _ = _crashed_writer(tmp_path, db_path)
    with pytest.raises(UserError, match="avslutades") as info:
        open_store(crashed, read_only=True)
    assert "skadad" not in info.value.message


def test_a_reader_that_meets_a_crashed_writers_journal_opens_as_the_writer_and_rolls_it_back(tmp_path, db_path):
    """A command that only reads takes no lock, but a broken-off change needs a writer: the
    reader becomes one rather than refusing to list a register nobody else has open."""
    crashed, reports = _crashed_writer(tmp_path, db_path)
    store = open_store(crashed, create=False, reading=True)
    assert not store.read_only
    assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == reports
    store.close()
