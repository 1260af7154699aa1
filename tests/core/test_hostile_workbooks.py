"""Workbooks from outside that are broken, disguised, huge or malicious: each gets a
clear Swedish message or is read correctly; none crashes, and none is changed."""

from __future__ import annotations

import datetime as dt
import errno
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from tracker.core.characters import clean_text
from tracker.core.errors import UserError
from tracker.core.excel import workbook as W
from tracker.core.excel.workbook import cell_value, open_workbook, save_workbook, set_text

ROOT = Path(__file__).resolve().parents[2]
SHEET = "xl/worksheets/sheet1.xml"
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def _xlsx(path: Path, rows=(("Nr", "Rekommendation"), (1, "Första"))) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    for row in rows:
        ws.append(list(row))
    wb.save(path)
    return path


def _with_member(path: Path, name: str, data: bytes | str, source: Path | None = None) -> Path:
    """A copy of `source` (a plain workbook) with one part replaced or added."""
    source = source or _xlsx(path.with_name("grund.xlsx"))
    data = data.encode("utf-8") if isinstance(data, str) else data
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename != name:
                out.writestr(info, src.read(info))
        out.writestr(name, data)
    return path


def _sheet_xml(rows_xml: str, head: str = "", dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<?xml version="1.0" encoding="UTF-8"?>{head}<worksheet {NS}>{dim}<sheetData>{rows_xml}</sheetData></worksheet>'


def _inline_row(r: int, *values: str) -> str:
    cells = "".join(f'<c r="{chr(65 + i)}{r}" t="inlineStr"><is><t>{v}</t></is></c>' for i, v in enumerate(values))
    return f'<row r="{r}">{cells}</row>'


def _refused(path: Path, match: str) -> UserError:
    before = path.read_bytes()
    with pytest.raises(UserError, match=match) as info:
        open_workbook(path)
    assert info.value.file == path.name
    assert "Inget har ändrats" in info.value.message
    assert path.read_bytes() == before, "a refused file must be left exactly as it was"
    return info.value


# --- refused, with a message saying what the file is and what to do --------------


def test_a_file_that_is_not_a_zip_is_refused(tmp_path):
    path = tmp_path / "svar.xlsx"
    path.write_bytes(os.urandom(3000).replace(b"\x00", b"\x01") + b"\x00")
    _refused(path, "inte en Excel-arbetsbok")


def test_an_empty_file_is_refused(tmp_path):
    path = tmp_path / "svar.xlsx"
    path.write_bytes(b"")
    _refused(path, "tom")


def test_a_truncated_workbook_is_refused_as_incomplete(tmp_path):
    whole = _xlsx(tmp_path / "hel.xlsx").read_bytes()
    path = tmp_path / "svar.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    _refused(path, "inte fullständig")


def test_an_old_xls_file_is_refused_with_how_to_convert(tmp_path):
    path = tmp_path / "svar.xlsx"
    path.write_bytes(W._OLE_MAGIC + b"\x00" * 4000 + "Workbook".encode("utf-16-le"))
    _refused(path, r"\.xls\).*spara den som")


def test_a_password_protected_workbook_is_refused(tmp_path):
    path = tmp_path / "svar.xlsx"
    path.write_bytes(W._OLE_MAGIC + b"\x00" * 600 + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 600)
    _refused(path, "lösenordsskyddad")


def test_a_binary_xlsb_workbook_is_refused(tmp_path):
    path = tmp_path / "svar.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    _refused(path, "xlsb")


def test_an_ods_spreadsheet_is_refused(tmp_path):
    path = tmp_path / "svar.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<office:document-content/>")
    _refused(path, r"OpenDocument.*\.ods")


def test_a_csv_file_renamed_to_xlsx_is_refused_as_text(tmp_path):
    path = tmp_path / "svar.xlsx"
    path.write_text("Nr;Rekommendation;Nämnd\n1;Förbättra kontrollen;KS\n", encoding="utf-8")
    _refused(path, "text \\(till exempel CSV\\)")


def test_a_zip_that_is_no_workbook_is_refused(tmp_path):
    path = tmp_path / "svar.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "hej")
    _refused(path, "ingen Excel-arbetsbok")


def test_billion_laughs_entities_are_refused_without_expanding(tmp_path):
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    head = f'<!DOCTYPE worksheet [<!ENTITY l0 "skratt">{lol}]>'
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(_inline_row(1, "&l9;"), head))
    _refused(path, "DTD eller entiteter")


def test_an_external_entity_is_refused_and_never_read(tmp_path):
    secret = tmp_path / "hemligt.txt"
    secret.write_text("LÖSENORD-123")
    head = f'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>'
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(_inline_row(1, "&xxe;"), head))
    error = _refused(path, "DTD eller entiteter")
    assert "LÖSENORD" not in str(error)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path, monkeypatch):
    monkeypatch.setattr(W, "MAX_UNCOMPRESSED", 2 * 1024 * 1024)
    path = _with_member(tmp_path / "svar.xlsx", "xl/media/bomb.bin", b"\x00" * (8 * 1024 * 1024))
    assert path.stat().st_size < 100_000
    _refused(path, "zip-bomb")


def test_a_workbook_with_more_cells_than_we_hold_in_memory_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(W, "MAX_CELLS", 500)
    path = _xlsx(tmp_path / "svar.xlsx", rows=[(n, f"rad {n}") for n in range(400)])
    _refused(path, "fler än 500 celler")


def test_a_damaged_sheet_part_is_refused(tmp_path):
    path = _with_member(tmp_path / "svar.xlsx", SHEET, "<worksheet><sheetData><row><c")
    _refused(path, "skadad")


# --- read correctly -------------------------------------------------------------


def test_rows_beyond_the_declared_size_are_all_read(tmp_path):
    rows = "".join(_inline_row(r, str(r), f"rad {r}") for r in range(1, 11))
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(rows, dimension="A1:B2"))
    ws = open_workbook(path)["Blad1"]
    assert [row[1] for row in ws.iter_rows(values_only=True)] == [f"rad {r}" for r in range(1, 11)]


def test_a_sheet_declaring_a_million_rows_with_three_reads_three(tmp_path):
    rows = "".join(_inline_row(r, str(r)) for r in range(1, 4))
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(rows, dimension="A1:Z1048576"))
    ws = open_workbook(path)["Blad1"]
    assert ws.max_row == 3
    assert [r[0] for r in ws.iter_rows(values_only=True)] == ["1", "2", "3"]


@pytest.mark.slow
def test_a_hundred_thousand_real_rows_are_read_in_bounded_memory(tmp_path):
    path = tmp_path / "stor.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Blad1")
    ws.append(["Nr", "Rekommendation", "Nämnd", "Svar"])
    for n in range(1, 100_001):
        ws.append([n, f"Rekommendation {n} om intern kontroll", "Kommunstyrelsen", "Åtgärdat"])
    wb.save(path)
    # A fresh process, so the peak (ru_maxrss) is the reading's alone.
    script = (
        "import resource, sys\n"
        "from tracker.core.excel.workbook import open_workbook\n"
        "ws = open_workbook(sys.argv[1])['Blad1']\n"
        "last = ws.cell(row=ws.max_row, column=1).value\n"
        "print(ws.max_row, last, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(path)], capture_output=True, text=True, cwd=ROOT, timeout=300, check=True
    )
    rows, last, peak_mb = out.stdout.split()
    assert (int(rows), int(last)) == (100_001, 100_000)
    assert int(peak_mb) < 800, f"reading 100 000 rows took {peak_mb} MB"


def test_merged_cells_over_the_header_read_as_the_header(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "Svar från nämnden"
    ws.merge_cells("A1:C1")
    ws.append(["Nr", "Svar", "Datum"])
    path = tmp_path / "svar.xlsx"
    wb.save(path)
    ws = open_workbook(path).active
    assert [cell_value(ws, 1, c) for c in (1, 2, 3)] == ["Svar från nämnden"] * 3
    assert [cell_value(ws, 2, c) for c in (1, 2, 3)] == ["Nr", "Svar", "Datum"]


def test_a_formula_without_a_saved_result_names_its_cell(tmp_path):
    rows = (
        '<row r="1"><c r="A1"><f>1+1</f></c><c r="B1"><f>2+2</f><v>4</v></c>'
        '<c r="C1" t="str"><f>"a"&amp;"b"</f><v></v></c></row>'
    )
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(rows))
    ws = open_workbook(path)["Blad1"]
    assert cell_value(ws, 1, 2) == 4
    for column, letter in ((1, "A"), (3, "C")):
        with pytest.raises(UserError, match="formel utan sparat resultat") as info:
            cell_value(ws, 1, column)
        assert (info.value.file, info.value.sheet, info.value.row, info.value.column) == (
            "svar.xlsx",
            "Blad1",
            1,
            letter,
        )


@pytest.mark.parametrize("error", ["#REF!", "#N/A", "#DIV/0!"])
def test_an_error_cell_names_the_error_and_the_place(tmp_path, error):
    rows = f'<row r="4"><c r="D4" t="e"><v>{error}</v></c></row>'
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(rows))
    ws = open_workbook(path)["Blad1"]
    with pytest.raises(UserError, match=f"Excel-felet {error}") as info:
        cell_value(ws, 4, 4)
    assert str(info.value).startswith("fil svar.xlsx, blad Blad1, rad 4, kolumn D:")


def test_a_date_serial_no_calendar_holds_is_named_as_such_not_as_an_error_nobody_typed(tmp_path):
    rows = '<row r="1"><c r="A1" s="1"><v>99999999</v></c></row>'
    base = tmp_path / "datum.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Blad1"
    wb.active["A1"] = dt.date(2020, 1, 1)  # gives style 1 a date format
    wb.save(base)
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(rows), source=base)
    with pytest.raises(UserError, match="formaterad som datum, men talet ligger utanför") as info:
        cell_value(open_workbook(path)["Blad1"], 1, 1)
    assert "#VALUE!" not in info.value.message


def test_a_hundred_thousand_character_cell_is_read_whole(tmp_path):
    # Excel stops at 32 767 characters and openpyxl truncates when writing, so the
    # part is written by hand, as another program could.
    text = ("Lång text åäö " * 8000)[:100_000]
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(_inline_row(2, text)))
    assert cell_value(open_workbook(path)["Blad1"], 2, 1) == text


def test_control_zero_width_and_right_to_left_characters_are_read_and_can_be_cleaned(tmp_path):
    rows = _inline_row(1, "Kommun&#8203;styrelsen&#8238;", "a_x0007_b", "\u0645\u062d\u0645\u062f")
    path = _with_member(tmp_path / "svar.xlsx", SHEET, _sheet_xml(rows))
    ws = open_workbook(path)["Blad1"]
    assert cell_value(ws, 1, 1) == "Kommun\u200bstyrelsen\u202e"
    assert clean_text(cell_value(ws, 1, 1)) == "Kommunstyrelsen"
    assert clean_text("a\x07b\u200e\ufeff\tc\r\n") == "ab\tc\n"
    assert clean_text(cell_value(ws, 1, 3)) == "\u0645\u062d\u0645\u062f", "Arabic letters are text, not marks"


def test_dates_before_1900_and_in_9999_are_read_as_written(tmp_path):
    path = _xlsx(tmp_path / "svar.xlsx", rows=[(dt.date(1850, 1, 1),), (dt.datetime(9999, 12, 31),), ("1850-01-01",)])
    ws = open_workbook(path)["Blad1"]
    assert cell_value(ws, 1, 1) == dt.datetime(1850, 1, 1)
    assert cell_value(ws, 2, 1) == dt.datetime(9999, 12, 31)
    assert cell_value(ws, 3, 1) == "1850-01-01"


def test_the_1904_date_system_gives_the_same_dates(tmp_path):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active.title = "Blad1"
    wb.active["A1"] = dt.date(2026, 3, 31)
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    assert b'date1904="1"' in zipfile.ZipFile(path).read("xl/workbook.xml")
    assert cell_value(open_workbook(path)["Blad1"], 1, 1) == dt.datetime(2026, 3, 31)


def test_hidden_rows_and_sheets_are_read_and_marked_hidden(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Blad1"
    for n in range(1, 6):
        ws.append([n, f"rad {n}"])
    ws.row_dimensions[3].hidden = True
    secret = wb.create_sheet("Dold")
    secret["A1"] = "gömt"
    secret.sheet_state = "hidden"
    path = tmp_path / "svar.xlsx"
    wb.save(path)
    read = open_workbook(path)
    assert [r[1] for r in read["Blad1"].iter_rows(values_only=True)] == [f"rad {n}" for n in range(1, 6)]
    assert read["Blad1"].row_dimensions[3].hidden
    assert read["Dold"].sheet_state == "hidden" and read["Dold"]["A1"].value == "gömt"


def test_an_xlsm_with_macros_is_read_and_its_macros_dropped(tmp_path):
    path = _with_member(tmp_path / "svar.xlsm", "xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 Sub Auto_Open() Kill")
    read = open_workbook(path)
    assert read.vba_archive is None
    assert cell_value(read["Blad1"], 2, 2) == "Första"


# --- what the program writes ------------------------------------------------------


def test_exported_text_never_becomes_a_formula_in_any_sheet(tmp_path):
    dangerous = ['=HYPERLINK("http://x","klicka")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
    wb = openpyxl.Workbook()
    first = wb.active
    other = wb.create_sheet("Andra")
    for n, text in enumerate(dangerous, start=1):
        set_text(first.cell(row=n, column=1), text)
        other.cell(row=n, column=1).value = text  # written without set_text: save_workbook still guards
    path = tmp_path / "export.xlsx"
    save_workbook(wb, path)
    with zipfile.ZipFile(path) as z:
        for part in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
            assert b"<f>" not in z.read(part) and b"<f " not in z.read(part)
    back = openpyxl.load_workbook(path)
    for ws in back.worksheets:
        # "\r=1" comes back as "\n=1": a lone carriage return is a line break, as everywhere else.
        assert [ws.cell(row=n, column=1).value for n in range(1, 7)] == [clean_text(t) for t in dangerous]
        assert all(ws.cell(row=n, column=1).data_type == "s" for n in range(1, 7))


def test_a_failed_save_keeps_the_old_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "export.xlsx"
    path.write_bytes(b"gammal export")

    def disk_full(self, data):
        with self.open("wb") as f:
            f.write(data[:10])
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(Path, "write_bytes", disk_full)
    with pytest.raises(
        UserError, match=r"kunde inte sparas \(disken är full\)\. En tidigare fil med samma namn är orörd"
    ):
        save_workbook(openpyxl.Workbook(), path)
    assert path.read_bytes() == b"gammal export"
    assert [p.name for p in tmp_path.iterdir()] == ["export.xlsx"]


def test_a_saved_file_gets_the_permissions_of_any_file_the_user_saves(tmp_path):
    old = os.umask(0o022)
    try:
        save_workbook(openpyxl.Workbook(), tmp_path / "export.xlsx")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "export.xlsx").stat().st_mode) == 0o644
