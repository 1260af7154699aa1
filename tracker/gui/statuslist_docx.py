"""The status list as a Word file (python-docx), for the auditors to paste into their own
report: headings as Word headings, each report's recommendations as a table whose
heading row repeats on every page, the charts as pictures, page numbers in the footer.
Charts are drawn with Qt, so this lives beside the PDF renderer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from docx.table import Table

from ..core.atomic_file import atomic_path
from ..core.errors import UserError
from ..core.model import STATUSES
from ..core.progress import NOTHING_SAVED, Progress, Ticker
from ..core.stats import PACE_HEADINGS, STATUS_HEADINGS, Statistics, pace_row, status_row, year_label
from ..core.statuslist import BodyGroup, Entry, StatusList
from .statuslist_charts import chart_png
from .statuslist_render import HEAD_BG, MARK, OVERDUE_BG, application, entry_due, entry_marks

SMALL = Pt(7.5)
TINY = Pt(6)  # nine count columns beside the names, each as wide as its longest word
ENTRY_COLUMNS = (("Nr", 0.8), ("Rekommendation", 5.2), ("Nämndens svar", 3.8), ("Planerad åtgärd", 3.0),
                 ("Klart senast", 2.0), ("Status", 3.2))  # fmt: skip
COUNT_HEADINGS = ("Nämnd", *STATUSES, "Totalt", f"{MARK} Svar försenade", f"{MARK} Åtgärder försenade")


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == instruction:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        else:
            element = OxmlElement("w:t")
            element.text = text
        run._r.append(element)


@dataclass
class _Grid:
    table: Table
    widths: list[int]  # twips
    size: int  # half points


_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _row(grid: _Grid, values, *, shade: str | None = None, bold: int | None = None, heading: bool = False):
    """One table row written as XML at once: python-docx's cell objects cost ~10 ms a row.
    Rows are never split across pages; a heading row is repeated on every page."""
    fill = f'<w:shd w:val="clear" w:color="auto" w:fill="{shade.lstrip("#").upper()}"/>' if shade else ""
    cells = []
    for i, (value, width) in enumerate(zip(values, grid.widths)):
        look = f'{"<w:b/>" if heading or i == bold else ""}<w:sz w:val="{grid.size}"/>'
        lines = "<w:br/>".join(f'<w:t xml:space="preserve">{escape(_NOT_XML.sub("", line))}</w:t>'
                               for line in value.split("\n"))  # fmt: skip
        cells.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{fill}</w:tcPr>'
                     f"<w:p><w:r><w:rPr>{look}</w:rPr>{lines}</w:r></w:p></w:tc>")  # fmt: skip
    mark = "<w:tblHeader/>" if heading else ""
    grid.table._tbl.append(
        parse_xml(f"<w:tr {nsdecls('w')}><w:trPr><w:cantSplit/>{mark}</w:trPr>{''.join(cells)}</w:tr>")
    )


class _Doc:
    """The document with its styles looked up once (python-docx searches every style each time)."""

    def __init__(self) -> None:
        self.doc = Document()
        # Style ids, set straight into the XML: python-docx looks for the default style on every assignment.
        self.looks = {n: self.doc.styles[n].style_id for n in ("Title", "Heading 1", "Heading 2", "Table Grid")}

    def heading(self, text: str, level: int) -> None:
        self.doc.add_paragraph(text)._p.style = self.looks["Title" if level == 0 else f"Heading {level}"]

    def __getattr__(self, name: str):
        return getattr(self.doc, name)


def _table(doc: _Doc, headings, widths_cm: list[float], size: Pt = SMALL) -> _Grid:
    """A table with a shaded heading row that Word repeats on every page."""
    table = doc.add_table(rows=0, cols=len(headings))
    table._tbl.tblPr.style = doc.looks["Table Grid"]
    table.autofit = False
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths_cm):
        column.w = Cm(width)  # the grid, which LibreOffice reads; Word reads the cells'
    grid = _Grid(table, [round(Cm(w).twips) for w in widths_cm], round(size.pt * 2))
    _row(grid, headings, shade=HEAD_BG, heading=True)
    return grid


def _widths(width_cm: float, columns: int, first: float) -> list[float]:
    """A first (name) column `first` cm wide, the rest sharing what is left."""
    return [first] + [(width_cm - first) / (columns - 1)] * (columns - 1)


def _counts(doc, rows: list[BodyGroup], width_cm: float) -> None:
    table = _table(doc, COUNT_HEADINGS, _widths(width_cm, len(COUNT_HEADINGS), 3.0), TINY)
    for body in rows:
        counts = body.counts()
        _row(table, [body.name, *(str(counts[s]) for s in STATUSES), str(sum(counts.values())),
                         str(body.overdue_replies), str(body.overdue_actions)])  # fmt: skip


def _picture(doc, png: bytes, width_cm: float) -> None:
    doc.add_picture(BytesIO(png), width=Cm(width_cm))


def _stats(doc, stats: Statistics, width_cm: float) -> None:
    doc.heading("Uppföljningsstatistik", 1)
    doc.add_paragraph(f"Per revisionsår, beräknad {stats.today.isoformat()}. Andelar av årets rekommendationer; "
                      "dagar räknas från rapportens datum till uppföljningen som satte Åtgärdad.")  # fmt: skip
    figures = [*stats.years, stats.total]
    labels = [year_label(f) for f in stats.years] + ["Totalt"]
    for headings, row in ((STATUS_HEADINGS, status_row), (PACE_HEADINGS, pace_row)):
        table = _table(doc, ("År", *headings), _widths(width_cm, len(headings) + 1, 2.0))
        for label, fig in zip(labels, figures):
            _row(table, [label, *row(fig)])
        doc.add_paragraph()
    if stats.years:
        _picture(doc, chart_png([(year_label(f), f.counts) for f in stats.years], width_cm * 10), width_cm)
    if stats.oldest_open:
        doc.heading("Äldsta öppna rekommendationer", 2)
        headings = ("Granskning", "Nr", "Nämnd", "Status", "Dagar sedan rapporten")
        table = _table(doc, headings, [width_cm * 0.38, width_cm * 0.06, width_cm * 0.28, width_cm * 0.14,
                                       width_cm * 0.14])  # fmt: skip
        for item in stats.oldest_open:
            _row(table, [f"{item.report} ({item.year or '–'})", str(item.number), ", ".join(item.bodies),
                             item.status, str(item.age_days) if item.age_days is not None else "–"])  # fmt: skip


def _entry_values(e: Entry) -> list[str]:
    marks = entry_marks(e)
    text = f"{marks}\n{e.text}" if marks else e.text
    status = f"{e.status}\n{e.reply_state}" + (f"\n{e.comment}" if e.comment else "")
    return [str(e.number), text, e.reply or "–", e.action or "–", entry_due(e), status]


def save_docx(sl: StatusList, path: Path | str, *, landscape: bool = False, progress: Progress | None = None) -> int:
    """Write the Word file atomically; returns the number of entries. Avbryt leaves no file."""
    app = application()  # noqa: F841 - the charts are drawn with Qt's fonts
    ticker = Ticker(progress, sum(len(b.entries) for b in sl.bodies), NOTHING_SAVED, every=20)
    doc = _Doc()
    normal = doc.styles["Normal"]
    normal.font.name = "DejaVu Sans"
    normal.font.size = Pt(8.5)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    width_cm = (section.page_width - section.left_margin - section.right_margin) / Cm(1)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{sl.title} · {sl.date.isoformat()} · Sida ")
    _field(footer, "PAGE")
    footer.add_run(" av ")
    _field(footer, "NUMPAGES")

    doc.heading(sl.title, 0)
    doc.add_paragraph(f"{sl.office} · {sl.date.isoformat()} · Urval: {sl.selection}")
    scale = width_cm / sum(w for _, w in ENTRY_COLUMNS)
    widths = [w * scale for _, w in ENTRY_COLUMNS]
    if not sl.bodies:
        doc.add_paragraph("Inga rekommendationer motsvarar urvalet.")
    if len(sl.bodies) > 1:
        doc.heading("Översikt", 1)
        _counts(doc, sl.bodies, width_cm)
        _picture(doc, chart_png([(b.name, b.counts()) for b in sl.bodies], width_cm * 10), width_cm)
    for body in sl.bodies:
        doc.add_page_break()
        doc.heading(body.name, 1)
        _counts(doc, [body], width_cm)
        _picture(doc, chart_png([(body.name, body.counts())], width_cm * 10, per_status=True), width_cm * 0.8)
        for report in body.reports:
            doc.heading(f"{report.title}{f' ({report.year})' if report.year else ''}", 2)
            table = _table(doc, [h for h, _ in ENTRY_COLUMNS], widths, Pt(8))
            for e in report.entries:
                ticker.tick()
                _row(table, _entry_values(e), shade=OVERDUE_BG if e.overdue else None, bold=1)
    if sl.stats is not None and sl.stats.total.total:
        doc.add_page_break()
        _stats(doc, sl.stats, width_cm)
    with atomic_path(Path(path)) as tmp:
        try:
            doc.save(str(tmp))
        except OSError as exc:
            raise UserError(f"Word-filen kunde inte skrivas ({exc.strerror}).", file=path) from exc
    return sum(len(b.entries) for b in sl.bodies)
