"""`tracker install-launcher` / `uninstall-launcher`: a valid .desktop entry with the icon."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys

import pytest

from tracker import __version__
from tracker.cli import launcher, main


@pytest.fixture
def apps(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data home"))
    return tmp_path / "data home" / "applications"


def _entry(path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if line)


def test_the_launcher_starts_this_installation_with_the_programs_icon(apps, capsys):
    assert main(["install-launcher"]) == 0
    desktop = apps / launcher.DESKTOP_FILE
    entry = _entry(desktop)
    assert entry["Name"] == "Revisionsuppföljning"
    assert entry["Icon"].endswith("app-256.png")
    with open(entry["Icon"], "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    # What the desktop runs, run here: it is this program.
    result = subprocess.run([*shlex.split(entry["Exec"]), "--version"], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == f"Revisionsuppföljning {__version__}"
    assert "programmenyn" in capsys.readouterr().out


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils is not installed")
def test_the_launcher_file_is_valid(apps):
    main(["install-launcher"])
    result = subprocess.run(
        ["desktop-file-validate", str(apps / launcher.DESKTOP_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_uninstall_removes_it_and_a_second_uninstall_changes_nothing(apps, capsys):
    main(["install-launcher"])
    assert main(["uninstall-launcher"]) == 0
    assert not (apps / launcher.DESKTOP_FILE).exists()
    assert main(["uninstall-launcher"]) == 0
    assert "fanns inte" in capsys.readouterr().out


def test_paths_with_spaces_quotes_and_dollars_are_quoted_as_the_specification_says(monkeypatch):
    monkeypatch.setattr(sys, "executable", '/home/Åsa Ö/my "env"/$bin/python')
    exec_line = launcher.desktop_entry().split("Exec=", 1)[1].splitlines()[0]
    assert exec_line == r'"/home/Åsa Ö/my \"env\"/\$bin/python" "-m" "tracker"'


def test_on_windows_it_says_where_the_start_menu_entry_comes_from_and_writes_nothing(apps, monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "win32")
    assert main(["install-launcher"]) == 1
    assert "Start-menyn" in capsys.readouterr().err
    assert not apps.exists()
