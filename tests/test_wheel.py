"""The built wheel, installed where it cannot see this checkout, makes a working register:
its migrations travel inside the package (tracker.db), and no module is left out."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict[str, str], Path]:
    """The wheel built from the checkout and installed (not editable) into a folder of its own."""
    work = tmp_path_factory.mktemp("hjul")
    # Built from a copy: setuptools reuses a build/ folder in the checkout, and one left from
    # an older tree (a renumbered migration) would go into the wheel.
    source = work / "källa"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__"))
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", str(source), "-w", str(work)],
        check=True,
        capture_output=True,
        cwd=work,
    )
    (wheel,) = work.glob("revisionsuppfoljning-*.whl")
    target = work / "installerat"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    # The installed copy first, then the dependencies; the checkout is not on the path, and
    # the editable install's finder comes after the path, so it cannot shadow the copy.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(target), sysconfig.get_paths()["purelib"]]),
        "TRACKER_DB": str(work / "register.sqlite"),
    }
    return wheel, env, target


def _tracker(installed, *args: str) -> subprocess.CompletedProcess:
    _, env, target = installed
    return subprocess.run(
        [sys.executable, str(target / "bin" / "tracker"), *args],
        env=env,
        cwd=target.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_wheel_holds_every_module_and_the_migrations(installed):
    wheel, _, _ = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    for source in (ROOT / "tracker").rglob("*.py"):
        assert source.relative_to(ROOT).as_posix() in names, source
    migrations = sorted(p.name for p in (ROOT / "db" / "migrations").glob("*.sql"))
    assert migrations and all(f"tracker/db/migrations/{m}" in names for m in migrations)


def test_an_installed_wheel_creates_a_working_register(installed):
    _, env, target = installed
    where = subprocess.run(
        [sys.executable, "-c", "import tracker, tracker.db; print(tracker.__file__); print(tracker.db.__file__)"],
        env=env,
        cwd=target.parent,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert all(Path(p).is_relative_to(target) for p in where), where

    demo = _tracker(installed, "demo")
    assert demo.returncode == 0, demo.stderr
    listed = _tracker(installed, "list", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    assert len(rows) > 10
    assert all(row["report"] and row["bodies"] for row in rows)


RESOURCES_CHECK = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from tracker.gui import icons
from tracker.gui.dialogs.handbook import handbook_browser
from tracker.resources import file
for name in ("icons/app.svg", "icons/app-256.png", "icons/app.ico", "fonts/DejaVuSans.ttf", "handbok/handbok.md"):
    assert file(name).is_relative_to(Path(sys.argv[1])), file(name)
assert not icons.for_action("print_statuslist").pixmap(16, 16).isNull()
assert not icons.app_icon().isNull()
assert "Kom i gång" in handbook_browser().toPlainText()
print("ok")
"""


def test_an_installed_wheel_finds_its_icons_font_and_handbook(installed):
    wheel, env, target = installed
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p for p in (ROOT / "resources").rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    assert shipped and all(
        f"tracker/resources/{p.relative_to(ROOT / 'resources').as_posix()}" in names for p in shipped
    )
    check = subprocess.run(
        [sys.executable, "-c", RESOURCES_CHECK, str(target)],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        cwd=target.parent,
        capture_output=True,
        text=True,
    )
    assert check.stdout.strip() == "ok", check.stderr
    assert _tracker(installed, "--version").stdout.startswith("Revisionsuppföljning ")
    db = str(target.parent / "utskrift.sqlite")
    assert _tracker(installed, "--db", db, "demo").returncode == 0
    printed = _tracker(installed, "--db", db, "print", str(target.parent / "lista.pdf"))
    assert printed.returncode == 0, printed.stderr
