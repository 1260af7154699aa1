"""The register import reads with calamine where it gives openpyxl's values and with openpyxl
otherwise: the same workbook gives the same plan either way (issue 16, "Excel at scale")."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from odd_workbooks import edit_part, register_workbook, set_cell_xml, shared_strings

from tracker.core.excel import register_sheets
from tracker.core.excel.register_import import read_register
from tracker.core.excel.register_plan import plan_json
from tracker.core.excel.workbook import read_checked
from tracker.core.opening import open_store

TODAY = dt.date(2026, 11, 25)
HEADINGS = ["Granskning", "År", "Nr", "Rekommendation", "Ansvarig nämnd", "Yttrande", "Status", "Svar senast",
            "Kommentar"]  # fmt: skip


def varied_register(path: Path) -> Path:
    """Dates as dates, date-times and text; numbers as numbers and as text; merged report
    titles; a hidden and a very hidden sheet; a lookup sheet of short forms."""
    rows = [
        ["Intern kontroll", 2024, 1, "Dokumentera kontrollerna.", "KS", "Vi gör det.", "Pågår",
         dt.date(2025, 1, 31), None],
        [None, 2024, "007", "Följ upp kontrollerna.", "KS, SN", None, "Åtgärdad", dt.datetime(2025, 3, 3, 12, 30), "Bra"],
        [None, 2024, "1.1", "Se över attesterna.", "SN", "Svar", "Delvis åtgärdad", "31 mars 2025", None],
        ["Upphandling (2023)", None, 2.5, "Följ lagen.", "TN", "(ersätts)", "Klar", "snart", None],
        ["Upphandling (2023)", None, 3, "Inför avtalsuppföljning.", "Tekniska nämnden", "123", "Ej påbörjad",
         dt.date(2024, 12, 31), "Uppföljd 2025-01-15"],
    ]  # fmt: skip
    register_workbook(path, rows, headings=HEADINGS, extra_sheets={"Förkortningar": [["KS", "Kommunstyrelsen"],
                      ["SN", "Socialnämnden"], ["TN", "Tekniska nämnden"]]})  # fmt: skip
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("A2:A4")
    for title, state in (("Gömd", "hidden"), ("Mycket gömd", "veryHidden")):
        ws = wb.create_sheet(title)
        ws.append(["Granskning", "Nr", "Rekommendation", "Ansvarig nämnd"])
        ws.append([f"Granskning i {title}", 1, f"Rekommendation i {title}.", "KS"])
        ws.sheet_state = state
    wb.save(path)
    # An error where a reply would be, an error in a note below the table, text that reads
    # like an error, and a formula without a saved result in the comment column (each in
    # place of a cell openpyxl wrote, so the row's cells stay in column order).
    set_cell_xml(path, "F4", '<c r="F4" t="e"><f>VLOOKUP(1,A:A,2)</f><v>#N/A</v></c>')
    set_cell_xml(path, "A9", '<c r="A9" t="e"><v>#REF!</v></c>')
    set_cell_xml(path, "F5", '<c r="F5" t="inlineStr"><is><t>#N/A</t></is></c>')
    return set_cell_xml(path, "I6", '<c r="I6"><f>A1&amp;B1</f></c>')


def _with_escapes(path: Path) -> Path:
    path = register_workbook(path, [["Löner", 2024, 1, "Text", "KS", "Svar", "Pågår", None]])
    return shared_strings(path, {"D2": "Se över_x001B_ attesterna_x0007_.", "E2": "KS_x0000_",
                                 "F2": "Svar_x000D__x000A_här"})  # fmt: skip


def _plans(store_path: Path, path: Path, monkeypatch) -> tuple[dict, dict]:
    """The plan of the workbook read as the import reads it, and read by openpyxl alone."""
    store = open_store(store_path)
    try:
        read = read_register(store, path)
        with monkeypatch.context() as m:
            m.setattr(register_sheets, "by_calamine", lambda data, scan: None)
            by_openpyxl = read_register(store, path)
    finally:
        store.close()
    return _comparable(read), _comparable(by_openpyxl)


def _comparable(plan) -> dict:
    return {
        **plan_json(plan),
        "previews": [s.preview for s in plan.sheets],
        "titles": [s.title_line for s in plan.sheets],
    }


def _uses_calamine(path: Path) -> bool:
    data, scan = read_checked(path)
    return register_sheets.by_calamine(data, scan) is not None


@pytest.mark.parametrize("make", [varied_register, _with_escapes], ids=["dates-numbers-errors-sheets", "escapes"])
def test_calamine_reads_the_plan_openpyxl_reads(tmp_path, monkeypatch, make):
    path = make(tmp_path / "reg.xlsx")
    assert _uses_calamine(path)
    read, by_openpyxl = _plans(tmp_path / "r.sqlite", path, monkeypatch)
    assert read == by_openpyxl
    assert read["counts"]["rekommendationer_nya"] >= 1


def test_the_plan_has_the_values_of_the_cells(tmp_path, monkeypatch):
    read, _ = _plans(tmp_path / "r.sqlite", varied_register(tmp_path / "reg.xlsx"), monkeypatch)
    listed = [r for report in read["reports"] for r in report["recommendations"]]
    assert [r["number"] for r in listed] == [1, 7, 1, 2, 3, 1]
    recs = {r["label"]: r for r in listed[:5]}
    assert recs["007"]["reply_deadline"] == "2025-03-03" and recs["1.1"]["reply_deadline"] == "2025-03-31"
    assert recs["2.5"]["text"] == "Följ lagen." and recs["3"]["reply"] == "123"
    assert recs["007"]["bodies"] == ["Kommunstyrelsen", "Socialnämnden"]
    assert [r["label"] for r in read["reports"][0]["recommendations"]] == ["1", "007", "1.1"], "merged title"
    assert recs["1.1"]["reply"] is None, "an error cell reads as empty"
    assert [r["reply"] for r in recs.values() if r["text"] == "Följ lagen."] == ["#N/A"]
    assert any("rad 4, kolumn F" in w and "#N/A" in w for w in read["warnings"])
    assert any("rad 6, kolumn I" in w and "formel utan sparat resultat" in w for w in read["warnings"])
    assert any("”Gömd”" in w for w in read["warnings"]) and any("”Mycket gömd”" in w for w in read["warnings"])


def test_escapes_are_decoded_once(tmp_path, monkeypatch):
    read, _ = _plans(tmp_path / "r.sqlite", _with_escapes(tmp_path / "reg.xlsx"), monkeypatch)
    [rec] = read["reports"][0]["recommendations"]
    assert (rec["text"], rec["bodies"], rec["reply"]) == ("Se över attesterna.", ["KS"], "Svar\nhär")


def test_an_escaped_underscore_reads_as_the_text_excel_shows(tmp_path):
    # "_x005F_" is Excel's escape for "_": the cell shows "a_x0007_b". openpyxl drops the
    # escape while reading shared strings, so decoding after it turned the rest into a
    # control character, which was then removed ("ab").
    path = register_workbook(tmp_path / "reg.xlsx", [["Löner", 2024, 1, "Text", "KS", "Svar", "Pågår", None]])
    shared_strings(path, {"F2": "a_x005F_x0007_b"})
    assert _uses_calamine(path)
    store = open_store(tmp_path / "r.sqlite")
    [rec] = [rec for r in read_register(store, path).reports for rec in r.recs.values()]
    store.close()
    assert rec.replies["KS"]["text"] == "a_x0007_b"


def _date_style(path: Path) -> str:
    wb = openpyxl.load_workbook(path)
    wb.active["H2"] = dt.date(2025, 1, 31)
    wb.save(path)
    return re.search(r'<c r="H2" s="(\d+)"', zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode())[1]


def test_a_date_before_1900_is_read_by_openpyxl_which_reads_it_as_a_date(tmp_path, monkeypatch):
    # calamine gives midnight for a negative serial instead of the date.
    path = register_workbook(tmp_path / "reg.xlsx", [["Löner", 2024, 1, "Rekommendation.", "KS", None, "Pågår", None]])
    set_cell_xml(path, "H2", f'<c r="H2" s="{_date_style(path)}"><v>-18260</v></c>')
    assert not _uses_calamine(path)
    read, _ = _plans(tmp_path / "r.sqlite", path, monkeypatch)
    assert read["reports"][0]["recommendations"][0]["reply_deadline"] == "1850-01-01"


def test_text_with_spaces_at_its_ends_is_read_by_openpyxl_which_keeps_them(tmp_path):
    path = register_workbook(tmp_path / "reg.xlsx", [["Löner", 2024, 1, "Rekommendation.", "KS", None, "Pågår"]])
    set_cell_xml(path, "F2", f'<c r="F2" t="inlineStr"><is><t>{"Lång " * 7000}</t></is></c>')
    assert not _uses_calamine(path)


def test_a_sheet_in_utf16_which_calamine_reads_as_empty_is_read_by_openpyxl(tmp_path):
    path = register_workbook(tmp_path / "reg.xlsx", [["Löner", 2024, n, f"Rekommendation {n}.", "KS"] for n in (1, 2)])
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            if info.filename == sheet:
                data = data.decode().replace("encoding='UTF-8'", "").replace('encoding="UTF-8"', "")
                data = re.sub(r"^<\?xml[^>]*\?>", "", data)
                data = ('<?xml version="1.0" encoding="UTF-16"?>' + data).encode("utf-16")
            out.writestr(info, data)
    assert not _uses_calamine(path)
    store = open_store(tmp_path / "r.sqlite")
    plan = read_register(store, path)
    assert [rec.text for r in plan.reports for rec in r.recs.values()] == ["Rekommendation 1.", "Rekommendation 2."]
    store.close()


def test_a_file_calamine_cannot_read_is_read_by_openpyxl(tmp_path, monkeypatch):
    # A cell type calamine refuses ("zz"); openpyxl reads its value as text.
    path = register_workbook(tmp_path / "reg.xlsx", [["Löner", 2024, 1, "Rekommendation.", "KS", None, "Pågår"]])
    set_cell_xml(path, "F2", '<c r="F2" t="zz"><v>Vi gör det.</v></c>')
    data, scan = read_checked(path)
    assert scan.calamine_differs is None and register_sheets.by_calamine(data, scan) is None
    read, _ = _plans(tmp_path / "r.sqlite", path, monkeypatch)
    assert read["reports"][0]["recommendations"][0]["reply"] == "Vi gör det."


def test_cells_far_out_are_read_by_openpyxl(tmp_path):
    path = register_workbook(tmp_path / "reg.xlsx", [["Löner", 2024, 1, "Rekommendation.", "KS"]])
    assert _uses_calamine(path)
    set_cell_xml(path, "XFD1048576", '<c r="XFD1048576" s="1"/>')
    assert not _uses_calamine(path)
    assert read_checked(path)[1].extent["Uppföljning"] == (1_048_576, 16_384)


def test_text_with_spaces_at_its_ends_is_found_in_shared_strings_and_across_the_pieces_the_scan_reads(tmp_path):
    rows = [
        ["Löner", 2024, n, f"Rekommendation {n} " + ("om intern kontroll " * 20).strip(), "KS"] for n in range(1, 4001)
    ]
    path = register_workbook(tmp_path / "reg.xlsx", rows)
    assert len(zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")) > 2 << 20  # more than one piece
    assert _uses_calamine(path)
    assert read_checked(path)[1].extent["Uppföljning"] == (4001, 26)
    edit_part(
        path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace("<t>Rekommendation 3999 ", "<t> Rekommendation 3999 ")
    )
    assert not _uses_calamine(path)
    for text, calamine in (("Rekommendation.", True), ("Rekommendation. ", False)):
        shared = register_workbook(tmp_path / f"delade-{calamine}.xlsx", [["Löner", 2024, 1, "Text", "KS"]])
        assert _uses_calamine(shared_strings(shared, {"D2": text})) is calamine
