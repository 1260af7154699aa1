"""Report files made in the tests: PDFs with a real text layer (exact line breaks, page
numbers and running headers) and Word files with lists and tables."""

from __future__ import annotations

from pathlib import Path


def write_pdf(path: Path, pages: list[list[str]], header: str | None = None) -> Path:
    """Each page's lines exactly as given; a running header and the page number on every page."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        if header:
            pdf.set_xy(20, 10)
            pdf.cell(0, 6, header)
        y = 25.0
        for line in lines:
            pdf.set_xy(20, y)
            pdf.cell(0, 6, line)
            y += 7
        pdf.set_xy(100, 280)
        pdf.cell(0, 6, str(number))
    pdf.output(str(path))
    return path


def write_docx(path: Path, blocks: list[tuple[str, object]]) -> Path:
    """Blocks: ("p", text), ("h", heading), ("bullets", [..]), ("numbers", [..]), ("table", [[cells], ..])."""
    from docx import Document

    doc = Document()
    for kind, value in blocks:
        if kind == "p":
            doc.add_paragraph(value)
        elif kind == "h":
            doc.add_heading(value, level=1)
        elif kind == "bullets":
            for item in value:
                doc.add_paragraph(item, style="List Bullet")
        elif kind == "numbers":
            for item in value:
                doc.add_paragraph(item, style="List Number")
        elif kind == "table":
            table = doc.add_table(rows=len(value), cols=len(value[0]))
            for r, row in enumerate(value):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
    doc.save(str(path))
    return path
