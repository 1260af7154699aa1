"""Send-outs on record: reply sheets (svarsmallar) and reminders (påminnelser) written to
a folder, each body's sheet with its e-mail draft beside it, and a record of what went
to whom, when, with which recommendations and deadline, and by whom.

One send-out is all or nothing: every file is written beside its name and all are
moved into place together (atomic_paths), and only then recorded; a failure anywhere
leaves neither files nor a record behind, and no file already in the folder is replaced."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .atomic_file import atomic_paths
from .bodies import Body
from .changes import ChangeSet, current_user, run_change
from .collector import gc_paused
from .dates import iso, long_swedish
from .errors import UserError
from .excel.reply_sheet import (
    SheetHeader,
    default_deadline,
    recommendations_text,
    reply_workbook_bytes,
    rows_to_send,
    safe_name,
)
from .mail import MailItem, build_draft, check_addresses, check_template, render, write_draft
from .model import SENDOUT_REMINDER, SENDOUT_SHEET, RecommendationRow
from .progress import NOTHING_SAVED, Progress
from .queries import load_rows
from .register import load_bodies
from .reminders import ANSWER, Reminder, by_body, reminders_for
from .settings import BY_KEY, get, office, reminder_days, reply_days
from .store import Store


@dataclass
class Outgoing:
    """One body's part of a send-out: its rows and what each is asked for."""

    body: Body
    rows: list[RecommendationRow]
    items: list[MailItem]


@dataclass
class SentSheet:
    body: str
    path: Path
    rows: int
    deadline: dt.date
    draft: Path | None = None
    warnings: list[str] = field(default_factory=list)
    rec_ids: list[int] = field(default_factory=list)  # the recommendations it asked about

    def receipt(self) -> list[str]:
        """What the user is told of this sheet, in the window and on the command line: its
        files, body, count and deadline, then each warning."""
        draft = f" och {self.draft.name}" if self.draft else ""
        head = f"{self.path.name}{draft}: {self.body}, {recommendations_text(self.rows)}, svar senast {self.deadline}"
        return [head, *(f"   Varning: {w}" for w in self.warnings)]


def _items_for_sheet(rows: list[RecommendationRow]) -> list[MailItem]:
    return [MailItem(r.report, r.number, r.text, ANSWER, r.reply_deadline) for r in rows]


def reply_sheet_parts(
    store: Store, today: dt.date, body_ids: Iterable[int] | None = None, all_open: bool = False
) -> list[Outgoing]:
    """Per chosen body, the recommendations waiting for its reply; bodies with none left out."""
    bodies = {b.id: b for b in load_bodies(store)}
    all_rows = load_rows(store, today)
    parts = []
    for body_id in body_ids if body_ids is not None else list(bodies):
        if rows := rows_to_send(all_rows, body_id, all_open):
            parts.append(Outgoing(bodies[body_id], rows, _items_for_sheet(rows)))
    return parts


def reminder_parts(
    store: Store, today: dt.date, body_ids: Iterable[int] | None = None, window: int | None = None
) -> list[Outgoing]:
    """Per body to chase, exactly the recommendations it is chased for."""
    rows = load_rows(store, today)
    found = reminders_for(rows, today, reminder_days(store) if window is None else window)
    return reminder_parts_of(store, rows, found, body_ids)


def reminder_parts_of(
    store: Store, rows: list[RecommendationRow], found: list[Reminder], body_ids: Iterable[int] | None = None
) -> list[Outgoing]:
    bodies = {b.id: b for b in load_bodies(store)}
    by_id = {r.id: r for r in rows}
    wanted = set(body_ids) if body_ids is not None else None
    parts = []
    for body_id, chased in by_body(found).items():
        if wanted is not None and body_id not in wanted:
            continue
        items = [MailItem(r.report, r.number, r.text, r.kind, r.deadline, r.days_late) for r in chased]
        ids = list(dict.fromkeys(r.recommendation_id for r in chased))
        parts.append(Outgoing(bodies[body_id], [by_id[i] for i in ids], items))
    return parts


def _checked_templates(store: Store, kind: str) -> tuple[str, str]:
    keys = ("sheet_subject", "sheet_body") if kind == SENDOUT_SHEET else ("reminder_subject", "reminder_body")
    for key in keys:
        check_template(get(store, key), f"Inställningen ”{BY_KEY[key].label}”")
    return get(store, keys[0]), get(store, keys[1])


_NAME_MAX = 40  # characters of the body's name in a file name: deep share folders stay under 260


def _free_name(name: str, suffix: str, taken: set[str], existing: set[str]) -> str:
    """NAME-SUFFIX, a file stem used neither in this send-out (`taken`) nor in the folder
    (`existing`: its file names casefolded) as .xlsx or .eml, without regard to case: on
    Windows and macOS "KS" and "ks", or "Kultur/fritid" and "Kultur fritid", would be one
    file. Nothing already in the folder is replaced."""
    base = safe_name(name)[:_NAME_MAX].rstrip("-")
    candidate, n = base, 1
    while f"{candidate}-{suffix}".casefold() in taken or any(
        f"{candidate}-{suffix}{ext}".casefold() in existing for ext in (".xlsx", ".eml")
    ):
        n += 1
        candidate = f"{base}-{n}"
    stem = f"{candidate}-{suffix}"
    taken.add(stem.casefold())
    return stem


def _writable_folder(folder: Path) -> None:
    if not folder.is_dir():
        raise UserError(f"Mappen {folder} finns inte. Välj en befintlig mapp.")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise UserError(f"Mappen {folder} går inte att skriva i (ingen behörighet). Välj en annan mapp.")


@gc_paused()
def send_out(
    store: Store,
    folder: Path | str,
    today: dt.date,
    kind: str,
    parts: list[Outgoing],
    *,
    deadline: dt.date | None = None,
    drafts: bool = True,
    progress: Progress | None = None,
) -> list[SentSheet]:
    """Write each part's reply sheet (and e-mail draft), move them into `folder` together,
    and record the send-out. `deadline` is the "Svar senast" on every sheet; without it
    each sheet gets default_deadline of its rows."""
    folder = Path(folder)
    _writable_folder(folder)
    if not parts:
        return []
    who = office(store)
    subject, body_text = _checked_templates(store, kind) if drafts else ("", "")
    recipients = {p.body.id: check_addresses(p.body.email, f"E-postadressen för {p.body.name}") for p in parts}
    days = reply_days(store)
    sent_at = dt.datetime.now().isoformat(timespec="seconds")
    word = "svar" if kind == SENDOUT_SHEET else "paminnelse"
    taken: set[str] = set()
    # Listed once: the files of this send-out are moved in only after the loop.
    existing = {p.name.casefold() for p in folder.iterdir()}
    sent = []
    for part in parts:
        stem = _free_name(part.body.short_name or part.body.name, f"{word}-{today}", taken, existing)
        due = deadline or default_deadline(part.rows, today, days)
        item = SentSheet(
            part.body.name, folder / f"{stem}.xlsx", len(part.rows), due, rec_ids=[r.id for r in part.rows]
        )
        if drafts:
            item.draft = folder / f"{stem}.eml"
            if not recipients[part.body.id]:
                item.warnings.append(f"{part.body.name} har ingen e-postadress; utkastet saknar mottagare. "
                                     "Lägg till adressen under Nämnder → Hantera nämnder.")  # fmt: skip
        sent.append(item)
    targets = [path for item in sent for path in (item.path, item.draft) if path is not None]
    # Every file is written beside its name and all are moved in place together, or none is.
    with atomic_paths(targets) as temps:
        written = dict(zip(targets, temps))
        for n, (part, item) in enumerate(zip(parts, sent, strict=True)):
            if progress is not None and not progress(n, len(parts)):
                raise UserError(NOTHING_SAVED)
            header = SheetHeader(who.name, store.setting("register_id", ""), part.body.id, part.body.name, today,
                                 sent_at, item.deadline)  # fmt: skip
            sheet = reply_workbook_bytes(header, part.rows)
            written[item.path].write_bytes(sheet)
            if item.draft is not None:
                values = _values(who, part.body.name, item.deadline, len(part.rows))
                letter = render(subject, body_text, values, part.items, reminder=kind == SENDOUT_REMINDER)
                msg = build_draft((who.name, who.email), recipients[part.body.id], letter, sheet, item.path.name)
                write_draft(msg, written[item.draft])
    try:
        run_change(
            store,
            f"Skicka {'svarsmallar' if kind == SENDOUT_SHEET else 'påminnelser'}",
            lambda cs: _record(cs, kind, sent_at, parts, sent, recipients),
            source="Utskick",
        )
    except BaseException:
        # Nothing is on record, so nothing stays in the folder: the names were new.
        for path in targets:
            path.unlink(missing_ok=True)
        raise
    return sent


def _values(who, body: str, deadline: dt.date, count: int) -> dict[str, str]:
    return {"kontor": who.name, "kommun": who.municipality, "kontaktperson": who.contact_person,
            "epost": who.email, "telefon": who.phone, "nämnd": body, "svar_senast": long_swedish(deadline),
            "antal": recommendations_text(count)}  # fmt: skip


def _record(cs: ChangeSet, kind: str, sent_at: str, parts: list[Outgoing], sent: list[SentSheet],
            recipients: dict[int, list[str]]) -> None:  # fmt: skip
    user = current_user()
    with cs.batched_history():  # a row per recommendation sent: 20,000 for a large send-out
        for part, item in zip(parts, sent, strict=True):
            sendout_id = cs.insert(
                "sendouts",
                {"kind": kind, "sent_at": sent_at, "body_id": part.body.id, "file_name": item.path.name,
                 "deadline": iso(item.deadline),
                 "recipients": ", ".join(recipients[part.body.id]) if item.draft else None, "user": user},
            )  # fmt: skip
            for row in part.rows:
                cs.insert("sendout_recommendations", {"sendout_id": sendout_id, "recommendation_id": row.id})


def close_chase(cs: ChangeSet, rec_id: int, body_id: int, answered_on: dt.date) -> None:
    """A reply from the body closes what was sent to it about the recommendation."""
    for (item_id,) in cs.store.conn.execute(
        "SELECT i.id FROM sendout_recommendations i JOIN sendouts s ON s.id = i.sendout_id"
        " WHERE i.recommendation_id = ? AND s.body_id = ? AND i.answered_on IS NULL",
        (rec_id, body_id),
    ).fetchall():
        cs.update("sendout_recommendations", item_id, {"answered_on": iso(answered_on)})


def send_reply_sheets(
    store: Store,
    folder: Path | str,
    today: dt.date,
    body_ids: Iterable[int] | None = None,
    all_open: bool = False,
    *,
    deadline: dt.date | None = None,
    drafts: bool = False,
    progress: Progress | None = None,
) -> list[SentSheet]:
    """The first send-out: one reply sheet per body that has something to answer."""
    parts = reply_sheet_parts(store, today, body_ids, all_open)
    return send_out(store, folder, today, SENDOUT_SHEET, parts, deadline=deadline, drafts=drafts, progress=progress)


def send_reminders(
    store: Store,
    folder: Path | str,
    today: dt.date,
    body_ids: Iterable[int] | None = None,
    window: int | None = None,
    *,
    deadline: dt.date | None = None,
    progress: Progress | None = None,
) -> list[SentSheet]:
    """A reminder draft with its reply sheet per body to chase."""
    parts = reminder_parts(store, today, body_ids, window)
    return send_out(store, folder, today, SENDOUT_REMINDER, parts, deadline=deadline, progress=progress)
