"""Laying blocks out on pages: every block is measured at the page width first, then
placed so that none is cut at a page break (a block taller than a whole page is cut
between its lines). Knowing every page first lets each page say "Sida X av Y"."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QRectF
from PySide6.QtGui import QAbstractTextDocumentLayout, QPaintDevice, QPainter, QTextDocument


class Block:
    """Something drawn at full width with a known height."""

    height: float = 0.0
    keep_with_next = False  # headings never end a page
    page_break_before = False

    def cut_points(self) -> list[float]:
        """Heights at which the block may be split when it is taller than a page."""
        return [self.height]

    def paint(self, painter: QPainter, top: float, bottom: float) -> None:
        """Draw the part of the block between `top` and `bottom` at the painter's origin."""
        raise NotImplementedError


class HtmlBlock(Block):
    def __init__(self, html: str, device: QPaintDevice, width: float, *, keep_with_next: bool = False,
                 page_break_before: bool = False) -> None:  # fmt: skip
        self.doc = QTextDocument()
        # Fonts measured on the printer itself, so what is measured is what is drawn.
        self.doc.documentLayout().setPaintDevice(device)
        self.doc.setDocumentMargin(0)
        self.doc.setHtml(html)
        self.doc.setTextWidth(width)
        self.height = self.doc.size().height()
        self.keep_with_next = keep_with_next
        self.page_break_before = page_break_before

    def cut_points(self) -> list[float]:
        layout = self.doc.documentLayout()
        points = []
        block = self.doc.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)
            text_layout = block.layout()
            for i in range(text_layout.lineCount()):
                line = text_layout.lineAt(i)
                points.append(rect.top() + line.y() + line.height())
            block = block.next()
        return sorted({p for p in points if 0 < p <= self.height} | {self.height})

    def paint(self, painter: QPainter, top: float, bottom: float) -> None:
        painter.save()
        painter.translate(0, -top)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, top, self.doc.textWidth(), bottom - top)
        painter.setClipRect(context.clip)
        self.doc.documentLayout().draw(painter, context)
        painter.restore()


@dataclass
class Piece:
    block: Block
    y: float  # where on the page
    top: float  # which part of the block
    bottom: float


@dataclass
class Page:
    pieces: list[Piece] = field(default_factory=list)


def paginate(blocks: list[Block], room: float) -> list[Page]:
    pages = [Page()]
    y = 0.0
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.page_break_before and pages[-1].pieces:
            pages.append(Page())
            y = 0.0
        # A heading goes to the next page unless what follows it fits too.
        need = block.height
        j = i
        while blocks[j].keep_with_next and j + 1 < len(blocks) and not blocks[j + 1].page_break_before:
            j += 1
            need += blocks[j].height
        need = min(need, room)
        if y > 0 and y + need > room:
            pages.append(Page())
            y = 0.0
        if block.height <= room - y:
            pages[-1].pieces.append(Piece(block, y, 0.0, block.height))
            y += block.height
        else:  # taller than a page: cut between lines
            top = 0.0
            while top < block.height:
                fits = [p for p in block.cut_points() if p - top <= room - y and p > top]
                bottom = fits[-1] if fits else min(block.height, top + room - y)
                pages[-1].pieces.append(Piece(block, y, top, bottom))
                top = bottom
                if top < block.height:
                    pages.append(Page())
                    y = 0.0
                else:
                    y += bottom - pages[-1].pieces[-1].top
        i += 1
    return pages
