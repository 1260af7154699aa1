"""Reading an office's own Excel register into an ImportPlan (pure: nothing is written).

Every row of the table becomes a recommendation or part of one: rows with the same
number and text are one recommendation to several bodies, and a row is left out only
with a warning naming it. `register_apply.apply_plan` writes the plan.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from pathlib import Path

from .. import register
from ..bodies import BodyIndex, name_key, split_names
from ..collector import gc_paused
from ..errors import UserError
from ..layouts import layout_for_signature
from ..model import map_status
from ..progress import Progress
from ..store import Store
from .headings import field_for, find_header_row, signature
from .register_apply import walk
from .register_cells import RowReader, SheetTable, cell_text, number_of, year_of
from .register_plan import ImportPlan, PlanRec, PlanReport, SheetPlan, label_key, text_key
from .register_sheets import read_tables

_YEAR_IN_TITLE = re.compile(r"\s*\((\d{4})\)\s*$")
_BODY_LINE = re.compile(r"^\s*(?:ansvarig(?:\s+nämnd)?|nämnd)\s*:\s*(.+)$", re.IGNORECASE)
_DEFAULT_SHEET = re.compile(r"^(blad|sheet|ark)\s*\d*$", re.IGNORECASE)


def lookup_pairs(rows: list[list[object]]) -> dict[str, str]:
    """A sheet of (short form, name) pairs explaining abbreviations, or {}."""
    pairs = {}
    for r in rows:
        cells = [t for v in r if (t := cell_text(v))]
        if len(cells) == 2 and len(cells[0]) <= 8 and " " not in cells[0] and len(cells[1]) > len(cells[0]):
            pairs[cells[0]] = cells[1]
    return pairs


@gc_paused()
def read_register(
    store: Store,
    path: Path | str,
    *,
    fields: dict[str, list[str | None]] | None = None,
    status_map: dict[str, str] | None = None,
    progress: Progress | None = None,
) -> ImportPlan:
    """Read every sheet of the workbook into a plan. `fields` overrides, per sheet name,
    what each column means; saved layouts with the same headings are used otherwise."""
    path = Path(path)
    warnings: list[str] = []
    sheets: list[tuple[SheetPlan, SheetTable]] = []
    lookup: dict[str, str] = {}
    status_map = dict(status_map or {})
    for table in read_tables(path, warnings, progress):
        rows = table.rows
        header = find_header_row(rows)
        if header is None:
            lookup.update(lookup_pairs(rows))
            continue
        headings = [cell_text(v) or "" for v in rows[header]]
        layout = layout_for_signature(store, signature(headings))
        if fields and table.title in fields:
            chosen = list(fields[table.title]) + [None] * (len(headings) - len(fields[table.title]))
        elif layout:
            chosen = [f for _, f in layout.columns]
            status_map = {**layout.status_map, **status_map}
        else:
            chosen = [field_for(h) for h in headings]
        above = [t for r in rows[:header] for v in r if (t := cell_text(v))]
        sheet = SheetPlan(
            name=table.title,
            header_row=header + 1,
            headings=headings,
            fields=chosen,
            preview=[[cell_text(v) or "" for v in r] for r in rows[header + 1 : header + 6]],
            layout_name=layout.name if layout else None,
            title_line="\n".join(above) or None,
            merged_reports="report" in chosen and chosen.index("report") in table.merged_cols,
        )
        if "body" not in chosen:
            named = [m[1].strip() for line in above if (m := _BODY_LINE.match(line))]
            if named:
                sheet.sheet_body = named[0]
            elif not _DEFAULT_SHEET.match(table.title):
                sheet.sheet_body = table.title
        sheets.append((sheet, table))
    if not sheets:
        raise UserError(
            "Ingen flik i arbetsboken har en rubrikrad med en kolumn för rekommendationer "
            "(till exempel ”Rekommendation”).",
            file=path,
        )
    plan = ImportPlan(path, [s for s, _ in sheets], [], {}, warnings, defaultdict(list), status_map=status_map)
    _plan_rows(store, plan, sheets, lookup)
    return plan


def _plan_rows(store: Store, plan: ImportPlan, sheets: list[tuple[SheetPlan, SheetTable]], lookup) -> None:
    index: BodyIndex = register.body_index(store, lookup)
    reports: dict[tuple, PlanReport] = {}
    rows_of: dict[int, list[str]] = defaultdict(list)  # id(PlanRec) -> the rows it was read from
    short_seen = 0
    for sheet, table in sheets:
        col = {f: i for i, f in reversed(list(enumerate(sheet.fields))) if f}
        if "recommendation" not in col:
            raise UserError("Ingen kolumn är vald som rekommendation.", file=plan.path, sheet=sheet.name)
        last_report: tuple[str | None, int | None] = (None, None)
        for i in range(sheet.header_row, len(table.rows)):
            row = RowReader(plan.path, table, col, i, plan.warnings)
            text = row.text("recommendation")
            if not text and not row.unknown("recommendation"):
                continue  # empty rows and notes below the table
            row.check()
            if too_long := row.too_long():
                plan.warnings.append(too_long)
                continue
            title = row.text("report") or last_report[0]
            if not title:
                plan.warnings.append(f"{row.where}: rekommendationen saknar granskning och hoppas över.")
                continue
            year = year_of(row.raw("year"))
            if m := _YEAR_IN_TITLE.search(title):
                title, year = title[: m.start()].strip(), year or int(m[1])
            year = year or (last_report[1] if title == last_report[0] else None)
            last_report = (title, year)
            report = reports.setdefault((text_key(title), year), PlanReport(title, year))
            report.report_date = report.report_date or row.date("report_date", "rapportdatum")
            label = row.text("number")
            key = (label_key(label), text_key(text))
            rec = report.recs.setdefault(key, PlanRec(text, number_of(label), label, where=row.where))
            rows_of[id(rec)].append(row.where)
            names = split_names(row.text("body")) if "body" in col else split_names(sheet.sheet_body)
            reply = row.reply() if names else {}
            for name in names:
                body = index.find(name)
                full = body.name if body else index.resolve_name(name)
                short_seen += name_key(name) != name_key(full)
                if not body and not index.find(full) and full not in plan.new_bodies:
                    plan.new_bodies[full] = name if full != name else None
                if full not in rec.bodies:
                    rec.bodies.append(full)
                if reply:
                    rec.replies[full] = reply
            rec.reply_deadline = row.date("reply_deadline", "svar senast") or rec.reply_deadline
            if raw := row.text("status"):
                rec.status_raw, rec.status = raw, map_status(raw, plan.status_map)
                if rec.status is None:
                    plan.unknown_statuses[raw].append(row.where)
                rec.comment = row.text("comment")
                rec.follow_up_date = row.date("follow_up_date", "uppföljningsdatum")
    plan.reports = list(reports.values())
    for report in plan.reports:
        _warn_repeated_numbers(plan, report, rows_of)
    plan.unknown_statuses = dict(plan.unknown_statuses)
    plan.short_bodies = short_seen > 0
    plan.counts = walk(store, plan, None, dt.date.today())


def _warn_repeated_numbers(plan: ImportPlan, report: PlanReport, rows_of: dict[int, list[str]]) -> None:
    """Two rows of one report with the same number and different text are both read, as
    two recommendations; the user is told, since one of the numbers may be a typo."""
    by_label: dict[str, list[PlanRec]] = defaultdict(list)
    for (label, _), rec in report.recs.items():
        if label:
            by_label[label].append(rec)
    for recs in by_label.values():
        if len(recs) > 1:
            where = ", ".join(w for rec in recs for w in rows_of[id(rec)])
            plan.warnings.append(
                f"{report.title}: nummer {recs[0].label} står på {len(recs)} rekommendationer med olika text "
                f"({where}); alla läses in, var för sig."
            )
