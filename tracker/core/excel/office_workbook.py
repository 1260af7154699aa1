"""The office's own workbook, when the register is exported over it: its register sheets
found from their first rows and left out of a copy before the rest is read (an old export
as big as the new one would cost as much memory to load as to write), and its other sheets
copied into the streamed export with their values, looks, merged ranges, column widths, row
heights, panes, validation, conditional formats, protection, print setup and hidden state.
Pictures, charts, comments and workbook-wide defined names are not copied."""

from __future__ import annotations

import tempfile
import zipfile
from copy import copy
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.page import PrintPageSetup
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import UserError
from .headings import find_header_row
from .register_import import lookup_pairs  # the import reads such a sheet the same way
from .workbook import open_workbook, set_text, sheet_parts, used_size


@dataclass
class Office:
    """The office's own workbook without its register sheets: the other sheets (read whole;
    they are small), where the register's sheets go among them, and the lookup sheet."""

    sheets: list[Worksheet] = field(default_factory=list)
    at: int = 0
    lookup: str | None = None


_EMPTY_SHEET = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'
)


def read_office(path: Path) -> Office:
    """The workbook at `path` as far as the export keeps it; nothing when there is none."""
    if not path.exists():
        return Office()
    try:
        register_sheets, at, lookup = _sheet_kinds(path)
        with tempfile.TemporaryDirectory() as folder:
            # Only the other sheets are loaded, and the copy passes the same checks as any
            # workbook opened.
            workbook = open_workbook(_without(path, register_sheets, Path(folder)))
    except (UserError, zipfile.BadZipFile, OSError, KeyError):
        return Office()  # not a workbook we can read: replaced whole, as the user chose
    sheets = [ws for ws in workbook.worksheets if ws.title not in register_sheets]
    return Office(sheets, max(at, 0), lookup)


def _sheet_kinds(path: Path) -> tuple[list[str], int, str | None]:
    """The register sheets (a heading row among the first 30 rows), the place of the first
    of them, and the first lookup sheet, read streaming: 30 rows of each sheet, not all."""
    streamed = open_workbook(path, stream=True)
    register_sheets, at, lookup = [], -1, None
    try:
        for i, ws in enumerate(streamed.worksheets):
            rows = [list(r) for r in ws.iter_rows(max_row=30, values_only=True)]
            if find_header_row(rows) is not None:
                at = i if at < 0 else at
                register_sheets.append(ws.title)
            elif lookup is None and lookup_pairs(rows):
                lookup = ws.title
    except Exception as exc:  # openpyxl raises many kinds for a damaged sheet
        raise UserError("Arbetsboken är skadad.", file=path) from exc
    finally:
        streamed.close()
    return register_sheets, at, lookup


def _without(path: Path, sheets: list[str], folder: Path) -> Path:
    """A copy of the workbook in `folder` with the named sheets emptied."""
    smaller = folder / path.name
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(smaller, "w", zipfile.ZIP_DEFLATED) as copied:
        parts = sheet_parts(source)
        emptied = {parts[name] for name in sheets if name in parts}
        for info in source.infolist():
            copied.writestr(info, _EMPTY_SHEET if info.filename in emptied else source.read(info))
    return smaller


def copy_sheet(source: Worksheet, workbook: Workbook, title: str, rows: int | None = None) -> Worksheet:
    """A write_only copy of one of the office's sheets (its first `rows` rows, or all)."""
    ws = workbook.create_sheet(title)
    ws.sheet_state = source.sheet_state
    ws.sheet_properties = copy(source.sheet_properties)
    for key, dim in source.column_dimensions.items():
        # Not the dimension itself: a column's style points into the other workbook's styles.
        column = ws.column_dimensions[key]
        column.width, column.hidden, column.min, column.max = dim.width, dim.hidden, dim.min, dim.max
    ws.views = copy(source.views)
    for attribute in ("print_options", "page_margins", "HeaderFooter", "protection", "data_validations",
                      "conditional_formatting", "auto_filter"):  # fmt: skip
        setattr(ws, attribute, copy(getattr(source, attribute)))
    ws.page_setup = PrintPageSetup(ws, **dict(source.page_setup))
    ws.print_title_rows, ws.print_title_cols = source.print_title_rows, source.print_title_cols
    if source.print_area:
        ws.print_area = source.print_area
    # Sized by the cells that hold values and the merged ranges: not max_row, which counts
    # a styled empty cell at the sheet's far end.
    merged = list(source.merged_cells.ranges)
    last_row, last_column = used_size(source)
    last_row = max([last_row, *(m.max_row for m in merged)]) if rows is None else rows
    last_column = max([last_column, *(m.max_col for m in merged)])
    for r, cells in enumerate(source.iter_rows(max_row=last_row, max_col=last_column) if last_row else (), start=1):
        if r in source.row_dimensions:
            ws.row_dimensions[r].height = source.row_dimensions[r].height
            ws.row_dimensions[r].hidden = source.row_dimensions[r].hidden
        ws.append([_copy_cell(ws, cell) for cell in cells])
    ws.merged_cells = MultiCellRange(CellRange(str(m)) for m in merged if m.max_row <= last_row)
    return ws


def _copy_cell(ws, source: Cell) -> Cell:
    cell = Cell(ws, row=1, column=1)
    if source.has_style:
        for attribute in ("font", "fill", "border", "alignment", "number_format", "protection", "quotePrefix"):
            setattr(cell, attribute, copy(getattr(source, attribute)))
    value = source.value
    if isinstance(value, str):
        set_text(cell, value)  # text stays text: a write_only sheet is not checked for formulas on saving
    else:
        cell.value = value
    return cell
