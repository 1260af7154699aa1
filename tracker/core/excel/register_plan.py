"""What an import of an office's register would do: the plan the command line prints
with --json and the import dialog shows, before anything is written."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..layouts import Layout
from ..rules import swedish_key


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
    number: int | None  # the sort key: the leading digits of the number as written
    label: str | None = None  # the number as written ("1.1", "2a", "3"), shown everywhere
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
    # (number as written, text key) -> recommendation: rows with the same number and
    # text are one recommendation to several bodies; the same number with other text is not.
    recs: dict[tuple[str, str], PlanRec] = field(default_factory=dict)
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


def label_key(label: str | None) -> str:
    """A number as written, compared without case and spaces ("2 A" is "2a")."""
    return "".join((label or "").casefold().split())


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
                        "label": rec.label,
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
