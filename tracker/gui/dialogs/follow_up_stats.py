"""Rapporter → Uppföljningsstatistik…: the core's follow-up statistics (core/stats.py) for
the whole register, a body or an audit year: a stacked bar per year, the figures per
year and per body, the oldest open recommendations; saved as an Excel workbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QPainter, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...core.excel.stats_sheet import export_stats
from ...core.model import DONE
from ...core.queries import years
from ...core.register import load_bodies
from ...core.stats import PACE_HEADINGS, STATUS_HEADINGS, Statistics, compute, pace_row, percent, status_row, year_label
from ..statuslist_charts import BarChart
from ..workers import Job, run_in_background

if TYPE_CHECKING:
    from ..main_window import MainWindow


class YearChart(QWidget):
    """One stacked bar per audit year, drawn with the status list's chart."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, dict[str, int]]] = []

    def show_years(self, stats: Statistics) -> None:
        self.rows = [(year_label(f), f.counts) for f in stats.years]
        self._fit()

    def _fit(self) -> None:
        self.setFixedHeight(round(self._chart().height) + 8)  # the legend wraps on a narrow window
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit()

    def _chart(self) -> BarChart:
        return BarChart(self.rows, self, max(self.width() - 16, 200))

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self.rows:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.translate(8, 4)
        chart = self._chart()
        chart.paint(painter, 0, 0, chart.height)
        painter.end()


def _two_lines(heading: str) -> str:
    """A long heading on two lines, broken at the space nearest its middle, so every column shows."""
    spaces = [i for i, c in enumerate(heading) if c == " "]
    if len(heading) < 12 or not spaces:
        return heading
    middle = min(spaces, key=lambda i: abs(i - len(heading) / 2))
    return heading[:middle] + "\n" + heading[middle + 1 :]


def _table(headings: list[str]) -> tuple[QTableView, QStandardItemModel]:
    model = QStandardItemModel(0, len(headings))
    model.setHorizontalHeaderLabels([_two_lines(h) for h in headings])
    view = QTableView()
    view.setModel(model)
    view.verticalHeader().hide()
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view, model


def _fill(model: QStandardItemModel, rows: list[list[str]]) -> None:
    model.setRowCount(0)
    for row in rows:
        model.appendRow([QStandardItem(value) for value in row])


class StatsWindow(QDialog):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Uppföljningsstatistik")
        screen = (window.screen()).availableGeometry()
        self.resize(min(1100, screen.width() * 9 // 10), min(760, screen.height() * 9 // 10))
        self.body = QComboBox()
        self.body.addItem("Alla nämnder", None)
        for body in load_bodies(window.store):
            self.body.addItem(body.name, body.id)
        self.year = QComboBox()
        self.year.addItem("Alla år", None)
        for y in years(window.store):
            self.year.addItem(str(y), y)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        choices = QHBoxLayout()
        choices.addWidget(QLabel("Nämnd:"))
        choices.addWidget(self.body, 1)
        choices.addWidget(QLabel("Revisionsår:"))
        choices.addWidget(self.year)
        choices.addStretch(1)

        self.chart = YearChart()
        self.per_year, self.year_model = _table(["År", *STATUS_HEADINGS, *PACE_HEADINGS])
        self.per_body, self.body_model = _table(["Nämnd", *STATUS_HEADINGS, *PACE_HEADINGS])
        self.oldest, self.oldest_model = _table(["Granskning", "Nr", "Rekommendation", "Nämnd", "Status", "Dagar"])
        self.oldest.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.oldest.horizontalHeader().setStretchLastSection(False)
        tabs = QTabWidget()
        tabs.addTab(self.per_year, "Per revisionsår")
        tabs.addTab(self.per_body, "Per nämnd")
        tabs.addTab(self.oldest, "Äldsta öppna")

        buttons = QDialogButtonBox()
        excel = buttons.addButton("Spara som Excel…", QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        excel.clicked.connect(self.save_excel)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(choices)
        layout.addWidget(self.summary)
        layout.addWidget(self.chart)
        layout.addWidget(tabs, 1)
        layout.addWidget(buttons)
        self.body.currentIndexChanged.connect(self.refresh)
        self.year.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        body = self.body.currentData()
        self.stats = compute(self.window_.store, self.window_.today(), body_ids=(body,) if body else (),
                             year=self.year.currentData())  # fmt: skip
        total = self.stats.total
        median = "–" if total.median_days_to_done is None else f"{total.median_days_to_done:.0f} dagar"
        self.summary.setText(
            f"Per {self.stats.today.isoformat()}: {total.total} rekommendationer, "
            f"{percent(total.counts[DONE], total.total)} åtgärdade; "
            f"{pace_row(total)[0]} åtgärdade inom ett år och {pace_row(total)[1]} inom två år från rapporten; "
            f"median {median} till Åtgärdad. Svar: {total.replies_on_time} i tid, {total.replies_late} försenade, "
            f"{total.replies_missing} saknas."
        )
        self.chart.show_years(self.stats)
        _fill(self.year_model, [[year_label(f), *status_row(f), *pace_row(f)] for f in self.stats.years]
              + [["Totalt", *status_row(total), *pace_row(total)]])  # fmt: skip
        _fill(self.body_model, [[f.body, *status_row(f), *pace_row(f)] for f in self.stats.bodies])
        _fill(self.oldest_model, [[f"{o.report} ({o.year or '–'})", str(o.number), o.text, ", ".join(o.bodies),
                                   o.status, str(o.age_days) if o.age_days is not None else "–"]
                                  for o in self.stats.oldest_open])  # fmt: skip
        self.oldest.resizeRowsToContents()

    def save_excel(self) -> Job | None:
        default = Path.home() / f"Uppföljningsstatistik {self.stats.today.isoformat()}.xlsx"
        name, _ = QFileDialog.getSaveFileName(self, "Spara statistiken som Excel", str(default), "Excel (*.xlsx)")
        if not name:
            return None
        path = Path(name).with_suffix(".xlsx")
        stats = self.stats

        def done(_: object) -> None:
            self.window_.statusBar().showMessage(f"Statistiken sparad: {path}.", 8000)

        return run_in_background(
            self,
            "Spara som Excel",
            lambda progress: export_stats(stats, path),
            done,
            progress_text=f"Skriver {path.name} …",
            on_error=lambda exc: self.window_.show_error(exc, "Spara som Excel"),
        )


def open_stats_window(window: MainWindow) -> None:
    StatsWindow(window).exec()
