"""Giving the register back as Excel: in an office's saved layout (its headings, column
order, status words, merged report titles and title line, its date set to the export's),
or plain with every field. Written over the office's own workbook, the layout export
keeps the workbook's other sheets, and rebuilds a lookup sheet of short forms from the
register's bodies."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ..errors import UserError
from ..layouts import Layout
from ..model import RecommendationRow
from ..progress import NOTHING_SAVED, Progress, Ticker
from ..queries import load_rows
from ..register import load_bodies
from ..store import Store
from .headings import FIELD_LABELS, find_header_row
from .register_import import _lookup_pairs as lookup_pairs  # the import reads such a sheet the same way
from .styles import SharedStyles
from .workbook import gc_paused, open_workbook, save_workbook, set_text

PLAIN_FIELDS = (
    "report", "year", "report_date", "number", "recommendation", "body", "reply", "action", "due",
    "reply_deadline", "status", "comment", "follow_up_date",
)  # fmt: skip
_WIDTHS = {"report": 40, "recommendation": 60, "reply": 50, "action": 40, "comment": 40, "body": 28}
_DATE_FORMAT = "yyyy-mm-dd"
_BODY_LINE = re.compile(r"^(\s*(?:ansvarig(?:\s+nämnd)?|nämnd)\s*:\s*).+$", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LOOKUP_SHEET = "Nämnder"


def _status(row: RecommendationRow, layout: Layout | None) -> str | None:
    if row.status_date is None and row.status_raw is None:
        return None  # no follow-up yet: an empty cell, as the office left it
    if row.status_raw:
        return row.status_raw
    return layout.status_words.get(row.status, row.status) if layout else row.status


def _join(values: Iterable[object]) -> object:
    values = [v for v in dict.fromkeys(values) if v not in (None, "")]
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return "\n".join(v.isoformat() if isinstance(v, dt.date) else str(v) for v in values)


def _values(row: RecommendationRow, names: list[str | None], layout: Layout | None, body: int | None) -> list:
    """One sheet row: the value of each named field, None for an ignored column."""
    replies = [r for r in row.replies if body is None or r.body_id == body]
    # Without a year column the year goes back into the title, where it came from.
    has_year = layout is None or "year" in names
    names_of_bodies = row.body_short if layout and layout.short_bodies else row.bodies
    if body is not None:
        names_of_bodies = [n for n, i in zip(names_of_bodies, row.body_ids) if i == body]
    fields = {
        "report": row.report if has_year or not row.year else f"{row.report} ({row.year})",
        "body": ", ".join(names_of_bodies) or None,
        "year": row.year,
        "report_date": row.report_date,
        "number": row.label or row.number,
        "recommendation": row.text,
        "reply_deadline": row.reply_deadline,
        "status": _status(row, layout),
        "comment": row.status_comment,
        "follow_up_date": row.status_date if layout is None else None,
        "reply": _join(r.text for r in replies),
        "action": _join(r.action for r in replies),
        "due": _join(r.due or r.due_text for r in replies),
    }
    return [fields.get(name) if name else None for name in names]


def _sheet_title(name: str, used: set[str]) -> str:
    title = re.sub(r"[\[\]:*?/\\]", " ", name).strip()[:31] or "Blad"
    base, n = title, 2
    while title.casefold() in used:
        title = f"{base[:28]} {n}"
        n += 1
    used.add(title.casefold())
    return title


def _fill(
    ws, rows: list[RecommendationRow], columns: list[tuple[str, str | None]], layout, ticker: Ticker, body=None,
    today: dt.date | None = None,
) -> None:  # fmt: skip
    header = layout.header_row if layout else 1
    if layout and layout.title_line:
        # A line naming the body ("Ansvarig: ...") names this sheet's body; a date
        # ("Uppdaterad 2023-11-15") becomes the export's.
        lines = [_BODY_LINE.sub(rf"\g<1>{ws.title}", line) for line in layout.title_line.split("\n")]
        if today is not None:
            lines = [_ISO_DATE.sub(today.isoformat(), line) for line in lines]
        for r, line in enumerate(lines, start=1):
            set_text(ws.cell(row=r, column=1), line)
        ws.cell(row=1, column=1).font = Font(bold=True, size=13)
        header = max(header, len(lines) + 1)
    for c, (heading, _) in enumerate(columns, start=1):
        set_text(ws.cell(row=header, column=c), heading)
        ws.cell(row=header, column=c).font = Font(bold=True)
    wrapped = Alignment(wrap_text=True, vertical="top")
    styles = SharedStyles(ws, text={"alignment": wrapped}, date={"alignment": wrapped, "number_format": _DATE_FORMAT})
    names = [name for _, name in columns]
    r = header
    bodies_per_row = [[body] if body is not None else [None] for _ in rows]
    if layout is None:
        bodies_per_row = [row.body_ids or [None] for row in rows]
    spans: list[tuple[int, int]] = []  # first and last sheet row of each report
    last_report = None
    for row, targets in zip(rows, bodies_per_row):
        ticker.tick()
        for target in targets:
            r += 1
            if row.report_id == last_report:
                spans[-1] = (spans[-1][0], r)
            else:
                spans.append((r, r))
                last_report = row.report_id
            ws.append(
                [
                    styles.cell("date" if isinstance(v, dt.date) else "text", v)
                    for v in _values(row, names, layout, target)
                ]
            )
    if layout and layout.merge_reports:
        merged = [c for c, (_, f) in enumerate(columns, start=1) if f in ("report", "year", "report_date")]
        for first, last in spans:
            for c in merged if last > first else ():
                ws.merge_cells(start_row=first, start_column=c, end_row=last, end_column=c)
    for c, (_, name) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = _WIDTHS.get(name or "", 14)
    ws.freeze_panes = ws.cell(row=header + 1, column=1)
    # Printed, every column fits across a landscape page.
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{header}:{header}"
    if layout is None:
        ws.auto_filter.ref = f"A{header}:{get_column_letter(len(columns))}{max(r, header)}"


@dataclass
class _Target:
    """The workbook written: a new one, or the office's own with its register sheets taken
    out (the new ones go where the first of them was) and its other sheets kept."""

    workbook: Workbook
    at: int = 0
    used: set[str] = field(default_factory=set)
    lookup: Worksheet | None = None


def _target(path: Path, layout: Layout | None) -> _Target:
    fresh = Workbook()
    fresh.remove(fresh.active)
    if layout is None or not path.exists():
        return _Target(fresh)
    try:
        workbook = open_workbook(path)
    except UserError:
        return _Target(fresh)  # not a workbook we can read: replaced whole, as the user chose
    target = _Target(workbook, at=-1)
    for i, ws in enumerate(list(workbook.worksheets)):
        rows = [list(r) for r in ws.iter_rows(max_row=30, values_only=True)]
        if find_header_row(rows) is not None:
            target.at = i if target.at < 0 else target.at
            workbook.remove(ws)
        elif target.lookup is None and lookup_pairs(rows):
            target.lookup = ws
    target.at = max(target.at, 0)
    target.used = {ws.title.casefold() for ws in workbook.worksheets}
    return target


def _rebuild_lookup(store: Store, target: _Target) -> None:
    """Short forms and names as the register has them now; lines above the pairs (a heading) stay."""
    pairs = sorted((b.short_name, b.name) for b in load_bodies(store) if b.short_name)
    ws = target.lookup
    if ws is None:
        if not pairs:
            return
        ws = target.workbook.create_sheet(_sheet_title(LOOKUP_SHEET, target.used))
        ws.append(["Förkortning", "Nämnd"])
        ws["A1"].font = ws["B1"].font = Font(bold=True)
        ws.column_dimensions["B"].width = 40
    else:
        values = [list(r) for r in ws.iter_rows(values_only=True)]
        keep = next((i for i, r in enumerate(values) if lookup_pairs([r])), len(values))
        ws.delete_rows(keep + 1, ws.max_row)
    for short, name in pairs:
        ws.append([short, name])


@gc_paused()
def export_register(
    store: Store,
    path: Path | str,
    *,
    layout: Layout | None = None,
    ids: Iterable[int] | None = None,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> int:
    """Write the register (or the given recommendations) to `path`; return the row count.
    Avbryt while the sheet is built leaves no file (and any older one as it was)."""
    today = today or dt.date.today()
    rows = load_rows(store, today, ids)
    if layout is not None:
        # The office's own order: reports as they were entered, recommendations by number.
        rows.sort(key=lambda r: (r.report_id, r.number_key))
    target = _target(Path(path), layout)
    workbook = target.workbook

    def sheet(name: str) -> Worksheet:
        ws = workbook.create_sheet(_sheet_title(name, target.used), index=target.at)
        target.at += 1
        return ws

    if layout is None:
        _fill(sheet("Register"), rows, [(FIELD_LABELS[f], f) for f in PLAIN_FIELDS], None,
              Ticker(progress, len(rows), NOTHING_SAVED))  # fmt: skip
    elif any(f == "body" for _, f in layout.columns):
        _fill(sheet(layout.sheet_name or layout.name), rows, layout.columns, layout,
              Ticker(progress, len(rows), NOTHING_SAVED), today=today)  # fmt: skip
    else:
        # The office kept one sheet per body; the sheet's name says which.
        by_body: dict[int, tuple[str, list[RecommendationRow]]] = {}
        for row in rows:
            for body_id, name, short in zip(row.body_ids, row.bodies, row.body_short):
                label = short if layout.short_bodies else name
                by_body.setdefault(body_id, (label, []))[1].append(row)
        ticker = Ticker(progress, sum(len(body_rows) for _, body_rows in by_body.values()), NOTHING_SAVED)
        for body_id, (label, body_rows) in sorted(by_body.items(), key=lambda kv: kv[1][0].casefold()):
            _fill(sheet(label), body_rows, layout.columns, layout, ticker, body_id, today=today)
        if not by_body:
            sheet("Register")
    if layout is not None and (layout.short_bodies or target.lookup is not None):
        _rebuild_lookup(store, target)
    workbook.active = 0
    save_workbook(workbook, path)
    return len(rows)
