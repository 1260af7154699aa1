"""Applying an import plan: matching it against the register and writing what differs.

The same walk counts the changes for the preview (without a ChangeSet) and writes them
(with one, inside one transaction after a backup), so the preview and the result
cannot differ.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from .. import register
from ..backups import make_backup
from ..changes import ChangeSet, History, run_change
from ..collector import gc_paused
from ..layouts import save_layout
from ..progress import Progress, Ticker
from ..rules import swedish_key
from ..store import Store
from .register_plan import ImportPlan, PlanRec, label_key, layout_from, text_key


class _Existing:
    """What the register holds, keyed the way the import matches."""

    def __init__(self, store: Store) -> None:
        conn = store.conn
        self.reports, self.report_dates = {}, {}
        for i, title, year, date in conn.execute("SELECT id, title, audit_year, report_date FROM reports"):
            self.reports[(text_key(title), year)] = i
            self.report_dates[i] = date
        # report id -> (number as written, text key) / number as written / text key -> recommendation ids
        self.exact: dict[int, dict[tuple[str, str], list[int]]] = defaultdict(lambda: defaultdict(list))
        self.by_label: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.by_text: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        self.rec_rows = {}
        for rid, rep, num, label, text, deadline in conn.execute(
            "SELECT id, report_id, number, coalesce(label, number), text, reply_deadline FROM recommendations"
            " ORDER BY id"
        ):
            key, words = label_key(str(label)), text_key(text)
            self.exact[rep][(key, words)].append(rid)
            self.by_label[rep][key].append(rid)
            self.by_text[rep][words].append(rid)
            self.rec_rows[rid] = (num, label, text, deadline)
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

    def match(self, report_id: int, recs: dict[tuple[str, str], PlanRec], taken: set[int]) -> dict[tuple, int]:
        """Plan key -> existing recommendation: the same number and text first; then the
        same number when it is unique on both sides (the text was edited); then the same
        text (the number was changed). Each existing recommendation matches once."""
        found: dict[tuple, int] = {}
        plan_labels = Counter(label for label, _ in recs)

        def take(key: tuple, candidates: list[int]) -> None:
            free = [i for i in candidates if i not in taken]
            if free and key not in found:
                found[key] = free[0]
                taken.add(free[0])

        for key in recs:
            take(key, self.exact[report_id].get(key, []))
        for key in recs:
            label = key[0]
            if label and plan_labels[label] == 1 and len(self.by_label[report_id].get(label, [])) == 1:
                take(key, self.by_label[report_id][label])
        for key in recs:
            take(key, self.by_text[report_id].get(key[1], []))
        return found


def _status_changed(rec: PlanRec, latest: tuple | None) -> bool:
    if not (rec.status or rec.status_raw):
        return False
    if latest is None:
        return True
    if rec.status:
        return rec.status != latest[0]
    return swedish_key(rec.status_raw or "") != swedish_key(latest[1] or "")


def walk(
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
    taken: set[int] = set()
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
        elif report.report_date and report.report_date.isoformat() != ex.report_dates.get(report_id):
            report.action = "ändras"
            counts["granskningar_ändrade"] += 1
            if cs:
                register.update_report(cs, report_id, report_date=report.report_date)
        known = ex.match(report_id, report.recs, taken) if report_id in ex.exact else {}
        for key, rec in report.recs.items():
            ticker.tick()
            rec_id = known.get(key)
            ids = [body_ids[b] for b in rec.bodies]
            changed = False
            if rec_id is None:
                counts["rekommendationer_nya"] += 1
                if cs:
                    rec_id = register.add_recommendation(
                        cs, report_id, rec.text, ids, number=rec.number, label=rec.label,
                        reply_deadline=rec.reply_deadline,
                    )  # fmt: skip
            else:
                _, label, text, deadline = ex.rec_rows[rec_id]
                deadline_iso = rec.reply_deadline.isoformat() if rec.reply_deadline else deadline
                changed = (
                    text != rec.text
                    or deadline != deadline_iso
                    or not set(ids) <= ex.links[rec_id]
                    or (rec.label is not None and str(label) != rec.label)
                )
                if cs and changed:
                    fields = {"text": rec.text, "reply_deadline": deadline_iso}
                    if rec.label is not None:
                        fields["label"] = rec.label
                    if rec.number is not None:  # a number without digits ("a") keeps its place
                        fields["number"] = rec.number
                    register.update_recommendation(cs, rec_id, **fields)
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
            rec.action = "ny" if key not in known else "ändras" if changed else "oförändrad"
            counts["rekommendationer_ändrade"] += rec.action == "ändras"
    return counts


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

    def write(cs: ChangeSet) -> dict[str, int]:
        ticker = Ticker(progress, sum(len(r.recs) for r in plan.reports))
        with cs.batched_history():
            counts = walk(store, plan, cs, today or dt.date.today(), ticker)
        sheet = plan.sheets[0]
        save_layout(cs, layout_from(plan, sheet, layout_name or sheet.layout_name or plan.path.stem))
        return counts

    label = f"Importera register {plan.path.name}"
    if history is not None:
        return history.run(label, write, source=plan.path.name)[0]
    return run_change(store, label, write, source=plan.path.name)[0]
