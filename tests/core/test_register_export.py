"""Exporting the register in an office's layout and plain, and round trips through import."""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile

import openpyxl
import pytest
from openpyxl.styles import Font
from test_cancel import big_register, stop_after
from test_register_import import TODAY, office_register

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.errors import UserError
from tracker.core.excel.register_apply import apply_plan
from tracker.core.excel.register_export import export_register
from tracker.core.excel.register_import import read_register
from tracker.core.layouts import Layout, last_used_layout
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


def with_notes(book):
    """The office's register with its date line, and a sheet of notes before it."""
    wb = openpyxl.load_workbook(book)
    wb["Uppföljning"]["A2"] = "Uppdaterad 2023-11-15"
    info = wb.create_sheet("Läs mig", 0)
    info["A1"] = "Registret förs av revisionskontoret."
    return wb, info


def test_exporting_over_the_offices_workbook_keeps_its_other_sheets_and_rebuilds_the_lookup(store, tmp_path):
    book = office_register(tmp_path / "kontoret.xlsx")
    wb, _ = with_notes(book)
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


def cell_look(cell) -> tuple:
    """Bold, size, wrap, vertical alignment, number format, quote prefix."""
    return (bool(cell.font.b), cell.font.sz, bool(cell.alignment.wrap_text), cell.alignment.vertical,
            cell.number_format, bool(cell.quotePrefix))  # fmt: skip


TEXT, DATE = (False, 11.0, True, "top", "General", False), (False, 11.0, True, "top", "yyyy-mm-dd", False)


def test_the_layout_export_keeps_its_looks_and_the_offices_other_sheets_as_they_were(store, tmp_path):
    book = office_register(tmp_path / "kontoret.xlsx")
    wb, info = with_notes(book)
    info["A1"].font = Font(bold=True)
    info["B2"] = dt.datetime(2023, 11, 15)
    info["B2"].number_format = "yyyy-mm-dd"
    info["A3"] = "=inte en formel"
    info["A3"].data_type = "s"
    info.merge_cells("A3:C3")
    info.column_dimensions["A"].width = 50
    hidden = wb.create_sheet("Dolt")
    hidden["A1"] = "anteckning"
    hidden.sheet_state = "hidden"
    wb.save(book)
    apply_plan(store, read_register(store, book), layout_name="Kontoret", today=TODAY)
    export_register(store, book, layout=last_used_layout(store), today=dt.date(2026, 11, 25))

    out = openpyxl.load_workbook(book)
    assert out.sheetnames == ["Läs mig", "Uppföljning", "Förkortningar", "Dolt"] and out.active.title == "Läs mig"
    kept = out["Läs mig"]
    assert [[c.value for c in r] for r in kept.iter_rows()] == [
        ["Registret förs av revisionskontoret.", None, None], [None, dt.datetime(2023, 11, 15), None],
        ["=inte en formel", None, None]]  # fmt: skip
    assert kept["A1"].font.b and kept["B2"].number_format == "yyyy-mm-dd"
    assert kept["A3"].data_type == "s" and kept["A3"].quotePrefix
    assert [str(m) for m in kept.merged_cells.ranges] == ["A3:C3"] and kept.column_dimensions["A"].width == 50
    assert out["Dolt"].sheet_state == "hidden" and out["Dolt"]["A1"].value == "anteckning"

    ws = out["Uppföljning"]
    assert (ws["A1"].value, ws["A1"].font.b, ws["A1"].font.sz) == ("Uppföljning av revisionens rekommendationer",
                                                                     True, 13)  # fmt: skip
    assert ws["A2"].value == "Uppdaterad 2026-11-25" and ws.max_row == 8
    assert all(c.font.b for c in ws[4])
    assert [cell_look(c) for c in ws[5]] == [TEXT] * 6 + [DATE] + [TEXT] * 2
    assert [cell_look(c) for c in ws[7]] == [TEXT] * 4 + [TEXT[:5] + (True,)] + [TEXT] * 4  # "=Vi följer den"
    assert sorted(str(m) for m in ws.merged_cells.ranges) == ["A5:A6", "A7:A8", "B5:B6", "B7:B8"]
    widths = {k: d.width for k, d in ws.column_dimensions.items()}
    assert widths == {"A": 40, "B": 14, "C": 60, "D": 28, "E": 50, "F": 40, "G": 14, "H": 14, "I": 40}
    assert ws.freeze_panes == "A5" and ws.auto_filter.ref is None and ws.print_title_rows == "$4:$4"
    assert (ws.page_setup.orientation, ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == ("landscape", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage


def test_the_plain_export_has_bold_headings_wrapped_cells_and_a_filter_over_every_row(store, tmp_path):
    apply_plan(store, read_register(store, office_register(tmp_path / "in.xlsx")), today=TODAY)
    export_register(store, tmp_path / "plain.xlsx", today=TODAY)
    out = openpyxl.load_workbook(tmp_path / "plain.xlsx")
    ws = out["Register"]
    assert out.sheetnames == ["Register"] and ws.auto_filter.ref == "A1:M7" and ws.freeze_panes == "A2"
    assert all(c.font.b for c in ws[1]) and [c.value for c in ws[1]][:2] == ["Granskning", "Revisionsår"]
    assert [cell_look(c) for c in ws[2]] == [TEXT] * 8 + [DATE] + [TEXT] * 3 + [DATE]
    assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape"
    assert ws.column_dimensions["E"].width == 60 and ws.column_dimensions["B"].width == 14


def test_avbryt_leaves_none_of_the_streamed_sheets_temporary_files(store, tmp_path, monkeypatch):
    apply_plan(store, read_register(store, big_register(tmp_path / "reg.xlsx")), today=TODAY)
    temporary = tmp_path / "temp"
    temporary.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))  # where openpyxl writes a sheet's rows
    progress, _ = stop_after(1)
    with pytest.raises(UserError, match="Avbrutet"):
        export_register(store, tmp_path / "ut.xlsx", today=TODAY, progress=progress)
    assert list(temporary.iterdir()) == [] and not (tmp_path / "ut.xlsx").exists()


def test_a_damaged_workbook_exported_over_is_replaced_whole(store, tmp_path):
    book = office_register(tmp_path / "kontoret.xlsx")
    apply_plan(store, read_register(store, book), layout_name="Kontoret", today=TODAY)
    with zipfile.ZipFile(book) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"][:300]  # cut off mid-sheet
    with zipfile.ZipFile(book, "w") as damaged:
        for name, data in parts.items():
            damaged.writestr(name, data)
    assert export_register(store, book, layout=last_used_layout(store), today=TODAY) == 4
    assert openpyxl.load_workbook(book).sheetnames == ["Uppföljning", "Nämnder"]


def test_the_plain_export_lists_the_recommendations_as_the_list_does_and_the_layout_as_entered(store, tmp_path):
    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        sn = R.create_body(cs, "Socialnämnden", short_name="SN")
        for title, labels in (("Öppenvård", ["2", "1.10", "1.2"]), ("Arkiv", ["1"]), ("Bisysslor", ["3", "1"])):
            report = R.create_report(cs, title, audit_year=2025)
            for label in labels:
                bodies = [ks, sn] if label == "1" else [sn]
                R.add_recommendation(cs, report, f"{title} {label}.", bodies, number=int(label[0]), label=label)

    run_change(store, "setup", build)
    export_register(store, tmp_path / "plain.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(tmp_path / "plain.xlsx")["Register"]
    texts = [row[4] for row in ws.iter_rows(min_row=2, values_only=True)]
    listed = [r.text for r in load_rows(store, TODAY) for _ in r.body_ids]
    assert (
        texts == listed
        and texts[0] == "Arkiv 1."
        and texts[-3:] == ["Öppenvård 1.2.", "Öppenvård 1.10.", "Öppenvård 2."]
    )
    layout = Layout("Kontoret", [("Granskning", "report"), ("Nr", "number"), ("Rekommendation", "recommendation"),
                                 ("Nämnd", "body")])  # fmt: skip
    assert export_register(store, tmp_path / "layout.xlsx", layout=layout, today=TODAY) == 6
    ws = openpyxl.load_workbook(tmp_path / "layout.xlsx").active
    assert [row[2] for row in ws.iter_rows(min_row=2, values_only=True)] == [
        "Öppenvård 1.2.", "Öppenvård 1.10.", "Öppenvård 2.", "Arkiv 1.", "Bisysslor 1.", "Bisysslor 3."]  # fmt: skip
