"""Backups: consistent copies, thinning, listing with counts, restore."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tracker.core import register as R
from tracker.core.backups import (
    KEEP_LATEST,
    backup_dir,
    backups_to_keep,
    list_backups,
    make_backup,
    newest_backup,
    thin_backups,
)
from tracker.core.changes import run_change
from tracker.core.errors import UserError
from tracker.core.opening import open_store, restore_backup


def _add_report(store, title, recommendations=1):
    def fn(cs):
        report = R.create_report(cs, title)
        for n in range(recommendations):
            R.add_recommendation(cs, report, f"Rekommendation {n + 1}")

    run_change(store, "ny", fn)


def _count(conn, table):
    return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_backup_is_a_consistent_copy_listed_with_its_counts(store):
    _add_report(store, "Första", recommendations=3)
    path = make_backup(store, "före import")
    assert path.parent == backup_dir(store.path)
    copy = sqlite3.connect(path)
    assert copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    copy.close()
    [listed] = list_backups(store.path)
    assert listed.path == path
    assert listed.reason == "före import"
    assert (listed.reports, listed.recommendations) == (1, 3)
    assert listed.size > 0
    assert abs(listed.made - dt.datetime.now()) < dt.timedelta(minutes=1)


def test_a_backup_taken_during_an_open_write_holds_only_committed_data(store):
    _add_report(store, "Före")
    with store.transaction():
        store.conn.execute("INSERT INTO reports (title) VALUES ('Ej klar')")
        # Another connection's backup sees the file as it was before this transaction.
        reader = open_store(store.path, read_only=True)
        path = make_backup(reader, "mitt-i")
        reader.close()
    copy = sqlite3.connect(path)
    assert [r[0] for r in copy.execute("SELECT title FROM reports")] == ["Före"]
    copy.close()


def test_the_first_write_open_of_a_day_makes_one_backup(db_path):
    store = open_store(db_path)  # a new register: nothing to back up
    _add_report(store, "Granskning")
    store.close()
    assert list_backups(db_path) == []
    open_store(db_path).close()
    open_store(db_path).close()
    backups = list_backups(db_path)
    assert len(backups) == 1 and backups[0].reason == "dagligen"
    open_store(db_path, read_only=True).close()
    assert len(list_backups(db_path)) == 1


def test_a_backup_that_cannot_be_written_raises_and_leaves_no_file(store):
    backup_dir(store.path).write_text("en fil där mappen skulle vara")
    with pytest.raises(UserError, match="Säkerhetskopian kunde inte skrivas"):
        make_backup(store, "import")


def test_thinning_keeps_the_last_twenty_then_one_a_day_for_a_month_then_one_a_month():
    now = dt.datetime(2026, 11, 25, 12, 0)
    recent = [now - dt.timedelta(minutes=m) for m in range(30)]  # 30 today
    daily = [now - dt.timedelta(days=d, hours=h) for d in range(1, 31) for h in (1, 2)]  # two a day
    old = [dt.datetime(2026, m, day, 8) for m in range(1, 10) for day in (3, 17)]  # two a month
    keep = backups_to_keep(recent + daily + old, now)
    assert set(recent[:KEEP_LATEST]) <= keep
    assert not set(recent[KEEP_LATEST:]) & keep
    for d in range(1, 31):
        kept_that_day = [w for w in daily if w in keep and w.date() == (now - dt.timedelta(days=d, hours=1)).date()]
        assert len(kept_that_day) == 1
    kept_old = sorted(w for w in old if w in keep)
    assert kept_old == [dt.datetime(2026, m, 17, 8) for m in range(1, 10)]


def test_thinning_deletes_files_only_of_this_register(store):
    folder = backup_dir(store.path)
    folder.mkdir()
    for day in range(1, 29):
        (folder / f"register-202605{day:02d}-120000-000000-import.sqlite").write_bytes(b"x")
    other = folder / "annat-20260501-120000-000000-import.sqlite"
    other.write_bytes(b"x")
    note = folder / "läs mig.txt"
    note.write_text("behåll")
    removed = thin_backups(store.path, now=dt.datetime(2026, 11, 25))
    assert len(removed) == 28 - KEEP_LATEST
    assert other.exists() and note.exists()


def test_restore_brings_back_the_copy_after_backing_up_the_current_file(store):
    _add_report(store, "Gammal", recommendations=2)
    old = make_backup(store, "manuell")
    _add_report(store, "Ny", recommendations=5)
    before = restore_backup(store, old)
    assert [r[0] for r in store.conn.execute("SELECT title FROM reports")] == ["Gammal"]
    assert _count(store.conn, "recommendations") == 2
    assert "före-återställning" in before.name
    safety = sqlite3.connect(before)
    assert _count(safety, "reports") == 2 and _count(safety, "recommendations") == 7
    safety.close()
    assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    store.close()
    reopened = open_store(store.path)
    assert _count(reopened.conn, "reports") == 1
    reopened.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(store, tmp_path):
    _add_report(store, "Kvar")
    bad = backup_dir(store.path) / "register-20261101-120000-000000-trasig.sqlite"
    bad.parent.mkdir()
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    assert [b.readable for b in list_backups(store.path)] == [False]
    with pytest.raises(UserError, match="Säkerhetskopian"):
        restore_backup(store, bad)
    assert [r[0] for r in store.conn.execute("SELECT title FROM reports")] == ["Kvar"]
    assert newest_backup(store.path) == bad  # no safety copy was made for a refused restore


def test_a_read_only_register_cannot_be_restored(store):
    _add_report(store, "Kvar")
    path = make_backup(store, "manuell")
    reader = open_store(store.path)
    assert reader.read_only
    with pytest.raises(UserError, match="skrivskyddat"):
        restore_backup(reader, path)
    reader.close()
