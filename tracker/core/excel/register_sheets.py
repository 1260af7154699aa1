"""The sheets of an office's register workbook as the import reads them.

python-calamine (Rust) reads the values about twelve times faster than openpyxl and is
used whenever it gives the same values; the scan of the XML (workbook.scan_sheets), which
every read makes anyway, tells when it would not, and openpyxl reads those files, and any
file calamine raises on, as before:
- error cells and formulas without a saved result: calamine reads them as empty text;
  the scan finds them in the XML for both readers (so text reading "#N/A" stays text);
- a number in a date-styled cell outside 1900-01-01..9999-12-31: calamine gives a time
  of day or the bare number where openpyxl gives the date or flags the cell;
- text with spaces at its ends but no xml:space="preserve": calamine trims it;
- a part in UTF-16: calamine reads no cells;
- cells without an address, or far out (a styled empty cell at XFD1048576, a value at
  XFD): calamine holds every cell of the rectangle up to the last, so a sheet whose
  cells span more than DENSE_LIMIT, or reach beyond READ_COLUMNS, is read by openpyxl,
  which streams it.
Merged ranges come from the scan for both readers; sheet visibility from each reader.
calamine is kinder than openpyxl to two kinds of damage: a cell written after cells to
its right in its row, which openpyxl's streaming reader drops and calamine puts in its
column, and a number cell holding text ("12,5"), for which openpyxl refuses the file and
calamine reads the text.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

import python_calamine
from openpyxl.utils import get_column_letter

from ..progress import Progress, Ticker
from .register_cells import SheetTable, table_of
from .workbook import (
    READ_COLUMNS,
    Scan,
    SheetRead,
    UsedRows,
    mark_problems,
    open_workbook,
    read_checked,
    read_sheet,
)

# Cells in the rectangle calamine holds per sheet: 100,000 rows of 40 columns.
DENSE_LIMIT = 4_000_000


def _state(visible: python_calamine.SheetVisibleEnum) -> str:
    """openpyxl's name for a sheet's state (calamine's enum cannot key a dict)."""
    if visible == python_calamine.SheetVisibleEnum.VeryHidden:
        return "veryHidden"
    return "hidden" if visible == python_calamine.SheetVisibleEnum.Hidden else "visible"


def read_tables(path: Path, warnings: list[str], progress: Progress | None) -> list[SheetTable]:
    """Every sheet a person could see or unhide; very hidden ones (only a macro can show
    them) are skipped, both with a warning naming them."""
    data, scan = read_checked(path)
    ticker = Ticker(progress)  # rows read; a streamed sheet's real length is unknown until read
    tables = []
    with _sheets(path, data, scan) as sheets:
        for title, state, read in sheets:
            if state == "veryHidden":
                warnings.append(f"Fliken ”{title}” är dold så att den inte kan visas i Excel och läses inte in.")
                continue
            if state == "hidden":
                warnings.append(f"Fliken ”{title}” är dold i Excel; den läses in som de andra.")
            table = table_of(title, state, read(ticker), scan.merged.get(title, ()))
            if table.far_cell:
                warnings.append(
                    f"Fliken ”{title}” har värden längre ut än kolumn {get_column_letter(READ_COLUMNS)} "
                    f"(först {table.far_cell}); de läses inte in."
                )
            tables.append(table)
    return tables


# Per worksheet, in the workbook's order: its title, state and how to read its values.
Sheets = list[tuple[str, str, Callable[[Ticker], SheetRead]]]


@contextmanager
def _sheets(path: Path, data: bytes, scan: Scan) -> Iterator[Sheets]:
    sheets = by_calamine(data, scan)
    if sheets is not None:
        yield sheets
        return
    workbook = open_workbook(path, stream=True, checked=(data, scan))
    try:
        yield [(ws.title, ws.sheet_state, partial(read_sheet, ws)) for ws in workbook.worksheets]
    finally:
        workbook.close()  # a streamed workbook holds the file open until closed


def by_calamine(data: bytes, scan: Scan) -> Sheets | None:
    """The worksheets as calamine reads them (all read here, very hidden ones excepted),
    or None when calamine would read some value otherwise than openpyxl, or cannot."""
    if scan.calamine_differs:
        return None
    sheets: Sheets = []
    try:
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)) as workbook:
            for meta in workbook.sheets_metadata:
                if meta.typ != python_calamine.SheetTypeEnum.WorkSheet:
                    continue  # chart and dialog sheets hold no cells; openpyxl skips them too
                state = _state(meta.visible)
                rows, columns = scan.extent.get(meta.name, (0, 0))
                if state == "veryHidden":
                    values = []
                elif rows * columns > DENSE_LIMIT or columns > READ_COLUMNS:
                    return None
                else:
                    values = workbook.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
                sheets.append((meta.name, state, partial(_read, scan, meta.name, values)))
    except Exception:  # calamine raises many kinds for what it cannot read; openpyxl may still
        return None
    return sheets


def _read(scan: Scan, title: str, values: list[list[Any]], ticker: Ticker) -> SheetRead:
    """calamine's rectangle as openpyxl's reader gives it: each row up to its last value,
    no empty rows after the last, None for an empty cell, whole numbers as int."""
    rows = UsedRows()
    for i, r in enumerate(values):
        values[i] = None  # each row is let go once read, so the sheet is not held twice
        ticker.tick()
        end = len(r)
        while end and r[end - 1] == "":
            end -= 1
        rows.add([None if v == "" else int(v) if v.__class__ is float and v.is_integer() else v for v in r[:end]])
    return SheetRead(rows.rows, mark_problems(scan, title, rows.rows, set()))
