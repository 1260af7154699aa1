"""One writer at a time: the lock file beside the register."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.errors import UserError
from tracker.core.lock import LockInfo, current_user, lock_path, read_holder
from tracker.core.opening import open_store


def _write_lock(db_path, **fields):
    data = {"user": "anna", "host": "DATOR-12", "pid": 4242, "started": "2026-11-25T09:14:00", "token": "x"}
    data.update(fields)
    lock_path(db_path).write_text(json.dumps(data), encoding="utf-8")


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_opening_for_writing_takes_the_lock_and_closing_releases_it(db_path):
    store = open_store(db_path)
    holder = read_holder(db_path)
    assert holder is not None and holder.pid == os.getpid()
    store.close()
    assert not lock_path(db_path).exists()


def test_a_second_open_in_the_same_process_is_read_only_and_names_the_holder(db_path):
    first = open_store(db_path)
    second = open_store(db_path)
    try:
        assert not first.read_only
        assert second.read_only
        assert "du kan läsa men inte ändra" in second.read_only_reason
        assert read_holder(db_path).user in second.read_only_reason
        with pytest.raises(UserError, match="skrivskyddat"), second.transaction():
            pass
        # The reader can still read what the writer writes.
        run_change(first, "ny", lambda cs: R.create_report(cs, "Granskning"))
        assert second.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 1
    finally:
        second.close()
        first.close()
    # Closing the reader must not remove the writer's lock, and vice versa.
    assert not lock_path(db_path).exists()


def test_another_process_holding_the_register_makes_us_read_only(db_path):
    open_store(db_path).close()
    script = textwrap.dedent(
        f"""
        import sys, time
        from tracker.core.opening import open_store
        s = open_store({str(db_path)!r})
        print("read_only" if s.read_only else "writer", flush=True)
        sys.stdin.readline()
        s.close()
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=os.getcwd()
    )
    try:
        assert child.stdout.readline().strip() == "writer"
        store = open_store(db_path)
        assert store.read_only
        assert "sedan" in store.read_only_reason
        store.close()
        assert read_holder(db_path).pid == child.pid
    finally:
        child.communicate("\n", timeout=30)
    assert not lock_path(db_path).exists()
    store = open_store(db_path)
    assert not store.read_only
    store.close()


def test_a_lock_from_another_machine_is_respected_and_named(db_path):
    open_store(db_path).close()
    _write_lock(db_path, host="DATOR-12-ANNAN-MASKIN")
    store = open_store(db_path)
    assert store.read_only
    assert store.read_only_reason.startswith("registret är öppet hos anna på DATOR-12-ANNAN-MASKIN sedan")
    assert store.locked_by.host == "DATOR-12-ANNAN-MASKIN"
    store.close()
    assert lock_path(db_path).exists(), "a reader must never remove someone else's lock"


def test_a_stale_lock_from_this_machine_is_taken_over_and_said(db_path):
    import socket

    open_store(db_path).close()
    _write_lock(db_path, host=socket.gethostname(), pid=_dead_pid(), user=current_user())
    store = open_store(db_path)
    assert not store.read_only
    assert "kvarlämnat lås" in store.notice
    assert read_holder(db_path).pid == os.getpid()
    store.close()


def test_a_new_register_cannot_be_created_while_someone_holds_its_lock(db_path):
    _write_lock(db_path, host="ANNAN")
    with pytest.raises(UserError, match="kan inte skapas"):
        open_store(db_path)
    assert not db_path.exists()


def test_the_holder_is_described_with_time_today_and_date_otherwise():
    import datetime as dt

    info = LockInfo("anna", "DATOR-12", 1, "2026-11-25T09:14:00")
    assert info.describe(dt.datetime(2026, 11, 25, 12, 0)) == "anna på DATOR-12 sedan 09:14"
    assert info.describe(dt.datetime(2026, 11, 26, 12, 0)) == "anna på DATOR-12 sedan 2026-11-25 09:14"


def test_a_write_open_uses_the_rollback_journal_and_full_sync(db_path):
    store = open_store(db_path)
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert store.conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    store.close()


def test_the_lock_appears_whole_and_leaves_no_draft_beside_it(db_path):
    store = open_store(db_path)
    try:
        holder = json.loads(lock_path(db_path).read_text(encoding="utf-8"))
        assert holder["pid"] == os.getpid() and holder["token"]
        assert sorted(p.name for p in db_path.parent.iterdir() if ".lock" in p.name) == [lock_path(db_path).name]
    finally:
        store.close()


def test_a_folder_without_hard_links_gets_the_lock_created_in_place(db_path, monkeypatch):
    def no_links(src, dst):
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    store = open_store(db_path)
    try:
        assert not store.read_only
        assert read_holder(db_path).pid == os.getpid()
        assert sorted(p.name for p in db_path.parent.iterdir() if ".lock" in p.name) == [lock_path(db_path).name]
    finally:
        store.close()
    assert not lock_path(db_path).exists()


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_lock_drafts_left_by_a_killed_program_are_removed_on_the_next_open(db_path):
    open_store(db_path).close()
    # A program killed between writing its draft and linking it into place.
    script = textwrap.dedent(
        f"""
        import os, time
        from tracker.core.opening import open_store
        def stuck(src, dst):
            print("draft", flush=True)
            time.sleep(60)
        os.link = stuck
        open_store({str(db_path)!r})
        """
    )
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    assert child.stdout.readline().strip() == "draft"
    child.kill()
    child.wait(timeout=30)
    child.stdout.close()
    (left,) = db_path.parent.glob(f".{lock_path(db_path).name}.*")
    old = os.stat(left).st_mtime - 60
    os.utime(left, (old, old))
    fresh = left.with_name(f".{lock_path(db_path).name}.skrivs-just-nu")
    fresh.write_text("{}", encoding="utf-8")

    store = open_store(db_path)
    try:
        assert not store.read_only
        assert not left.exists()
        assert fresh.exists()  # another program may be writing it this instant
    finally:
        store.close()
