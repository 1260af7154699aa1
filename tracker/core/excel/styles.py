"""Cell looks shared by every cell that has them.

Setting alignment, border, fill or protection on a cell hashes the style object into the
workbook's list each time; for a sheet of thousands of rows that was most of the writing.
A look is worked out once on a template cell and its style array handed to each new cell.
"""

from __future__ import annotations

from copy import copy
from typing import Any

from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from ..characters import clean_text
from .workbook import FORMULA_STARTS, set_text


class SharedStyles:
    """Named looks for one sheet: `SharedStyles(ws, text={"alignment": ...})`, then
    `styles.cell("text", value)` makes a cell for `ws.append`."""

    def __init__(self, ws: Worksheet, **looks: dict[str, Any]) -> None:
        self._ws = ws
        self._looks = {}
        for name, attributes in looks.items():
            template = Cell(ws)  # outside the sheet; it only carries the style
            for attribute, value in attributes.items():
                setattr(template, attribute, value)
            self._looks[name] = template._style

    def cell(self, look: str, value: object) -> Cell:
        style = self._looks[look]
        if isinstance(value, str):
            value = clean_text(value)  # a control character stored earlier would refuse the whole sheet
        if isinstance(value, str) and value.startswith(FORMULA_STARTS):
            # set_text marks it with quotePrefix, a style attribute: this cell needs a
            # style of its own, or every cell sharing the look would be marked.
            cell = Cell(self._ws, row=1, column=1, style_array=copy(style))
            set_text(cell, value)
            return cell
        # Row and column are the sheet's to set when the row is appended (a write_only
        # sheet names a cell by them before it takes the cell).
        return Cell(self._ws, row=1, column=1, value=value, style_array=style)
