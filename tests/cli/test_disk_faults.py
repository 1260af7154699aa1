"""Full disks and failing writes, as a user meets them from the command line: output is
checked before it replaces anything, several files are written all or none, and every
failure is one Swedish line on stderr with nothing else there (issue 14, items 8-9)."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from tracker.cli import main
from tracker.core.demo import fill_demo
from tracker.core.opening import open_store

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-11-25"


def tracker(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "TRACKER_TODAY": TODAY}
    return subprocess.run(
        [sys.executable, "main.py", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120
    )


def assert_only_swedish_error(stderr: str, *expected: str) -> None:
    """One "Fel: ..." line: no traceback, no Python warning, no ignored exception."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Fel: "), stderr
    for word in ("Traceback", "Exception", "Warning", "Error", "No space", "errno"):
        assert word not in stderr, stderr
    for text in expected:
        assert text in stderr, stderr


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "register.sqlite"
    store = open_store(db)
    fill_demo(store, __import__("datetime").date(2026, 11, 25))
    store.close()
    return db


# --- tracker print --------------------------------------------------------------------


def test_print_on_a_full_disk_keeps_the_good_pdf_and_says_so(demo_db, small_disk, fill_disk):
    pdf = small_disk / "statuslista.pdf"
    first = tracker("--db", str(demo_db), "print", str(pdf))
    assert first.returncode == 0, first.stderr
    good = pdf.read_bytes()
    assert good.startswith(b"%PDF-") and b"%%EOF" in good[-1024:]
    fill_disk(small_disk)
    again = tracker("--db", str(demo_db), "print", str(pdf))
    assert again.returncode == 1
    assert_only_swedish_error(again.stderr, "statuslista.pdf", "orörd")
    assert pdf.read_bytes() == good
    assert sorted(p.name for p in small_disk.iterdir()) == ["fyllnad.bin", "statuslista.pdf"]


def test_a_pdf_that_is_not_whole_never_replaces_the_old_one(tmp_path):
    from tracker.core.atomic_file import atomic_path, check_pdf
    from tracker.core.errors import UserError

    pdf = tmp_path / "lista.pdf"
    pdf.write_bytes(b"%PDF-1.4 gammal och hel\n%%EOF\n" + b" " * 100)
    for broken in (b"", b"%PDF-1.4\n1 0 obj << >> endobj\n" * 10, b"<html>inte en pdf</html>" * 10):
        with pytest.raises(UserError, match="inte hel"), atomic_path(pdf, verify=check_pdf) as tmp:
            tmp.write_bytes(broken)
        assert pdf.read_bytes().startswith(b"%PDF-1.4 gammal")
    assert [p.name for p in tmp_path.iterdir()] == ["lista.pdf"]


# --- tracker export-replies -------------------------------------------------------------


def test_export_replies_on_a_disk_that_fills_half_way_leaves_no_sheet(demo_db, small_disk, fill_disk, tmp_path):
    whole = tmp_path / "hela"
    whole.mkdir()
    assert tracker("--db", str(demo_db), "export-replies", str(whole)).returncode == 0
    sizes = sorted(p.stat().st_size for p in whole.iterdir())
    assert len(sizes) >= 3
    fill_disk(small_disk, leave=sizes[0] + sizes[1] + 4096)  # room for two sheets, not all
    result = tracker("--db", str(demo_db), "export-replies", str(small_disk))
    assert result.returncode == 1
    assert_only_swedish_error(result.stderr, "disken är full", f"Ingen av de {len(sizes)} filerna sparades")
    assert [p.name for p in small_disk.iterdir()] == ["fyllnad.bin"]


@pytest.mark.parametrize(
    "failure, said",
    [
        (errno.ENOSPC, "disken är full"),
        (errno.ENAMETOOLONG, "filnamnet är för långt"),
        (errno.EIO, "läs- eller skrivfel"),
    ],
)
def test_export_replies_failing_at_the_third_sheet_keeps_the_older_sheets_and_writes_none(
    demo_db, tmp_path, monkeypatch, capsys, failure, said
):
    folder = tmp_path / "mallar"
    folder.mkdir()
    assert main(["--db", str(demo_db), "export-replies", str(folder)]) == 0
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    capsys.readouterr()
    calls = []
    real_write = Path.write_bytes

    def failing_third(self, data):
        calls.append(self)
        if len(calls) == 3:
            raise OSError(failure, os.strerror(failure))
        return real_write(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing_third)
    assert main(["--db", str(demo_db), "export-replies", str(folder)]) == 1
    err = capsys.readouterr().err
    assert_only_swedish_error(err, said, "Ingen av de")
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before, "the sheets sent earlier stay as they were"


def test_export_replies_for_a_body_with_a_very_long_name_writes_a_file(tmp_path, capsys):
    from tracker.core import register
    from tracker.core.changes import run_change

    db = tmp_path / "register.sqlite"
    store = open_store(db)

    def setup(cs):
        body = register.create_body(cs, "Nämnden för " + "mycket långa namn och " * 20 + "annat")
        register.add_recommendation(cs, register.create_report(cs, "Granskning"), "Gör något.", [body])

    run_change(store, "setup", setup)
    store.close()
    assert main(["--db", str(db), "export-replies", str(tmp_path)]) == 0
    assert [p for p in tmp_path.iterdir() if p.suffix == ".xlsx"]


# --- import on a full disk and other I/O failures ----------------------------------------


def _small_register(path: Path, rows: int = 200) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Granskning", "Nr", "Rekommendation", "Ansvarig nämnd", "Yttrande"])
    for n in range(1, rows + 1):
        ws.append([f"Granskning {n // 10}", n % 10 + 1, f"Rekommendation {n} " + "text " * 40, "KS", "svar " * 40])
    wb.save(path)
    return path


def test_import_on_a_full_disk_changes_nothing_and_says_so_in_swedish(small_disk, fill_disk, tmp_path):
    import shutil
    import sqlite3

    db = small_disk / "register.sqlite"
    assert tracker("--db", str(db), "demo").returncode == 0
    shutil.rmtree(small_disk / "säkerhetskopior", ignore_errors=True)
    before = sqlite3.connect(db).execute("SELECT count(*) FROM recommendations").fetchone()[0]
    workbook = _small_register(tmp_path / "stort.xlsx", rows=2000)
    fill_disk(small_disk, leave=db.stat().st_size + 300_000)  # room for the backup, not for the import
    result = tracker("--db", str(db), "import-register", str(workbook), "--yes")
    assert result.returncode == 1
    assert_only_swedish_error(result.stderr, "Disken är full — inget har ändrats")
    (small_disk / "fyllnad.bin").unlink()
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM recommendations").fetchone()[0] == before


def test_a_lock_path_that_is_a_folder_is_named_in_swedish(demo_db, tmp_path):
    demo_db.with_name(demo_db.name + ".lock").mkdir()
    result = tracker("--db", str(demo_db), "import-register", str(_small_register(tmp_path / "r.xlsx", 3)), "--yes")
    assert result.returncode == 1
    assert_only_swedish_error(result.stderr, "finns en mapp")
    assert "okänd användare" not in result.stderr


def test_a_register_folder_without_permission_is_a_swedish_message(tmp_path, monkeypatch, capsys):
    # Root may write anywhere, so the refusal is the operating system's answer, simulated.
    real_mkdir = Path.mkdir

    def refused(self, *args, **kwargs):
        if "ingen-rätt" in str(self):
            raise PermissionError(errno.EACCES, "Permission denied")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", refused)
    assert main(["--db", str(tmp_path / "ingen-rätt" / "register.sqlite"), "demo"]) == 1
    err = capsys.readouterr().err
    assert_only_swedish_error(err, "behörighet saknas")


def test_reading_odd_workbooks_prints_nothing_but_the_result(demo_db, tmp_path):
    """openpyxl's English UserWarnings (a date outside the calendar, unknown extensions)
    never reach stderr, on success or on refusal."""
    path = tmp_path / "udda.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Granskning", "Nr", "Rekommendation", "Ansvarig nämnd", "Svar senast"])
    ws.append(["Löner", 1, "Se över attesterna.", "KS", __import__("datetime").date(2025, 1, 1)])
    wb.save(path)
    import re
    import zipfile

    xml = zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode()
    style = re.search(r'<c r="E2" s="(\d+)"', xml)[1]
    sys.path.insert(0, str(ROOT / "tests" / "core"))
    from odd_workbooks import edit_part, set_cell_xml

    set_cell_xml(path, "E2", f'<c r="E2" s="{style}"><v>99999999</v></c>')
    edit_part(path, "xl/worksheets/sheet1.xml", lambda x: x.replace(
        "</worksheet>", '<extLst><ext uri="{okänd}"><x:okänd xmlns:x="urn:x"/></ext></extLst></worksheet>'))  # fmt: skip
    result = tracker("--db", str(demo_db), "import-register", str(path), "--dry-run")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert "utanför de datum Excel kan visa" in result.stdout
    refused = tracker("--db", str(demo_db), "import-register", str(tmp_path / "finns-inte.xlsx"))
    assert_only_swedish_error(refused.stderr, "Filen finns inte")
