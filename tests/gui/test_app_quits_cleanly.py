"""The window ends cleanly when the system tells it to: its register is closed and its
lock released, so the next user does not meet a lock left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tracker.core.lock import lock_path, read_holder
from tracker.core.opening import open_store

MAIN = Path(__file__).resolve().parents[2] / "main.py"


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGTERM is POSIX")
def test_sigterm_closes_the_window_and_releases_the_lock(db_path):
    open_store(db_path).close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRACKER_TODAY": "2026-11-25"}
    child = subprocess.Popen(
        [sys.executable, str(MAIN), "--db", str(db_path)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while (holder := read_holder(db_path)) is None or holder.pid != child.pid:
            assert child.poll() is None, child.stderr.read().decode()
            assert time.monotonic() < deadline, "the window never took the lock"
            time.sleep(0.1)
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        child.stdout.close()
        child.stderr.close()
    assert not lock_path(db_path).exists()
    store = open_store(db_path)
    assert not store.read_only and store.notice is None  # no stale lock was taken over
    store.close()
