"""`tracker export-replies` and `tracker import-replies` as an office runs them."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tracker.cli import main
from tracker.core.excel.reply_sheet import HEADER_ROW
from tracker.core.opening import open_store


def answer_all(path: Path, text: str) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb["Svar"]
    col = {c.value: c.column for c in ws[HEADER_ROW]}
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        ws.cell(row, col["Nämndens svar"], text)
        ws.cell(row, col["Klart senast"], "30/6/2027")
    wb.save(path)


def test_export_then_import_json_dry_run_and_real(demo_db, tmp_path, capsys):
    out = tmp_path / "mallar"
    out.mkdir()
    assert main(["--db", str(demo_db), "export-replies", str(out), "--body", "KS", "--all-open"]) == 0
    [sheet] = out.iterdir()
    assert sheet.name.startswith("KS-svar-") and "Kommunstyrelsen" in capsys.readouterr().out
    answer_all(sheet, "Kommunstyrelsen svarar.")

    assert main(["--db", str(demo_db), "import-replies", str(sheet), "--dry-run", "--json"]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert set(plan) >= {"matched", "changed", "unchanged", "unmatched", "conflicts", "warnings"}
    assert plan["matched"] == len(plan["changed"]) > 0
    assert plan["changed"][0]["fields"]["text"]["new"] == "Kommunstyrelsen svarar."
    assert plan["changed"][0]["fields"]["due"]["new"] == "2027-06-30"

    assert main(["--db", str(demo_db), "import-replies", str(sheet)]) == 0
    assert "svar ändrade" in capsys.readouterr().out
    assert main(["--db", str(demo_db), "import-replies", str(sheet)]) == 0
    assert "Inget att ändra" in capsys.readouterr().out


def test_unknown_body_and_missing_folder_exit_1_in_swedish(demo_db, tmp_path, capsys):
    assert main(["--db", str(demo_db), "export-replies", str(tmp_path), "--body", "Finansnämnden"]) == 1
    assert "Ingen nämnd heter ”Finansnämnden”" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "export-replies", str(tmp_path / "saknas")]) == 1
    assert "finns inte" in capsys.readouterr().err


def test_conflicts_without_yes_change_nothing_and_exit_1(demo_db, tmp_path, capsys):
    out = tmp_path / "mallar"
    out.mkdir()
    main(["--db", str(demo_db), "export-replies", str(out), "--body", "KS", "--all-open"])
    [sheet] = out.iterdir()
    answer_all(sheet, "Från mallen.")
    wb = openpyxl.load_workbook(sheet)
    wb["Uppgifter"]["B6"] = "2000-01-01T00:00:00"  # sent long before the demo's replies
    wb.save(sheet)
    capsys.readouterr()
    assert main(["--db", str(demo_db), "import-replies", str(sheet), "--json"]) == 1
    printed = capsys.readouterr()
    assert json.loads(printed.out)["conflicts"] and "inget har ändrats" in printed.err
    store = open_store(demo_db, read_only=True)
    assert store.conn.execute("SELECT count(*) FROM replies WHERE text = 'Från mallen.'").fetchone()[0] == 0
    store.close()
    assert main(["--db", str(demo_db), "import-replies", str(sheet), "--yes"]) == 0
    store = open_store(demo_db, read_only=True)
    assert store.conn.execute("SELECT count(*) FROM replies WHERE text = 'Från mallen.'").fetchone()[0] > 0
    store.close()


def test_export_names_each_sheet_with_its_count_in_good_swedish(demo_db, tmp_path, capsys):
    assert main(["--db", str(demo_db), "export-replies", str(tmp_path), "--body", "TN"]) == 0
    assert capsys.readouterr().out.startswith(
        "TN-svar-2026-11-25.xlsx: Tekniska nämnden, 1 rekommendation, svar senast"
    )
