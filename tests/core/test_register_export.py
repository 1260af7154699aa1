"""Exporting the register in an office's layout and plain, and round trips through import."""

from __future__ import annotations

import datetime as dt

import openpyxl
from test_register_import import TODAY, office_register

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.excel.register_apply import apply_plan
from tracker.core.excel.register_export import export_register
from tracker.core.excel.register_import import read_register
from tracker.core.layouts import last_used_layout
from tracker.core.queries import load_rows


def history_count(store) -> int:
    return store.conn.execute("SELECT count(*) FROM history WHERE table_name != 'register_layouts'").fetchone()[0]


def test_layout_export_gives_back_the_offices_shape(store, tmp_path):
    apply_plan(store, read_register(store, office_register(tmp_path / "in.xlsx")), layout_name="Kontoret", today=TODAY)
    export_register(store, tmp_path / "out.xlsx", layout=last_used_layout(store), today=TODAY)
    ws = openpyxl.load_workbook(tmp_path / "out.xlsx").active
    assert ws["A1"].value == "Uppföljning av revisionens rekommendationer"
    assert [c.value for c in ws[4]] == ["Granskning", "År", "Rekommendation", "Ansvarig nämnd", "Yttrande",
                                        "Planerad åtgärd", "Tidplan", "Bedömning", "Revisorernas kommentar"]  # fmt: skip
    statuses = [ws.cell(row=r, column=8).value for r in range(5, 9)]
    assert statuses == ["Pågår", "Klar", "Väntar på besked", "Ej påbörjad"]
    assert {str(m) for m in ws.merged_cells.ranges} >= {"A5:A6", "B5:B6", "A7:A8"}
    assert ws["D6"].value == "KS, SAN"  # the office's short forms
    # The layout has a year column, so a year read from a title goes there.
    assert (ws["A7"].value, ws["B7"].value) == ("Granskning av upphandling", 2022)
    assert ws["E7"].value == "=Vi följer den" and ws["E7"].data_type == "s"
    # Only the formula-like cell is quote-prefixed; the cells sharing its style are not.
    assert ws["E7"].quotePrefix and not ws["E5"].quotePrefix and not ws["C5"].quotePrefix
    assert ws["G5"].value == dt.datetime(2023, 3, 31)


def test_import_export_import_changes_nothing(store, tmp_path):
    apply_plan(store, read_register(store, office_register(tmp_path / "in.xlsx")), today=TODAY)
    before = history_count(store)
    export_register(store, tmp_path / "out.xlsx", layout=last_used_layout(store), today=TODAY)
    plan = read_register(store, tmp_path / "out.xlsx")
    assert not any(v for k, v in plan.counts.items())
    apply_plan(store, plan, today=TODAY)
    assert history_count(store) == before


def test_plain_export_has_every_field_real_dates_filter_and_frozen_header(store, tmp_path):
    apply_plan(store, read_register(store, office_register(tmp_path / "in.xlsx")), today=TODAY)
    count = export_register(store, tmp_path / "plain.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(tmp_path / "plain.xlsx").active
    assert count == 4
    assert ws[1][0].value == "Granskning" and ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:")
    assert ws.max_row == 1 + 6  # one row per recommendation and body
    assert isinstance(ws["I2"].value, dt.datetime)


def test_plain_export_imports_back_without_changes(store, tmp_path):
    apply_plan(store, read_register(store, office_register(tmp_path / "in.xlsx")), today=TODAY)
    export_register(store, tmp_path / "plain.xlsx", today=TODAY)
    plan = read_register(store, tmp_path / "plain.xlsx")
    assert not any(plan.counts.values()), plan.counts


def test_selection_export_writes_only_those_recommendations(store, tmp_path):
    apply_plan(store, read_register(store, office_register(tmp_path / "in.xlsx")), today=TODAY)
    chosen = [load_rows(store, TODAY)[0].id]
    assert export_register(store, tmp_path / "sel.xlsx", ids=chosen, today=TODAY) == 1


def test_per_body_sheets_come_back_per_body(store, tmp_path):
    wb = openpyxl.Workbook()
    ks = wb.active
    ks.title = "Kommunstyrelsen"
    ks.append(["Ansvarig: Kommunstyrelsen"])
    ks.append(["Rapport", "Rekommendationer", "Status"])
    ks.append(["Styrning (2020)", "Styr bättre.", "Pågående"])
    other = wb.create_sheet("Blad2")
    other.append(["Ansvarig: Miljönämnden"])
    other.append(["Rapport", "Rekommendationer", "Status"])
    other.append(["Styrning (2020)", "Styr bättre.", "Pågående"])
    wb.save(tmp_path / "per-body.xlsx")
    apply_plan(store, read_register(store, tmp_path / "per-body.xlsx"), today=TODAY)
    export_register(store, tmp_path / "out.xlsx", layout=last_used_layout(store), today=TODAY)
    out = openpyxl.load_workbook(tmp_path / "out.xlsx")
    assert out.sheetnames == ["Kommunstyrelsen", "Miljönämnden"]
    assert out["Miljönämnden"]["A1"].value == "Ansvarig: Miljönämnden"
    assert [c.value for c in out["Miljönämnden"][3]] == ["Styrning (2020)", "Styr bättre.", "Pågående"]
    assert not any(read_register(store, tmp_path / "out.xlsx").counts.values())


def test_exporting_over_the_offices_workbook_keeps_its_other_sheets_and_rebuilds_the_lookup(store, tmp_path):
    book = office_register(tmp_path / "kontoret.xlsx")
    wb = openpyxl.load_workbook(book)
    wb["Uppföljning"]["A2"] = "Uppdaterad 2023-11-15"
    info = wb.create_sheet("Läs mig", 0)
    info["A1"] = "Registret förs av revisionskontoret."
    wb.save(book)
    apply_plan(store, read_register(store, book), layout_name="Kontoret", today=TODAY)
    run_change(store, "ny nämnd", lambda cs: R.create_body(cs, "Valnämnden", short_name="VN"))

    export_register(store, book, layout=last_used_layout(store), today=dt.date(2026, 11, 25))
    out = openpyxl.load_workbook(book)
    assert out.sheetnames == ["Läs mig", "Uppföljning", "Förkortningar"]  # in their order
    assert out["Läs mig"]["A1"].value == "Registret förs av revisionskontoret."
    assert out["Uppföljning"]["A2"].value == "Uppdaterad 2026-11-25"
    pairs = [tuple(r) for r in out["Förkortningar"].values]
    assert ("VN", "Valnämnden") in pairs and ("KS", "Kommunstyrelsen") in pairs
    assert len(pairs) == len(set(pairs))  # rebuilt, not appended to
    # And it reads back as the same register.
    assert not any(read_register(store, book).counts.values())


def test_a_new_file_in_a_layout_with_short_forms_gets_a_lookup_sheet(store, tmp_path):
    apply_plan(store, read_register(store, office_register(tmp_path / "in.xlsx")), layout_name="Kontoret", today=TODAY)
    export_register(store, tmp_path / "ny.xlsx", layout=last_used_layout(store), today=TODAY)
    out = openpyxl.load_workbook(tmp_path / "ny.xlsx")
    assert out.sheetnames == ["Uppföljning", "Nämnder"]
    assert ("KS", "Kommunstyrelsen") in [tuple(r) for r in out["Nämnder"].values]
    assert out.active.title == "Uppföljning"
