"""`tracker backups`, `backup`, `restore`, `check` and `unlock` as a user runs them."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from tracker.cli import main
from tracker.core.backups import list_backups
from tracker.core.demo import fill_demo
from tracker.core.lock import lock_path
from tracker.core.opening import open_store


@pytest.fixture
def demo_db(db_path):
    store = open_store(db_path)
    fill_demo(store, dt.date(2026, 11, 25))
    store.close()
    return db_path


def _reports(path):
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        conn.close()


def _damage(path):
    data = bytearray(path.read_bytes())
    for start in range(8192, len(data) - 4096, 8192):
        data[start + 8 : start + 200] = b"\xa5" * 192
    path.write_bytes(bytes(data))


def test_backup_then_backups_lists_it_with_counts(demo_db, capsys):
    assert main(["--db", str(demo_db), "backup", "--reason", "före städning"]) == 0
    assert "Säkerhetskopian är gjord" in capsys.readouterr().out
    assert main(["--db", str(demo_db), "backups"]) == 0
    out = capsys.readouterr().out
    assert "före städning" in out
    assert f"{_reports(demo_db)} granskningar" in out


def test_backups_says_when_there_are_none(demo_db, capsys):
    assert main(["--db", str(demo_db), "backups"]) == 0
    assert "inga säkerhetskopior" in capsys.readouterr().out


def test_restore_by_number_needs_yes_when_not_asked_interactively(demo_db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    main(["--db", str(demo_db), "backup"])
    assert main(["--db", str(demo_db), "restore", "1"]) == 1
    assert "--yes" in capsys.readouterr().err


def test_restore_brings_back_the_copy_and_keeps_the_current(demo_db, capsys):
    before = _reports(demo_db)
    main(["--db", str(demo_db), "backup"])
    conn = sqlite3.connect(demo_db)
    conn.execute("DELETE FROM history")
    conn.execute("DELETE FROM reports")
    conn.commit()
    conn.close()
    assert main(["--db", str(demo_db), "restore", "1", "--yes"]) == 0
    assert "återställt" in capsys.readouterr().out
    assert _reports(demo_db) == before
    reasons = [b.reason for b in list_backups(demo_db)]
    assert "före återställning" in reasons


def test_check_says_a_whole_register_is_whole(demo_db, capsys):
    assert main(["--db", str(demo_db), "check"]) == 0
    assert "inga fel" in capsys.readouterr().out


def test_check_reports_a_damaged_register_and_restore_repairs_it(demo_db, capsys):
    main(["--db", str(demo_db), "backup"])
    before = _reports(demo_db)
    _damage(demo_db)
    assert main(["--db", str(demo_db), "check"]) == 1
    out = capsys.readouterr().out
    assert "fel" in out and "tracker restore" in out
    assert main(["--db", str(demo_db), "restore", "1", "--yes"]) == 0
    assert main(["--db", str(demo_db), "check"]) == 0
    assert _reports(demo_db) == before
    # the damaged bytes are kept for whoever investigates, but not offered as a backup
    kept = list(demo_db.parent.glob("säkerhetskopior/*.skadad"))
    assert len(kept) == 1
    assert all("skadad" not in b.reason for b in list_backups(demo_db))


def test_unlock_removes_a_lock_left_on_another_machine(demo_db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    lock_path(demo_db).write_text(
        json.dumps({"user": "anna", "host": "DATOR-12", "pid": 1, "started": "2026-11-25T09:14:00"})
    )
    assert open_store(demo_db).read_only
    assert main(["--db", str(demo_db), "unlock"]) == 1
    assert "anna på DATOR-12" in capsys.readouterr().err
    assert lock_path(demo_db).exists()
    assert main(["--db", str(demo_db), "unlock", "--yes"]) == 0
    assert not lock_path(demo_db).exists()
    store = open_store(demo_db)
    assert not store.read_only
    store.close()


def test_list_reads_but_restore_refuses_while_someone_else_holds_the_register(demo_db, capsys):
    main(["--db", str(demo_db), "backup"])
    holder = open_store(demo_db)
    try:
        assert main(["--db", str(demo_db), "list"]) == 0
        assert "rekommendationer." in capsys.readouterr().out
        assert main(["--db", str(demo_db), "restore", "1", "--yes"]) == 1
        assert "du kan läsa men inte ändra" in capsys.readouterr().err
    finally:
        holder.close()
