"""Reading an office's own Excel register into an ImportPlan, and applying the plan.

The plan is what the command line prints with --json and what the import dialog shows;
applying it walks the same matching again inside one transaction after a backup, so the
preview and the result cannot differ.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

from .. import register
from ..backups import make_backup
from ..bodies import BodyIndex, name_key, split_names
from ..changes import ChangeSet, History, run_change
from ..dates import parse_date
from ..errors import UserError
from ..layouts import Layout, layout_for_signature
from ..model import map_status
from ..progress import Progress, Ticker
from ..rules import swedish_key
from ..store import Store
from .headings import field_for, find_header_row, signature
from .workbook import clean_text, gc_paused, open_workbook, sheet_values

_ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}
_YEAR_IN_TITLE = re.compile(r"\s*\((\d{4})\)\s*$")
_BODY_LINE = re.compile(r"^\s*(?:ansvarig(?:\s+nämnd)?|nämnd)\s*:\s*(.+)$", re.IGNORECASE)
_DEFAULT_SHEET = re.compile(r"^(blad|sheet|ark)\s*\d*$", re.IGNORECASE)


@dataclass
class SheetPlan:
    name: str
    header_row: int  # 1-based, as Excel shows it
    headings: list[str]
    fields: list[str | None]  # per column, what it was taken to mean
    preview: list[list[str]] = field(default_factory=list)
    layout_name: str | None = None
    title_line: str | None = None
    sheet_body: str | None = None
    merged_reports: bool = False

    @property
    def mapping(self) -> dict[str, str | None]:
        return {h: f for h, f in zip(self.headings, self.fields) if h}


@dataclass
class PlanRec:
    text: str
    number: int | None
    bodies: list[str] = field(default_factory=list)
    replies: dict[str, dict[str, object]] = field(default_factory=dict)  # body -> reply fields
    status: str | None = None
    status_raw: str | None = None
    comment: str | None = None
    follow_up_date: dt.date | None = None
    reply_deadline: dt.date | None = None
    where: str = ""
    action: str = "ny"  # "ny", "ändras" or "oförändrad", set by the walk


@dataclass
class PlanReport:
    title: str
    year: int | None
    report_date: dt.date | None = None
    recs: dict[tuple, PlanRec] = field(default_factory=dict)
    action: str = "ny"


@dataclass
class ImportPlan:
    path: Path
    sheets: list[SheetPlan]
    reports: list[PlanReport]
    new_bodies: dict[str, str | None]  # name -> short form
    warnings: list[str]
    unknown_statuses: dict[str, list[str]]  # word -> where it stands
    counts: dict[str, int] = field(default_factory=dict)
    short_bodies: bool = False
    status_map: dict[str, str] = field(default_factory=dict)  # the user's word -> status choices


def text_key(text: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", swedish_key(text)).split())


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, (dt.datetime, dt.date)):
        value = value.date() if isinstance(value, dt.datetime) else value
        return value.isoformat()
    text = str(value)
    # isprintable() runs in C; only text with odd characters needs the slow cleaning.
    return (text.strip() if text.isprintable() else clean_text(text)) or None


def _sheet_rows(ws, path: Path, ticker: Ticker) -> tuple[list[list[object]], set[int]]:
    """All values, with each merged range's value in every cell it covers; also the
    columns (0-based) where merges span rows."""
    rows = sheet_values(ws, ticker)
    width = max((len(r) for r in rows), default=0)
    for r in rows:
        r.extend([None] * (width - len(r)))
    merged_cols: set[int] = set()
    for rng in map(CellRange, ws.parent.merged_ranges.get(ws.title, ())):
        value = rows[rng.min_row - 1][rng.min_col - 1]
        if rng.max_row > rng.min_row:
            merged_cols.update(range(rng.min_col - 1, rng.max_col))
        for i in range(rng.min_row - 1, min(rng.max_row, len(rows))):
            for j in range(rng.min_col - 1, min(rng.max_col, width)):
                rows[i][j] = value
    for i, r in enumerate(rows):
        for j, v in enumerate(r):
            if isinstance(v, str) and v in _ERRORS:
                raise UserError(
                    f"Cellen innehåller Excel-felet {v}. Rätta den eller skriv in värdet, spara och läs in igen.",
                    file=path, sheet=ws.title, row=i + 1, column=get_column_letter(j + 1),
                )  # fmt: skip
    for coord in sorted(getattr(ws.parent, "uncached_formulas", {}).get(ws.title, ())):
        raise UserError(
            "Cellen har en formel utan sparat resultat. Öppna filen i Excel, spara den och läs in den igen.",
            file=path, sheet=ws.title, row=int(re.sub(r"\D", "", coord)), column=re.sub(r"\d", "", coord),
        )  # fmt: skip
    return rows, merged_cols


def _lookup_pairs(rows: list[list[object]]) -> dict[str, str]:
    """A sheet of (short form, name) pairs explaining abbreviations, or {}."""
    pairs = {}
    for r in rows:
        cells = [_text(v) for v in r if _text(v)]
        if len(cells) == 2 and len(cells[0]) <= 8 and " " not in cells[0] and len(cells[1]) > len(cells[0]):
            pairs[cells[0]] = cells[1]
    return pairs if len(pairs) >= 1 else {}


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
    workbook = open_workbook(path, stream=True)
    ticker = Ticker(progress)  # rows read; a streamed sheet's real length is unknown until read
    try:
        read = [(ws.title, *_sheet_rows(ws, path, ticker)) for ws in workbook.worksheets]
    finally:
        workbook.close()  # a streamed workbook holds the file open until closed
    sheets: list[tuple[SheetPlan, list[list[object]]]] = []
    lookup: dict[str, str] = {}
    status_map = dict(status_map or {})
    for title, rows, merged_cols in read:
        header = find_header_row(rows)
        if header is None:
            lookup.update(_lookup_pairs(rows))
            continue
        headings = [_text(v) or "" for v in rows[header]]
        layout = layout_for_signature(store, signature(headings))
        if fields and title in fields:
            chosen = list(fields[title]) + [None] * (len(headings) - len(fields[title]))
        elif layout:
            chosen = [f for _, f in layout.columns]
            status_map = {**layout.status_map, **status_map}
        else:
            chosen = [field_for(h) for h in headings]
        above = [_text(v) for r in rows[:header] for v in r if _text(v)]
        sheet = SheetPlan(
            name=title,
            header_row=header + 1,
            headings=headings,
            fields=chosen,
            preview=[[_text(v) or "" for v in r] for r in rows[header + 1 : header + 6]],
            layout_name=layout.name if layout else None,
            title_line="\n".join(above) or None,
            merged_reports="report" in chosen and chosen.index("report") in merged_cols,
        )
        if "body" not in chosen:
            named = [m[1].strip() for line in above if (m := _BODY_LINE.match(line))]
            if named:
                sheet.sheet_body = named[0]
            elif not _DEFAULT_SHEET.match(title):
                sheet.sheet_body = title
        sheets.append((sheet, rows))
    if not sheets:
        raise UserError(
            "Ingen flik i arbetsboken har en rubrikrad med en kolumn för rekommendationer "
            "(till exempel ”Rekommendation”).",
            file=path,
        )
    return _plan(store, path, sheets, lookup, status_map)


def _plan(store, path, sheets, lookup, status_map) -> ImportPlan:
    index: BodyIndex = register.body_index(store, lookup)
    plan = ImportPlan(path, [s for s, _ in sheets], [], {}, [], defaultdict(list), status_map=status_map)
    reports: dict[tuple, PlanReport] = {}
    short_seen = 0
    for sheet, rows in sheets:
        col = {f: i for i, f in reversed(list(enumerate(sheet.fields))) if f}
        if "recommendation" not in col:
            raise UserError("Ingen kolumn är vald som rekommendation.", file=path, sheet=sheet.name)
        last_report: tuple[str | None, int | None] = (None, None)
        for i in range(sheet.header_row, len(rows)):
            row = rows[i]
            where = f"{sheet.name} rad {i + 1}"

            def get(name: str, row=row, col=col) -> object:
                return row[col[name]] if name in col and col[name] < len(row) else None

            text = _text(get("recommendation"))
            if not text:
                continue  # empty rows and notes below the table
            title = _text(get("report")) or last_report[0]
            if not title:
                plan.warnings.append(f"{where}: rekommendationen saknar granskning och hoppas över.")
                continue
            year = _year(get("year"))
            if m := _YEAR_IN_TITLE.search(title):
                title, year = title[: m.start()].strip(), year or int(m[1])
            year = year or (last_report[1] if title == last_report[0] else None)
            last_report = (title, year)
            report = reports.setdefault((text_key(title), year), PlanReport(title, year))
            report.report_date = report.report_date or _date(get("report_date"), where, "rapportdatum", plan)
            number = _number(get("number"))
            key = ("n", number) if number is not None else ("t", text_key(text))
            rec = report.recs.setdefault(key, PlanRec(text, number, where=where))
            names = split_names(_text(get("body"))) if "body" in col else split_names(sheet.sheet_body)
            reply = _reply(get, where, plan) if names else {}
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
            rec.reply_deadline = _date(get("reply_deadline"), where, "svar senast", plan) or rec.reply_deadline
            if raw := _text(get("status")):
                rec.status_raw, rec.status = raw, map_status(raw, status_map)
                if rec.status is None:
                    plan.unknown_statuses[raw].append(where)
                rec.comment = _text(get("comment"))
                rec.follow_up_date = _date(get("follow_up_date"), where, "uppföljningsdatum", plan)
    plan.reports = list(reports.values())
    plan.unknown_statuses = dict(plan.unknown_statuses)
    plan.short_bodies = short_seen > 0
    plan.counts = _walk(store, plan, None, dt.date.today())
    return plan


def _year(value: object) -> int | None:
    text = _text(value)
    if text and (m := re.search(r"\b(19|20|21)\d{2}\b", text)):
        return int(m[0])
    return None


def _number(value: object) -> int | None:
    text = _text(value)
    if text and (m := re.match(r"^\s*(\d+)", text)):
        return int(m[1])
    return None


def _date(value: object, where: str, what: str, plan: ImportPlan) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        plan.warnings.append(f"{where}: {what} ”{value}” går inte att läsa som datum och hoppas över.")
        return None


def _reply(get, where: str, plan: ImportPlan) -> dict[str, object]:
    reply: dict[str, object] = {}
    if text := _text(get("reply")):
        reply["text"] = text
    if action := _text(get("action")):
        reply["action"] = action
    due = get("due")
    if _text(due):
        try:
            reply["due"] = parse_date(due)
        except ValueError:
            reply["due_text"] = _text(due)
            plan.warnings.append(f"{where}: klart senast ”{_text(due)}” är inget datum; texten behålls.")
    return reply


class _Existing:
    """What the register holds, keyed the way the import matches."""

    def __init__(self, store: Store) -> None:
        conn = store.conn
        self.reports = {(text_key(t), y): i for i, t, y in conn.execute("SELECT id, title, audit_year FROM reports")}
        self.recs: dict[int, dict[tuple, int]] = defaultdict(dict)
        self.rec_rows = {}
        for rid, rep, num, text, deadline in conn.execute(
            "SELECT id, report_id, number, text, reply_deadline FROM recommendations"
        ):
            self.recs[rep].setdefault(("n", num), rid)
            self.recs[rep].setdefault(("t", text_key(text)), rid)
            self.rec_rows[rid] = (num, text, deadline)
        self.links = defaultdict(set)
        for rid, bid in conn.execute("SELECT recommendation_id, body_id FROM recommendation_bodies"):
            self.links[rid].add(bid)
        self.replies = {
            (r[0], r[1]): dict(zip(("text", "action", "due", "due_text"), r[2:]))
            for r in conn.execute("SELECT recommendation_id, body_id, text, action, due, due_text FROM replies")
        }
        self.latest = {}
        for rid, status, raw in conn.execute(
            "SELECT recommendation_id, status, status_raw FROM follow_ups ORDER BY date, id"
        ):
            self.latest[rid] = (status, raw)
        self.bodies = {b.name: b.id for b in register.load_bodies(store)}


def _status_changed(rec: PlanRec, latest: tuple | None) -> bool:
    if not (rec.status or rec.status_raw):
        return False
    if latest is None:
        return True
    if rec.status:
        return rec.status != latest[0]
    return swedish_key(rec.status_raw or "") != swedish_key(latest[1] or "")


def _walk(
    store: Store, plan: ImportPlan, cs: ChangeSet | None, today: dt.date, ticker: Ticker | None = None
) -> dict[str, int]:
    """Match the plan against the register, count what changes and, given a ChangeSet,
    write it."""
    ticker = ticker or Ticker(None)
    ex = _Existing(store)
    counts = dict.fromkeys(
        ("granskningar_nya", "granskningar_ändrade", "rekommendationer_nya", "rekommendationer_ändrade",
         "nämnder_nya", "svar_nya", "svar_ändrade", "uppföljningar_nya"), 0,
    )  # fmt: skip
    counts["nämnder_nya"] = len(plan.new_bodies)
    body_ids = dict(ex.bodies)
    for name, short in plan.new_bodies.items():
        body_ids[name] = register.create_body(cs, name, short_name=short) if cs else -len(body_ids) - 1
    for report in plan.reports:
        report_id = ex.reports.get((text_key(report.title), report.year))
        report.action = "oförändrad" if report_id else "ny"
        if report_id is None:
            counts["granskningar_nya"] += 1
            if cs:
                report_id = register.create_report(
                    cs, report.title, audit_year=report.year, report_date=report.report_date,
                    source_file=plan.path.name,
                )  # fmt: skip
        elif (
            report.report_date
            and report.report_date.isoformat()
            != store.conn.execute("SELECT report_date FROM reports WHERE id = ?", (report_id,)).fetchone()[0]
        ):
            report.action = "ändras"
            counts["granskningar_ändrade"] += 1
            if cs:
                register.update_report(cs, report_id, report_date=report.report_date)
        known = ex.recs.get(report_id, {}) if report_id else {}
        for key, rec in report.recs.items():
            ticker.tick()
            rec_id = known.get(key) or known.get(("t", text_key(rec.text)))
            ids = [body_ids[b] for b in rec.bodies]
            changed = False
            if rec_id is None:
                counts["rekommendationer_nya"] += 1
                if cs:
                    rec_id = register.add_recommendation(
                        cs, report_id, rec.text, ids, number=rec.number, reply_deadline=rec.reply_deadline
                    )
            else:
                num, text, deadline = ex.rec_rows[rec_id]
                deadline_iso = rec.reply_deadline.isoformat() if rec.reply_deadline else deadline
                changed = text != rec.text or deadline != deadline_iso or not set(ids) <= ex.links[rec_id]
                if cs and changed:
                    register.update_recommendation(cs, rec_id, text=rec.text, reply_deadline=deadline_iso)
                    register.set_bodies(cs, rec_id, [*sorted(ex.links[rec_id]), *ids])
            for body, reply in rec.replies.items():
                old = ex.replies.get((rec_id, body_ids[body]))
                wanted = {k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in reply.items()}
                if old is None or any(old.get(k) != v for k, v in wanted.items()):
                    counts["svar_nya" if old is None else "svar_ändrade"] += 1
                    changed = changed or old is not None
                    if cs:
                        register.set_reply(cs, rec_id, body_ids[body], **reply)
            if _status_changed(rec, ex.latest.get(rec_id)):
                counts["uppföljningar_nya"] += 1
                changed = True
                if cs:
                    register.add_follow_up(
                        cs, rec_id, rec.follow_up_date or today, rec.status, rec.comment, status_raw=rec.status_raw
                    )
            rec.action = (
                "ny" if key not in known and rec_id not in known.values() else "ändras" if changed else "oförändrad"
            )
            counts["rekommendationer_ändrade"] += rec.action == "ändras"
    return counts


def layout_from(plan: ImportPlan, sheet: SheetPlan, name: str) -> Layout:
    """The layout this sheet was read with, the office's status words included."""
    words: dict[str, str] = {}
    for report in plan.reports:
        for rec in report.recs.values():
            if rec.status and rec.status_raw:
                words.setdefault(rec.status, rec.status_raw)
    return Layout(
        name=name,
        columns=list(zip(sheet.headings, sheet.fields)),
        status_words=words,
        status_map={word: status for status, word in words.items()} | plan.status_map,
        title_line=sheet.title_line,
        sheet_name=sheet.name,
        header_row=sheet.header_row,
        merge_reports=sheet.merged_reports,
        short_bodies=plan.short_bodies,
    )


@gc_paused()
def apply_plan(
    store: Store,
    plan: ImportPlan,
    *,
    layout_name: str | None = None,
    today: dt.date | None = None,
    history: History | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Back up, then write the whole plan and its layout in one transaction (through
    `history` when given, so the window can undo it). Avbryt rolls all of it back."""
    if plan.unknown_statuses:
        plan.warnings.append(
            "Okända statusord sparas som de står utan status: " + ", ".join(f"”{w}”" for w in plan.unknown_statuses)
        )
    make_backup(store, "före-registerimport")
    from ..layouts import save_layout

    def write(cs: ChangeSet) -> dict[str, int]:
        ticker = Ticker(progress, sum(len(r.recs) for r in plan.reports))
        counts = _walk(store, plan, cs, today or dt.date.today(), ticker)
        sheet = plan.sheets[0]
        save_layout(cs, layout_from(plan, sheet, layout_name or sheet.layout_name or plan.path.stem))
        return counts

    label = f"Importera register {plan.path.name}"
    if history is not None:
        return history.run(label, write, source=plan.path.name)[0]
    return run_change(store, label, write, source=plan.path.name)[0]


def plan_json(plan: ImportPlan) -> dict:
    def d(value):
        return value.isoformat() if isinstance(value, dt.date) else value

    return {
        "sheets": [{"name": s.name, "header_row": s.header_row, "mapping": s.mapping} for s in plan.sheets],
        "reports": [
            {
                "title": r.title,
                "year": r.year,
                "action": r.action,
                "recommendations": [
                    {
                        "number": rec.number,
                        "text": rec.text,
                        "bodies": rec.bodies,
                        "status": rec.status or rec.status_raw,
                        "reply": "\n".join(str(x["text"]) for x in rec.replies.values() if x.get("text")) or None,
                        "due": next((d(x.get("due") or x.get("due_text")) for x in rec.replies.values()
                                     if x.get("due") or x.get("due_text")), None),
                        "reply_deadline": d(rec.reply_deadline),
                        "action": rec.action,
                    }
                    for rec in r.recs.values()
                ],
            }
            for r in plan.reports
        ],
        "new_bodies": sorted(plan.new_bodies),
        "unknown_statuses": sorted(plan.unknown_statuses),
        "counts": plan.counts,
        "warnings": plan.warnings,
    }  # fmt: skip
