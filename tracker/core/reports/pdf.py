"""A PDF report's text: every page's lines in reading order (pdf_layout.py), running
headers and footers dropped, a table continued over a page break kept as one table, and
the pages that hold no text (scans) named for the user."""

from __future__ import annotations

import ctypes
import functools
from collections import Counter
from pathlib import Path

from ..errors import UserError
from ..progress import NOTHING_CHANGED, Progress
from .markers import PAGE_NUMBER, norm_repeat
from .pdf_layout import SENTENCE_END, Row, join_cell, page_rows
from .pdf_words import page_chunks

_EDGE = 3  # rows at the top and bottom of a page that may be running header or footer (KPMG: name, title, date)
PASSWORD = "PDF-filen är lösenordsskyddad. Spara en kopia utan lösenord och läs in den."


def read_pdf(path: Path, progress: Progress | None = None) -> tuple[str, list[str]]:
    """The page texts joined (one line per row, a blank line between paragraphs and pages)
    and warnings for the user; UserError for a file PDFium cannot open."""
    import pypdfium2 as pdfium

    data = path.read_bytes()
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium.raw.FPDF_ERR_PASSWORD:
            raise UserError(PASSWORD, file=str(path)) from exc
        raise UserError("PDF-filen är skadad eller ofullständig och går inte att läsa.", file=str(path)) from exc
    warnings = []
    if b"%%EOF" not in data[-2048:]:
        warnings.append("PDF-filen verkar ofullständig (avkortad); det som fanns läses, men sidor kan saknas.")
    pages: list[list[Row]] = []
    without_text: list[int] = []
    try:
        total = len(document)
        for number in range(total):
            rows = _page(document, number)
            if rows is None:
                without_text.append(number + 1)
            pages.append(rows or [])
            if progress is not None and not progress(number + 1, total):
                raise UserError(NOTHING_CHANGED)
    finally:
        document.close()
    if without_text and len(without_text) < len(pages):
        warnings.append(missing_text_warning(without_text))
    return _joined_pages(pages), warnings


def _page(document, number: int) -> list[Row] | None:
    """The page's rows; None for a page without text that shows an image (a scan)."""
    import pypdfium2.raw as pdfium_c

    page = document[number]
    try:
        textpage = page.get_textpage()
        try:
            chunks = page_chunks(textpage, page.get_height())
        finally:
            textpage.close()
        if chunks:
            # The borders are read (a walk over every page object) the first time a table is looked for.
            return page_rows(chunks, page.get_width(), functools.cache(lambda: _rules(page)))
        kinds = {pdfium_c.FPDFPageObj_GetType(pdfium_c.FPDFPage_GetObject(page, k))
                 for k in range(pdfium_c.FPDFPage_CountObjects(page))}  # fmt: skip
        return None if pdfium_c.FPDF_PAGEOBJ_IMAGE in kinds else []
    finally:
        page.close()


def _rules(page) -> list[float]:
    """Heights (from the top) of the page's horizontal lines: drawn lines, and the top and bottom
    edges of rectangles such as table cells' borders and shading."""
    import pypdfium2.raw as pdfium_c

    height = page.get_height()
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    ys: set[float] = set()
    for k in range(pdfium_c.FPDFPage_CountObjects(page)):
        obj = pdfium_c.FPDFPage_GetObject(page, k)
        if pdfium_c.FPDFPageObj_GetType(obj) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top) or right.value - left.value < 10:
            continue
        edges = [top.value] if top.value - bottom.value < 3 else [top.value, bottom.value]
        ys.update(round(height - y, 1) for y in edges)
    return sorted(ys)


def missing_text_warning(pages: list[int]) -> str:
    """'Sidorna 3–10, 12 saknar text (inskannade?)'."""
    spans: list[list[int]] = []
    for page in pages:
        if spans and page == spans[-1][-1] + 1:
            spans[-1].append(page)
        else:
            spans.append([page])
    named = ", ".join(f"{s[0]}–{s[-1]}" if len(s) > 1 else str(s[0]) for s in spans)
    if len(pages) == 1:
        return f"Sidan {named} saknar text (inskannad?)."
    return f"Sidorna {named} saknar text (inskannade?)."


def running_lines(pages: list[list[str]]) -> set[str]:
    """Lines (as norm_repeat gives them) repeated at the top or bottom of most pages."""
    edges: Counter[str] = Counter()
    for lines in pages:
        for line in {norm_repeat(ln) for ln in lines[:_EDGE] + lines[-_EDGE:]}:
            edges[line] += 1
    return {line for line, n in edges.items() if len(pages) >= 2 and n >= max(2, 0.6 * len(pages))}


def _joined_pages(pages: list[list[Row]]) -> str:
    repeated = running_lines([[r.text for r in rows] for rows in pages])
    kept: list[list[Row]] = []
    for rows in pages:
        kept.append([r for i, r in enumerate(rows)
                     if not ((i < _EDGE or i >= len(rows) - _EDGE) and norm_repeat(r.text) in repeated)])  # fmt: skip
    out: list[str] = []
    last_row: Row | None = None
    last_at = 0
    for rows in kept:
        rows = [r for r in rows if not _is_page_number(r.text)]
        cells = _continued_cells(last_row, rows[0]) if rows and last_row is not None else None
        if cells is not None:
            for column, value in cells:
                last_row.cells[column] = join_cell(last_row.cells[column], value)
            out[last_at] = last_row.text
            rows = rows[1:]
        for row in rows:
            if row.gap_before and out and out[-1]:
                out.append("")
            out.append(row.text)
        if rows:
            last_row = rows[-1] if rows[-1].cells is not None else None
            last_at = len(out) - 1
        out.append("")
    return "\n".join(out)


def _is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER.match(text.replace("\t", " ")))


def _continued_cells(last: Row, first: Row) -> list[tuple[int, str]] | None:
    """Where the first row of a page goes on with the last row of the page before (the table's
    text cell was unfinished, its number cell is not repeated): each of its cells' text with
    the column of the last row it continues. None for a row of its own."""
    if last.cells is None or SENTENCE_END.search(max(last.cells, key=len)):
        return None
    if first.cells is not None:
        cells = list(zip(first.columns, first.cells))
    elif len(first.chunks) == 1:  # one cell's text alone on the line: the table's if it stands in a column
        cells = [(first.chunks[0].x0, first.chunks[0].text)]
    else:
        return None
    out = []
    for x, value in cells:
        column = next((n for n, y in enumerate(last.columns) if abs(x - y) <= 6), None)
        if column is None:
            return None
        if value:
            out.append((column, value))
    numbered = len(last.cells[0]) <= 4 and len(last.cells) > 1  # "1", "R2": a number column
    return None if numbered and any(column == 0 for column, _ in out) else out
