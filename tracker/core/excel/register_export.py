"""Giving the register back as Excel: in an office's saved layout (its headings, column
order, status words, merged report titles and title line, its date set to the export's),
or plain with every field. Written over the office's own workbook, the layout export
keeps the workbook's other sheets (office_workbook.py), and rebuilds a lookup sheet of
short forms from the register's bodies.

The workbook is written in openpyxl's write_only mode, row by row to a temporary file, so a
register of 100,000 recommendations is not held as a million cell objects (734 MB before)."""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange, MultiCellRange
from openpyxl.worksheet.worksheet import Worksheet

from ..collector import gc_paused
from ..dates import from_iso
from ..layouts import Layout
from ..model import NOT_STARTED, RecommendationRow, ReplyView
from ..progress import NOTHING_SAVED, Progress, Ticker
from ..register import load_bodies
from ..rules import sort_key
from ..store import Store
from .headings import FIELD_LABELS
from .office_workbook import Office, copy_sheet, read_office
from .register_import import lookup_pairs  # the import reads such a sheet the same way
from .styles import SharedStyles
from .workbook import save_workbook

PLAIN_FIELDS = (
    "report", "year", "report_date", "number", "recommendation", "body", "reply", "action", "due",
    "reply_deadline", "status", "comment", "follow_up_date",
)  # fmt: skip
_WIDTHS = {"report": 40, "recommendation": 60, "reply": 50, "action": 40, "comment": 40, "body": 28}
_DATE_FORMAT = "yyyy-mm-dd"
_BODY_LINE = re.compile(r"^(\s*(?:ansvarig(?:\s+nämnd)?|nämnd)\s*:\s*).+$", re.IGNORECASE)
_ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
LOOKUP_SHEET = "Nämnder"


class _Stream:
    """A query's rows in the export's order, (position, recommendation id, *values), taken a
    recommendation at a time beside the main query in the same order (a merge join)."""

    def __init__(self, cursor: Iterable[tuple]) -> None:
        self._rows = iter(cursor)
        self._next = next(self._rows, None)

    def take(self, key: tuple[int, int]) -> list[tuple]:
        """The values of the rows at `key`; rows before it (not exported) are passed over."""
        taken = []
        while self._next is not None and (self._next[0], self._next[1]) <= key:
            if (self._next[0], self._next[1]) == key:
                taken.append(self._next[2:])
            self._next = next(self._rows, None)
        return taken


_ORDERED = " JOIN recommendations r ON r.id = {} JOIN temp.export_order o ON o.report_id = r.report_id"


def _export_rows(store: Store, ids: set[int] | None, plain: bool) -> Iterator[RecommendationRow]:
    """What the export writes of each recommendation (or of those with the given ids), in the
    order written: plain as the list shows them (reports by title), in a layout the office's
    own (reports as they were entered); by number within a report. Streamed with queries of
    its own, a report at a time held: the list's rows (queries.load_rows) also carry search
    text, send-outs and derived states, 389 MB at 100,000 recommendations before a cell is written."""
    conn = store.conn
    reports = conn.execute("SELECT id, title FROM reports").fetchall()
    reports.sort(key=(lambda r: (sort_key(r[1]), r[0])) if plain else None)
    conn.execute("CREATE TEMP TABLE IF NOT EXISTS export_order (report_id INTEGER PRIMARY KEY, pos INTEGER)")
    conn.execute("DELETE FROM temp.export_order")
    conn.executemany("INSERT INTO temp.export_order VALUES (?, ?)", ((r[0], i) for i, r in enumerate(reports)))
    bodies = _Stream(conn.execute(
        "SELECT o.pos, rb.recommendation_id, b.id, b.name, b.short_name FROM recommendation_bodies rb"
        " JOIN bodies b ON b.id = rb.body_id" + _ORDERED.format("rb.recommendation_id")
        + " ORDER BY o.pos, rb.recommendation_id, rb.id"
    ))  # fmt: skip
    replies = _Stream(conn.execute(
        "SELECT o.pos, q.recommendation_id, q.body_id, q.text, q.action, q.due, q.due_text FROM replies q"
        + _ORDERED.format("q.recommendation_id") + " ORDER BY o.pos, q.recommendation_id, q.id"
    ))  # fmt: skip
    follow_ups = _Stream(conn.execute(
        "SELECT o.pos, f.recommendation_id, f.date, f.status, f.status_raw, f.comment FROM follow_ups f"
        + _ORDERED.format("f.recommendation_id") + " ORDER BY o.pos, f.recommendation_id, f.date, f.id"
    ))  # fmt: skip
    main = conn.execute(
        "SELECT o.pos, r.id, r.report_id, p.title, p.audit_year, p.report_date, r.number, r.label, r.text,"
        " coalesce(r.reply_deadline, p.reply_deadline) FROM recommendations r JOIN reports p ON p.id = r.report_id"
        " JOIN temp.export_order o ON o.report_id = r.report_id ORDER BY o.pos, r.id"
    )
    for _, in_report in groupby(main, key=itemgetter(0)):
        report = []
        for pos, rec_id, report_id, title, year, report_date, number, label, text, deadline in in_report:
            linked, answers, follows = (stream.take((pos, rec_id)) for stream in (bodies, replies, follow_ups))
            if ids is not None and rec_id not in ids:
                continue
            date, status, raw, comment = follows[-1] if follows else (None, None, None, None)
            report.append(RecommendationRow(
                id=rec_id, report_id=report_id, report=title, year=year, report_date=from_iso(report_date),
                number=number, text=text, label=label or "", body_ids=[b[0] for b in linked],
                bodies=[b[1] for b in linked], body_short=[b[2] or b[1] for b in linked],
                reply_deadline=from_iso(deadline),
                replies=[ReplyView(body_id, "", reply, action, from_iso(due), due_text)
                         for body_id, reply, action, due, due_text in answers],
                status=status or NOT_STARTED, status_raw=raw, status_comment=comment, status_date=from_iso(date),
                changed_at=None,
            ))  # fmt: skip
        report.sort(key=lambda r: r.number_key)
        yield from report


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


_WRAPPED = Alignment(wrap_text=True, vertical="top")
_LOOKS = {
    "title": {"font": Font(bold=True, size=13)},
    "line": {},
    "heading": {"font": Font(bold=True)},
    "text": {"alignment": _WRAPPED},
    "date": {"alignment": _WRAPPED, "number_format": _DATE_FORMAT},
}


def _fill(
    ws, rows: Iterable[RecommendationRow], columns: list[tuple[str, str | None]], layout, ticker: Ticker, body=None,
    today: dt.date | None = None,
) -> int:  # fmt: skip
    """Write one register sheet. A write_only sheet writes each row as it is appended, so
    widths, panes and print setup come first, and merged ranges are added at the end."""
    styles = SharedStyles(ws, **_LOOKS)
    header = layout.header_row if layout else 1
    lines: list[str] = []
    if layout and layout.title_line:
        # A line naming the body ("Ansvarig: ...") names this sheet's body; a date
        # ("Uppdaterad 2023-11-15") becomes the export's.
        lines = [_BODY_LINE.sub(rf"\g<1>{ws.title}", line) for line in layout.title_line.split("\n")]
        if today is not None:
            lines = [_ISO_DATE.sub(today.isoformat(), line) for line in lines]
        header = max(header, len(lines) + 1)
    for c, (_, name) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(c)].width = _WIDTHS.get(name or "", 14)
    ws.freeze_panes = f"A{header + 1}"
    # Printed, every column fits across a landscape page.
    ws.page_setup.orientation = "landscape"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{header}:{header}"
    for r in range(1, header):
        ws.append([styles.cell("title" if r == 1 else "line", lines[r - 1])] if r <= len(lines) else [])
    ws.append([styles.cell("heading", heading) for heading, _ in columns])
    names = [name for _, name in columns]
    merged = [c for c, (_, f) in enumerate(columns) if f in ("report", "year", "report_date")]
    merging = bool(layout and layout.merge_reports and merged)
    r = header
    spans: list[tuple[int, int]] = []  # first and last sheet row of each report
    last_report = None
    count = 0
    for row in rows:
        ticker.tick()
        count += 1
        # Plain, a row per body; in a layout one row, or the sheet's body's.
        for target in (row.body_ids or [None]) if layout is None else [body]:
            r += 1
            values = _values(row, names, layout, target)
            if row.report_id == last_report:
                spans[-1] = (spans[-1][0], r)
                for c in merged if merging else ():
                    values[c] = None  # under the report's merged cell
            else:
                spans.append((r, r))
                last_report = row.report_id
            ws.append([styles.cell("date" if isinstance(v, dt.date) else "text", v) for v in values])
    if merging:
        # Built at once: adding ranges one by one checks each against all before (quadratic).
        ws.merged_cells = MultiCellRange(
            CellRange(min_col=c + 1, min_row=first, max_col=c + 1, max_row=last)
            for first, last in spans if last > first for c in merged
        )  # fmt: skip
    if layout is None:
        ws.auto_filter.ref = f"A{header}:{get_column_letter(len(columns))}{max(r, header)}"
    return count


def _lookup_sheet(store: Store, workbook: Workbook, source: Worksheet | None, used: set[str]) -> None:
    """Short forms and names as the register has them now; lines above the pairs (a heading) stay."""
    pairs = sorted((b.short_name, b.name) for b in load_bodies(store) if b.short_name)
    if source is None:
        if not pairs:
            return
        ws = workbook.create_sheet(_sheet_title(LOOKUP_SHEET, used))
        ws.column_dimensions["B"].width = 40
        heading = SharedStyles(ws, heading={"font": Font(bold=True)})
        ws.append([heading.cell("heading", "Förkortning"), heading.cell("heading", "Nämnd")])
    else:
        values = [list(r) for r in source.iter_rows(values_only=True)]
        keep = next((i for i, r in enumerate(values) if lookup_pairs([r])), len(values))
        ws = copy_sheet(source, workbook, source.title, keep)
    text = SharedStyles(ws, text={})
    for short, name in pairs:
        ws.append([text.cell("text", short), text.cell("text", name)])


def _discard(workbook: Workbook) -> None:
    """Remove the temporary files of a workbook not saved (Avbryt, or an error): openpyxl
    would remove them only when the program ends. A sheet is closed first, since Windows
    cannot remove an open file; what goes wrong here is not what the user needs to hear."""
    for ws in workbook.worksheets:
        with contextlib.suppress(Exception):
            if not ws.closed:
                ws.close()
            ws._writer.cleanup()


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
    ids = set(ids) if ids is not None else None
    rows = _export_rows(store, ids, plain=layout is None)
    total = len(ids) if ids is not None else store.conn.execute("SELECT count(*) FROM recommendations").fetchone()[0]
    written = 0
    office = read_office(Path(path)) if layout is not None else Office()
    workbook = Workbook(write_only=True)
    used = {ws.title.casefold() for ws in office.sheets}

    def sheet(name: str) -> Worksheet:
        return workbook.create_sheet(_sheet_title(name, used))

    def register_sheets() -> int:
        if layout is None:
            return _fill(sheet("Register"), rows, [(FIELD_LABELS[f], f) for f in PLAIN_FIELDS], None,
                         Ticker(progress, total, NOTHING_SAVED))  # fmt: skip
        if any(f == "body" for _, f in layout.columns):
            return _fill(sheet(layout.sheet_name or layout.name), rows, layout.columns, layout,
                         Ticker(progress, total, NOTHING_SAVED), today=today)  # fmt: skip
        # The office kept one sheet per body; the sheet's name says which. Each sheet is
        # written whole before the next, so these rows are held.
        everything = list(rows)
        by_body: dict[int, tuple[str, list[RecommendationRow]]] = {}
        for row in everything:
            for body_id, name, short in zip(row.body_ids, row.bodies, row.body_short):
                label = short if layout.short_bodies else name
                by_body.setdefault(body_id, (label, []))[1].append(row)
        ticker = Ticker(progress, sum(len(body_rows) for _, body_rows in by_body.values()), NOTHING_SAVED)
        for body_id, (label, body_rows) in sorted(by_body.items(), key=lambda kv: kv[1][0].casefold()):
            _fill(sheet(label), body_rows, layout.columns, layout, ticker, body_id, today=today)
        if not by_body:
            sheet("Register")
        return len(everything)

    rebuild = layout is not None and (layout.short_bodies or office.lookup is not None)
    try:
        # The office's sheets in their order, the register's where its first sheet was.
        for i, source in enumerate([*office.sheets, None]):
            if i == office.at:
                written = register_sheets()
            if source is None:
                break
            if rebuild and source.title == office.lookup:
                _lookup_sheet(store, workbook, source, used)
            else:
                copy_sheet(source, workbook, source.title)
        if rebuild and office.lookup is None:
            _lookup_sheet(store, workbook, None, used)
        workbook.active = 0
        save_workbook(workbook, path)
    except BaseException:
        _discard(workbook)
        raise
    return written
