"""Follow-up statistics (genomslag) for the auditors' annual account: per audit year and
per body, and for the whole register, how much of what was recommended has been done,
how fast, and whether the bodies replied on time. Every figure is computed from a given
`today` and from the follow-up history, never guessed.

A recommendation with several bodies counts once under each body and once in a year's
or the register's total. Days to Åtgärdad run from the report's date to the follow-up
that set Åtgärdad (the first of its last unbroken run: a recommendation set back to
Pågående and done again counts from the second time); a recommendation without a
report date has no such figure and is not counted as done within one or two years.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from .model import CLOSED_STATUSES, DONE, STATUSES, RecommendationRow
from .queries import load_rows
from .rules import BodyState, Filter, sort_key
from .store import Store

OLDEST_SHOWN = 10


@dataclass
class Figures:
    """The figures of one group: a (year, body), a year, a body or the whole register
    (year and body None for "all")."""

    year: int | None
    body: str | None
    total: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    unmapped: int = 0  # a status word not yet mapped to one of the register's
    done_within_1y: int = 0
    done_within_2y: int = 0
    median_days_to_done: float | None = None
    replies_on_time: int = 0
    replies_late: int = 0
    replies_missing: int = 0
    _days: list[int] = field(default_factory=list, repr=False)

    def share(self, status: str) -> float:
        return self.counts.get(status, 0) / self.total if self.total else 0.0

    @property
    def share_done_within_1y(self) -> float:
        return self.done_within_1y / self.total if self.total else 0.0

    @property
    def share_done_within_2y(self) -> float:
        return self.done_within_2y / self.total if self.total else 0.0

    def as_json(self) -> dict:
        return {
            "year": self.year,
            "body": self.body,
            "recommendations": self.total,
            "counts": dict(self.counts),
            "unmapped_status": self.unmapped,
            "done_within_1y": self.done_within_1y,
            "done_within_2y": self.done_within_2y,
            "median_days_to_done": self.median_days_to_done,
            "replies_on_time": self.replies_on_time,
            "replies_late": self.replies_late,
            "replies_missing": self.replies_missing,
        }


@dataclass(frozen=True)
class OpenItem:
    id: int
    report: str
    year: int | None
    number: int
    text: str
    bodies: tuple[str, ...]
    status: str
    report_date: dt.date | None
    age_days: int | None


@dataclass
class Statistics:
    today: dt.date
    groups: list[Figures]  # one per (year, body), years newest first, bodies in Swedish order
    years: list[Figures]  # one per year, all bodies
    bodies: list[Figures]  # one per body, all years
    total: Figures
    oldest_open: list[OpenItem]


# Two tables of figures per group (the status list, the Word file, the window and the
# sheet show the same): what came of the recommendations, and how fast.
STATUS_HEADINGS = ("Antal", *STATUSES)
PACE_HEADINGS = ("Åtgärdade inom 1 år", "Åtgärdade inom 2 år", "Median dagar till Åtgärdad", "Svar i tid",
                 "Svar försenade", "Svar saknas")  # fmt: skip


def percent(part: int, whole: int) -> str:
    return f"{round(100 * part / whole)} %" if whole else "–"


def status_row(fig: Figures) -> list[str]:
    """Counts per status with their share of the group."""
    shares = (f"{fig.counts[s]} ({percent(fig.counts[s], fig.total)})" if fig.counts[s] else "0" for s in STATUSES)
    return [str(fig.total), *shares]


def pace_row(fig: Figures) -> list[str]:
    """Shares done within one and two years, the median in whole days, replies."""
    median = "–" if fig.median_days_to_done is None else f"{fig.median_days_to_done:.0f}"
    return [percent(fig.done_within_1y, fig.total), percent(fig.done_within_2y, fig.total), median,
            str(fig.replies_on_time), str(fig.replies_late), str(fig.replies_missing)]  # fmt: skip


def year_label(fig: Figures) -> str:
    return str(fig.year) if fig.year is not None else "Utan år"


def _done_dates(store: Store) -> dict[int, dt.date]:
    """When each recommendation became Åtgärdad for the last time, from the follow-ups."""
    done: dict[int, dt.date] = {}
    for rec_id, date, status in store.conn.execute(
        "SELECT recommendation_id, date, status FROM follow_ups ORDER BY recommendation_id, date, id"
    ):
        if status == DONE:
            done.setdefault(rec_id, dt.date.fromisoformat(date))
        else:
            done.pop(rec_id, None)
    return done


def _add(fig: Figures, row: RecommendationRow, done: dt.date | None, replies: list[BodyState]) -> None:
    fig.total += 1
    if row.status in fig.counts:
        fig.counts[row.status] += 1
    else:
        fig.unmapped += 1
    if row.status == DONE and done is not None and row.report_date is not None:
        days = (done - row.report_date).days
        fig._days.append(days)
        fig.done_within_1y += days <= 365
        fig.done_within_2y += days <= 730
    for reply in replies:
        if not reply.received:
            fig.replies_missing += 1
        elif reply.deadline is not None and reply.reply_date is not None and reply.reply_date > reply.deadline:
            fig.replies_late += 1
        else:  # received by the deadline, or no deadline or date to be late against
            fig.replies_on_time += 1


def compute(
    store: Store,
    today: dt.date,
    *,
    body_ids: tuple[int, ...] = (),
    year: int | None = None,
    rows: list[RecommendationRow] | None = None,
) -> Statistics:
    """`rows`: the register's rows for `today` when the caller has read them already."""
    rows = load_rows(store, today) if rows is None else rows
    chosen = Filter(body_ids=body_ids, year=year)
    rows = [r for r in rows if chosen.matches(r)]
    done = _done_dates(store)
    groups: dict[tuple[int | None, str], Figures] = {}
    years: dict[int | None, Figures] = {}
    bodies: dict[str, Figures] = {}
    total = Figures(None, None)
    for row in rows:
        replies = [s for s in row.body_states if not body_ids or s.body_id in body_ids]
        finished = done.get(row.id)
        _add(years.setdefault(row.year, Figures(row.year, None)), row, finished, replies)
        _add(total, row, finished, replies)
        by_body = defaultdict(list)
        for reply in replies:
            by_body[reply.body].append(reply)
        for name, own in by_body.items():
            _add(groups.setdefault((row.year, name), Figures(row.year, name)), row, finished, own)
            _add(bodies.setdefault(name, Figures(None, name)), row, finished, own)
    for fig in [*groups.values(), *years.values(), *bodies.values(), total]:
        fig.median_days_to_done = statistics.median(fig._days) if fig._days else None

    def newest_first(year: int | None) -> int:
        return -(year or 0)

    open_rows = [r for r in rows if r.status not in CLOSED_STATUSES]
    open_rows.sort(key=lambda r: (r.report_date or dt.date(r.year or 9999, 12, 31), sort_key(r.report), r.number))
    oldest = [
        OpenItem(
            r.id,
            r.report,
            r.year,
            r.number,
            r.text,
            tuple(r.bodies),
            r.status,
            r.report_date,
            (today - r.report_date).days if r.report_date else None,
        )  # fmt: skip
        for r in open_rows[:OLDEST_SHOWN]
    ]
    return Statistics(
        today,
        sorted(groups.values(), key=lambda f: (newest_first(f.year), sort_key(f.body))),
        sorted(years.values(), key=lambda f: newest_first(f.year)),
        sorted(bodies.values(), key=lambda f: sort_key(f.body)),
        total,
        oldest,
    )
