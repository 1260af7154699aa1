"""The register on a file system that behaves like an SMB share (share_fs.py, FUSE: hard
links refused, an open file cannot be deleted or renamed): two writers at once, a writer
killed mid-import, a lock file another program holds open. Skipped where FUSE is missing."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import openpyxl
import pytest
from test_crash_safety import _counts, _kill_at, _start

from tracker.cli import main
from tracker.core.demo import fill_demo
from tracker.core.errors import UserError
from tracker.core.integrity import integrity_check
from tracker.core.lock import lock_path, read_holder
from tracker.core.opening import open_store

pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform != "linux", reason="FUSE tests run on Linux")]

SHARE_FS = Path(__file__).with_name("share_fs.py")
ROOT = Path(__file__).resolve().parents[2]


def _fuse_missing() -> str | None:
    if not os.access("/dev/fuse", os.R_OK | os.W_OK):
        return "/dev/fuse is not available here"
    try:
        import fuse  # noqa: F401 - fusepy loads libfuse when imported
    except (ImportError, OSError) as exc:
        return f"fusepy or libfuse2 is missing ({exc})"
    return None


@pytest.fixture
def share(tmp_path):
    """A folder on the share-like file system (the server's side is tmp_path/server)."""
    if reason := _fuse_missing():
        pytest.skip(reason)
    server, mount = tmp_path / "server", tmp_path / "Z"
    server.mkdir()
    mount.mkdir()
    serving = subprocess.Popen([sys.executable, str(SHARE_FS), str(server), str(mount)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 15
    while not os.path.ismount(mount):
        if serving.poll() is not None or time.monotonic() > deadline:
            serving.kill()
            pytest.skip(f"FUSE cannot mount here: {serving.stderr.read().decode(errors='replace')[-300:]}")
        time.sleep(0.05)
    try:
        yield mount
    finally:
        serving.terminate()  # libfuse unmounts on SIGTERM
        serving.wait(timeout=30)
        serving.stderr.close()


def _demo_register(path: Path) -> Path:
    store = open_store(path)
    fill_demo(store, dt.date(2026, 11, 25))
    store.close()
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_share_refuses_what_an_smb_share_refuses(share):
    first = share / "a.txt"
    first.write_text("a", encoding="utf-8")
    with pytest.raises(PermissionError):
        os.link(first, share / "b.txt")
    with first.open(encoding="utf-8"), pytest.raises(PermissionError):
        first.unlink()
    first.unlink()


def test_a_second_writer_on_the_share_reads_only_naming_the_first_and_writes_nothing(share, tmp_path):
    db = _demo_register(share / "register.sqlite")
    script = textwrap.dedent(
        f"""
        import sys
        from tracker.core.opening import open_store
        s = open_store({str(db)!r})
        print("writer" if not s.read_only else s.read_only_reason, flush=True)
        sys.stdin.readline()
        s.close()
        """
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.Popen(
        [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert first.stdout.readline().strip() == "writer"
        assert read_holder(db).pid == first.pid  # the lock was made in place: the share has no links
        second = open_store(db)
        assert second.read_only and "sedan" in second.read_only_reason
        second.close()

        workbook = openpyxl.Workbook()
        workbook.active.append(["Granskning", "Nr", "Rekommendation", "Nämnd"])
        workbook.active.append(["Ny granskning", 1, "Gör så.", "Kommunstyrelsen"])
        workbook.save(tmp_path / "r.xlsx")
        before = _files(share)
        assert main(["--db", str(db), "import-register", str(tmp_path / "r.xlsx"), "--yes"]) == 1
        assert _files(share) == before  # no plan applied, no backup made, none thinned
    finally:
        first.communicate("\n", timeout=30)
    assert not lock_path(db).exists()
    again = open_store(db)
    assert not again.read_only
    again.close()


# (cache pages, kill point, nth): with the usual cache nothing reaches the file before the
# commit; with a tiny one the file holds half the change and the journal is hot.
KILL_RUNS = [("", "begin", 1), ("", "row 700", 1), ("", "commit", 1), ("", 0.05, 1),
             ("5", "row 100", 1), ("5", "row 700", 1), ("5", "row 1400", 1), ("5", "committed", 1)]  # fmt: skip


def test_a_writer_killed_mid_import_is_rolled_back_by_the_next_and_readers_are_told_the_truth(share, monkeypatch):
    template = _demo_register(share / "mall.sqlite")
    outcomes = []
    for n, (cache, point, nth) in enumerate(KILL_RUNS):
        monkeypatch.setenv("CRASH_CACHE_PAGES", cache)
        db = share / f"kill{n}" / "register.sqlite"
        db.parent.mkdir()
        db.write_bytes(template.read_bytes())
        before = _counts(db)
        _kill_at(_start("import", str(db), "1500"), point, nth)

        # A colleague who only reads (on a share the lock is another machine's) either reads
        # the register as it was, or is told that a writer stopped mid-change: never "damaged".
        try:
            reader = open_store(db, read_only=True)
        except UserError as exc:
            assert "avslutades" in exc.message and "skadad" not in exc.message, (point, exc.message)
            seen = "told"
        else:
            assert not reader.damaged, (point, reader.read_only_reason)
            seen = "reads"
            reader.close()

        store = open_store(db)  # the next writer: takes over the dead writer's lock, rolls back
        assert not store.read_only, (point, store.read_only_reason)
        assert integrity_check(store.conn).ok, point
        store.close()
        added = _counts(db)["recommendations"] - before["recommendations"]
        assert added in (0, 1500), (point, added)
        outcomes.append((seen, "none" if added == 0 else "all"))
    print("share kill outcomes:", outcomes)
    assert ("reads", "none") in outcomes and ("told", "none") in outcomes, outcomes
    assert any(result == "all" for _, result in outcomes), outcomes


def test_the_lock_is_released_when_another_program_holds_the_lock_file_open_for_a_moment(share):
    held_open = 0.4
    db = _demo_register(share / "register.sqlite")
    store = open_store(db)
    assert json.loads(lock_path(db).read_text(encoding="utf-8"))["pid"] == os.getpid()
    reader = subprocess.Popen(
        [sys.executable, "-c", f"import time; f = open({str(lock_path(db))!r}); print('open', flush=True); "
         f"time.sleep({held_open}); f.close()"],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert reader.stdout.readline().strip() == "open"
    started = time.monotonic()
    store.close()
    waited = time.monotonic() - started
    reader.wait(timeout=30)
    reader.stdout.close()
    assert not lock_path(db).exists()
    assert waited > 0.2  # it was refused at first and retried
