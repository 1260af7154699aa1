"""A damaged register (cut short, or its first page overwritten) with a good backup beside
it: it opens read-only naming the backup, `list` and `check` say in Swedish how to restore,
and `restore N --yes` brings it back without opening the damaged file as a register."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tracker.cli import main
from tracker.core.backups import make_backup
from tracker.core.demo import fill_demo
from tracker.core.opening import open_store

HOW_TO_RESTORE = ("tracker backups", "tracker restore", "Arkiv → Återställ säkerhetskopia…")


def _truncate(path):
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.6)])


def _overwrite_first_page(path):
    data = bytearray(path.read_bytes())
    data[:4096] = b"\x5a" * 4096
    path.write_bytes(bytes(data))


DAMAGES = {"avklippt till 60 %": _truncate, "första sidan överskriven": _overwrite_first_page}


@pytest.fixture(params=DAMAGES)
def damaged(request, db_path):
    """(register path, what its backup holds), the register damaged after the backup."""
    store = open_store(db_path)
    fill_demo(store, dt.date(2026, 11, 25))
    make_backup(store, "manuell")
    titles = sorted(r[0] for r in store.conn.execute("SELECT title FROM reports"))
    store.close()
    DAMAGES[request.param](db_path)
    return db_path, titles


def test_a_damaged_register_opens_read_only_naming_its_newest_backup(damaged):
    path, _ = damaged
    store = open_store(path)
    try:
        assert store.read_only and store.damaged
        assert "skadad" in store.read_only_reason and "säkerhetskopior" in store.read_only_reason
        assert all(hint.split(" →")[0] in store.read_only_reason for hint in HOW_TO_RESTORE)
    finally:
        store.close()


def test_list_and_check_on_a_damaged_register_say_how_to_restore(damaged, capsys):
    path, _ = damaged
    assert main(["--db", str(path), "list"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Fel:") and "skadad" in err
    assert all(hint.split(" →")[0] in err for hint in HOW_TO_RESTORE)
    assert main(["--db", str(path), "check"]) == 1
    out = capsys.readouterr().out
    assert all(hint in out for hint in HOW_TO_RESTORE)
    for text in (err, out):
        assert "Traceback" not in text and "DatabaseError" not in text


def test_restore_brings_back_the_backup_over_a_damaged_register(damaged, capsys):
    path, titles = damaged
    assert main(["--db", str(path), "restore", "1", "--yes"]) == 0
    assert "återställt" in capsys.readouterr().out
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert sorted(r[0] for r in conn.execute("SELECT title FROM reports")) == titles
    conn.close()
    assert len(list(path.parent.glob("säkerhetskopior/*.skadad"))) == 1
    assert main(["--db", str(path), "check"]) == 0


def test_a_damaged_register_is_not_backed_up_over_its_good_copies(damaged, capsys):
    path, _ = damaged
    assert main(["--db", str(path), "backup"]) == 1
    assert "skadad" in capsys.readouterr().err
    assert len(list(path.parent.glob("säkerhetskopior/*.sqlite"))) == 1


def test_a_database_error_in_a_command_is_a_swedish_message(demo_store, capsys, monkeypatch):
    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("database disk image is malformed")

    monkeypatch.setattr("tracker.cli.register_cmds.query", broken)
    assert main(["--db", str(demo_store.path), "list"]) == 1
    err = capsys.readouterr().err
    assert "tracker check" in err and "tracker restore" in err
    assert "DatabaseError" not in err and "Traceback" not in err
