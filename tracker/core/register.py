"""Edits of the register: reports, recommendations, bodies, replies and follow-ups.

Each function takes the ChangeSet of the command it belongs to, so history and undo
come with every write. Dates are passed as `datetime.date` and stored as ISO text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .bodies import Body, BodyIndex
from .changes import ChangeSet
from .characters import clean_text
from .dates import iso
from .errors import UserError
from .model import REPLY_FIELD_NAMES, STATUSES
from .store import Store

REPORT_FIELDS = (
    "title", "audit_year", "report_date", "author", "organisation",
    "diary_number", "assessment", "reply_deadline", "source_file", "source_checksum",
)  # fmt: skip


def _clean(values: dict[str, Any], allowed: Iterable[str]) -> dict[str, Any]:
    allowed = set(allowed)
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    out = {}
    for key, value in values.items():
        if isinstance(value, dt.date):
            value = iso(value)
        elif isinstance(value, str):
            value = clean_text(value).strip() or None  # every text entering the register, typed, pasted or read
        out[key] = value
    return out


# Reports ---------------------------------------------------------------------


def create_report(cs: ChangeSet, title: str, **fields: Any) -> int:
    values = _clean({"title": title, **fields}, REPORT_FIELDS)
    if not values["title"]:
        raise UserError("En granskning måste ha en titel.")
    return cs.insert("reports", values)


def update_report(cs: ChangeSet, report_id: int, **fields: Any) -> bool:
    values = _clean(fields, REPORT_FIELDS)
    if "title" in values and not values["title"]:
        raise UserError("En granskning måste ha en titel.")
    return cs.update("reports", report_id, values)


def delete_report(cs: ChangeSet, report_id: int) -> None:
    cs.delete("reports", report_id)


# Recommendations --------------------------------------------------------------


def add_recommendation(
    cs: ChangeSet,
    report_id: int,
    text: str,
    body_ids: Iterable[int] = (),
    number: int | None = None,
    reply_deadline: dt.date | None = None,
    label: str | None = None,
) -> int:
    """`number` orders the report's recommendations; `label` is the number as written
    when it is not just that number ("1.1", "2a"), shown in its place."""
    text = clean_text(text or "").strip()
    if not text:
        raise UserError("En rekommendation måste ha en text.")
    if number is None:
        number = cs.store.conn.execute(
            "SELECT coalesce(max(number), 0) + 1 FROM recommendations WHERE report_id = ?", (report_id,)
        ).fetchone()[0]
    rec_id = cs.insert(
        "recommendations",
        {
            "report_id": report_id,
            "number": number,
            "text": text,
            "reply_deadline": iso(reply_deadline),
        }
        # Only when there is one, so a register built at an older schema version (tests do) still takes it.
        | ({"label": written} if (written := _label(label, number)) else {}),
    )
    set_bodies(cs, rec_id, body_ids)
    return rec_id


def _label(label: str | None, number: int | None) -> str | None:
    label = clean_text(label or "").strip()
    return label if label and label != str(number) else None


def update_recommendation(cs: ChangeSet, rec_id: int, **fields: Any) -> bool:
    values = _clean(fields, ("text", "number", "label", "reply_deadline"))
    if "label" in values:
        number = values.get("number") or cs.row("recommendations", rec_id)["number"]
        values["label"] = _label(values["label"], number)
    if "text" in values and not values["text"]:
        raise UserError("En rekommendation måste ha en text.")
    return cs.update("recommendations", rec_id, values)


def delete_recommendation(cs: ChangeSet, rec_id: int, renumber_rest: bool = True) -> None:
    report_id = cs.store.conn.execute("SELECT report_id FROM recommendations WHERE id = ?", (rec_id,)).fetchone()
    cs.delete("recommendations", rec_id)
    if renumber_rest and report_id:
        renumber(cs, report_id[0])


def report_recommendation_ids(store: Store, report_id: int) -> list[int]:
    return [
        r[0]
        for r in store.conn.execute(
            "SELECT id FROM recommendations WHERE report_id = ? ORDER BY number, id", (report_id,)
        )
    ]


def reorder(cs: ChangeSet, report_id: int, ordered_ids: list[int]) -> None:
    """Number the report's recommendations 1..n in the given order."""
    current = report_recommendation_ids(cs.store, report_id)
    if sorted(current) != sorted(ordered_ids):
        raise ValueError("ordered_ids must hold exactly the report's recommendations")
    for number, rec_id in enumerate(ordered_ids, start=1):
        cs.update("recommendations", rec_id, {"number": number})


def renumber(cs: ChangeSet, report_id: int) -> None:
    reorder(cs, report_id, report_recommendation_ids(cs.store, report_id))


def move_recommendation(cs: ChangeSet, rec_id: int, delta: int) -> None:
    report_id = cs.store.conn.execute("SELECT report_id FROM recommendations WHERE id = ?", (rec_id,)).fetchone()[0]
    ids = report_recommendation_ids(cs.store, report_id)
    i = ids.index(rec_id)
    j = max(0, min(len(ids) - 1, i + delta))
    ids.insert(j, ids.pop(i))
    reorder(cs, report_id, ids)


def set_bodies(cs: ChangeSet, rec_id: int, body_ids: Iterable[int]) -> None:
    wanted = list(dict.fromkeys(body_ids))
    links = dict(
        cs.store.conn.execute(
            "SELECT body_id, id FROM recommendation_bodies WHERE recommendation_id = ?", (rec_id,)
        ).fetchall()
    )
    for body_id, link_id in links.items():
        if body_id not in wanted:
            cs.delete("recommendation_bodies", link_id)
    for body_id in wanted:
        if body_id not in links:
            cs.insert("recommendation_bodies", {"recommendation_id": rec_id, "body_id": body_id})


# Replies and follow-ups ----------------------------------------------------------


def reply_id(store: Store, rec_id: int, body_id: int) -> int | None:
    row = store.conn.execute(
        "SELECT id FROM replies WHERE recommendation_id = ? AND body_id = ?", (rec_id, body_id)
    ).fetchone()
    return row[0] if row else None


def set_reply(cs: ChangeSet, rec_id: int, body_id: int, **fields: Any) -> bool:
    """Create or change the reply of one body to one recommendation."""
    values = _clean(fields, REPLY_FIELD_NAMES)
    linked = cs.store.conn.execute(
        "SELECT 1 FROM recommendation_bodies WHERE recommendation_id = ? AND body_id = ?", (rec_id, body_id)
    ).fetchone()
    if not linked:
        cs.insert("recommendation_bodies", {"recommendation_id": rec_id, "body_id": body_id})
    existing = reply_id(cs.store, rec_id, body_id)
    if existing is None:
        if not any(v is not None for v in values.values()):
            return False
        cs.insert("replies", {"recommendation_id": rec_id, "body_id": body_id, **values})
        return True
    return cs.update("replies", existing, values)


def add_follow_up(
    cs: ChangeSet,
    rec_id: int,
    date: dt.date,
    status: str | None,
    comment: str | None = None,
    status_raw: str | None = None,
) -> int:
    if status is not None and status not in STATUSES:
        raise UserError(f"Okänd status ”{status}”. Välj en av: {', '.join(STATUSES)}.")
    if status is None and not status_raw:
        raise UserError("En uppföljning måste ha en status.")
    return cs.insert(
        "follow_ups",
        _clean(
            {"recommendation_id": rec_id, "date": date, "status": status, "status_raw": status_raw, "comment": comment},
            ("recommendation_id", "date", "status", "status_raw", "comment"),
        ),
    )


def update_follow_up(cs: ChangeSet, follow_up_id: int, **fields: Any) -> bool:
    values = _clean(fields, ("date", "status", "status_raw", "comment"))
    if values.get("status") is not None and values["status"] not in STATUSES:
        raise UserError(f"Okänd status ”{values['status']}”.")
    return cs.update("follow_ups", follow_up_id, values)


def delete_follow_up(cs: ChangeSet, follow_up_id: int) -> None:
    cs.delete("follow_ups", follow_up_id)


# Bodies ---------------------------------------------------------------------------


def load_bodies(store: Store) -> list[Body]:
    bodies = {
        r[0]: Body(r[0], r[1], r[2], r[3]) for r in store.conn.execute("SELECT id, name, short_name, email FROM bodies")
    }
    for body_id, spelling in store.conn.execute("SELECT body_id, spelling FROM body_spellings ORDER BY id"):
        bodies[body_id].spellings.append(spelling)
    from .rules import swedish_key

    return sorted(bodies.values(), key=lambda b: swedish_key(b.name))


def body_index(store: Store, lookup: dict[str, str] | None = None) -> BodyIndex:
    return BodyIndex(load_bodies(store), lookup)


def find_body(store: Store, name: str) -> Body:
    """A body by name, short form or other spelling; UserError naming the choices if none."""
    index = body_index(store)
    if body := index.find(name):
        return body
    known = ", ".join(f"{b.name} ({b.short_name})" if b.short_name else b.name for b in index.bodies)
    raise UserError(f"Ingen nämnd heter ”{name}”. Kända nämnder: {known or 'inga ännu'}.")


def create_body(
    cs: ChangeSet, name: str, short_name: str | None = None, email: str | None = None, spellings: Iterable[str] = ()
) -> int:
    name = clean_text(name or "").strip()
    if not name:
        raise UserError("En nämnd måste ha ett namn.")
    if existing := body_index(cs.store).find(name):
        raise UserError(f"Nämnden ”{name}” finns redan (som ”{existing.name}”).")
    body_id = cs.insert(
        "bodies", _clean({"name": name, "short_name": short_name, "email": email}, ("name", "short_name", "email"))
    )
    for spelling in spellings:
        add_spelling(cs, body_id, spelling)
    return body_id


def update_body(cs: ChangeSet, body_id: int, **fields: Any) -> bool:
    values = _clean(fields, ("name", "short_name", "email"))
    if "name" in values and not values["name"]:
        raise UserError("En nämnd måste ha ett namn.")
    return cs.update("bodies", body_id, values)


def add_spelling(cs: ChangeSet, body_id: int, spelling: str) -> None:
    spelling = clean_text(spelling).strip()
    if (
        spelling
        and not cs.store.conn.execute(
            "SELECT 1 FROM body_spellings WHERE body_id = ? AND spelling = ?", (body_id, spelling)
        ).fetchone()
    ):
        cs.insert("body_spellings", {"body_id": body_id, "spelling": spelling})


def remove_spelling(cs: ChangeSet, spelling_id: int) -> None:
    cs.delete("body_spellings", spelling_id)


def delete_body(cs: ChangeSet, body_id: int) -> None:
    used = cs.store.conn.execute("SELECT count(*) FROM recommendation_bodies WHERE body_id = ?", (body_id,)).fetchone()[
        0
    ]
    if used:
        raise UserError(
            f"Nämnden är ansvarig för {used} rekommendationer och kan inte tas bort. Slå ihop den med en annan nämnd i stället."
        )
    cs.delete("bodies", body_id)


def merge_bodies(cs: ChangeSet, keep_id: int, drop_id: int) -> None:
    """Move everything of `drop_id` to `keep_id`; its names become other spellings."""
    if keep_id == drop_id:
        raise UserError("Välj två olika nämnder att slå ihop.")
    conn = cs.store.conn
    drop = conn.execute("SELECT name, short_name FROM bodies WHERE id = ?", (drop_id,)).fetchone()
    for link_id, rec_id in conn.execute(
        "SELECT id, recommendation_id FROM recommendation_bodies WHERE body_id = ?", (drop_id,)
    ).fetchall():
        reply = reply_id(cs.store, rec_id, drop_id)
        kept_reply = reply_id(cs.store, rec_id, keep_id)
        if reply is not None:
            if kept_reply is None:
                cs.update("replies", reply, {"body_id": keep_id})
            else:
                _merge_reply(cs, kept_reply, reply)
        cs.delete("recommendation_bodies", link_id)
        if not conn.execute(
            "SELECT 1 FROM recommendation_bodies WHERE recommendation_id = ? AND body_id = ?", (rec_id, keep_id)
        ).fetchone():
            cs.insert("recommendation_bodies", {"recommendation_id": rec_id, "body_id": keep_id})
    for (sendout_id,) in conn.execute("SELECT id FROM sendouts WHERE body_id = ?", (drop_id,)).fetchall():
        cs.update("sendouts", sendout_id, {"body_id": keep_id})
    spellings = [r[0] for r in conn.execute("SELECT spelling FROM body_spellings WHERE body_id = ?", (drop_id,))]
    cs.delete("bodies", drop_id)
    for spelling in [drop[0], drop[1], *spellings]:
        if spelling:
            add_spelling(cs, keep_id, spelling)


def _merge_reply(cs: ChangeSet, kept_id: int, dropped_id: int) -> None:
    """Both bodies replied to the same recommendation: keep the kept body's fields,
    fill its gaps from the other, and never lose the other's text."""
    kept = cs.row("replies", kept_id)
    dropped = cs.row("replies", dropped_id)
    values = {}
    for key in REPLY_FIELD_NAMES:
        if dropped[key] and not kept[key]:
            values[key] = dropped[key]
        elif dropped[key] and kept[key] and dropped[key] != kept[key] and key in ("text", "action"):
            values[key] = f"{kept[key]}\n\n{dropped[key]}"
    cs.update("replies", kept_id, values)
    cs.delete("replies", dropped_id)


def replace_bodies(cs: ChangeSet, rec_id: int, body_ids: Iterable[int]) -> None:
    """Set the responsible bodies; a body that no longer answers takes its reply with it
    (undo brings both back), so no reply is left from a body the row does not name."""
    wanted = list(dict.fromkeys(body_ids))
    for (body_id,) in cs.store.conn.execute(
        "SELECT body_id FROM replies WHERE recommendation_id = ?", (rec_id,)
    ).fetchall():
        if body_id not in wanted:
            cs.delete("replies", reply_id(cs.store, rec_id, body_id))
    set_bodies(cs, rec_id, wanted)
