"""Building odd register workbooks for the import tests: openpyxl for what it writes,
raw XML edits of a part for what it will not (a styled cell at XFD1048576, error
values, formulas without a result, text longer than Excel holds)."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import openpyxl

HEADINGS = ["Granskning", "År", "Nr", "Rekommendation", "Ansvarig nämnd", "Yttrande", "Status", "Svar senast"]


def register_workbook(path: Path, rows: list[list], *, headings=HEADINGS, extra_sheets: dict | None = None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Uppföljning"
    ws.append(headings)
    for row in rows:
        ws.append(row)
    for title, sheet_rows in (extra_sheets or {}).items():
        other = wb.create_sheet(title)
        for row in sheet_rows:
            other.append(row)
    wb.save(path)
    return path


def edit_part(path: Path, part: str, edit) -> Path:
    """Rewrite one part of the workbook in place with edit(xml_text) -> xml_text."""
    with zipfile.ZipFile(path) as src:
        members = [(info, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in members:
            out.writestr(info, edit(data.decode("utf-8")).encode("utf-8") if info.filename == part else data)
    return path


def set_cell_xml(path: Path, coordinate: str, cell_xml: str, sheet: int = 1) -> Path:
    """Replace (or add, in its row) the cell at `coordinate` with raw XML."""
    row = int(re.sub(r"\D", "", coordinate))

    def edit(xml: str) -> str:
        existing = re.compile(rf'<c r="{coordinate}"(?: [^>]*?)?(?:/>|>.*?</c>)')
        if existing.search(xml):  # in place: readers expect a row's cells in column order
            return existing.sub(lambda _: cell_xml, xml, count=1)
        if f'<row r="{row}"' in xml:
            return re.sub(rf'(<row r="{row}"[^>]*>)(.*?)(</row>)', lambda m: m[1] + m[2] + cell_xml + m[3], xml)
        return xml.replace("</sheetData>", f'<row r="{row}">{cell_xml}</row></sheetData>')

    return edit_part(path, f"xl/worksheets/sheet{sheet}.xml", edit)


def shared_strings(path: Path, cells: dict[str, str]) -> Path:
    """Make each cell a shared string holding the raw text given, escapes such as _x001B_
    included, as Excel writes characters XML cannot hold (openpyxl refuses to write them)."""
    items = "".join(f"<si><t>{raw}</t></si>" for raw in cells.values())
    table = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{items}</sst>'
    for n, coordinate in enumerate(cells):
        set_cell_xml(path, coordinate, f'<c r="{coordinate}" t="s"><v>{n}</v></c>')
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/sharedStrings.xml", table)
    edit_part(
        path,
        "[Content_Types].xml",
        lambda xml: xml.replace(
            "</Types>",
            (
                '<Override PartName="/xl/sharedStrings.xml" ContentType='
                '"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
            ),
        ),
    )
    return edit_part(
        path,
        "xl/_rels/workbook.xml.rels",
        lambda xml: xml.replace(
            "</Relationships>",
            (
                '<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type='
                '"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/></Relationships>'
            ),
        ),
    )


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """Every row of every table: the register before and after must compare equal."""
    conn = sqlite3.connect(db)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT * FROM [{t}] ORDER BY 1").fetchall() for t in tables}
    finally:
        conn.close()
