"""Follow-up statistics as an Excel workbook: per year, per body, per year and body, and
the oldest open recommendations; numbers as numbers, shares as percentages."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from ..model import STATUSES
from ..stats import Figures, Statistics, year_label
from .workbook import save_workbook

HEADINGS = ("Antal", *STATUSES, *(f"Andel {s.lower()}" for s in STATUSES), "Åtgärdade inom 1 år",
            "Andel inom 1 år", "Åtgärdade inom 2 år", "Andel inom 2 år", "Median dagar till Åtgärdad",
            "Svar i tid", "Svar försenade", "Svar saknas")  # fmt: skip
_SHARES = {i for i, h in enumerate(HEADINGS) if h.startswith("Andel")}


def _values(fig: Figures) -> list:
    return [fig.total, *(fig.counts[s] for s in STATUSES), *(fig.share(s) for s in STATUSES), fig.done_within_1y,
            fig.share_done_within_1y, fig.done_within_2y, fig.share_done_within_2y, fig.median_days_to_done,
            fig.replies_on_time, fig.replies_late, fig.replies_missing]  # fmt: skip


def _sheet(wb: Workbook, title: str, labels: list[str], rows: list[tuple[list, Figures]]) -> None:
    ws = wb.create_sheet(title)
    ws.append([*labels, *HEADINGS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for key, fig in rows:
        ws.append([*key, *_values(fig)])
    first = len(labels) + 1
    for i in _SHARES:
        for (cell,) in ws.iter_rows(min_row=2, min_col=first + i, max_col=first + i):
            cell.number_format = "0%"
    for c in range(1, ws.max_column + 1):
        ws.column_dimensions[get_column_letter(c)].width = 30 if c <= len(labels) and labels[c - 1] == "Nämnd" else 14
    ws.freeze_panes = ws.cell(row=2, column=first)


def export_stats(stats: Statistics, path: Path | str) -> None:
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "Per år", ["År"], [([year_label(f)], f) for f in stats.years] + [(["Totalt"], stats.total)])
    _sheet(wb, "Per nämnd", ["Nämnd"], [([f.body], f) for f in stats.bodies])
    _sheet(wb, "Per år och nämnd", ["År", "Nämnd"], [([year_label(f), f.body], f) for f in stats.groups])
    ws = wb.create_sheet("Äldsta öppna")
    ws.append(["Granskning", "År", "Nr", "Rekommendation", "Nämnd", "Status", "Rapportdatum", "Dagar sedan rapporten"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for o in stats.oldest_open:
        ws.append([o.report, o.year, o.number, o.text, ", ".join(o.bodies), o.status, o.report_date, o.age_days])
        ws.cell(row=ws.max_row, column=7).number_format = "yyyy-mm-dd"
    for letter, width in zip("ABCDEFGH", (40, 8, 6, 60, 30, 16, 14, 12)):
        ws.column_dimensions[letter].width = width
    save_workbook(wb, path)
