"""`tracker import-register` and `tracker export-register` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tracker.cli import main
from tracker.core.opening import open_store


def small_register(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(["Revisionskontorets uppföljning 2024"])
    ws.append(["Rapport", "Nr", "Rekommendationer", "Ansvarig", "Svar", "Deadline", "Status", "Svar senast"])
    ws.append(["Löner (2023)", 1, "Se över attesterna.", "KS", "Görs i vår.", "2024-05-31", "Pågår", "2024-01-31"])
    ws.append(["Löner (2023)", 2, "Inför stickprov.", "KS/SN", None, "hösten", "Oklar", None])
    wb.save(path)
    return path


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "register.sqlite"
    open_store(path).close()
    return path


def test_dry_run_json_prints_the_plan_and_writes_nothing(db, tmp_path, capsys):
    assert (
        main(["--db", str(db), "import-register", str(small_register(tmp_path / "r.xlsx")), "--dry-run", "--json"]) == 0
    )
    plan = json.loads(capsys.readouterr().out)
    [sheet] = plan["sheets"]
    assert sheet["name"] == "Register" and sheet["header_row"] == 2
    assert sheet["mapping"]["Deadline"] == "due" and sheet["mapping"]["Svar senast"] == "reply_deadline"
    [report] = plan["reports"]
    assert (report["title"], report["year"]) == ("Löner", 2023)
    first, second = report["recommendations"]
    assert first == first | {"text": "Se över attesterna.", "bodies": ["KS"], "status": "Pågående",
                             "reply": "Görs i vår.", "due": "2024-05-31", "reply_deadline": "2024-01-31"}  # fmt: skip
    assert second["bodies"] == ["KS", "SN"] and second["due"] == "hösten"
    assert set(plan["new_bodies"]) == {"KS", "SN"}
    assert any("hösten" in w for w in plan["warnings"])
    main(["--db", str(db), "list", "--json"])
    assert json.loads(capsys.readouterr().out) == []


def test_import_without_yes_is_refused_when_not_interactive(db, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["--db", str(db), "import-register", str(small_register(tmp_path / "r.xlsx"))]) == 1
    assert "--yes" in capsys.readouterr().err


def test_import_then_export_in_the_saved_layout_and_plain(db, tmp_path, capsys):
    path = small_register(tmp_path / "r.xlsx")
    assert main(["--db", str(db), "import-register", str(path), "--yes", "--layout", "Kontoret"]) == 0
    assert "2 nya rekommendationer" in capsys.readouterr().out
    assert main(["--db", str(db), "import-register", str(path), "--yes"]) == 0
    assert "inga ändringar" in capsys.readouterr().out
    out = tmp_path / "ut.xlsx"
    assert main(["--db", str(db), "export-register", str(out), "--layout", "Kontoret", "--status", "Pågående"]) == 0
    ws = openpyxl.load_workbook(out).active
    assert ws["A1"].value == "Revisionskontorets uppföljning 2024"
    assert [c.value for c in ws[3]][:3] == ["Löner (2023)", 1, "Se över attesterna."]
    assert ws.max_row == 3  # only the filtered recommendation
    assert main(["--db", str(db), "export-register", str(tmp_path / "enkel.xlsx"), "--layout", "enkel"]) == 0
    assert openpyxl.load_workbook(tmp_path / "enkel.xlsx").active["A1"].value == "Granskning"


def test_unknown_layout_and_bad_file_give_swedish_messages(db, tmp_path, capsys):
    assert main(["--db", str(db), "export-register", str(tmp_path / "x.xlsx"), "--layout", "Saknas"]) == 1
    assert "Ingen layout heter ”Saknas”" in capsys.readouterr().err
    bad = tmp_path / "trasig.xlsx"
    bad.write_text("inte en arbetsbok")
    assert main(["--db", str(db), "import-register", str(bad), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "trasig.xlsx" in err and "Traceback" not in err
