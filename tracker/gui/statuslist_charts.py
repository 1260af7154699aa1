"""Bar charts for the status list, drawn with QPainter (QtCharts is not in Essentials).

Every bar carries its number, so the chart reads without colour too."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPaintDevice, QPainter, QPen

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
        # Sized in the device's pixels, not points: a painter scaled to another device
        # (the printer, the preview) then draws it at the same size as the PDF does.
        self.font = QFont("DejaVu Sans")
        self.font.setPixelSize(max(1, round(8 * device.logicalDpiY() / 72)))
        self.metrics = QFontMetricsF(self.font, device)
        self.line = self.metrics.height() * 1.6
        labels = STATUSES if per_status else [name for name, _ in rows]
        self.label_width = min(width * 0.35, max(self.metrics.horizontalAdvance(t) for t in labels) + self.line)
        bars = len(STATUSES) if per_status else len(rows)
        # The legend's items, wrapped onto as many lines as the width needs.
        self.legend: list[tuple[float, int, str]] = []
        x, line, box = self.label_width, 0, self.line * 0.5
        for status in () if per_status else STATUSES:
            item = box * 1.5 + self.metrics.horizontalAdvance(status) + self.line
            if x + item > width and x > self.label_width:
                x, line = self.label_width, line + 1
            self.legend.append((x, line, status))
            x += item
        legend = self.line * (line + 1.5) if self.legend else 0
        self.height = self.line * (bars + 0.8) + legend

    def paint(self, painter: QPainter, y: float, top: float, bottom: float) -> None:
        painter.save()
        painter.translate(0, y - top)
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
        box = self.line * 0.5
        for x, line, status in self.legend:
            top = y + line * self.line
            painter.setPen(QPen(QColor("#333"), 0))
            painter.setBrush(QColor(COLOURS[status]))
            painter.drawRect(QRectF(x, top + (self.line - box) / 2, box, box))
            painter.setPen(QColor("#222"))
            text_width = self.metrics.horizontalAdvance(status)
            painter.drawText(QRectF(x + box * 1.5, top, text_width + 2, self.line), Qt.AlignmentFlag.AlignVCenter,
                             status)  # fmt: skip


def chart_png(
    rows: list[tuple[str, dict[str, int]]], width_mm: float, per_status: bool = False, dpi: int = 200
) -> bytes:
    """The chart as a PNG picture `width_mm` wide (for Word)."""
    dots_per_metre = round(dpi / 0.0254)

    def image(width: int, height: int) -> QImage:
        img = QImage(width, height, QImage.Format.Format_RGB32)
        img.setDotsPerMeterX(dots_per_metre)
        img.setDotsPerMeterY(dots_per_metre)
        return img

    width = round(width_mm / 25.4 * dpi)
    chart = BarChart(rows, image(1, 1), width, per_status=per_status)  # measured at the picture's resolution
    img = image(width, round(chart.height) + 2)
    img.fill(QColor("white"))
    painter = QPainter(img)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    chart.paint(painter, 0, 0, chart.height)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    img.save(buffer, "PNG")
    buffer.close()
    return bytes(data)
