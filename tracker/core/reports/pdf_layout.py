"""A PDF page's chunks (pdf_words.py) put back into reading order: lines top to bottom,
two text columns one after the other, tables as rows of cells, and a blank line where
the page leaves the space of a new paragraph."""

from __future__ import annotations

import bisect
import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field

from .markers import LONE_MARKER
from .pdf_words import CELL_GAP, Chunk

SENTENCE_END = re.compile(r"[.!?]['”\")]?$")
_ALIGN = 6.0  # points two cells of one column may start apart
_PARAGRAPH_GAP = 1.4  # a line pitch this much above the page's usual one starts a new paragraph


@dataclass
class Row:
    """One line of a page: its chunks left to right, or a table row's cells by column."""

    top: float
    bottom: float
    chunks: list[Chunk]
    gap_before: bool = False
    cells: list[str] | None = None  # set for a table row; "" where a column is empty
    columns: list[float] = field(default_factory=list)  # the table's column starts
    band: int = 0  # which space between the table's borders the row stands in

    @property
    def text(self) -> str:
        if self.cells is not None:
            return "\t".join(self.cells)
        return " ".join(c.text for c in self.chunks)


def page_rows(chunks: list[Chunk], width: float, rules: Callable[[], list[float]]) -> list[Row]:
    """rules() gives the heights of the page's horizontal lines (table borders), asked for
    only when the page has a table."""
    rows = _lines(chunks)
    rows = _columns_in_reading_order(rows, width)
    _mark_paragraph_gaps(rows)
    return _tables(rows, rules)


def _lines(chunks: list[Chunk]) -> list[Row]:
    """Chunks sharing a line, whatever order the PDF wrote them in; near ones joined."""
    rows: list[Row] = []
    for chunk in sorted(chunks, key=lambda c: (c.top + c.bottom) / 2):
        middle = (chunk.top + chunk.bottom) / 2
        row = rows[-1] if rows else None
        if row is not None and row.top - 0.5 <= middle <= row.bottom + 0.5:
            row.chunks.append(chunk)
            row.top, row.bottom = min(row.top, chunk.top), max(row.bottom, chunk.bottom)
        else:
            rows.append(Row(chunk.top, chunk.bottom, [chunk]))
    for row in rows:
        row.chunks = _joined(sorted(row.chunks, key=lambda c: c.x0))
    return rows


def _joined(chunks: list[Chunk]) -> list[Chunk]:
    out: list[Chunk] = []
    for chunk in chunks:
        last = out[-1] if out else None
        near = last is not None and chunk.x0 - last.x1 <= CELL_GAP * max(chunk.height, last.height, 1.0)
        if last is not None and (near or LONE_MARKER.match(last.text) and len(chunks) == 2):
            # a bullet set apart from its text by a tab belongs to the text
            last.text = f"{last.text} {chunk.text}"
            last.x1 = max(last.x1, chunk.x1)
        else:
            out.append(Chunk(chunk.x0, chunk.x1, chunk.top, chunk.bottom, chunk.text))
    return out


def _columns_in_reading_order(rows: list[Row], width: float) -> list[Row]:
    """A page set in two columns is read left column first; a line across both (a heading)
    stands where it is, and the columns above and below it are read separately."""
    middle = width / 2
    split = [r for r in rows if len(r.chunks) == 2 and r.chunks[0].x1 < middle < r.chunks[1].x0 + 2
             and abs(r.chunks[1].x0 - middle) < width * 0.12 and min(len(c.text) for c in r.chunks) >= 15]  # fmt: skip
    if len(split) < 3 or len(split) < 0.3 * len(rows):
        return rows
    out: list[Row] = []
    left: list[Row] = []
    right: list[Row] = []
    for row in rows:
        if len(row.chunks) == 1 and row.chunks[0].x0 < middle < row.chunks[0].x1:
            out += left + right + [row]
            left, right = [], []
            continue
        for chunk in row.chunks:
            (left if chunk.x1 <= middle + 2 else right).append(Row(chunk.top, chunk.bottom, [chunk]))
    return out + left + right


def _mark_paragraph_gaps(rows: list[Row]) -> None:
    pitches = [b.top - a.top for a, b in zip(rows, rows[1:]) if b.top > a.top]
    if not pitches:
        return
    usual = statistics.median(pitches)
    for a, b in zip(rows, rows[1:]):
        b.gap_before = b.top - a.top > _PARAGRAPH_GAP * usual or b.top < a.top


def _tables(rows: list[Row], rules: Callable[[], list[float]]) -> list[Row]:
    """Runs of lines with cells in aligned columns become table rows; a cell's text wrapped
    over several lines is one cell. A table with borders is the lines within its borders."""
    out: list[Row] = []
    i = 0
    while i < len(rows):
        if len(rows[i].chunks) < 2:
            out.append(rows[i])
            i += 1
            continue
        lines = rules()
        start, end = _ruled(rows, i, lines)
        if end <= i:
            end = _table_end(rows, i)
        else:
            del out[len(out) - (i - start) :]  # lines of the table's first row set above its middle
            i = start
        if end > i:
            out += _table_rows(rows[i:end], lines)
            i = end
        else:
            out.append(rows[i])
            i += 1
    return out


_GRID_STEP = 200  # points between two borders of one table at most


def _ruled(rows: list[Row], i: int, rules: list[float]) -> tuple[int, int]:
    """The lines (start, end) inside the borders around rows[i], or (i, i) without borders."""
    middle = (rows[i].top + rows[i].bottom) / 2
    k = bisect.bisect(rules, middle)
    if k == 0 or k == len(rules):
        return i, i
    first = k - 1
    while (
        first > 0 and rules[first] - rules[first - 1] < _GRID_STEP and _holds_line(rows, rules[first - 1], rules[first])
    ):
        first -= 1
    last = k
    while last + 1 < len(rules) and rules[last + 1] - rules[last] < _GRID_STEP:
        last += 1
    top, bottom = rules[first], rules[last]
    start = i
    while start > 0 and (rows[start - 1].top + rows[start - 1].bottom) / 2 > top:
        start -= 1
    end = i
    while end < len(rows) and (rows[end].top + rows[end].bottom) / 2 < bottom:
        end += 1
    return start, end


def _holds_line(rows: list[Row], top: float, bottom: float) -> bool:
    return any(top < (r.top + r.bottom) / 2 < bottom for r in rows)


def _table_end(rows: list[Row], i: int) -> int:
    """Where a table without borders starting at rows[i] (a line of two or more cells) ends."""
    columns = [c.x0 for c in rows[i].chunks]
    j = i + 1
    multi = 1
    while j < len(rows):
        row = rows[j]
        if len(row.chunks) >= 2:
            # cells of the table's columns after the first, not just words set apart in running text
            if not any(abs(c.x0 - x) <= _ALIGN for c in row.chunks[1:] for x in columns[1:]):
                break
            columns = _merge_columns(columns, [c.x0 for c in row.chunks])
            multi += 1
        elif _column_of(row.chunks[0].x0, columns) is None or not _runs_on(rows, j, columns):
            break
        j += 1
    return j if multi >= 2 or len(rows[i].chunks) >= 3 else i


def _runs_on(rows: list[Row], j: int, columns: list[float]) -> bool:
    """A single-cell line belongs to the table above when the last cell above it in its column
    is unfinished, or a line of cells follows (cells set in the middle of their row)."""
    column = _column_of(rows[j].chunks[0].x0, columns)
    above = next((c for row in reversed(rows[max(j - 3, 0) : j]) for c in reversed(row.chunks)
                  if _column_of(c.x0, columns) == column), None)  # fmt: skip
    if above is not None and not SENTENCE_END.search(above.text):
        return True
    return any(len(row.chunks) >= 2 and not row.gap_before for row in rows[j + 1 : j + 3])


def _column_of(x: float, columns: list[float]) -> int | None:
    best = None
    for n, start in enumerate(columns):
        if start - _ALIGN <= x:
            best = n
    if best is None or x - columns[best] > 200:
        return None
    return best


def _merge_columns(columns: list[float], starts: list[float]) -> list[float]:
    merged = list(columns)
    for x in starts:
        if all(abs(x - c) > _ALIGN for c in merged):
            merged.append(x)
    return sorted(merged)


def _table_rows(lines: list[Row], rules: list[float]) -> list[Row]:
    """The table's rows: between its horizontal borders where it has them, else as _starts_row tells."""
    inside = [y for y in rules if lines[0].top - 4 <= y <= lines[-1].bottom + 4]
    columns: list[float] = []
    for line in lines:
        columns = _merge_columns(columns, [c.x0 for c in line.chunks])
    columns = _solid_columns(columns, lines)
    text_column = _widest_column(columns, lines)
    rows: list[Row] = []
    for line in lines:
        placed: dict[int, str] = {}
        for chunk in line.chunks:
            n = _column_of(chunk.x0, columns) or 0
            placed[n] = f"{placed[n]} {chunk.text}" if n in placed else chunk.text
        current = rows[-1] if rows else None
        band = bisect.bisect(inside, (line.top + line.bottom) / 2)
        if len(inside) >= 2:
            new_row = current is None or band != current.band
        else:
            new_row = current is None or _starts_row(current, placed, line, text_column)
        if new_row:
            rows.append(Row(line.top, line.bottom, line.chunks, line.gap_before, [""] * len(columns), columns, band))
            current = rows[-1]
        else:
            current.bottom = line.bottom
        for n, value in placed.items():
            cell = current.cells[n]
            current.cells[n] = join_cell(cell, value)
    return rows


def _solid_columns(columns: list[float], lines: list[Row]) -> list[float]:
    """Column starts that more than one line's cell begins at, or that begin a cell of a
    line of cells; a wrapped cell's indented line makes no column of its own."""
    keep = []
    for x in columns:
        starts = sum(1 for line in lines for c in line.chunks if abs(c.x0 - x) <= _ALIGN)
        in_multi = any(abs(c.x0 - x) <= _ALIGN for line in lines if len(line.chunks) >= 2 for c in line.chunks)
        if starts >= 2 or in_multi:
            keep.append(x)
    return keep or columns[:1]


def _widest_column(columns: list[float], lines: list[Row]) -> int:
    width = [0.0] * len(columns)
    for line in lines:
        for chunk in line.chunks:
            n = _column_of(chunk.x0, columns) or 0
            width[n] = max(width[n], chunk.x1 - chunk.x0)
    return max(range(len(columns)), key=lambda n: width[n])


def _starts_row(current: Row, placed: dict[int, str], line: Row, text_column: int) -> bool:
    """A line starts a new row after a paragraph's worth of space, with a cell in the first
    (number) column, or with a new sentence in the text column after a finished one."""
    if line.gap_before:
        return True
    if 0 in placed and current.cells[0] and text_column != 0:
        return True
    if text_column in placed and current.cells[text_column]:
        finished = SENTENCE_END.search(current.cells[text_column])
        return bool(finished) and placed[text_column][:1].isupper()
    return False


def join_cell(cell: str, more: str) -> str:
    """A cell's text with its next line; a word hyphenated at the line end is joined."""
    if not cell:
        return more
    if re.search(r"[a-zåäö]-$", cell) and more[:1].islower():
        return cell[:-1] + more
    return f"{cell} {more}"
