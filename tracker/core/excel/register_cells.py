"""A register sheet's cells as the import reads them: the table sized by the cells that
hold values with merged boxes spread over their cells, and each cell's value as text,
year, number, date or reply fields, with a warning or a refusal where it is unknown."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from ..characters import clean_text
from ..dates import parse_date
from ..errors import UserError
from ..numbers import thousands
from .headings import FIELD_LABELS
from .workbook import SheetRead

# A cell in these columns says which recommendation a row is: if its value is unknown
# (#REF!, a formula without a result) the row cannot be placed, so the import stops.
IDENTIFYING = ("report", "number", "recommendation", "body")
EXCEL_TEXT_LIMIT = 32_767  # characters in a cell; Excel cannot hold (or give back) more


@dataclass
class SheetTable:
    title: str
    state: str  # "visible", "hidden" or "veryHidden"
    rows: list[list[object]]  # each row as long as its last value
    problems: dict[tuple[int, int], str]  # (row, column), 0-based -> why the value is unknown
    merged_cols: set[int]  # 0-based columns where merged boxes span rows
    far_cell: str | None = None  # the first value too far right to be read, if any


def table_of(title: str, state: str, read: SheetRead, merged: Iterable[str]) -> SheetTable:
    """The sheet's values with each merged box's value in every cell it covers; boxes
    below or right of the values are clipped to them."""
    rows, problems = read.rows, read.problems
    width = max((len(r) for r in rows), default=0)
    merged_cols: set[int] = set()
    for rng in map(CellRange, merged):
        top, left = rng.min_row - 1, rng.min_col - 1
        if top >= len(rows) or left >= width:
            continue  # a box outside the values holds nothing
        value = rows[top][left] if left < len(rows[top]) else None
        why = problems.get((top, left))
        if rng.max_row > rng.min_row:
            merged_cols.update(range(left, min(rng.max_col, width)))
        for i in range(top, min(rng.max_row, len(rows))):
            row = rows[i]
            for j in range(left, min(rng.max_col, width)):
                if j >= len(row):
                    row.extend([None] * (j + 1 - len(row)))
                row[j] = value
                if why:
                    problems[(i, j)] = why
    return SheetTable(title, state, rows, problems, merged_cols, read.far_cell)


def cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.date() if isinstance(value, dt.datetime) else value
        return value.isoformat()
    return clean_text(str(value)).strip() or None


def year_of(value: object) -> int | None:
    text = cell_text(value)
    if text and (m := re.search(r"\b(19|20|21)\d{2}\b", text)):
        return int(m[0])
    return None


def number_of(label: str | None) -> int | None:
    """The sort key of a number as written: its leading digits ("1.1" and "1,5" sort as 1)."""
    if label and (m := re.match(r"^\s*(\d+)", label)):
        return int(m[1])
    return None


class RowReader:
    """One table row's mapped cells. A cell whose value is unknown refuses the import in
    an identifying column and reads as empty with a warning in any other."""

    def __init__(self, path: Path, table: SheetTable, col: dict[str, int], index: int, warnings: list[str]):
        self.path, self.table, self.col, self.index, self.warnings = path, table, col, index, warnings
        self.row = table.rows[index]
        self.where = f"{table.title} rad {index + 1}"

    def raw(self, name: str) -> object:
        c = self.col.get(name)
        return self.row[c] if c is not None and c < len(self.row) else None

    def unknown(self, name: str) -> str | None:
        c = self.col.get(name)
        return self.table.problems.get((self.index, c)) if c is not None else None

    def check(self) -> None:
        """Refuse or warn about every mapped cell whose value is unknown; call once the
        row is known to be a row of the table."""
        for name, c in self.col.items():
            why = self.table.problems.get((self.index, c))
            if not why:
                continue
            if name in IDENTIFYING:
                raise UserError(
                    f"{why} Kolumnen {FIELD_LABELS.get(name, name)} avgör vilken rekommendation raden är, "
                    "så inget läses in. Rätta cellen i Excel, spara och läs in igen.",
                    file=self.path, sheet=self.table.title, row=self.index + 1, column=get_column_letter(c + 1),
                )  # fmt: skip
            self.warnings.append(f"{self.where}, kolumn {get_column_letter(c + 1)}: {why} Den läses in som tom.")

    def too_long(self) -> str | None:
        """A warning naming the first mapped cell with more text than Excel holds, or None."""
        for name, c in self.col.items():
            value = self.row[c] if c < len(self.row) else None
            if isinstance(value, str) and len(value) > EXCEL_TEXT_LIMIT:
                return (
                    f"{self.where}, kolumn {get_column_letter(c + 1)} ({FIELD_LABELS.get(name, name)}): "
                    f"texten har {thousands(len(value))} tecken, fler än de {thousands(EXCEL_TEXT_LIMIT)} "
                    "en Excel-cell rymmer. Raden läses inte in; korta texten och läs in igen."
                )
        return None

    def text(self, name: str) -> str | None:
        return cell_text(self.raw(name))

    def date(self, name: str, what: str) -> dt.date | None:
        value = self.raw(name)
        try:
            return parse_date(value)
        except ValueError:
            self.warnings.append(f"{self.where}: {what} ”{value}” går inte att läsa som datum och hoppas över.")
            return None

    def reply(self) -> dict[str, object]:
        reply: dict[str, object] = {}
        if text := self.text("reply"):
            reply["text"] = text
        if action := self.text("action"):
            reply["action"] = action
        due = self.raw("due")
        if cell_text(due):
            try:
                reply["due"] = parse_date(due)
            except ValueError:
                reply["due_text"] = cell_text(due)
                self.warnings.append(f"{self.where}: klart senast ”{cell_text(due)}” är inget datum; texten behålls.")
        return reply
