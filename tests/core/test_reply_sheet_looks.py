"""What a reply sheet looks like cell by cell, pinned: its values, looks, protection,
validation lists and print setup, read back with openpyxl as the committee's Excel reads them."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.excel.reply_sheet import COLUMNS, HEADER_ROW, INSTRUCTION
from tracker.core.sendouts import send_reply_sheets

TODAY = dt.date(2026, 11, 25)
LONG = "=Inför stickprov i lönerna." + " lång text" * 20
GREY, YELLOW, HEAD, HEAD_FILL_IN = "EDEDED", "FFF4CC", "D9E1F2", "FFE699"


def look(cell) -> tuple:
    """Fill, bold, italic, size, wrap, vertical, horizontal, border, locked, number format, quote
    prefix. Colours without their alpha, and no size as Excel's default 11: how a writer spells
    them is not what a person sees."""
    fill = cell.fill.start_color.rgb[-6:] if cell.fill.fill_type else None
    border = (cell.border.left.style, cell.border.left.color.rgb[-6:] if cell.border.left.color else None)
    assert all((s.style, s.color.rgb[-6:] if s.color else None) == border for s in
               (cell.border.right, cell.border.top, cell.border.bottom))  # fmt: skip
    a, f = cell.alignment, cell.font
    return (fill, bool(f.b), bool(f.i), f.sz or 11.0, bool(a.wrap_text), a.vertical, a.horizontal, border[0] and border,
            cell.protection.locked, cell.number_format, bool(cell.quotePrefix))  # fmt: skip


def data_look(fill_in: bool, date: bool = False, quoted: bool = False) -> tuple:
    return (YELLOW if fill_in else GREY, False, False, 11.0, True, "top", None, ("thin", "B4B4B4"), not fill_in,
            "yyyy-mm-dd" if date else "General", quoted)  # fmt: skip


@pytest.fixture
def sheet(store, tmp_path):
    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        a = R.create_report(cs, "Granskning av löner", audit_year=2026, report_date=dt.date(2026, 9, 1),
                            reply_deadline=dt.date(2026, 12, 15))  # fmt: skip
        R.add_recommendation(cs, a, "Se över attesterna.", body_ids=[ks])
        R.add_recommendation(cs, a, LONG, body_ids=[ks])

    run_change(store, "setup", build)
    [sent] = send_reply_sheets(store, tmp_path, TODAY, [R.find_body(store, "KS").id])
    return openpyxl.load_workbook(sent.path)


def test_the_header_block_names_office_body_dates_and_says_what_to_do(sheet):
    ws = sheet["Svar"]
    assert (ws["A1"].value, ws["A1"].font.b, ws["A1"].font.sz) == ("Svar på revisionens rekommendationer", True, 14)
    labels = [(ws.cell(r, 1).value, ws.cell(r, 1).font.b) for r in range(2, 6)]
    assert labels == [("Revisionskontor:", True), ("Nämnd:", True), ("Skickat:", True), ("Svar senast:", True)]
    values = [(ws.cell(r, 2).value, ws.cell(r, 2).alignment.horizontal, ws.cell(r, 2).number_format)
              for r in range(2, 6)]  # fmt: skip
    assert values == [("Revisionskontoret", "left", "General"), ("Kommunstyrelsen", "left", "General"),
                      (dt.datetime(2026, 11, 25), "left", "yyyy-mm-dd"),
                      (dt.datetime(2026, 12, 15), "left", "yyyy-mm-dd")]  # fmt: skip
    note = ws["F2"]
    assert note.value == INSTRUCTION and note.font.i and note.alignment.wrap_text and note.alignment.vertical == "top"
    assert [str(m) for m in ws.merged_cells.ranges] == ["F2:J5"]


def test_every_heading_and_cell_has_its_look_locked_grey_or_yellow_to_fill_in(sheet):
    ws = sheet["Svar"]
    fill_in = [f for _, _, f in COLUMNS]
    heads = [(c.value, look(c)) for c in ws[HEADER_ROW]]
    assert heads == [
        (h, (HEAD_FILL_IN if f else HEAD, True, False, 11.0, True, "top", None, ("thin", "B4B4B4"), True,
             "General", False))
        for h, _, f in COLUMNS
    ]  # fmt: skip
    first, second = ([c.value for c in ws[r]] for r in (HEADER_ROW + 1, HEADER_ROW + 2))
    assert first[:5] == ["Granskning av löner", dt.datetime(2026, 9, 1), 1, "Se över attesterna.",
                         dt.datetime(2026, 12, 15)]  # fmt: skip
    assert first[5:10] == [None] * 5 and second[3] == LONG and first[10].startswith("R1-N1-")
    dates = {1, 4}
    for r in (HEADER_ROW + 1, HEADER_ROW + 2):
        quoted = {3} if r == HEADER_ROW + 2 else set()
        assert [look(c) for c in ws[r]] == [data_look(f, i in dates, i in quoted) for i, f in enumerate(fill_in)]
        assert [c.data_type for c in ws[r]][:5] == ["s", "d", "n", "s", "d"]
    assert ws.max_row == HEADER_ROW + 2


def test_columns_rows_panes_filter_protection_and_print_setup(sheet):
    ws = sheet["Svar"]
    # Widths in characters (a writer may add the cell padding Excel's own width carries).
    widths = {k: (int(d.width), bool(d.hidden)) for k, d in ws.column_dimensions.items()}
    assert widths == {chr(65 + i): (w, h == "Nyckel") for i, (h, w, _) in enumerate(COLUMNS)}
    # Heights for the wrapped text: three lines at least, the long text its own count (in whole
    # pixels, 0.75 points each).
    heights = [ws.row_dimensions[r].height for r in (7, 8, 9)]
    assert heights == pytest.approx([26, 43, 69], abs=0.5)
    assert ws.freeze_panes == "A8" and ws.auto_filter.ref == "A7:J9"
    p = ws.protection
    assert (p.sheet, p.sort, p.autoFilter, p.formatColumns, p.formatRows, p.password) == (
        True, False, False, False, False, None)  # fmt: skip
    ps = ws.page_setup
    # One page wide (1, the default, when not written), as many pages long as it takes.
    assert (ps.orientation, ps.paperSize, ps.fitToWidth or 1, ps.fitToHeight) == ("landscape", 9, 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$7:$7"
    assert not ws.print_options.gridLines and ws.page_margins.left == ws.page_margins.right == 0.4
    assert ws.oddFooter.center.text == "Sida &P av &N"


def test_the_date_and_status_columns_are_validated(sheet):
    ws = sheet["Svar"]
    found = [(dv.type, str(dv.sqref), dv.formula1, dv.formula2, dv.allow_blank, dv.errorStyle, dv.showErrorMessage,
              dv.errorTitle, dv.error) for dv in ws.data_validations.dataValidation]  # fmt: skip
    assert found == [
        ("date", "H8:H9", "DATE(2000,1,1)", "DATE(2100,12,31)", True, "warning", True, "Datum",
         "Skriv ett datum, t.ex. 2025-06-30. Vill du ändå behålla texten, välj Ja."),
        ("list", "I8:I9", '"Ej påbörjad,Pågående,Delvis åtgärdad,Åtgärdad,Ej åtgärdad,Inaktuell"', None, True, None,
         True, "Status", "Välj en status i listan."),
    ]  # fmt: skip


def test_the_very_hidden_info_sheet_records_the_send_out_as_text(sheet, store):
    info = sheet["Uppgifter"]
    assert info.sheet_state == "veryHidden" and sheet.sheetnames == ["Svar", "Uppgifter"]
    values = {r[0].value: (r[1].value, r[1].data_type) for r in info.iter_rows()}
    assert values.keys() == {"typ", "version", "register", "nämnd_id", "nämnd", "skickat", "svar_senast", "rader"}
    assert values["typ"] == ("revisionsuppfoljning-svarsmall", "s") and values["rader"] == ("2", "s")
    assert values["register"] == (store.setting("register_id"), "s") and values["nämnd_id"] == ("1", "s")
    assert values["svar_senast"] == ("2026-12-15", "s") and values["skickat"][0].startswith(TODAY.isoformat()[:4])
