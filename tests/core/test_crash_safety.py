"""A process killed in the middle of an import or a migration leaves a whole register
holding none or all of that work (SIGKILL: no cleanup code runs)."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.demo import fill_demo
from tracker.core.integrity import integrity_check
from tracker.core.opening import _migrate, open_store
from tracker.core.schema import latest_version
from tracker.core.store import Store, connect

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")]

HELPER = Path(__file__).with_name("crash_helpers.py")
ROOT = Path(__file__).resolve().parents[2]
TABLES = ("reports", "recommendations", "recommendation_bodies", "bodies", "history")
IMPORT_ROWS = 1500


def _start(*args: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.Popen([sys.executable, str(HELPER), *args], stdout=subprocess.PIPE, text=True, cwd=ROOT, env=env)


def _kill_at(child: subprocess.Popen, point: str | float, nth: int = 1) -> bool:
    """SIGKILL the child at the nth line `point`, or `point` seconds after "begin".
    Return whether it was killed before it said "done"."""
    seen = 0
    for line in child.stdout:
        line = line.strip()
        if line == "done":
            break
        if isinstance(point, float) and line == "begin":
            time.sleep(point)
            child.send_signal(signal.SIGKILL)
            break
        if line == point:
            seen += 1
            if seen == nth:
                child.send_signal(signal.SIGKILL)
                break
    child.wait(timeout=60)
    child.stdout.close()
    return child.returncode == -signal.SIGKILL


def _counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}
    finally:
        conn.close()


@pytest.fixture(scope="module")
def register_with_data(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("krasch") / "mall.sqlite"
    store = open_store(path)
    fill_demo(store, __import__("datetime").date(2026, 11, 25))
    store.close()
    return path


IMPORT_KILL_POINTS = [
    ("begin", 1),
    ("row 0", 1),
    ("row 100", 1),
    ("row 700", 1),
    ("row 1400", 1),
    ("commit", 1),
    ("committed", 1),  # after the commit, whatever the machine's load: the import must be whole
    (0.0, 1),
    (0.05, 1),
    (0.4, 1),
]


def test_an_import_killed_at_any_point_leaves_none_or_all_of_it(tmp_path, register_with_data):
    outcomes = []
    for n, (point, nth) in enumerate(IMPORT_KILL_POINTS):
        db = tmp_path / f"kill{n}" / "register.sqlite"
        db.parent.mkdir()
        shutil.copy(register_with_data, db)
        before = _counts(db)
        killed = _kill_at(_start("import", str(db), str(IMPORT_ROWS)), point, nth)

        store = open_store(db)  # recovers the journal, takes over the dead writer's lock
        assert not store.read_only, (point, store.read_only_reason)
        assert integrity_check(store.conn).ok, point
        store.close()
        after = _counts(db)
        added = {t: after[t] - before[t] for t in TABLES}
        if added["recommendations"] == 0:
            assert all(v == 0 for v in added.values()), (point, added)
            outcomes.append("none")
        else:
            assert added["reports"] == 1 and added["bodies"] == 1, (point, added)
            assert added["recommendations"] == IMPORT_ROWS and added["recommendation_bodies"] == IMPORT_ROWS
            # every inserted row has its history row, written in the same transaction
            assert added["history"] == 2 + 2 * IMPORT_ROWS, (point, added)
            outcomes.append("all")
        assert killed or outcomes[-1] == "all"
    # The kill points must really fall on both sides of the commit.
    assert "none" in outcomes and "all" in outcomes, outcomes


REGISTER_ROWS = 300


def _office_register(path: Path) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Uppföljning"
    ws.append(["Granskning", "År", "Nämnd", "Nr", "Rekommendation", "Nämndens svar", "Status"])
    for n in range(REGISTER_ROWS):
        report = f"Kraschgranskning {n // 10 + 1}"
        ws.append([report, 2025, "Krasch- och testnämnden", n % 10 + 1, f"Rekommendation {n} " + "text " * 15,
                   f"Svar {n}", "Pågår"])  # fmt: skip
    wb.save(path)
    return path


# Steps come every 2000 SQLite instructions; the import of REGISTER_ROWS takes some hundreds.
REGISTER_KILL_POINTS = [
    ("begin", 1),
    ("step", 1),
    ("step", 10),
    ("step", 50),
    ("step", 150),
    ("committed", 1),
    (0.0, 1),
]


def test_a_real_register_import_killed_at_any_point_leaves_none_or_all_of_it(tmp_path, register_with_data):
    workbook = _office_register(tmp_path / "register.xlsx")
    outcomes = []
    for n, (point, nth) in enumerate(REGISTER_KILL_POINTS):
        db = tmp_path / f"kill{n}" / "register.sqlite"
        db.parent.mkdir()
        shutil.copy(register_with_data, db)
        before = _counts(db)
        killed = _kill_at(_start("register-import", str(db), str(workbook)), point, nth)

        store = open_store(db)
        assert integrity_check(store.conn).ok, point
        store.close()
        added = {t: v - before[t] for t, v in _counts(db).items()}
        if added["recommendations"] == 0:
            assert added == dict.fromkeys(TABLES, 0), (point, added)
            outcomes.append("none")
        else:
            assert added["recommendations"] == REGISTER_ROWS and added["reports"] == REGISTER_ROWS // 10, point
            outcomes.append("all")
        assert killed or outcomes[-1] == "all"
    assert "none" in outcomes and "all" in outcomes, outcomes


def _build_at(path: Path, version: int) -> None:
    store = Store(path, connect(path, False), None)
    _migrate(store, 0, target=version)
    if version >= 1:

        def setup(cs):
            rec = R.add_recommendation(cs, R.create_report(cs, "Gammal"), "Kvar", [R.create_body(cs, "Nämnden")])
            R.set_reply(cs, rec, 1, text="Svar")

        run_change(store, "setup", setup)
    store.close()


# Steps come every 50 SQLite instructions; a migration with its backup takes about 200.
# The last point lies past the end, so the migration runs whole at least once.
MIGRATION_KILL_POINTS = [
    ("begin", 1), ("step", 1), ("step", 3), ("step", 8), ("step", 20), ("step", 60),
    ("step", 120), ("step", 180), ("step", 1000), (0.0, 1),
]  # fmt: skip


@pytest.mark.parametrize("start", sorted({0, max(0, latest_version() - 1)}))
def test_a_migration_killed_at_any_point_leaves_a_whole_file_at_a_known_version(tmp_path, start):
    latest = latest_version()
    outcomes = []
    for n, (point, nth) in enumerate(MIGRATION_KILL_POINTS):
        db = tmp_path / f"kill{n}" / "register.sqlite"
        db.parent.mkdir()
        _build_at(db, start)
        _kill_at(_start("migrate", str(db)), point, nth)

        conn = sqlite3.connect(db)  # SQLite rolls back a hot journal here, as on any open
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", point
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        assert start <= version <= latest, point
        if version == 0:
            # No half-made schema: a version-0 file has no tables at all.
            assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0, point
        else:
            for table in ("recommendations", "recommendation_bodies", "replies"):
                assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == (1 if start else 0), table
        conn.close()
        outcomes.append("before" if version == start else "after")

        store = open_store(db)  # finishes the migration
        assert store.user_version() == latest
        assert integrity_check(store.conn).ok
        store.close()
    assert "before" in outcomes and "after" in outcomes, outcomes
