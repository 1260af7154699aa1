"""Derived facts (reply state, overdue) and Swedish ordering, from a given today."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from .model import (
    CLOSED_STATUSES,
    REPLY_LATE,
    REPLY_MISSING,
    REPLY_RECEIVED,
    RecommendationRow,
)


def swedish_key(text: object) -> str:
    """Case-insensitive key that orders text as a Swedish reader expects: å, ä, ö come after z
    (the characters after z in ASCII), æ/ø sort as ä/ö, ü as y, accents as the base letter."""
    if text is None:
        return ""
    folded = str(text).casefold()
    if folded.isascii():
        return folded
    # Chained replace, not str.translate with a table: 7x faster over 100,000 texts.
    folded = (
        folded.replace("å", "{")
        .replace("ä", "|")
        .replace("æ", "|")
        .replace("ö", "}")
        .replace("ø", "}")
        .replace("ü", "y")
    )
    if folded.isascii():  # most Swedish text once å, ä, ö are mapped: nothing to strip
        return folded
    # Strip remaining accents (é -> e) after the Swedish letters are safe.
    decomposed = unicodedata.normalize("NFD", folded)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Never in a text read from the register, so many texts can be keyed as one string.
_SEPARATOR = "\x00"


def swedish_keys(texts: list[str]) -> list[str]:
    """swedish_key of each text, worked out over all of them joined: casefold and replace run
    once over one long string instead of once per text (100,000 search texts at start-up)."""
    if not texts:
        return []
    joined = _SEPARATOR.join(texts)
    keys = swedish_key(joined).split(_SEPARATOR)
    if len(keys) != len(texts):  # a text held the separator after all
        return [swedish_key(t) for t in texts]
    return keys


def sort_key(value: object) -> tuple:
    """Sort key for any column: empty last, numbers and dates by value, text in Swedish order."""
    if value is None or value == "":
        return (2, "")
    if isinstance(value, bool):
        return (0, int(value))
    if isinstance(value, (int, float, dt.date)):
        return (0, value if not isinstance(value, dt.date) else value.toordinal())
    if isinstance(value, (list, tuple)):
        return (1, swedish_key(", ".join(map(str, value))))
    return (1, swedish_key(value))


def reply_state(received: bool, deadline: dt.date | None, today: dt.date) -> str:
    if received:
        return REPLY_RECEIVED
    if deadline is not None and deadline < today:
        return REPLY_LATE
    return REPLY_MISSING


def reply_overdue(late: bool, status: str) -> bool:
    """A late reply counts against a recommendation that is still open."""
    return late and status not in CLOSED_STATUSES


def action_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    return status not in CLOSED_STATUSES and due is not None and due < today


class BodyState(NamedTuple):
    """Where one responsible body stands with its reply to one recommendation.

    A named tuple, not a frozen dataclass: one is made per body and row at every load, and a
    tuple is made in half the time."""

    body_id: int
    body: str  # full name
    deadline: dt.date | None  # the recommendation's reply deadline (its own, or its report's)
    received: bool
    reply_date: dt.date | None
    state: str  # REPLY_MISSING, REPLY_LATE or REPLY_RECEIVED

    @property
    def late(self) -> bool:
        return self.state == REPLY_LATE


def body_states(row: RecommendationRow, today: dt.date) -> list[BodyState]:
    """Each responsible body's reply state, in the row's order of bodies: each body
    answers for its own part, so one body's reply says nothing about another's."""
    deadline = row.reply_deadline
    # Without a reply every body's state is the same, worked out once.
    unanswered = reply_state(False, deadline, today)
    if not row.replies:
        return [BodyState(b, name, deadline, False, None, unanswered) for b, name in zip(row.body_ids, row.bodies)]
    replies = {r.body_id: r for r in row.replies}
    states = []
    for body_id, name in zip(row.body_ids, row.bodies):
        reply = replies.get(body_id)
        if reply is not None and reply.received:
            states.append(BodyState(body_id, name, deadline, True, reply.date, REPLY_RECEIVED))
        else:
            states.append(BodyState(body_id, name, deadline, False, reply.date if reply else None, unanswered))
    return states


def derive(row: RecommendationRow, today: dt.date) -> RecommendationRow:
    """Fill the derived fields of a row for the given day.

    Each body has its reply state; the recommendation's is their aggregate: late when
    any body is late, received when every body has replied. A recommendation without a
    body has nobody's reply and is late once its deadline has passed. Its klart senast
    is the earliest date any body promised.
    """
    states = row.body_states = body_states(row, today)
    if not states:
        row.reply_state = reply_state(False, row.reply_deadline, today)
    else:
        found = {s.state for s in states}
        if REPLY_LATE in found:
            row.reply_state = REPLY_LATE
        elif found == {REPLY_RECEIVED}:
            row.reply_state = REPLY_RECEIVED
        else:
            row.reply_state = REPLY_MISSING
    row.reply_overdue = reply_overdue(row.reply_state == REPLY_LATE, row.status)
    if row.replies:
        dues = [r.due for r in row.replies if r.due]
        row.due = min(dues) if dues else None
        row.action_overdue = action_overdue(row.status, row.due, today)
    else:
        row.due, row.action_overdue = None, False
    return row


class Filter(NamedTuple):
    """What the user narrowed the list to. Empty fields do not filter.

    A NamedTuple, like model's records (a start need not import dataclasses); immutable,
    so the search words worked out once serve every row matched."""

    text: str = ""
    body_ids: tuple[int, ...] = ()
    year: int | None = None
    statuses: tuple[str, ...] = ()
    reply_states: tuple[str, ...] = ()
    overdue_only: bool = False
    reminded_unanswered: bool = False

    @property
    def words(self) -> tuple[str, ...]:
        """The search text's words as search texts are keyed."""
        return _search_words(self.text)

    def matches(self, row: RecommendationRow) -> bool:
        if self.body_ids and not any(b in self.body_ids for b in row.body_ids):
            return False
        if self.year is not None and row.year != self.year:
            return False
        if self.statuses and row.status not in self.statuses:
            return False
        if self.reply_states and row.reply_state not in self.reply_states:
            return False
        if self.overdue_only and not row.overdue:
            return False
        if self.reminded_unanswered and not row.reminded_unanswered:
            return False
        if self.text:
            haystack = row.search_text
            return all(word in haystack for word in self.words)
        return True

    def describe(self, body_names: dict[int, str]) -> str:
        """The selection in words, for page headers and window titles."""
        parts = []
        if self.body_ids:
            parts.append("Ansvarig: " + ", ".join(body_names.get(b, str(b)) for b in self.body_ids))
        if self.year is not None:
            parts.append(f"Revisionsår: {self.year}")
        if self.statuses:
            parts.append("Status: " + ", ".join(self.statuses))
        if self.reply_states:
            parts.append("Svarsläge: " + ", ".join(self.reply_states))
        if self.overdue_only:
            parts.append("endast försenade")
        if self.reminded_unanswered:
            parts.append("påminda men inte besvarade")
        if self.text:
            parts.append(f"sökord ”{self.text}”")
        return "; ".join(parts) if parts else "Samtliga rekommendationer"


@lru_cache(maxsize=64)
def _search_words(text: str) -> tuple[str, ...]:
    # Worked out once per search text: Filter.matches asks for every row.
    return tuple(swedish_key(text).split())


def apply(rows: Iterable[RecommendationRow], flt: Filter) -> list[RecommendationRow]:
    return [r for r in rows if flt.matches(r)]


def today() -> dt.date:
    """Today, or the day in TRACKER_TODAY (YYYY-MM-DD) so a list can be seen as of a date."""
    import os

    if fixed := os.environ.get("TRACKER_TODAY"):
        return dt.date.fromisoformat(fixed)
    return dt.date.today()
