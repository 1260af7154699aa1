"""Shared fixtures: real register files in tmp dirs, a fixed today."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tracker.core.changes import History  # noqa: E402
from tracker.core.demo import fill_demo  # noqa: E402
from tracker.core.opening import open_store  # noqa: E402
from tracker.core.store import Store  # noqa: E402

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "register.sqlite"


@pytest.fixture
def store(db_path: Path):
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def history(store: Store) -> History:
    return History(store)


@pytest.fixture
def demo_store(store: Store) -> Store:
    fill_demo(store, TODAY)
    return store


@pytest.fixture
def small_disk(tmp_path: Path):
    """A folder on a file system of its own, 4 MB, for tests that fill a disk (tmpfs,
    mounted as root; skipped where the test cannot mount one)."""
    import shutil
    import subprocess

    folder = tmp_path / "liten-disk"
    folder.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("en liten disk kräver root (mount -t tmpfs)")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"tmpfs kan inte monteras här: {mounted.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


@pytest.fixture
def fill_disk():
    """fill(folder, leave=0): fill the file system under `folder` until about `leave` bytes are free."""
    return _fill_disk


def _fill_disk(folder: Path, leave: int = 0) -> Path:
    filler = folder / "fyllnad.bin"
    with filler.open("ab") as f:
        while (free := os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize) > leave:
            try:
                f.write(b"\0" * min(1 << 16, max(4096, free - leave)))
                f.flush()
            except OSError:
                break
    return filler
