"""Status lists of 1,000 and 5,000 recommendations to PDF (targets: under 1 s and 3 s),
portrait and landscape, beside a baseline measured in the same run: Qt's PDF writer
drawing the same entries' text as wrapped paragraphs with QPainter.drawText, with no
pagination, headings or tables of ours. CPU seconds are shown too: the machine may be
shared, and wall time then measures the neighbours. The total is split into reading the
register (load_rows, the register's own query, shown apart), the list's content and
statistics, and the PDF (laying out and drawing).

Where the time goes (5,000 portrait, measured 2026-12-02 with cProfile): about two thirds
of the PDF is spent inside Qt calls that no change of ours makes shorter. QTextLayout.draw
is 1.2 s: Qt's PDF engine writes every glyph as "x y Td <glyph> Tj", 2.2 million of them.
QPdfWriter.newPage is 1.1 s: zlib compresses each page's 75 kB of content. Breaking lines
(QTextLine.setLineWidth, beginLayout, setFormats) is 0.7 s. That is 3 s before any Python
of ours and before the content (0.4 s). PySide6 holds the GIL inside these calls: a busy
Python thread makes no progress during a QTextLayout.draw, so threads cannot use a second
core. Two processes, each laying out the whole list and drawing half its pages, joined
with pypdfium2 (0.15 s), took 3.5-3.8 s for the PDF against 4.2-4.4 s in one process, for
about 50 % more CPU time. That is not worth a second process.

python benchmarks/statuslist.py [N ...]
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from make_register import make_register  # noqa: E402
from PySide6.QtCore import QRectF, Qt  # noqa: E402
from PySide6.QtGui import QFont, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from tracker.core.opening import open_store  # noqa: E402
from tracker.core.queries import load_rows  # noqa: E402
from tracker.core.statuslist import build_status_list  # noqa: E402
from tracker.gui.statuslist_render import pdf_writer, save_pdf  # noqa: E402

TARGETS = {1_000: 1.0, 5_000: 3.0}


def clocks() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def since(start: tuple[float, float]) -> str:
    wall, cpu = clocks()
    return f"{wall - start[0]:.2f} s ({cpu - start[1]:.2f} s CPU)"


def own_texts(status_list) -> None:
    """make_register repeats a few dozen texts; in a real register every recommendation,
    reply and comment reads differently, and the figures must not profit from laying out
    a repeated text once. A recommendation under several bodies keeps its one text."""
    for body in status_list.bodies:
        for e in body.entries:
            e.text = f"{e.text} (nr {e.id})"
            e.reply = e.reply and f"{e.reply} ({body.name}, nr {e.id})"
            e.action = e.action and f"{e.action} ({body.name}, nr {e.id})"
            e.comment = e.comment and f"{e.comment} (nr {e.id})"


def baseline(status_list, path: Path) -> tuple[str, int]:
    """Every entry's text drawn wrapped, ten to a page: the floor of putting it in a PDF."""
    start = clocks()
    writer = pdf_writer(path, False)
    painter = QPainter(writer)
    font = QFont("DejaVu Sans")
    font.setPointSizeF(9)
    painter.setFont(font)
    width = writer.width()
    pages, y = 1, 0
    for body in status_list.bodies:
        for e in body.entries:
            text = "\n".join(t for t in (f"{e.number}. {e.text}", e.reply_state, e.reply, e.action, e.comment) if t)
            if y > writer.height() * 0.9:
                writer.newPage()
                pages, y = pages + 1, 0
            rect = painter.boundingRect(QRectF(0, y, width, writer.height()), Qt.TextFlag.TextWordWrap, text)
            painter.drawText(rect, Qt.TextFlag.TextWordWrap, text)
            y += rect.height() + 20
    painter.end()
    del writer
    return since(start), pages


def main() -> None:
    app = QApplication([])  # noqa: F841 - text is drawn through the application's fonts
    sizes = [int(a) for a in sys.argv[1:]] or list(TARGETS)
    folder = Path(tempfile.mkdtemp())
    for rows in sizes:
        make_register(folder / f"register{rows}.sqlite", rows)
        store = open_store(folder / f"register{rows}.sqlite", read_only=True)
        status_list = build_status_list(store, dt.date(2026, 11, 25))
        own_texts(status_list)
        entries = sum(len(b.entries) for b in status_list.bodies)
        took, pages = baseline(status_list, folder / "baseline.pdf")
        print(
            f"{rows} recommendations ({entries} entries under their bodies); baseline drawText: {took}, {pages} pages"
        )
        start = clocks()
        load_rows(store, dt.date(2026, 11, 25))
        print(f"  load_rows alone (inside the content below): {since(start)}")
        for landscape in (False, True):
            start = clocks()
            status_list = build_status_list(store, dt.date(2026, 11, 25))
            content = since(start)
            own_texts(status_list)
            pdf = clocks()
            pages = save_pdf(status_list, folder / "lista.pdf", landscape=landscape)
            target = TARGETS.get(rows)
            print(f"  {'landscape' if landscape else 'portrait '}: {pages} pages, content and PDF {since(start)}"
                  + (f" (target < {target:.0f} s)" if target else "")
                  + f"; content {content}, PDF {since(pdf)}")  # fmt: skip
        store.close()


if __name__ == "__main__":
    main()
