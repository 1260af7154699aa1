"""Drawing a status list (tracker.core.statuslist) on a printer, a PDF or the preview.

Page one is the overview (bodies × status, overdue replies and actions, a chart); then,
per body, a summary with its own chart and the recommendations by report. Portrait
pages list each recommendation as a paragraph; landscape pages set recommendation,
reply, planned action, klart senast and status side by side as columns. Overdue items
are marked by colour and by "⚠" with words, so a black-and-white print shows them too.

The layout is made once, in units of a 300 dpi page, from the page layout alone (paper,
orientation, margins); any device (PDF, printer, preview) then paints the same pages
scaled to its resolution, so the preview is the PDF.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QBuffer, QMarginsF, Qt
from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from ..core.atomic_file import atomic_path, check_pdf
from ..core.collector import gc_paused
from ..core.errors import UserError
from ..core.model import STATUSES
from ..core.progress import NOTHING_SAVED, Progress
from ..core.stats import PACE_HEADINGS, STATUS_HEADINGS, Statistics, pace_row, status_row, year_label
from ..core.statuslist import BodyGroup, Entry, ReportGroup, StatusList
from .fonts import load_pdf_font
from .statuslist_charts import BarChart
from .statuslist_pages import (
    LINE_BREAK,
    Block,
    Column,
    Later,
    Look,
    Page,
    RowBlock,
    StackBlock,
    TextBlock,
    Typesetter,
    paginate,
)

DPI = 300  # layout units: dots of a 300 dpi page
PT = DPI / 72
MM = DPI / 25.4
MARK = "⚠"
OVERDUE_BG = "#fbe3e3"
OVERDUE_FG = "#8a1c1c"
HEAD_BG = "#e6ebf3"
MUTED = "#555555"

BODY = Look(9)
BOLD = Look(9, bold=True)
GREY = Look(9, colour=MUTED)
ALERT = Look(9, bold=True, colour=OVERDUE_FG)
H1 = Look(15, bold=True)
H2 = Look(12, bold=True)
CONTINUED = Look(10.5, bold=True, colour=MUTED)
SMALL = Look(7.5)
SMALL_BOLD = Look(7.5, bold=True)
FOOT = Look(8, colour="#444444")

# Landscape columns: heading and share of the width.
COLUMNS = (("Rekommendation", 0.33), ("Nämndens svar", 0.24), ("Planerad åtgärd", 0.19), ("Klart senast", 0.08),
           ("Status", 0.16))  # fmt: skip


def page_layout(landscape: bool) -> QPageLayout:
    """A4 with the margins every status list has, on paper, in the PDF and in the preview."""
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    return QPageLayout(
        QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(15, 15, 15, 12), QPageLayout.Unit.Millimeter
    )


def _date(value) -> str:
    return value.isoformat() if value else ""


def entry_due(e: Entry) -> str:
    """Klart senast as the list shows it, in the PDF and in Word."""
    return _date(e.due) or e.due_text or "–"


def entry_marks(e: Entry) -> str:
    """The overdue marks of an entry, in the PDF and in Word."""
    marks = []
    if e.reply_overdue:
        marks.append(f"{MARK} SVAR FÖRSENAT")
    if e.action_overdue:
        marks.append(f"{MARK} ÅTGÄRD FÖRSENAD")
    return " · ".join(marks)


def _year(report: ReportGroup) -> str:
    return f" ({report.year})" if report.year else ""


class _Steps:
    """Progress over the two halves of the work, laying out the entries and painting
    the pages; a False from `progress` (the user pressed Avbryt) stops both."""

    def __init__(self, progress: Progress | None, entries: int) -> None:
        self.progress = progress
        self.total = 2 * max(entries, 1)

    def _report(self, done: int) -> None:
        if self.progress is not None and not self.progress(done, self.total):
            raise UserError(NOTHING_SAVED)

    def laid_out(self, entries: int) -> None:
        self._report(entries)

    def painted(self, page: int, pages: int) -> None:
        self._report(self.total // 2 + self.total // 2 * page // pages)


class _Builder:
    """Blocks of one status list at one page width."""

    def __init__(self, ts: Typesetter, width: float, landscape: bool) -> None:
        self.ts, self.width, self.landscape = ts, width, landscape
        self.pad = 1.6 * MM
        self.gap = 1.2 * MM
        self.column_x, x = [], 0.0
        for _, share in COLUMNS:
            self.column_x.append((x, share * width))
            x += share * width

    def text(self, runs, width: float | None = None, align=Qt.AlignmentFlag.AlignLeft):
        return self.ts.lay_out(runs, self.width if width is None else width, align)

    def heading(self, words: str, look: Look, **kw) -> TextBlock:
        return TextBlock(self.text([(words, look)]), self.width, above=look.size * PT * 0.7, below=look.size * PT * 0.35,
                         keep_with_next=True, **kw)  # fmt: skip

    # Entries -------------------------------------------------------------------------
    def entry(self, e: Entry) -> Block:
        background = OVERDUE_BG if e.overdue else None
        if self.landscape:
            return self._entry_row(e, background)
        runs = []
        if marks := entry_marks(e):
            runs.append((marks + LINE_BREAK, ALERT))
        runs += [(f"{e.number}. {e.text}{LINE_BREAK}", BOLD),
                 ("Svarsläge: ", GREY), (e.reply_state, BODY), ("  ·  Status: ", GREY), (e.status, BOLD),
                 ("  ·  Klart senast: ", GREY), (entry_due(e), BODY)]  # fmt: skip
        for label, value in (("Svar", e.reply), ("Planerad åtgärd", e.action), ("Senaste uppföljning", e.comment)):
            if value:
                runs += [(f"{LINE_BREAK}{label}: ", GREY), (value, BODY)]
        text = self.text(runs, self.width - 2 * self.pad)
        return TextBlock(text, self.width, pad=self.pad, below=self.gap, background=background)

    def _entry_row(self, e: Entry, background: str | None) -> Block:
        first = []
        if marks := entry_marks(e):
            first.append((marks + LINE_BREAK, ALERT))
        first.append((f"{e.number}. {e.text}", BOLD))
        status = [(e.status + LINE_BREAK, BOLD), (e.reply_state, GREY)]
        if e.comment:
            status.append((LINE_BREAK + e.comment, BODY))
        contents = [first, [(e.reply or "–", BODY)], [(e.action or "–", BODY)], [(entry_due(e), BODY)], status]
        return self._row(contents, self.column_x, background)

    def _row(self, contents, cells, background: str | None, aligns=None, pad: float | None = None,
             **kw) -> RowBlock:  # fmt: skip
        """A table row: each cell's runs in its (x, width), laid out as one text."""
        aligns = aligns or [Qt.AlignmentFlag.AlignLeft] * len(cells)
        columns = [Column(runs, x, w - 2 * self.pad, align) for runs, (x, w), align in zip(contents, cells, aligns)]
        return RowBlock(self.ts.lay_out_row(columns), cells, pad=self.pad if pad is None else pad,
                        background=background, **kw)  # fmt: skip

    def column_heads(self) -> RowBlock:
        heads = [[(name, SMALL_BOLD)] for name, _ in COLUMNS]
        return self._row(heads, self.column_x, HEAD_BG, keep_with_next=True)

    def report(self, body: BodyGroup, report: ReportGroup, first: bool) -> list[Block]:
        """A report's heading, column heads in landscape, its entries; a page that
        continues it repeats the body, the report and "forts."."""
        heading = self.heading(f"{report.title}{_year(report)}", H2)
        if not first:
            heading.continued = Later(lambda: self.heading(f"{body.name}, forts.", CONTINUED))
        blocks: list[Block] = [heading]
        if self.landscape:
            blocks.append(self.column_heads())

        def again() -> Block:
            words = self.heading(f"{body.name} · {report.title}{_year(report)}, forts.", CONTINUED)
            return StackBlock([words, self.column_heads()]) if self.landscape else words

        later = Later(again)
        entries = [self.entry(e) for e in report.entries]
        for block in entries:
            block.continued = later
        if len(entries) >= 2:
            # No entry stays alone on either side of a page break when it could go with its group.
            entries[0].keep_with_next = entries[-2].keep_with_next = True
        return blocks + entries

    # Counts and charts ---------------------------------------------------------------
    def counts_table(self, rows: list[tuple[str, dict[str, int], int, int]], with_names: bool = True) -> list[Block]:
        """Counts per status and overdue counts, a row per body. Columns are as wide as
        their longest word, so headings wrap between words and never inside one."""
        heads = [*STATUSES, "Totalt", f"{MARK} Svar försenade", f"{MARK} Åtgärder försenade"]
        metrics_pad = 2 * self.pad
        widths = [max(self._word_width(h), self._word_width("0000")) + metrics_pad for h in heads]
        if with_names:
            name_width = max(self.width - sum(widths), self.width * 0.2)
            scale = (self.width - name_width) / sum(widths)
            widths = [name_width] + [w * scale for w in widths]
            heads = ["Nämnd", *heads]
        else:
            widths = [self.width / len(heads)] * len(heads)
        xs = [sum(widths[:i]) for i in range(len(widths))]
        blocks: list[Block] = [self._grid_row(heads, xs, widths, SMALL_BOLD, HEAD_BG, numbers=False)]
        for name, counts, late_replies, late_actions in rows:
            values = [str(counts.get(s, 0)) for s in STATUSES]
            values += [str(sum(counts.values())), str(late_replies), str(late_actions)]
            blocks.append(self._grid_row([name, *values] if with_names else values, xs, widths, SMALL, None,
                                         numbers=True, first_is_name=with_names))  # fmt: skip
        return blocks

    def grid(self, headings, rows: list[list[str]], shares: list[float], look: Look = SMALL) -> list[Block]:
        """A plain table, each column its share of the width; figures align right."""
        widths = [self.width * share / sum(shares) for share in shares]
        xs = [sum(widths[:i]) for i in range(len(widths))]
        bold = Look(look.size, bold=True)
        blocks = [self._grid_row(headings, xs, widths, bold, HEAD_BG, numbers=False)]
        blocks += [self._grid_row(row, xs, widths, look, None, numbers=True, first_is_name=True) for row in rows]
        blocks[-1].keep_with_next = False
        return blocks

    def stats(self, stats: Statistics) -> list[Block]:
        """Follow-up statistics per audit year, with a chart and the oldest open recommendations."""
        labels = [year_label(f) for f in stats.years] + ["Totalt"]
        figures = [*stats.years, stats.total]
        blocks: list[Block] = [self.heading("Uppföljningsstatistik", H1, page_break_before=True)]
        note = (f"Per revisionsår, beräknad {stats.today.isoformat()}. Andelar av årets rekommendationer; dagar "
                "räknas från rapportens datum till uppföljningen som satte Åtgärdad.")  # fmt: skip
        blocks.append(TextBlock(self.text([(note, GREY)]), self.width, below=self.gap * 2, keep_with_next=True))
        for headings, row in ((STATUS_HEADINGS, status_row), (PACE_HEADINGS, pace_row)):
            table = [[label, *row(f)] for label, f in zip(labels, figures)]
            blocks += self.grid(["År", *headings], table, [1.0] + [1.4] * len(headings))
            blocks.append(TextBlock(self.text([(" ", SMALL)]), self.width))
        blocks.append(BarChart([(year_label(f), f.counts) for f in stats.years], self.ts.device, self.width))
        if stats.oldest_open:
            blocks.append(self.heading("Äldsta öppna rekommendationer", H2))
            rows = [[f"{o.report}{f' ({o.year})' if o.year else ''}", str(o.number), ", ".join(o.bodies), o.status,
                     str(o.age_days) if o.age_days is not None else "–"] for o in stats.oldest_open]  # fmt: skip
            headings = ["Granskning", "Nr", "Nämnd", "Status", "Dagar sedan rapporten"]
            blocks += self.grid(headings, rows, [0.38, 0.05, 0.3, 0.15, 0.12])
        return blocks

    def _word_width(self, heading: str) -> float:
        widest = 0.0
        for word in heading.split():
            text = self.text([(word, SMALL_BOLD)], 1e6)  # held: a QTextLine dies with its layout
            widest = max(widest, text.layout.lineAt(0).naturalTextWidth())
        return widest

    def _grid_row(self, values, xs, widths, look, background, *, numbers: bool, first_is_name: bool = False):
        aligns = []
        for i, value in enumerate(values):
            right = numbers and not (first_is_name and i == 0) and _FIGURE.fullmatch(value) is not None
            aligns.append(Qt.AlignmentFlag.AlignRight if right else Qt.AlignmentFlag.AlignLeft)
        return self._row([[(value, look)] for value in values], list(zip(xs, widths)), background, aligns,
                         pad=self.pad * 0.6, keep_with_next=True)  # fmt: skip


_FIGURE = re.compile(r"[\d\s%().,–-]*")  # "12", "3 (25 %)", "–"


def _row(body: BodyGroup) -> tuple[str, dict[str, int], int, int]:
    return body.name, body.counts(), body.overdue_replies, body.overdue_actions


def build_blocks(sl: StatusList, ts: Typesetter, width: float, landscape: bool, one_body_per_page: bool,
                 steps: _Steps | None = None) -> list[Block]:  # fmt: skip
    steps = steps or _Steps(None, 0)
    b = _Builder(ts, width, landscape)
    if not sl.bodies:
        return [TextBlock(b.text([("Inga rekommendationer motsvarar urvalet.", BODY)]), width)]
    blocks: list[Block] = []
    if len(sl.bodies) > 1:
        blocks.append(b.heading("Översikt", H2))
        blocks += b.counts_table([_row(body) for body in sl.bodies])
        blocks.append(BarChart([(body.name, body.counts()) for body in sl.bodies], ts.device, width))
    done = 0
    for n, body in enumerate(sl.bodies):
        breaks = one_body_per_page or (n == 0 and len(sl.bodies) > 1)
        blocks.append(b.heading(body.name, H1, page_break_before=breaks))
        blocks += b.counts_table([_row(body)], with_names=False)
        blocks.append(BarChart([(body.name, body.counts())], ts.device, width, per_status=True))
        for k, report in enumerate(body.reports):
            blocks += b.report(body, report, first=k == 0)
            done += len(report.entries)
            steps.laid_out(done)
    if sl.stats is not None and sl.stats.total.total:
        blocks += b.stats(sl.stats)
    return blocks


class _Header(Block):
    """Office and date, the title and the selection, on every page."""

    def __init__(self, sl: StatusList, b: _Builder) -> None:
        self.office = b.text([(sl.office, GREY)], b.width / 2)
        self.date = b.text([(sl.date.isoformat(), GREY)], b.width / 2, Qt.AlignmentFlag.AlignRight)
        self.title = b.text([(sl.title, H1)])
        self.selection = b.text([(f"Urval: {sl.selection}", GREY)])
        self.width = b.width
        self.rule = self.office.height + self.title.height + self.selection.height + 0.8 * MM
        self.height = self.rule + 1.0 * MM

    def paint(self, painter: QPainter, y: float, top: float, bottom: float) -> None:
        self.office.draw(painter, 0, 0)
        self.date.draw(painter, self.width / 2, 0)
        self.title.draw(painter, 0, self.office.height)
        self.selection.draw(painter, 0, self.office.height + self.title.height)
        painter.setPen(QColor("#888888"))
        painter.drawLine(0, int(self.rule), int(self.width), int(self.rule))


@dataclass
class Layout:
    """A status list laid out on pages, ready for any device."""

    header: Block
    pages: list[Page]
    width: float
    height: float
    footer: list  # "Sida X av Y", one Text per page
    gap: float
    device: QPdfWriter  # what the texts were measured on: alive as long as they are


def measuring_device() -> QPdfWriter:
    """What text is measured on: a 300 dpi PDF that is never written."""
    buffer = QBuffer()
    writer = QPdfWriter(buffer)
    buffer.setParent(writer)  # goes with the writer
    writer.setResolution(DPI)
    return writer


def lay_out(
    sl: StatusList, layout: QPageLayout, one_body_per_page: bool = False, progress: Progress | None = None
) -> Layout:
    """The pages of a status list for a page layout; `progress(done, total)` returning
    False stops it with a UserError."""
    with gc_paused():
        return _lay_out(sl, layout, one_body_per_page, progress)


def _lay_out(sl: StatusList, layout: QPageLayout, one_body_per_page: bool, progress: Progress | None) -> Layout:
    load_pdf_font()
    device = measuring_device()
    ts = Typesetter(device)
    rect = layout.paintRect(QPageLayout.Unit.Inch)
    width, height = rect.width() * DPI, rect.height() * DPI
    landscape = layout.orientation() == QPageLayout.Orientation.Landscape
    steps = _Steps(progress, sum(len(b.entries) for b in sl.bodies))  # laying out is the first half
    b = _Builder(ts, width, landscape)
    header = _Header(sl, b)
    gap = 0.08 * DPI
    footer_height = 0.3 * DPI
    room = height - header.height - footer_height - gap
    pages = paginate(build_blocks(sl, ts, width, landscape, one_body_per_page, steps), room)
    footers = [b.text([(f"Sida {n} av {len(pages)}", FOOT)], width, Qt.AlignmentFlag.AlignHCenter)
               for n in range(1, len(pages) + 1)]  # fmt: skip
    return Layout(header, pages, width, height, footers, gap, device)


def paint(laid: Layout, device: QPrinter | QPdfWriter, progress: Progress | None = None, entries: int = 0) -> int:
    """Draw laid-out pages on a device of any resolution; returns the number of pages."""
    with gc_paused():
        return _paint(laid, device, _Steps(progress, entries))


def _paint(laid: Layout, device: QPrinter | QPdfWriter, steps: _Steps) -> int:
    painter = QPainter()
    if not painter.begin(device):
        raise UserError("Utskriften kunde inte påbörjas: skrivaren eller filen gick inte att öppna. Försök igen.")
    try:
        scale = device.resolution() / DPI
        for number, pg in enumerate(laid.pages, start=1):
            steps.painted(number - 1, len(laid.pages))
            if number > 1:
                device.newPage()
            painter.save()
            painter.scale(scale, scale)
            laid.header.paint(painter, 0, 0, laid.header.height)
            below_header = laid.header.height + laid.gap
            for piece in pg.pieces:
                piece.block.paint(painter, below_header + piece.y, piece.top, piece.bottom)
            footer = laid.footer[number - 1]
            footer.draw(painter, 0, laid.height - footer.height)
            painter.restore()
    except UserError:
        if isinstance(device, QPrinter):
            device.abort()  # Avbryt: no half list comes out of the printer
        raise
    finally:
        painter.end()
    return len(laid.pages)


def render(
    sl: StatusList, printer: QPrinter | QPdfWriter, one_body_per_page: bool = False, progress: Progress | None = None
) -> int:
    """Lay out for the device's page layout and draw; returns the number of pages."""
    entries = sum(len(b.entries) for b in sl.bodies)
    with gc_paused():
        laid = lay_out(sl, printer.pageLayout(), one_body_per_page, progress)
        pages = paint(laid, printer, progress, entries)
        # Freed here by reference counting (the blocks hold no cycles): a collector let
        # loose on them before would walk a few hundred thousand objects twice (0.1-0.2 s).
        del laid
    return pages


def pdf_writer(path: Path, landscape: bool) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(DPI)
    writer.setPageLayout(page_layout(landscape))
    writer.setTitle("Statuslista")
    writer.setCreator("Revisionsuppföljning")
    return writer


def application() -> QApplication:
    """Qt draws text only with an application object; on a Linux without a display (a server,
    the command line over SSH) the offscreen platform serves. Windows and macOS always have one."""
    display = os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and not display:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    # QApplication rather than QGuiApplication: a process that later opens a window
    # (the tests do) cannot turn a QGuiApplication into one.
    return QApplication.instance() or QApplication(["tracker"])


def save_pdf(
    sl: StatusList,
    path: Path | str,
    *,
    landscape: bool = False,
    one_body_per_page: bool = False,
    progress: Progress | None = None,
) -> int:
    """Write the PDF atomically: a failure or a cancel leaves any older file as it was.
    Safe on a worker thread while the application lives on the GUI thread."""
    app = application()  # noqa: F841 - alive while drawing
    with atomic_path(Path(path), verify=check_pdf) as tmp:
        writer = pdf_writer(tmp, landscape)
        try:
            pages = render(sl, writer, one_body_per_page, progress)
        except UserError as exc:
            raise UserError(exc.message, file=path) from exc  # the message names the file
        finally:
            del writer  # QPdfWriter finishes (and closes) the file when it goes away
    return pages
