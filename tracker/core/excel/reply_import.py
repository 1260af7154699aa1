"""Reading a filled-in reply sheet back: match every row, show what would change, then
write it all in one transaction.

A row is matched by its hidden key when the key is whole and its checksum fits the
row's recommendation text; otherwise by report, number and text, or by the text alone.
Every row says how it was matched. A value the register got after the sheet was sent
(other than from a reply sheet) and that differs from the sheet's is a conflict, for
the user to decide.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from ..backups import make_backup
from ..changes import ChangeSet, History, run_change
from ..collector import gc_paused
from ..dates import iso, parse_date
from ..errors import UserError
from ..model import REPLY_FIELDS
from ..progress import Progress, Ticker
from ..register import body_index, set_reply
from ..sendouts import close_chase
from ..store import Store
from .headings import heading_key
from .reply_sheet import COLUMNS, INFO_SHEET, KEY_HEADING, MARKER, SHEET_TITLE, parse_key, text_checksum
from .workbook import cell_value, check_file, open_workbook, sheet_text, used_size

SOURCE_PREFIX = "Svarsmall "
_MAX_WORKBOOK_PART = 1 << 20  # bytes; a workbook part beyond this is no sheet of ours
# Sheet heading -> reply field.
FIELDS = {
    "Nämndens svar": "text",
    "Planerad åtgärd": "action",
    "Klart senast": "due",
    "Status enligt nämnden": "body_status",
    "Kontaktperson": "contact",
}
FIELD_NAMES = {f.name: f.label.lower() for f in REPLY_FIELDS}
KEEP_REGISTER, TAKE_SHEET = "register", "sheet"
_DUE_PAIR = frozenset({"due", "due_text"})


@dataclass
class RowPlan:
    row: int
    rec_id: int
    body_id: int
    report: str
    number: str  # as written
    text: str
    method: str
    changes: dict[str, tuple[Any, Any]] = field(default_factory=dict)  # field -> (register, sheet)
    conflicts: dict[str, tuple[Any, Any]] = field(default_factory=dict)


@dataclass
class ReplyPlan:
    path: Path
    sheet: str
    body_id: int
    body: str
    sent_at: str | None
    read_on: dt.date
    rows: list[RowPlan] = field(default_factory=list)  # matched rows for this body
    unmatched: list[tuple[int, str, str]] = field(default_factory=list)  # row, reason, text
    other_body: list[tuple[int, str, str]] = field(default_factory=list)  # row, body, text
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> list[RowPlan]:
        return [r for r in self.rows if r.changes or r.conflicts]

    @property
    def unchanged(self) -> list[RowPlan]:
        return [r for r in self.rows if not r.changes and not r.conflicts]

    @property
    def conflicts(self) -> list[RowPlan]:
        return [r for r in self.rows if r.conflicts]

    @property
    def source(self) -> str:
        return f"{SOURCE_PREFIX}{self.path.name} / {self.sheet}"


def is_reply_sheet(path: Path | str) -> bool:
    """Whether the workbook is one of our reply sheets (False for anything unreadable).

    A dropped register can be large, so the sheet names are looked up in the small
    workbook part first and only a workbook with our info sheet is opened whole."""
    path = Path(path)
    try:
        check_file(path)
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo("xl/workbook.xml").file_size > _MAX_WORKBOOK_PART:
                return False
            part = archive.read("xl/workbook.xml")
        names = {el.get("name") for el in fromstring(part).iter() if el.tag.rsplit("}", 1)[-1] == "sheet"}
        if INFO_SHEET not in names:
            return False
        wb = open_workbook(path)
    except (UserError, zipfile.BadZipFile, KeyError, OSError, ParseError, DefusedXmlException):
        return False
    return INFO_SHEET in wb.sheetnames and wb[INFO_SHEET]["B1"].value == MARKER


def _info(wb) -> dict[str, str]:
    if INFO_SHEET not in wb.sheetnames:
        return {}
    ws = wb[INFO_SHEET]
    return {str(ws.cell(r, 1).value): str(ws.cell(r, 2).value or "") for r in range(1, used_size(ws)[0] + 1)}


def _find_table(wb, path: Path):
    """The sheet, header row and heading columns holding Rekommendation and Nämndens svar,
    and the sheet's last row with a value."""
    sheets = [wb[SHEET_TITLE]] if SHEET_TITLE in wb.sheetnames else []
    sheets += [ws for ws in wb.worksheets if ws.title not in (SHEET_TITLE, INFO_SHEET)]
    for ws in sheets:
        # Not max_row: a styled empty cell at A1048576 would walk a million rows.
        rows, columns = used_size(ws)
        for row in range(1, min(rows, 40) + 1):
            keys = {heading_key(str(ws.cell(row, c).value or "")): c for c in range(1, columns + 1)}
            if heading_key("Rekommendation") in keys and heading_key("Nämndens svar") in keys:
                return ws, row, keys, rows
    raise UserError(
        "Ingen svarstabell hittades: arket saknar rubrikerna ”Rekommendation” och ”Nämndens svar”. "
        "Är det rätt fil? Läs in den svarsmall som skickades till nämnden.",
        file=path,
    )


def _sheet_body(store: Store, ws, info: dict[str, str], path: Path) -> tuple[int, str]:
    index = body_index(store)
    if info.get("nämnd_id", "").isdigit():
        body_id = int(info["nämnd_id"])
        if body := next((b for b in index.bodies if b.id == body_id), None):
            return body.id, body.name
    for row in range(1, 7):
        label = str(ws.cell(row, 1).value or "").strip().rstrip(":").casefold()
        if label == "nämnd" and (body := index.find(str(ws.cell(row, 2).value or ""))):
            return body.id, body.name
    raise UserError("Det går inte att se vilken nämnd som har svarat (raden ”Nämnd:” saknas eller är okänd).",
                    file=path, sheet=ws.title)  # fmt: skip


@gc_paused()
def read_replies(store: Store, path: Path | str, today: dt.date, progress: Progress | None = None) -> ReplyPlan:
    path = Path(path)
    wb = open_workbook(path)
    info = _info(wb)
    if info.get("typ") == MARKER and info.get("register") != store.setting("register_id"):
        raise UserError(
            "Svarsmallen kommer från ett annat register än det som är öppet. Öppna det register som mallen "
            "skickades ifrån och läs in den där.",
            file=path,
        )
    ws, header, keys, last = _find_table(wb, path)
    body_id, body_name = _sheet_body(store, ws, info, path)
    plan = ReplyPlan(path, ws.title, body_id, body_name, info.get("skickat") or None, today)
    col = {heading: keys.get(heading_key(heading)) for heading, _, _ in COLUMNS}
    recs = _recommendations(store)
    by_text = _TextIndex(recs)
    replies = _replies(store)
    late = _changed_since(store, plan.sent_at)
    seen: dict[tuple[int, int], int] = {}
    ticker = Ticker(progress, last - header)
    for row in range(header + 1, last + 1):
        ticker.tick()
        values = {h: _value(ws, row, c, plan) for h, c in col.items() if c is not None}
        if not any(v not in (None, "") for v in values.values()):
            continue
        text = str(values.get("Rekommendation") or "")
        rec_id, row_body, method, reason = _match(values, recs, by_text, body_id)
        if rec_id is None:
            plan.unmatched.append((row, reason, text))
            continue
        if row_body != body_id or row_body not in recs[rec_id]["bodies"]:
            name = next((b.name for b in body_index(store).bodies if b.id == row_body), str(row_body))
            plan.other_body.append((row, name, text))
            continue
        if (rec_id, row_body) in seen:
            plan.unmatched.append(
                (row, f"Samma rekommendation som rad {seen[(rec_id, row_body)]}; bara den raden läses.", text)
            )
            continue
        seen[(rec_id, row_body)] = row
        rec = recs[rec_id]
        plan.rows.append(_row_plan(plan, row, rec_id, rec, method, values, replies.get((rec_id, body_id)),
                                   late.get(replies.get((rec_id, body_id), {}).get("id")), today, ws.title))  # fmt: skip
    return plan


def _value(ws, row: int, column: int, plan: ReplyPlan) -> Any:
    try:
        value = cell_value(ws, row, column)
    except UserError as exc:
        plan.warnings.append(f"Rad {row}, kolumn {exc.column}: {exc.message} Cellen lästes inte.")
        return None
    return sheet_text(value).strip() if isinstance(value, str) else value


def _recommendations(store: Store) -> dict[int, dict]:
    recs = {
        rec_id: {"report": report, "number": str(number), "text": text, "bodies": set()}
        for rec_id, report, number, text in store.conn.execute(
            "SELECT r.id, p.title, coalesce(r.label, r.number), r.text FROM recommendations r"
            " JOIN reports p ON p.id = r.report_id"
        )
    }
    for rec_id, body_id in store.conn.execute("SELECT recommendation_id, body_id FROM recommendation_bodies"):
        recs[rec_id]["bodies"].add(body_id)
    return recs


def _replies(store: Store) -> dict[tuple[int, int], dict]:
    cur = store.conn.execute("SELECT * FROM replies")
    names = [d[0] for d in cur.description]
    return {(r["recommendation_id"], r["body_id"]): r for r in (dict(zip(names, row)) for row in cur)}


def _changed_since(store: Store, sent_at: str | None) -> dict[int, set[str]]:
    """Reply id -> fields changed after the sheet was sent, other than by reply sheets."""
    if not sent_at:
        return {}
    changed: dict[int, set[str]] = {}
    for row_id, action, fld in store.conn.execute(
        "SELECT row_id, action, field FROM history WHERE table_name = 'replies' AND at > ?"
        " AND (source IS NULL OR source NOT LIKE ?)",
        (sent_at, SOURCE_PREFIX + "%"),
    ):
        changed.setdefault(row_id, set()).update(FIELD_NAMES if action == "insert" else {fld})
    return changed


def _norm(text: object) -> str:
    return " ".join(str(text or "").casefold().split())


class _TextIndex:
    """Recommendation ids by normalised text, and by report, number and text, built on the
    first row that lost its key: matching a row then looks its text up instead of comparing
    it with every recommendation."""

    def __init__(self, recs: dict[int, dict]) -> None:
        self._recs = recs
        self._by_text: dict[str, list[int]] | None = None
        self._by_place: dict[tuple[str, str, str], list[int]] = {}

    def _build(self) -> None:
        if self._by_text is not None:
            return
        self._by_text = {}
        for rec_id, rec in self._recs.items():
            text = _norm(rec["text"])
            self._by_text.setdefault(text, []).append(rec_id)
            self._by_place.setdefault((text, _norm(rec["report"]), str(rec["number"])), []).append(rec_id)

    def with_text(self, text: str) -> list[int]:
        self._build()
        return self._by_text.get(text, [])

    def at(self, text: str, report: str, number: str) -> list[int]:
        self._build()
        return self._by_place.get((text, report, number), [])


def _match(values: dict, recs: dict[int, dict], by_text: _TextIndex, body_id: int) -> tuple[int | None, int, str, str]:
    text = values.get("Rekommendation")
    key = parse_key(values.get(KEY_HEADING))
    if key is not None:
        rec_id, key_body, checksum = key
        if rec_id not in recs:
            return None, key_body, "", f"Rekommendationen finns inte längre i registret (nyckel {values[KEY_HEADING]})."
        if not text or text_checksum(str(text)) == checksum:
            return rec_id, key_body, "nyckel", ""
    # The key is gone or does not fit the text: find the recommendation by what the row says.
    wanted = _norm(text)
    if not wanted:
        return None, body_id, "", "Raden saknar både nyckel och rekommendationstext."
    same_text = by_text.with_text(wanted)
    exact = by_text.at(wanted, _norm(values.get("Granskning")), str(values.get("Nr") or "").strip())
    if len(exact) == 1:
        return exact[0], body_id, "granskning, nr och text", ""
    mine = [i for i in same_text if body_id in recs[i]["bodies"]]
    if len(mine) == 1:
        return mine[0], body_id, "text", ""
    if len(mine) > 1:
        return None, body_id, "", "Flera rekommendationer har samma text; nyckeln behövs för att välja."
    return None, body_id, "", "Ingen rekommendation i registret har den här texten."


def _row_plan(plan: ReplyPlan, row: int, rec_id: int, rec: dict, method: str, values: dict,
              reply: dict | None, late: set[str] | None, today: dt.date, sheet: str) -> RowPlan:  # fmt: skip
    rp = RowPlan(row, rec_id, plan.body_id, rec["report"], rec["number"], rec["text"], method)
    current = reply or {}
    for heading, name in FIELDS.items():
        value = values.get(heading)
        if value in (None, ""):
            continue  # an empty cell leaves the register's value as it is
        new: dict[str, Any] = {}
        if name == "due":
            try:
                new["due"] = iso(parse_date(value))
                new["due_text"] = None
            except ValueError:
                plan.warnings.append(f"Blad {sheet}, rad {row}, kolumn Klart senast: ”{value}” är inget datum "
                                     "och sparas som text.")  # fmt: skip
                new["due"], new["due_text"] = None, str(value)
        else:
            new[name] = str(value).strip() if not isinstance(value, dt.datetime) else iso(value.date())
        for fld, val in new.items():
            old = current.get(fld)
            if (old or None) == (val or None):
                continue
            if old and late and fld in late:
                rp.conflicts[fld] = (old, val)
            else:
                rp.changes[fld] = (old, val)
    # A date and the text typed instead of one are one answer, so they are decided together.
    if {"due", "due_text"} & rp.conflicts.keys():
        for fld in ("due", "due_text"):
            if fld in rp.changes:
                rp.conflicts[fld] = rp.changes.pop(fld)
    if (rp.changes or rp.conflicts) and not current.get("reply_date"):
        rp.changes["reply_date"] = (None, today.isoformat())
    return rp


def apply_replies(
    store: Store,
    plan: ReplyPlan,
    choices: dict[tuple[int, str], str] | None = None,
    *,
    sheet_wins: bool = False,
    history: History | None = None,
) -> int:
    """Write the plan; every conflict needs a choice ((row, field) -> KEEP_REGISTER or
    TAKE_SHEET) unless sheet_wins, and a change the user unticked (KEEP_REGISTER) is left
    out. Returns the number of rows changed."""
    choices = choices or {}
    open_conflicts = [(r.row, f) for r in plan.conflicts for f in r.conflicts if (r.row, f) not in choices]
    if open_conflicts and not sheet_wins:
        raise UserError(f"{len(open_conflicts)} krockar med svar som registrerats efter utskicket måste avgöras "
                        "först; inget har ändrats.", file=plan.path, sheet=plan.sheet)  # fmt: skip
    unticked: dict[int, set[str]] = {}
    for (row, f), choice in choices.items():
        if choice == KEEP_REGISTER:
            unticked.setdefault(row, set()).add(f)
    writes = []
    for r in plan.changed:
        kept = unticked.get(r.row, set())
        if kept & _DUE_PAIR:  # a date and the text typed instead of one are one answer
            kept = kept | _DUE_PAIR
        values = {f: new for f, (_, new) in r.changes.items() if f not in kept}
        for f, (_, new) in r.conflicts.items():
            if sheet_wins or choices.get((r.row, f)) == TAKE_SHEET:
                values[f] = new
        # The reply date comes with an answer; alone, nothing of the answer was taken.
        if values and set(values) != {"reply_date"}:
            writes.append((r.rec_id, r.body_id, values))
    if not writes:
        return 0
    make_backup(store, "före svarsimport")

    def write(cs: ChangeSet) -> int:
        for rec_id, body_id, values in writes:
            set_reply(cs, rec_id, body_id, **values)
            close_chase(cs, rec_id, body_id, plan.read_on)
        return len(writes)

    label = f"Läs in svar från {plan.body} ({plan.path.name})"
    if history is not None:
        return history.run(label, write, source=plan.source)[0]
    return run_change(store, label, write, source=plan.source)[0]


def plan_json(plan: ReplyPlan) -> dict:
    def row(r: RowPlan) -> dict:
        return {"row": r.row, "recommendation_id": r.rec_id, "report": r.report, "number": r.number,
                "body": plan.body, "matched_by": r.method,
                "fields": {f: {"old": o, "new": n} for f, (o, n) in r.changes.items()}}  # fmt: skip

    return {
        "file": str(plan.path),
        "sheet": plan.sheet,
        "body": plan.body,
        "sent_at": plan.sent_at,
        "matched": len(plan.rows),
        "changed": [row(r) for r in plan.changed if r.changes],
        "unchanged": [{"row": r.row, "recommendation_id": r.rec_id, "matched_by": r.method} for r in plan.unchanged],
        "unmatched": [{"row": n, "reason": reason, "text": text} for n, reason, text in plan.unmatched],
        "other_body": [{"row": n, "body": body, "text": text} for n, body, text in plan.other_body],
        "conflicts": [
            {"row": r.row, "recommendation_id": r.rec_id, "field": f, "register": o, "sheet": n}
            for r in plan.conflicts
            for f, (o, n) in r.conflicts.items()
        ],  # fmt: skip
        "warnings": plan.warnings,
    }
