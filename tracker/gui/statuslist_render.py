"""Drawing a status list (tracker.core.statuslist) on a printer, a PDF or the preview.

Page one is the overview (bodies × status, overdue replies and actions, a chart); then,
per body, a summary with its own chart and the recommendations by report. Overdue items
are marked by colour and by "⚠" with words, so a black-and-white print shows them too.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPageLayout, QPageSize, QPainter, QPdfWriter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from ..core.atomic_file import atomic_path
from ..core.errors import UserError
from ..core.model import STATUSES
from ..core.progress import NOTHING_SAVED, Progress
from ..core.statuslist import BodyGroup, Entry, StatusList
from .statuslist_charts import BarChart
from .statuslist_pages import Block, HtmlBlock, Page, paginate

MARK = "⚠"
OVERDUE_BG = "#fbe3e3"
OVERDUE_FG = "#8a1c1c"
STYLE = (
    "<style>body { font-family: 'DejaVu Sans'; font-size: 9pt; } h1 { font-size: 15pt; } "
    "h2 { font-size: 12pt; } .muted { color: #555; } th { background: #e6ebf3; text-align: left; }</style>"
)


# Status words broken where a narrow portrait column would otherwise break them mid-letter.
HEADINGS = {"Ej påbörjad": "Ej<br>påbörjad", "Pågående": "Pågå-<br>ende", "Delvis åtgärdad": "Delvis<br>åtgärdad",
            "Åtgärdad": "Åtgär-<br>dad", "Ej åtgärdad": "Ej<br>åtgärdad", "Inaktuell": "Inak-<br>tuell"}  # fmt: skip


def _date(value) -> str:
    return value.isoformat() if value else ""


def _entry_html(e: Entry) -> str:
    marks = []
    if e.reply_overdue:
        marks.append(f"{MARK} SVAR FÖRSENAT")
    if e.action_overdue:
        marks.append(f"{MARK} ÅTGÄRD FÖRSENAD")
    due = _date(e.due) or escape(e.due_text or "") or "–"
    lines = [
        f"<b>{e.number}. {escape(e.text)}</b>",
        f"<span class='muted'>Svarsläge:</span> {escape(e.reply_state)} &nbsp;·&nbsp; "
        f"<span class='muted'>Status:</span> <b>{escape(e.status)}</b> &nbsp;·&nbsp; "
        f"<span class='muted'>Klart senast:</span> {due}",
    ]
    if marks:
        lines.insert(0, f"<span style='color:{OVERDUE_FG}; font-weight:bold'>{' · '.join(marks)}</span>")
    for label, value in (("Svar", e.reply), ("Planerad åtgärd", e.action), ("Senaste uppföljning", e.comment)):
        if value:
            lines.append(f"<span class='muted'>{label}:</span> {escape(value)}")
    background = f" bgcolor='{OVERDUE_BG}'" if e.overdue else ""
    return (f"{STYLE}<table width='100%' cellspacing='0' cellpadding='5'{background}>"
            f"<tr><td>{'<br>'.join(lines)}</td></tr></table><div style='font-size:3pt'>&nbsp;</div>")  # fmt: skip


def _counts_table(rows: list[tuple[str, dict[str, int], int, int]], with_names: bool = True) -> str:
    """Counts per status and overdue counts, a row per body; narrow type so nine columns fit portrait."""
    head = "".join(f"<th>{HEADINGS.get(s, escape(s))}</th>" for s in STATUSES)
    body = ""
    for name, counts, late_replies, late_actions in rows:
        cells = "".join(f"<td align='right'>{counts.get(s, 0)}</td>" for s in STATUSES)
        first = f"<td>{escape(name)}</td>" if with_names else ""
        body += (f"<tr>{first}{cells}<td align='right'><b>{sum(counts.values())}</b></td>"
                 f"<td align='right'>{late_replies}</td><td align='right'>{late_actions}</td></tr>")  # fmt: skip
    name_head = "<th width='24%'>Nämnd</th>" if with_names else ""
    return (f"{STYLE}<table width='100%' border='1' cellspacing='0' cellpadding='3' "
            f"style='border-color:#999; font-size:7.5pt'><tr>{name_head}{head}<th>Totalt</th>"
            f"<th>{MARK} Svar<br>försenade</th><th>{MARK} Åtgärder<br>försenade</th></tr>{body}</table>")  # fmt: skip


def _row(body: BodyGroup) -> tuple[str, dict[str, int], int, int]:
    return body.name, body.counts(), body.overdue_replies, body.overdue_actions


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


def build_blocks(
    sl: StatusList, device, width: float, one_body_per_page: bool, steps: _Steps | None = None
) -> list[Block]:
    steps = steps or _Steps(None, 0)
    done = 0
    blocks: list[Block] = []
    if not sl.bodies:
        blocks.append(HtmlBlock(f"{STYLE}<p>Inga rekommendationer motsvarar urvalet.</p>", device, width))
        return blocks
    if len(sl.bodies) > 1:
        blocks.append(HtmlBlock(f"{STYLE}<h2>Översikt</h2>", device, width, keep_with_next=True))
        blocks.append(HtmlBlock(_counts_table([_row(b) for b in sl.bodies]), device, width, keep_with_next=True))
        blocks.append(BarChart([(b.name, b.counts()) for b in sl.bodies], device, width))
    for n, body in enumerate(sl.bodies):
        breaks = one_body_per_page or (n == 0 and len(sl.bodies) > 1)
        blocks.append(HtmlBlock(f"{STYLE}<h1>{escape(body.name)}</h1>", device, width, keep_with_next=True,
                                page_break_before=breaks))  # fmt: skip
        blocks.append(HtmlBlock(_counts_table([_row(body)], with_names=False), device, width, keep_with_next=True))
        blocks.append(BarChart([(body.name, body.counts())], device, width, per_status=True))
        for report in body.reports:
            year = f" ({report.year})" if report.year else ""
            html = f"{STYLE}<h2>{escape(report.title)}{year}</h2>"
            blocks.append(HtmlBlock(html, device, width, keep_with_next=True))
            for e in report.entries:
                blocks.append(HtmlBlock(_entry_html(e), device, width))
                done += 1
                if done % 20 == 0:
                    steps.laid_out(done)
    return blocks


def _header(sl: StatusList, device, width: float) -> HtmlBlock:
    return HtmlBlock(
        f"{STYLE}<table width='100%' cellspacing='0' cellpadding='0'><tr>"
        f"<td class='muted'>{escape(sl.office)}</td><td align='right' class='muted'>{sl.date.isoformat()}</td></tr>"
        f"</table><h1 style='margin:2px 0'>{escape(sl.title)}</h1><p class='muted' style='margin:0'>"
        f"Urval: {escape(sl.selection)}</p><hr>",
        device,
        width,
    )


def render(
    sl: StatusList,
    printer: QPrinter | QPdfWriter,
    one_body_per_page: bool = False,
    progress: Progress | None = None,
) -> int:
    """Draw the whole list; returns the number of pages. `progress(done, total)`
    returning False stops it with a UserError."""
    steps = _Steps(progress, sum(len(b.entries) for b in sl.bodies))
    page = printer.pageLayout().paintRectPixels(printer.resolution())
    width, height = float(page.width()), float(page.height())
    header = _header(sl, printer, width)
    footer_height = printer.resolution() * 0.3
    gap = printer.resolution() * 0.08
    room = height - header.height - footer_height - gap
    pages: list[Page] = paginate(build_blocks(sl, printer, width, one_body_per_page, steps), room)
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("Utskriften kunde inte påbörjas: skrivaren eller filen gick inte att öppna. Försök igen.")
    try:
        footer_font = QFont("DejaVu Sans", 8)
        for number, pg in enumerate(pages, start=1):
            steps.painted(number - 1, len(pages))
            if number > 1:
                printer.newPage()
            header.paint(painter, 0, header.height)
            for piece in pg.pieces:
                painter.save()
                painter.translate(0, header.height + gap + piece.y)
                piece.block.paint(painter, piece.top, piece.bottom)
                painter.restore()
            painter.setFont(footer_font)
            painter.setPen(QColor("#444"))
            painter.drawText(QRectF(0, height - footer_height, width, footer_height),
                             Qt.AlignmentFlag.AlignCenter, f"Sida {number} av {len(pages)}")  # fmt: skip
    except UserError:
        if isinstance(printer, QPrinter):
            printer.abort()  # Avbryt: no half list comes out of the printer
        raise
    finally:
        painter.end()
    return len(pages)


def pdf_writer(path: Path, landscape: bool) -> QPdfWriter:
    writer = QPdfWriter(str(path))
    writer.setResolution(300)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4), orientation, QMarginsF(15, 15, 15, 12), QPageLayout.Unit.Millimeter
        )
    )
    writer.setTitle("Statuslista")
    writer.setCreator("Revisionsuppföljning")
    return writer


def _application() -> QApplication:
    """Qt draws text only with an application object; without a display (a server, the
    command line over SSH) the offscreen platform serves."""
    if not (os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
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
    app = _application()  # noqa: F841 - alive while drawing
    with atomic_path(Path(path)) as tmp:
        writer = pdf_writer(tmp, landscape)
        try:
            pages = render(sl, writer, one_body_per_page, progress)
        except UserError as exc:
            raise UserError(exc.message, file=path) from exc  # the message names the file
        finally:
            del writer  # QPdfWriter finishes (and closes) the file when it goes away
    return pages
