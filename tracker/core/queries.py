"""Reading the register into rows for the table, the list command and the status list."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from .dates import from_iso
from .model import NOT_STARTED, REPLY_FIELD_NAMES, REPLY_FIELDS, RecommendationRow, ReplyView, SendoutView
from .rules import Filter, derive, sort_key, swedish_keys
from .store import Store

_BASE = """
SELECT r.id, r.report_id, p.title, p.audit_year, p.report_date, r.number, r.text,
       coalesce(r.reply_deadline, p.reply_deadline), r.label
FROM recommendations r JOIN reports p ON p.id = r.report_id
"""


def load_rows(store: Store, today: dt.date, ids: Iterable[int] | None = None) -> list[RecommendationRow]:
    """All recommendations (or those with the given ids) with bodies, replies, the
    latest follow-up and the derived reply state and overdue flags for `today`."""
    return rows_from(store.conn, today, ids)


def load_rows_apart(
    path: Path, today: dt.date, connected: Callable[[sqlite3.Connection], None] = lambda conn: None
) -> list[RecommendationRow]:
    """load_rows over a read-only connection of its own, for a worker thread (a connection
    belongs to the thread that opened it). `connected` gets the connection first, to set a
    progress handler that can stop the reading (sqlite3.OperationalError here)."""
    with contextlib.closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        connected(conn)
        return rows_from(conn, today)


def first_rows(store: Store, today: dt.date, at_least: int) -> tuple[list[RecommendationRow], int]:
    """The first rows in the register's own order (whole reports, at least `at_least` rows
    when there are so many) and how many rows the register holds: the first screen."""
    reports = store.conn.execute(
        "SELECT p.id, p.title, count(*) FROM reports p JOIN recommendations r ON r.report_id = p.id GROUP BY p.id"
    ).fetchall()
    reports.sort(key=lambda p: (sort_key(p[1]), p[0]))
    wanted, count = [], 0
    for report_id, _, n in reports:
        if count >= at_least:
            break
        wanted.append(report_id)
        count += n
    if not wanted:
        return [], 0
    marks = ",".join("?" * len(wanted))
    ids = [i for (i,) in store.conn.execute(f"SELECT id FROM recommendations WHERE report_id IN ({marks})", wanted)]
    return rows_from(store.conn, today, ids), sum(n for _, _, n in reports)


def row_count(store: Store) -> int:
    return store.conn.execute("SELECT count(*) FROM recommendations").fetchone()[0]


def rows_from(conn: sqlite3.Connection, today: dt.date, ids: Iterable[int] | None = None) -> list[RecommendationRow]:
    where, params = "", ()
    if ids is not None:
        id_list = list(ids)
        if not id_list:
            return []
        # A temp table keeps the query one statement for any number of ids.
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS wanted_ids (id INTEGER PRIMARY KEY)")
        conn.execute("DELETE FROM temp.wanted_ids")
        conn.executemany("INSERT OR IGNORE INTO temp.wanted_ids VALUES (?)", [(i,) for i in id_list])
        where = " WHERE r.id IN (SELECT id FROM temp.wanted_ids)"
    # Every row: no condition at all, which SQLite reads in half the time of one it must check.
    scope = f" WHERE recommendation_id IN (SELECT r.id FROM recommendations r{where})" if where else ""

    # 100,000 rows repeat a few hundred titles, names, statuses and dates: each distinct value
    # is held once (SQLite hands out a new string per row) and each date string parsed once.
    shared: dict = {}

    def same(value):
        return shared.setdefault(value, value)

    date_of = functools.cache(from_iso)

    names = {b: (name, short or name) for b, name, short in conn.execute("SELECT id, name, short_name FROM bodies")}
    bodies: dict[int, list[int]] = defaultdict(list)
    for rec_id, body_id in conn.execute(
        f"SELECT recommendation_id, body_id FROM recommendation_bodies{scope} ORDER BY id",
        params,
    ):
        bodies[rec_id].append(body_id)

    replies: dict[int, list[ReplyView]] = defaultdict(list)
    columns = ", ".join(REPLY_FIELD_NAMES)
    for row in conn.execute(
        f"SELECT recommendation_id, body_id, {columns} FROM replies{scope} ORDER BY id",
        params,
    ):
        values = (date_of(v) if f.is_date else v for f, v in zip(REPLY_FIELDS, row[2:]))
        replies[row[0]].append(ReplyView(row[1], names[row[1]][0], *values))

    latest: dict[int, tuple] = {}
    for rec_id, date, status, raw, comment in conn.execute(
        f"SELECT recommendation_id, date, status, status_raw, comment FROM follow_ups{scope} ORDER BY date, id",
        params,
    ):
        latest[rec_id] = (date, status, raw, comment)

    sendouts: dict[int, list[SendoutView]] = defaultdict(list)
    for rec_id, body_id, kind, sent_at, deadline, answered in conn.execute(
        f"SELECT i.recommendation_id, s.body_id, s.kind, s.sent_at, s.deadline, i.answered_on"
        f" FROM sendout_recommendations i JOIN sendouts s ON s.id = i.sendout_id{scope}"
        " ORDER BY s.sent_at, s.id",
        params,
    ):
        sendouts[rec_id].append(
            SendoutView(body_id, same(kind), date_of(sent_at[:10]), date_of(deadline), date_of(answered))
        )

    changed = {
        rec_id: same(at)
        for rec_id, at in conn.execute(
            f"SELECT recommendation_id, max(at) FROM history{scope} GROUP BY recommendation_id",
            params,
        )
    }

    rows, haystacks, titles = [], [], {}
    no_links: list = []
    for rec_id, report_id, title, year, report_date, number, text, deadline, label in conn.execute(
        _BASE + where + " ORDER BY r.id", params
    ):
        linked = bodies.get(rec_id, no_links)
        full = [names[b][0] for b in linked]
        short = [names[b][1] for b in linked]
        answers = replies.get(rec_id, [])
        follow = latest.get(rec_id)
        if follow:
            # An unmapped word stays visible as written until the user maps it.
            status = same(follow[1] or f"{follow[2]} (?)")
            raw, comment, status_date = same(follow[2]), follow[3], date_of(follow[0])
        else:
            status, raw, comment, status_date = NOT_STARTED, None, None, None
        title = same(title)
        row = RecommendationRow(
            rec_id,
            report_id,
            title,
            year,
            date_of(report_date),
            number,
            text,
            list(linked),
            full,
            short,
            date_of(deadline),
            answers,
            status,
            raw,
            comment,
            status_date,
            changed.get(rec_id),
            sendouts.get(rec_id, []),
            label=same(label) if label else "",
        )
        haystacks.append(
            " ".join([title, text, *full, *short] + [part for r in answers for part in (r.text, r.action) if part])
        )
        titles[report_id] = title
        rows.append(derive(row, today))
    # Keyed in one pass over all the texts: a key per row costs a second at 100,000 rows.
    for row, key in zip(rows, swedish_keys(haystacks)):
        row.search_text = key
    report_order = {p: i for i, p in enumerate(sorted(titles, key=lambda p: (sort_key(titles[p]), p)))}
    rows.sort(key=lambda r: (report_order[r.report_id], r.number_key))
    return rows


# Column name -> how query() orders rows by it (the list's own columns are core/row_index.py's).
SORT_FIELDS = {
    "report": lambda r: sort_key(r.report),
    "year": lambda r: sort_key(r.year),
    "number": lambda r: r.number_key,
    "text": lambda r: sort_key(r.text),
    "bodies": lambda r: sort_key(r.bodies),
    "reply_deadline": lambda r: sort_key(r.reply_deadline),
    "reply_state": lambda r: sort_key(r.reply_state),
    "due": lambda r: sort_key(r.due),
    "status": lambda r: sort_key(r.status),
    "changed_at": lambda r: sort_key(r.changed_at),
}


def query(
    store: Store, today: dt.date, flt: Filter | None = None, sort: str = "report", descending: bool = False
) -> list[RecommendationRow]:
    rows = load_rows(store, today)  # in the register's own order: report, then number
    if flt:
        rows = [r for r in rows if flt.matches(r)]
    if sort != "report" or descending:
        # Stable: within the column's order, rows stay in the register's own.
        rows.sort(key=SORT_FIELDS[sort], reverse=descending)
    return rows


def years(store: Store) -> list[int]:
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT DISTINCT audit_year FROM reports WHERE audit_year IS NOT NULL ORDER BY audit_year DESC"
        )
    ]


def history_for(store: Store, rec_id: int) -> list[dict]:
    cur = store.conn.execute(
        "SELECT at, user, table_name, action, field, old_value, new_value, source FROM history"
        " WHERE recommendation_id = ? ORDER BY id DESC",
        (rec_id,),
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


def follow_ups_for(store: Store, rec_id: int) -> list[dict]:
    cur = store.conn.execute(
        "SELECT id, date, status, status_raw, comment FROM follow_ups WHERE recommendation_id = ?"
        " ORDER BY date DESC, id DESC",
        (rec_id,),
    )
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur]


# What the window and its dialogs read, so no SQL is written in the GUI -----------------


def recommendation_identity(store: Store, rec_id: int) -> tuple[int, int | None] | None:
    """Which recommendation stands under this id: its report and the history row that
    created it. None once it is gone; a different value when the id has been given to
    another recommendation (deleted and re-created, undone, replaced by an import)."""
    row = store.conn.execute("SELECT report_id FROM recommendations WHERE id = ?", (rec_id,)).fetchone()
    if row is None:
        return None
    created = store.conn.execute(
        "SELECT max(id) FROM history WHERE recommendation_id = ? AND table_name = 'recommendations'"
        " AND row_id = ? AND action = 'insert'",
        (rec_id, rec_id),
    ).fetchone()[0]
    return row[0], created


def is_empty(store: Store) -> bool:
    return not store.conn.execute("SELECT EXISTS (SELECT 1 FROM reports)").fetchone()[0]


def report_fields(store: Store, report_id: int) -> dict | None:
    cur = store.conn.execute("SELECT * FROM reports WHERE id = ?", (report_id,))
    row = cur.fetchone()
    return dict(zip([d[0] for d in cur.description], row)) if row else None


def report_recommendations(store: Store, report_id: int) -> list[tuple[int, int, str, list[int]]]:
    """(id, number, text, body ids in the order they were named) of a report's recommendations."""
    conn = store.conn
    recs = conn.execute(
        "SELECT id, number, text FROM recommendations WHERE report_id = ? ORDER BY number, id", (report_id,)
    ).fetchall()
    bodies: dict[int, list[int]] = defaultdict(list)
    for rec_id, body_id in conn.execute(
        "SELECT b.recommendation_id, b.body_id FROM recommendation_bodies b"
        " JOIN recommendations r ON r.id = b.recommendation_id WHERE r.report_id = ? ORDER BY b.id",
        (report_id,),
    ):
        bodies[rec_id].append(body_id)
    return [(rec_id, number, text, bodies[rec_id]) for rec_id, number, text in recs]


def report_size(store: Store, report_id: int) -> tuple[str, int]:
    """The report's title and how many recommendations it has."""
    return store.conn.execute(
        "SELECT p.title, count(r.id) FROM reports p LEFT JOIN recommendations r ON r.report_id = p.id WHERE p.id = ?",
        (report_id,),
    ).fetchone()


def replies_and_follow_ups(store: Store, rec_ids: Iterable[int]) -> tuple[int, int]:
    """How many replies and follow-ups the given recommendations have."""
    ids = list(rec_ids)
    marks = ",".join("?" * len(ids))
    conn = store.conn
    replies = conn.execute(f"SELECT count(*) FROM replies WHERE recommendation_id IN ({marks})", ids).fetchone()[0]
    follow_ups = conn.execute(f"SELECT count(*) FROM follow_ups WHERE recommendation_id IN ({marks})", ids)
    return replies, follow_ups.fetchone()[0]


def replying_bodies(store: Store, rec_id: int) -> list[tuple[int, str]]:
    """(body id, name) of the bodies that have a reply on the recommendation."""
    return store.conn.execute(
        "SELECT q.body_id, b.name FROM replies q JOIN bodies b ON b.id = q.body_id WHERE q.recommendation_id = ?",
        (rec_id,),
    ).fetchall()


def body_usage(store: Store, body_id: int) -> tuple[int, int]:
    """How many recommendations a body is responsible for and how many replies it has given."""
    conn = store.conn
    recs = conn.execute("SELECT count(*) FROM recommendation_bodies WHERE body_id = ?", (body_id,)).fetchone()[0]
    replies = conn.execute("SELECT count(*) FROM replies WHERE body_id = ?", (body_id,)).fetchone()[0]
    return recs, replies


def body_spellings(store: Store, body_id: int) -> list[tuple[int, str]]:
    return store.conn.execute(
        "SELECT id, spelling FROM body_spellings WHERE body_id = ? ORDER BY spelling", (body_id,)
    ).fetchall()


def body_names(store: Store) -> dict[int, str]:
    return dict(store.conn.execute("SELECT id, name FROM bodies").fetchall())
