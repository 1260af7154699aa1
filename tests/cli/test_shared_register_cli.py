"""The command line on a register others use too (a network share): a writer refused
because someone else holds the register writes nothing, and notices reach the user."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os

from test_registers_cli import small_register

from tracker.cli import main
from tracker.core.backups import backup_dir, make_backup
from tracker.core.demo import fill_demo
from tracker.core.lock import lock_path
from tracker.core.opening import open_store


def _held_elsewhere(path):
    lock_path(path).write_text(
        json.dumps({"user": "anna", "host": "DATOR-12", "pid": 1, "started": "2026-11-25T09:14:00"}), encoding="utf-8"
    )


def _snapshot(path):
    folder = backup_dir(path)
    return path.read_bytes(), sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def test_a_refused_import_plans_nothing_backs_up_nothing_and_thins_nothing(tmp_path, capsys):
    db = tmp_path / "register.sqlite"
    store = open_store(db)
    fill_demo(store, dt.date(2026, 11, 25))
    for n in range(3):
        make_backup(store, f"gammal {n}")
    store.close()
    # Old copies that thinning would delete if anything made a new backup.
    for n, old in enumerate(sorted(backup_dir(db).glob("*.sqlite"))):
        renamed = old.with_name(old.name.replace("2026", "2019", 1).replace("-gammal", f"-gammal{n}"))
        old.rename(renamed)
    _held_elsewhere(db)
    before = _snapshot(db)
    workbook = small_register(tmp_path / "r.xlsx")
    assert main(["--db", str(db), "import-register", str(workbook), "--yes"]) == 1
    captured = capsys.readouterr()
    assert "anna på DATOR-12" in captured.err and "Inget har ändrats" in captured.err
    assert "Flik" not in captured.out  # no plan was read and shown
    assert _snapshot(db) == before
    # A dry run only reads, so it still works for a reader.
    assert main(["--db", str(db), "import-register", str(workbook), "--dry-run"]) == 0
    assert _snapshot(db) == before


def test_the_reply_import_and_the_demo_are_refused_the_same_way(tmp_path, capsys):
    db = tmp_path / "register.sqlite"
    open_store(db).close()
    _held_elsewhere(db)
    before = _snapshot(db)
    assert main(["--db", str(db), "demo"]) == 1
    assert "kan inte ändras" in capsys.readouterr().err
    assert main(["--db", str(db), "import-replies", str(tmp_path / "svar.xlsx"), "--yes"]) == 1
    assert "kan inte ändras" in capsys.readouterr().err
    assert _snapshot(db) == before


def test_a_stale_lock_taken_over_is_said_on_stderr(tmp_path, capsys):
    db = tmp_path / "register.sqlite"
    open_store(db).close()
    dead = 2**22 + 12345  # no such process
    host = os.uname().nodename
    lock_path(db).write_text(
        json.dumps({"user": getpass.getuser(), "host": host, "pid": dead, "started": "2026-11-25T09:14:00"}),
        encoding="utf-8",
    )
    assert main(["--db", str(db), "demo"]) == 0  # a writer: readers take no lock, so leave it be
    captured = capsys.readouterr()
    assert "Obs:" in captured.err and "kvarlämnat lås" in captured.err
    assert "kvarlämnat" not in captured.out


def test_a_failed_daily_backup_is_said_on_stderr(tmp_path, capsys):
    db = tmp_path / "register.sqlite"
    open_store(db).close()
    backup_dir(db).write_text("en fil där mappen skulle vara", encoding="utf-8")
    assert main(["--db", str(db), "demo"]) == 0  # the first writer of the day backs up
    assert "Dagens säkerhetskopia kunde inte göras" in capsys.readouterr().err
