"""Child process for the kill tests: does a large write, printing where it is so the
parent can SIGKILL it at chosen points. Run as a script, not collected by pytest.

    python crash_helpers.py import DB ROWS   one run_change adding a report with ROWS recommendations
                                              (CRASH_CACHE_PAGES=N: with a cache of N pages)
    python crash_helpers.py migrate DB        open_store(DB), which migrates it
    python crash_helpers.py register-import DB XLSX   the real register import of XLSX into DB
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def say(word: str) -> None:
    print(word, flush=True)


def run_import(db: Path, rows: int) -> None:
    from tracker.core import register as R
    from tracker.core.backups import make_backup
    from tracker.core.changes import run_change
    from tracker.core.opening import open_store

    store = open_store(db)
    assert not store.read_only, store.read_only_reason
    if pages := os.environ.get("CRASH_CACHE_PAGES"):
        # A small cache spills changed pages into the file before the commit, so a kill
        # leaves a hot journal that only a writer can roll back.
        store.conn.execute(f"PRAGMA cache_size = {int(pages)}")
    make_backup(store, "före-import")
    say("begin")

    def fill(cs):
        report = R.create_report(cs, "Stor import", audit_year=2026)
        body = R.create_body(cs, "Krasch- och testnämnden")
        for n in range(rows):
            R.add_recommendation(cs, report, f"Rekommendation {n + 1} " + "text " * 20, body_ids=[body])
            if n % 100 == 0:
                say(f"row {n}")
        say("commit")

    run_change(store, "Import", fill, source="krasch-test")
    say("committed")
    time.sleep(0.2)
    say("done")
    store.close()


def run_migration(db: Path) -> None:
    from tracker.core import opening

    connect = opening.connect

    def slow_connect(path, read_only):
        conn = connect(path, read_only)
        _pace(conn, every=50)
        return conn

    opening.connect = slow_connect
    say("begin")
    store = opening.open_store(db)
    say("done")
    store.close()


def _pace(conn, every: int = 2000) -> None:
    """Report and slow down the SQL the connection runs, so kills land inside it."""

    def step() -> int:
        say("step")
        time.sleep(0.002)
        return 0

    conn.set_progress_handler(step, every)


def run_register_import(db: Path, workbook: Path) -> None:
    from tracker.core.excel.register_apply import apply_plan
    from tracker.core.excel.register_import import read_register
    from tracker.core.opening import open_store

    store = open_store(db)
    assert not store.read_only, store.read_only_reason
    plan = read_register(store, workbook)
    _pace(store.conn)
    say("begin")
    apply_plan(store, plan)
    say("committed")
    time.sleep(0.2)
    say("done")
    store.close()


if __name__ == "__main__":
    mode, db = sys.argv[1], Path(sys.argv[2])
    if mode == "import":
        run_import(db, int(sys.argv[3]))
    elif mode == "register-import":
        run_register_import(db, Path(sys.argv[3]))
    else:
        run_migration(db)
