"""Bar charts for the status list, drawn with QPainter (QtCharts is not in Essentials).

Every bar carries its number, so the chart reads without colour too."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPaintDevice, QPainter, QPen

from ..core.model import STATUSES
from .statuslist_pages import Block

COLOURS = {
    "Ej påbörjad": "#b0b7c3",
    "Pågående": "#5b8bd0",
    "Delvis åtgärdad": "#e3b448",
    "Åtgärdad": "#4f9a5a",
    "Ej åtgärdad": "#c8553d",
    "Inaktuell": "#8d8d8d",
}


class BarChart(Block):
    """per_status: one bar per status for one body; otherwise one stacked bar per body."""

    def __init__(self, rows: list[tuple[str, dict[str, int]]], device: QPaintDevice, width: float,
                 per_status: bool = False) -> None:  # fmt: skip
        self.rows, self.width, self.per_status = rows, width, per_status
        self.font = QFont("DejaVu Sans", 8)
        self.metrics = QFontMetricsF(self.font, device)
        self.line = self.metrics.height() * 1.6
        labels = STATUSES if per_status else [name for name, _ in rows]
        self.label_width = min(width * 0.35, max(self.metrics.horizontalAdvance(t) for t in labels) + self.line)
        bars = len(STATUSES) if per_status else len(rows)
        legend = 0 if per_status else self.line * 1.5
        self.height = self.line * (bars + 0.8) + legend

    def paint(self, painter: QPainter, top: float, bottom: float) -> None:
        painter.save()
        painter.setFont(self.font)
        bar_width = self.width - self.label_width - self.line * 2
        if self.per_status:
            counts = self.rows[0][1]
            most = max(counts.values(), default=0) or 1
            for i, status in enumerate(STATUSES):
                self._label(painter, i, status)
                self._segment(painter, i, 0, bar_width * counts.get(status, 0) / most, status, counts.get(status, 0))
        else:
            most = max((sum(c.values()) for _, c in self.rows), default=0) or 1
            for i, (name, counts) in enumerate(self.rows):
                self._label(painter, i, name)
                x = 0.0
                for status in STATUSES:
                    length = bar_width * counts.get(status, 0) / most
                    self._segment(painter, i, x, length, status, counts.get(status, 0))
                    x += length
            self._legend(painter, self.line * (len(self.rows) + 0.6))
        painter.restore()

    def _label(self, painter: QPainter, i: int, text: str) -> None:
        painter.setPen(QColor("#222"))
        rect = QRectF(0, i * self.line, self.label_width - self.line * 0.3, self.line)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, text)

    def _segment(self, painter: QPainter, i: int, x: float, length: float, status: str, count: int) -> None:
        if count == 0 and not self.per_status:
            return
        rect = QRectF(self.label_width + x, i * self.line + self.line * 0.15, length, self.line * 0.7)
        painter.setPen(QPen(QColor("#333"), 0))
        painter.setBrush(QColor(COLOURS.get(status, "#999")))
        if length > 0:
            painter.drawRect(rect)
        painter.setPen(QColor("#000"))
        text = str(count)
        if self.per_status or self.metrics.horizontalAdvance(text) + 4 > length:
            # Beside the bar when it is too short to hold its number.
            outside = QRectF(rect.right() + self.line * 0.2, rect.top(), self.line * 3, rect.height())
            if not self.per_status:
                return
            painter.drawText(outside, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)
        else:
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _legend(self, painter: QPainter, y: float) -> None:
        x = self.label_width
        for status in STATUSES:
            painter.setPen(QPen(QColor("#333"), 0))
            painter.setBrush(QColor(COLOURS[status]))
            box = self.line * 0.5
            painter.drawRect(QRectF(x, y + (self.line - box) / 2, box, box))
            painter.setPen(QColor("#222"))
            text_width = self.metrics.horizontalAdvance(status)
            painter.drawText(QRectF(x + box * 1.5, y, text_width + 2, self.line), Qt.AlignmentFlag.AlignVCenter, status)
            x += box * 1.5 + text_width + self.line
