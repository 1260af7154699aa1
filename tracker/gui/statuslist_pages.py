"""Laying blocks out on pages. Every block is measured once at the page width with
QTextLayout (a style sheet parsed per entry cost most of the time), then placed so that
none is cut at a page break (a block taller than a whole page is cut between its lines),
a heading never ends a page, and a page that continues a group starts with the group's
heading and "forts.". The pages are known before anything is drawn, so each page can
say "Sida X av Y", and the preview and the PDF draw the very same pages."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPaintDevice, QPainter, QPen, QTextCharFormat, QTextLayout, QTextOption

LINE_BREAK = "\u2028"  # a line break inside one QTextLayout


class Look(NamedTuple):  # a tuple: hashed in C, and every run of every entry looks its format up
    size: float = 9.0
    bold: bool = False
    colour: str = "#000000"


class Typesetter:
    """Fonts and formats for one measuring device, made once and shared by every block."""

    def __init__(self, device: QPaintDevice, family: str = "DejaVu Sans") -> None:
        self.device = device
        self.family = family
        self._fonts: dict[tuple[float, bool], QFont] = {}
        self._formats: dict[Look, QTextCharFormat] = {}
        self._seen: dict[tuple, Text] = {}
        self._look_fonts: dict[Look, QFont] = {}
        self.wrap = QTextOption()
        self.wrap.setWrapMode(QTextOption.WrapMode.WordWrap)  # whole words only: no "Pågå-ende"

    def font(self, size: float, bold: bool = False) -> QFont:
        key = (size, bold)
        if key not in self._fonts:
            font = QFont(self.family)
            font.setPointSizeF(size)
            font.setBold(bold)
            # Latin text needs no shaping engine; skipping it makes laying out twice as fast.
            font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
            self._fonts[key] = font
        return self._fonts[key]

    def _format(self, look: Look) -> QTextCharFormat:
        if look not in self._formats:
            fmt = QTextCharFormat()
            fmt.setFont(self.font(look.size, look.bold))
            fmt.setForeground(QColor(look.colour))
            self._formats[look] = fmt
        return self._formats[look]

    def lay_out(self, runs: list[tuple[str, Look]], width: float, align=Qt.AlignmentFlag.AlignLeft) -> Text:
        """Runs of text, each in its look, broken into lines `width` wide (and where a run
        holds LINE_BREAK); neighbouring runs differ in look."""
        return self.lay_out_row([Column(runs, 0.0, width, align)])

    def lay_out_row(self, columns: list[Column]) -> Text:
        """The cells of a table row (each column with at least one run) as one layout, each
        column's lines at its own x: a landscape entry is one layout made and drawn once
        instead of five (28,000 draw calls for 5,000 recommendations, not 82,000). A text
        seen before (a column heading, a recommendation listed under each of its bodies)
        is laid out once and drawn again."""
        key = tuple((tuple(c.runs), c.x, c.width, c.align) for c in columns)
        if key not in self._seen:
            self._seen[key] = self._lay_out(columns)
        return self._seen[key]

    def _lay_out(self, columns: list[Column]) -> Text:
        # The last run's look (plain text, in most entries) is the layout's own font and the
        # pen's colour, so only the other runs need a format. Every call into Qt costs about
        # a microsecond of its own and there are a few hundred thousand: fonts and formats
        # are made once, and a line at (0, 0), where a new line is, is not moved there.
        last = columns[-1].runs
        base = last[-1][1] if last else Look()
        parts, ranges, starts, start = [], [], [], 0
        for n, column in enumerate(columns):
            starts.append(start)
            for i, (part, look) in enumerate(column.runs):
                if i == len(column.runs) - 1 and n < len(columns) - 1:
                    part += LINE_BREAK  # the next column starts a line of its own
                parts.append(part)
                if look != base:
                    r = QTextLayout.FormatRange()
                    r.start, r.length, r.format = start, len(part), self._format(look)
                    ranges.append(r)
                start += len(part)
        layout = QTextLayout("".join(parts), self._font(base), self.device)
        layout.setCacheEnabled(True)  # drawn later: without the cache, draw() shapes the text again
        layout.setTextOption(self.wrap)
        if ranges:
            layout.setFormats(ranges)
        bottoms: list[list[float]] = []
        n, y = -1, 0.0
        layout.beginLayout()
        line = layout.createLine()
        while line.isValid():
            if n + 1 < len(columns) and (n < 0 or line.textStart() >= starts[n + 1]):
                n, y = n + 1, 0.0  # the first line of the next column
                column = columns[n]
                bottoms.append([])
            line.setLineWidth(column.width)
            x = column.x
            if column.align != Qt.AlignmentFlag.AlignLeft:  # by hand, as Qt aligns a line: one option serves the row
                free = column.width - line.horizontalAdvance()
                x += free if column.align == Qt.AlignmentFlag.AlignRight else free / 2
            if x or y:
                line.setPosition(QPointF(x, y))
            y += line.height()
            bottoms[-1].append(y)
            line = layout.createLine()
        layout.endLayout()
        bottoms += [[]] * (len(columns) - len(bottoms))  # empty columns at the end
        height = max((b[-1] for b in bottoms if b), default=0.0)
        return Text(layout, height, bottoms, colour(base.colour))

    def _font(self, look: Look) -> QFont:
        if look not in self._look_fonts:
            self._look_fonts[look] = self.font(look.size, look.bold)
        return self._look_fonts[look]


class Column(NamedTuple):
    """One cell's text in a row: its runs, broken into lines `width` wide, at `x`."""

    runs: list[tuple[str, Look]]
    x: float
    width: float
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft


@functools.cache
def colour(name: str) -> QColor:
    """One QColor per colour name, shared: a QColor made from a name parses it every time."""
    return QColor(name)


@functools.cache
def _grid_pen(name: str) -> QPen:
    return QPen(colour(name), 0)


NO_CLIP = QRectF()  # QTextLayout.draw's "draw every line"


@dataclass
class Text:
    layout: QTextLayout
    height: float  # of the tallest column
    columns: list[list[float]]  # the bottom of each line, per column
    colour: QColor  # of the runs that have no format of their own

    @property
    def line_bottoms(self) -> list[float]:
        """The lines of a text of one column."""
        return self.columns[0]

    def draw(self, painter: QPainter, x: float, y: float, clip: QRectF = NO_CLIP) -> None:
        painter.setPen(self.colour)
        self.layout.draw(painter, QPointF(x, y), [], clip)


class Later:
    """A block made the first time it is needed, then kept."""

    def __init__(self, make: Callable[[], Block]) -> None:
        self.make, self._block = make, None

    def __call__(self) -> Block:
        if self._block is None:
            self._block = self.make()
        return self._block


class Block:
    """Something drawn at full width with a known height."""

    height: float = 0.0
    keep_with_next = False  # headings, and entries that must not stay behind alone
    page_break_before = False
    # Drawn first on a page that this block starts in the middle of its group; made
    # only when such a page comes (most groups never break).
    continued: Later | None = None

    def cut_points(self) -> list[float]:
        """Heights at which the block may be split when it is taller than a page."""
        return [self.height]

    def paint(self, painter: QPainter, y: float, top: float, bottom: float) -> None:
        """Draw the part of the block between `top` and `bottom` at `y` on the page. Blocks
        draw at page positions rather than moving the painter: a PDF writes a moved
        painter's matrix again with every piece of text."""
        raise NotImplementedError


class TextBlock(Block):
    """Text with room above and below, optionally padded on a coloured background."""

    def __init__(self, text: Text, width: float, *, above: float = 0.0, below: float = 0.0, pad: float = 0.0,
                 background: str | None = None, keep_with_next: bool = False,
                 page_break_before: bool = False) -> None:  # fmt: skip
        self.text, self.width, self.above, self.pad, self.background = text, width, above, pad, background
        self.height = above + text.height + 2 * pad + below
        self.keep_with_next, self.page_break_before = keep_with_next, page_break_before

    def cut_points(self) -> list[float]:
        return [self.above + self.pad + b for b in self.text.line_bottoms[:-1]] + [self.height]

    def paint(self, painter: QPainter, y: float, top: float, bottom: float) -> None:
        origin = y - top
        clip = _clip(y, self.width, top, bottom, self.height)
        if self.background:
            box = QRectF(0, origin + self.above, self.width, self.text.height + 2 * self.pad)
            painter.fillRect(_within(box, clip), colour(self.background))
        self.text.draw(painter, self.pad, origin + self.above + self.pad, clip)


def _clip(y: float, width: float, top: float, bottom: float, height: float) -> QRectF:
    """Where on the page the part of a block from `top` to `bottom` is drawn; nothing to
    clip when the whole block is (most are)."""
    return NO_CLIP if top <= 0 and bottom >= height else QRectF(-1, y, width + 2, bottom - top)


def _within(box: QRectF, clip: QRectF) -> QRectF:
    return box if clip is NO_CLIP else box.intersected(clip)


class RowBlock(Block):
    """Cells side by side (a table row), with grid lines; cut only where no cell has a line
    across. `text` holds every cell's lines (Typesetter.lay_out_row), `cells` each cell's
    left edge and width."""

    def __init__(self, text: Text, cells: list[tuple[float, float]], *, pad: float, background: str | None = None,
                 grid: str = "#9aa3b0", keep_with_next: bool = False) -> None:  # fmt: skip
        self.text, self.pad, self.background = text, pad, background
        self.height = text.height + 2 * pad
        self.width = max((x + w for x, w in cells), default=0.0)
        self.keep_with_next = keep_with_next
        self.pen = _grid_pen(grid)
        self.verticals = list({0.0, self.width, *(x for x, _ in cells)})

    def cut_points(self) -> list[float]:
        columns = self.text.columns
        inside = [(self.pad + a, self.pad + b) for lines in columns for a, b in zip([0.0, *lines], lines)]
        points = {self.pad + b for lines in columns for b in lines}
        return sorted(p for p in points if not any(a < p - 0.5 and p + 0.5 < b for a, b in inside)) + [self.height]

    def paint(self, painter: QPainter, y: float, top: float, bottom: float) -> None:
        origin = y - top
        clip = _clip(y, self.width, top, bottom, self.height)
        if self.background:
            painter.fillRect(_within(QRectF(0, origin, self.width, self.height), clip), colour(self.background))
        self.text.draw(painter, self.pad, origin + self.pad, clip)
        painter.setPen(self.pen)
        y0, y1 = origin + max(top, 0.0), origin + min(bottom, self.height)
        lines = [QLineF(x, y0, x, y1) for x in self.verticals]
        if top <= 0:
            lines.append(QLineF(0, origin, self.width, origin))
        lines.append(QLineF(0, y1, self.width, y1))
        painter.drawLines(lines)  # one path in a PDF, not one per line


class StackBlock(Block):
    """Blocks drawn one under the other as one (a repeated heading with its column heads)."""

    def __init__(self, parts: list[Block]) -> None:
        self.parts = parts
        self.height = sum(p.height for p in parts)

    def paint(self, painter: QPainter, y: float, top: float, bottom: float) -> None:
        for part in self.parts:
            part.paint(painter, y, 0.0, part.height)
            y += part.height


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
    fresh = True  # nothing but a repeated heading on the page yet

    def new_page(block: Block | None) -> None:
        nonlocal y, fresh
        pages.append(Page())
        y, fresh = 0.0, True
        if block is not None and block.continued is not None:
            heading = block.continued()
            pages[-1].pieces.append(Piece(heading, 0.0, 0.0, heading.height))
            y = heading.height

    for i, block in enumerate(blocks):
        if block.page_break_before and pages[-1].pieces:
            new_page(None)
        # Kept together with what follows it (a heading with its first entries), as
        # long as that fits on a page at all.
        need, j = block.height, i
        while blocks[j].keep_with_next and j + 1 < len(blocks) and not blocks[j + 1].page_break_before:
            j += 1
            need += blocks[j].height
        if not fresh and y + need > room:
            # What does not fit goes to the next page, unless it would not fit on a page
            # of its own either (then it starts here and is cut).
            again = block.continued().height if block.continued is not None and need > room / 2 else 0.0
            if need <= room - again or y > again:
                new_page(block)
        if block.height <= room - y:
            pages[-1].pieces.append(Piece(block, y, 0.0, block.height))
            y += block.height
            fresh = False
            continue
        top = 0.0  # taller than the rest of the page: cut between lines
        while True:
            fits = [p for p in block.cut_points() if top < p and p - top <= room - y]
            bottom = fits[-1] if fits else min(block.height, top + room - y)
            pages[-1].pieces.append(Piece(block, y, top, bottom))
            y += bottom - top
            fresh = False
            top = bottom
            if top >= block.height:
                break
            new_page(block)
    return pages
