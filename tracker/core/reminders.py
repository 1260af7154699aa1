"""Who to chase: per body, every reply that is late or due within a window, and every
planned action whose klart senast has passed while the recommendation is still open.

A body that has replied is never chased for that recommendation: a recommendation to
two bodies where one has replied is chased from the other only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import CLOSED_STATUSES, RecommendationRow
from .numbers import thousands
from .queries import load_rows
from .rules import BodyState, action_overdue, swedish_key
from .settings import reminder_days
from .store import Store

ANSWER, ACTION = "svar", "åtgärd"


@dataclass(frozen=True)
class Reminder:
    body_id: int
    body: str
    recommendation_id: int
    report: str
    number: int
    text: str
    kind: str  # ANSWER or ACTION
    deadline: dt.date
    days_late: int  # negative when not yet due
    last_sent: dt.date | None

    @property
    def late_text(self) -> str:
        """ "12 dagar sent", "i dag", "om 3 dagar"."""
        days = self.days_late
        if days > 0:
            return f"{days} {'dag' if days == 1 else 'dagar'} sent"
        if days == 0:
            return "i dag"
        return f"om {-days} {'dag' if days == -1 else 'dagar'}"

    def as_json(self) -> dict:
        return {
            "body": self.body,
            "recommendation_id": self.recommendation_id,
            "report": self.report,
            "number": self.number,
            "kind": self.kind,
            "deadline": self.deadline.isoformat(),
            "days_late": self.days_late,
            "last_sent": self.last_sent.isoformat() if self.last_sent else None,
        }


def _chase(row: RecommendationRow, state: BodyState, today: dt.date, window: int) -> tuple[str, dt.date] | None:
    """What to chase a body for on one recommendation, or None."""
    if not state.received:
        if state.deadline is not None and state.deadline <= today + dt.timedelta(days=window):
            return ANSWER, state.deadline
        return None
    reply = next((q for q in row.replies if q.body_id == state.body_id), None)
    if reply is not None and action_overdue(row.status, reply.due, today):
        return ACTION, reply.due
    return None


def reminders_for(rows: list[RecommendationRow], today: dt.date, window: int) -> list[Reminder]:
    """The reminders of the given rows, grouped by body (Swedish order), most late first."""
    found = []
    for row in rows:
        if row.status in CLOSED_STATUSES:
            continue
        for state in row.body_states:
            chase = _chase(row, state, today, window)
            if chase is None:
                continue
            kind, deadline = chase
            sent = [s.date for s in row.sendouts if s.body_id == state.body_id]
            found.append(
                Reminder(
                    state.body_id,
                    state.body,
                    row.id,
                    row.report,
                    row.number,
                    row.text,
                    kind,
                    deadline,
                    (today - deadline).days,
                    max(sent) if sent else None,
                )  # fmt: skip
            )
    found.sort(key=lambda r: (swedish_key(r.body), r.body_id, -r.days_late, swedish_key(r.report), r.number))
    return found


def reminders(store: Store, today: dt.date, window: int | None = None) -> list[Reminder]:
    """Every reminder in the register; `window` days ahead (default: the office's setting)."""
    return reminders_for(load_rows(store, today), today, reminder_days(store) if window is None else window)


def by_body(found: list[Reminder]) -> dict[int, list[Reminder]]:
    groups: dict[int, list[Reminder]] = {}
    for r in found:
        groups.setdefault(r.body_id, []).append(r)
    return groups


def overdue_line(replies: int, actions: int) -> str | None:
    """ "9 försenade svar och 6 försenade åtgärder" for the line above the list, or None; from
    counts the list keeps as rows change (its 100,000 rows are not counted at every edit)."""
    parts = []
    if replies:
        parts.append(f"{thousands(replies)} försenade svar" if replies != 1 else "1 försenat svar")
    if actions:
        parts.append(f"{thousands(actions)} försenade åtgärder" if actions != 1 else "1 försenad åtgärd")
    return " och ".join(parts) or None
