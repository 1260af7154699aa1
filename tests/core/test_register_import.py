"""Importing offices' own registers: header rows, merges, lookups, per-body sheets,
statuses, dates, and re-imports that change nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from tracker.core import register
from tracker.core.changes import run_change
from tracker.core.errors import UserError
from tracker.core.excel.register_apply import apply_plan
from tracker.core.excel.register_import import read_register
from tracker.core.excel.register_plan import plan_json
from tracker.core.layouts import get_layout, last_used_layout
from tracker.core.queries import load_rows

TODAY = dt.date(2026, 11, 25)


def office_register(path: Path) -> Path:
    """One sheet for everything: title and date above, merged report titles, short forms
    explained on a lookup sheet, several bodies in a cell, dates as text, a note below."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Uppföljning"
    ws["A1"] = "Uppföljning av revisionens rekommendationer"
    ws["A2"] = "Per 2023-12-31"
    ws.append([])
    ws.append(["Granskning", "År", "Rekommendation", "Ansvarig nämnd", "Yttrande", "Planerad åtgärd",
               "Tidplan", "Bedömning", "Revisorernas kommentar"])  # fmt: skip
    rows = [
        ["Granskning av intern kontroll", 2021, "Säkerställ att planen följs upp.", "KS", "Vi gör det.",
         "Ny rutin", "31 mars 2023", "Pågår", "Arbete pågår"],
        [None, None, "Dokumentera kontrollerna.", "KS, SAN", None, None, "T1 2024", "Klar", None],
        ["Granskning av upphandling (2022)", None, "Följ upphandlingslagen.", "TN och BUN",
         "=Vi följer den", None, "snart", "Väntar på besked", None],
        [None, None, "Inför avtalsuppföljning.", "Social- och arbetsmarknadsnämnden", None, None,
         dt.datetime(2024, 6, 30), "Ej påbörjad", None],
    ]  # fmt: skip
    for r in rows:
        ws.append(r)
    ws["E7"].data_type = "s"  # pasted text that starts like a formula, kept as text
    ws.merge_cells("A5:A6")
    ws.merge_cells("B5:B6")
    ws.merge_cells("A7:A8")
    ws.append([])
    ws.append(["Not: statusen bedöms av revisorerna."])
    lookup = wb.create_sheet("Förkortningar")
    for short, name in [("KS", "Kommunstyrelsen"), ("SAN", "Socialnämnden"), ("TN", "Tekniska nämnden"),
                        ("BUN", "Barn- och utbildningsnämnden")]:  # fmt: skip
        lookup.append([short, name])
    wb.save(path)
    return path


def test_finds_header_below_title_lines_and_reads_merged_reports(store, tmp_path):
    plan = read_register(store, office_register(tmp_path / "reg.xlsx"))
    sheet = plan.sheets[0]
    assert sheet.header_row == 4
    assert sheet.mapping["Yttrande"] == "reply" and sheet.mapping["Tidplan"] == "due"
    assert sheet.merged_reports
    titles = [(r.title, r.year) for r in plan.reports]
    assert titles == [("Granskning av intern kontroll", 2021), ("Granskning av upphandling", 2022)]
    assert [len(r.recs) for r in plan.reports] == [2, 2]


def test_bodies_resolve_through_lookup_sheet_and_split(store, tmp_path):
    plan = read_register(store, office_register(tmp_path / "reg.xlsx"))
    recs = [rec for r in plan.reports for rec in r.recs.values()]
    assert recs[1].bodies == ["Kommunstyrelsen", "Socialnämnden"]
    assert recs[2].bodies == ["Tekniska nämnden", "Barn- och utbildningsnämnden"]
    assert recs[3].bodies == ["Social- och arbetsmarknadsnämnden"]
    assert plan.new_bodies["Kommunstyrelsen"] == "KS"


def test_unknown_status_and_unreadable_dates_are_flagged(store, tmp_path):
    plan = read_register(store, office_register(tmp_path / "reg.xlsx"))
    assert list(plan.unknown_statuses) == ["Väntar på besked"]
    assert any("snart" in w for w in plan.warnings)
    data = plan_json(plan)
    rec = data["reports"][1]["recommendations"][0]
    assert rec["due"] == "snart" and rec["status"] == "Väntar på besked"


def test_user_mapping_of_status_word_is_used_and_saved(store, tmp_path):
    path = office_register(tmp_path / "reg.xlsx")
    plan = read_register(store, path, status_map={"Väntar på besked": "Pågående"})
    assert not plan.unknown_statuses
    apply_plan(store, plan, layout_name="Vår mall", today=TODAY)
    assert get_layout(store, "Vår mall").status_map["Väntar på besked"] == "Pågående"
    assert not read_register(store, path).unknown_statuses  # the saved layout remembers it


def test_apply_creates_everything_and_reimport_changes_nothing(store, tmp_path):
    path = office_register(tmp_path / "reg.xlsx")
    counts = apply_plan(store, read_register(store, path), today=TODAY)
    assert counts["rekommendationer_nya"] == 4 and counts["granskningar_nya"] == 2
    rows = load_rows(store, TODAY)
    assert len(rows) == 4
    first = next(r for r in rows if r.text.startswith("Säkerställ"))
    assert first.status == "Pågående" and first.status_raw == "Pågår"
    assert first.replies[0].due == dt.date(2023, 3, 31)
    late = next(r for r in rows if r.text.startswith("Följ"))
    assert late.replies[0].due_text == "snart" and late.replies[0].text == "=Vi följer den"
    history_before = store.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    again = read_register(store, path)
    assert again.counts["rekommendationer_nya"] == 0 and again.counts["uppföljningar_nya"] == 0
    assert all(rec.action == "oförändrad" for r in again.reports for rec in r.recs.values())
    apply_plan(store, again, today=TODAY)
    changes = store.conn.execute("SELECT count(*) FROM history WHERE table_name != 'register_layouts'")
    assert changes.fetchone()[0] == history_before - 1  # only the layout's first save differs


def test_changed_status_becomes_a_new_follow_up(store, tmp_path):
    path = office_register(tmp_path / "reg.xlsx")
    apply_plan(store, read_register(store, path), today=TODAY)
    wb = openpyxl.load_workbook(path)
    wb["Uppföljning"]["H5"] = "Åtgärdad"
    wb.save(path)
    plan = read_register(store, path)
    assert plan.counts["uppföljningar_nya"] == 1 and plan.counts["rekommendationer_nya"] == 0
    apply_plan(store, plan, today=TODAY)
    assert store.conn.execute("SELECT count(*) FROM follow_ups").fetchone()[0] == 5


def test_one_sheet_per_body_takes_body_from_sheet_name_or_line_above(store, tmp_path):
    run_change(store, "nämnd", lambda cs: register.create_body(cs, "Kommunstyrelsen", short_name="KS"))
    wb = openpyxl.Workbook()
    ks = wb.active
    ks.title = "KS"
    ks.append(["Rapport", "Rekommendationer", "Status"])
    ks.append(["Styrning (2020)", "Styr bättre.", "Pågående"])
    other = wb.create_sheet("Blad2")
    other.append(["Ansvarig: Miljönämnden"])
    other.append(["Rapport", "Rekommendationer", "Status"])
    other.append(["Styrning (2020)", "Styr bättre.", "Delvis"])
    wb.save(tmp_path / "per-body.xlsx")
    plan = read_register(store, tmp_path / "per-body.xlsx")
    [report] = plan.reports
    [rec] = report.recs.values()
    assert rec.bodies == ["Kommunstyrelsen", "Miljönämnden"]
    assert list(plan.new_bodies) == ["Miljönämnden"]


def test_dry_run_writes_nothing(store, tmp_path):
    read_register(store, office_register(tmp_path / "reg.xlsx"))
    assert store.conn.execute("SELECT count(*) FROM recommendations").fetchone()[0] == 0
    assert last_used_layout(store) is None


def test_sheet_without_recommendation_column_is_refused_with_file_name(store, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Namn", "Telefon"])
    wb.save(tmp_path / "fel.xlsx")
    with pytest.raises(UserError) as err:
        read_register(store, tmp_path / "fel.xlsx")
    assert "Rekommendation" in str(err.value) and "fel.xlsx" in str(err.value)


def test_excel_error_cell_is_named(store, tmp_path):
    path = office_register(tmp_path / "reg.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["Uppföljning"]["C6"] = "#REF!"
    wb["Uppföljning"]["C6"].data_type = "e"
    wb.save(path)
    with pytest.raises(UserError) as err:
        read_register(store, path)
    assert err.value.row == 6 and err.value.column == "C"


def test_an_import_whose_backup_fails_does_not_run(store, tmp_path):
    import shutil

    from tracker.core.backups import backup_dir

    plan = read_register(store, office_register(tmp_path / "reg.xlsx"))
    blocker = backup_dir(store.path)
    shutil.rmtree(blocker, ignore_errors=True)  # today's backup from opening
    blocker.write_text("en fil där kopiorna skulle ligga")  # the folder cannot be made

    with pytest.raises(UserError, match="Säkerhetskopian kunde inte skrivas"):
        apply_plan(store, plan, today=TODAY)
    assert store.conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 0
    assert store.conn.execute("SELECT count(*) FROM history").fetchone()[0] == 0


def test_a_sheet_declaring_fewer_rows_than_it_holds_loses_none(store, tmp_path):
    import zipfile

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Granskning", "Rekommendation", "Ansvarig"])
    for n in range(50):
        ws.append(["Löner (2024)", f"Rekommendation {n}.", "Kommunstyrelsen"])
    ws.merge_cells("A2:A51")
    wb.save(tmp_path / "full.xlsx")
    short = tmp_path / "kort.xlsx"
    with zipfile.ZipFile(tmp_path / "full.xlsx") as src, zipfile.ZipFile(short, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:C51"/>' in data
                data = data.replace(b'<dimension ref="A1:C51"/>', b'<dimension ref="A1:C3"/>')
            out.writestr(info, data)
    plan = read_register(store, short)
    [report] = plan_json(plan)["reports"]
    assert len(report["recommendations"]) == 50 and report["year"] == 2024
