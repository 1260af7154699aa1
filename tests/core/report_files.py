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


def write_placed_pdf(path: Path, pages: list[list[tuple[float, float, str | None]]], font_size: int = 11) -> Path:
    """Each page's texts at (x, y) in millimetres, as a producer that places every run itself writes
    them; text None draws a table's border across the page at y."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.set_font("DejaVu", size=font_size)
    pdf.set_auto_page_break(False)
    for placed in pages:
        pdf.add_page()
        for x, y, text in placed:
            if text is None:
                pdf.line(x, y, 190, y)
                continue
            pdf.set_xy(x, y)
            pdf.cell(0, 6, text)
    pdf.output(str(path))
    return path


def write_table_pdf(
    path: Path, before: list[str], rows: list[list[str]], headings: bool, after: list[str] = ()
) -> Path:
    """Paragraphs, then a table drawn by fpdf2 (cells wrapped over lines, continued on the next
    page with its header row repeated), then more paragraphs; "Sida X av Y" in every footer."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self):
            self.set_font("DejaVu", size=8)
            self.cell(0, 6, "Revisionsrapport | Ekby kommun", new_x="LMARGIN", new_y="NEXT")

        def footer(self):
            self.set_y(-15)
            self.set_font("DejaVu", size=8)
            self.cell(0, 6, f"Sida {self.page_no()} av {{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.add_font("DejaVu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    pdf.add_font("DejaVu", style="B", fname="/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
    pdf.set_font("DejaVu", size=11)
    pdf.add_page()
    for text in before:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
    widths = (12, 118, 50) if len(rows[0]) == 3 else (130, 50)
    with pdf.table(col_widths=widths, first_row_as_headings=headings, line_height=6) as table:
        for row in rows:
            cells = table.row()
            for value in row:
                cells.cell(value)
    pdf.ln(4)
    for text in after:
        pdf.multi_cell(0, 6, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def write_scanned_pdf(path: Path, pages: list[list[str] | None]) -> Path:
    """Pages with their lines of text, or (None) only an image, as a scanner makes them."""
    from fpdf import FPDF
    from PIL import Image

    image = path.with_suffix(".png")
    Image.new("L", (100, 140), 190).save(image)
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=11)
    for lines in pages:
        pdf.add_page()
        if lines is None:
            pdf.image(str(image), x=0, y=0, w=210)
            continue
        for row, line in enumerate(lines):
            pdf.set_xy(20, 30 + row * 7)
            pdf.cell(0, 6, line)
    pdf.output(str(path))
    return path
