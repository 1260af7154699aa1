"""What a status list for the auditors' meeting holds (data, not drawing).

Recommendations are grouped by responsible body, and within a body by report. A
recommendation with several bodies appears under each of them, with that body's reply:
each body answers for its own part.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from .model import STATUSES, RecommendationRow
from .queries import load_rows
from .register import load_bodies
from .rules import Filter, reply_overdue, sort_key
from .settings import office
from .stats import Statistics, compute
from .store import Store

REPLY_SHORT = 300  # characters of a reply shown; the rest is in the register


@dataclass
class Entry:
    id: int
    number: str  # as written ("3", "1.1", "2a")
    text: str
    reply_state: str
    reply: str | None
    action: str | None
    due: dt.date | None
    due_text: str | None
    status: str
    comment: str | None
    reply_overdue: bool
    action_overdue: bool
    order: tuple = ()  # the recommendation's place in its report

    @property
    def overdue(self) -> bool:
        return self.reply_overdue or self.action_overdue


@dataclass
class ReportGroup:
    title: str
    year: int | None
    entries: list[Entry] = field(default_factory=list)


@dataclass
class BodyGroup:
    name: str
    reports: list[ReportGroup] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return [e for r in self.reports for e in r.entries]

    def counts(self) -> dict[str, int]:
        """Recommendations per status, every status listed (zeros too) in the register's order."""
        counts = dict.fromkeys(STATUSES, 0)
        for e in self.entries:
            counts[e.status] = counts.get(e.status, 0) + 1
        return counts

    @property
    def overdue_replies(self) -> int:
        return sum(e.reply_overdue for e in self.entries)

    @property
    def overdue_actions(self) -> int:
        return sum(e.action_overdue for e in self.entries)


@dataclass
class StatusList:
    office: str
    title: str
    selection: str
    date: dt.date
    bodies: list[BodyGroup]
    # Follow-up statistics for the selection's bodies and year (the whole register if none).
    stats: Statistics | None = None

    @property
    def recommendation_ids(self) -> set[int]:
        return {e.id for b in self.bodies for e in b.entries}


def _short(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= REPLY_SHORT else text[: REPLY_SHORT - 1].rstrip() + "…"


def _entry(row: RecommendationRow, body_id: int) -> Entry:
    reply = next((r for r in row.replies if r.body_id == body_id), None)
    state = next(s for s in row.body_states if s.body_id == body_id)
    return Entry(
        id=row.id,
        number=row.number_label,
        text=row.text,
        reply_state=state.state,
        reply=_short(reply.text) if reply else None,
        action=_short(reply.action) if reply else None,
        due=reply.due if reply else None,
        due_text=reply.due_text if reply else None,
        status=row.status,
        comment=row.status_comment,
        reply_overdue=reply_overdue(state.late, row.status),
        action_overdue=row.action_overdue,
        order=row.number_key,
    )


def build_status_list(store: Store, today: dt.date, flt: Filter | None = None) -> StatusList:
    flt = flt or Filter()
    bodies = {b.id: b.name for b in load_bodies(store)}
    groups: dict[int, dict[int, ReportGroup]] = {}
    rows = load_rows(store, today)  # read once for the list and its statistics
    for row in (r for r in rows if flt.matches(r)):  # the order is the groups' own, set below
        for body_id in row.body_ids:
            if flt.body_ids and body_id not in flt.body_ids:
                continue
            reports = groups.setdefault(body_id, {})
            reports.setdefault(row.report_id, ReportGroup(row.report, row.year)).entries.append(_entry(row, body_id))
    body_groups = []
    for body_id in sorted(groups, key=lambda b: sort_key(bodies[b])):
        # Newest audits first: what the meeting talks about most.
        reports = sorted(groups[body_id].values(), key=lambda g: (-(g.year or 0), sort_key(g.title)))
        for report in reports:
            report.entries.sort(key=lambda e: e.order)
        body_groups.append(BodyGroup(bodies[body_id], reports))
    if flt.body_ids:
        title = "Statuslista – " + ", ".join(bodies[b] for b in flt.body_ids)
    else:
        title = "Statuslista – samtliga nämnder"
    stats = compute(store, today, body_ids=flt.body_ids, year=flt.year, rows=rows)
    return StatusList(office(store).name, title, flt.describe(bodies), today, body_groups, stats)
