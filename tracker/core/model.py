"""The register's vocabulary: statuses, reply states and the rows the views show."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .rules import BodyState

NOT_STARTED = "Ej påbörjad"
ONGOING = "Pågående"
PARTLY_DONE = "Delvis åtgärdad"
DONE = "Åtgärdad"
NOT_DONE = "Ej åtgärdad"
OBSOLETE = "Inaktuell"
STATUSES = (NOT_STARTED, ONGOING, PARTLY_DONE, DONE, NOT_DONE, OBSOLETE)
CLOSED_STATUSES = frozenset({DONE, OBSOLETE})

REPLY_MISSING = "Svar saknas"
REPLY_LATE = "Svar försenat"
REPLY_RECEIVED = "Svar inkommet"
REPLY_STATES = (REPLY_MISSING, REPLY_LATE, REPLY_RECEIVED)


def _key(word: str) -> str:
    return re.sub(r"[^a-zåäöéü ]", "", " ".join(word.casefold().split()))


_STATUS_WORDS = {
    **{_key(s): s for s in STATUSES},
    "ej påbörjat": NOT_STARTED,
    "inte påbörjad": NOT_STARTED,
    "ej startad": NOT_STARTED,
    "pågår": ONGOING,
    "påbörjad": ONGOING,
    "påbörjat": ONGOING,
    "pågående arbete": ONGOING,
    "under arbete": ONGOING,
    "delvis": PARTLY_DONE,
    "delvis åtgärdat": PARTLY_DONE,
    "delvis genomförd": PARTLY_DONE,
    "åtgärdat": DONE,
    "genomförd": DONE,
    "genomfört": DONE,
    "klar": DONE,
    "klart": DONE,
    "avslutad": DONE,
    "avslutat": DONE,
    "ej åtgärdat": NOT_DONE,
    "inte åtgärdad": NOT_DONE,
    "ej genomförd": NOT_DONE,
    "inaktuellt": OBSOLETE,
    "ej aktuell": OBSOLETE,
    "ej aktuellt": OBSOLETE,
    "utgår": OBSOLETE,
}


def map_status(word: object, extra: dict[str, str] | None = None) -> str | None:
    """The register's status for a word seen in a sheet, or None if it is unknown.

    `extra` holds the user's own mappings (word -> status), checked first.
    """
    if word is None:
        return None
    key = _key(str(word))
    if not key:
        return None
    if extra:
        for w, status in extra.items():
            if _key(w) == key:
                return status
    return _STATUS_WORDS.get(key)


# The records of every start (`tracker list` reads them) are NamedTuples and a slotted class,
# not dataclasses: importing dataclasses (it imports inspect) and making each class cost a
# command that lists the register a fifth of its time.


class ReplyField(NamedTuple):
    """A field of a body's reply, named once for every view, sheet and history line."""

    name: str  # the column in replies
    label: str  # as the detail pane, previews and messages name it
    history: str  # as the history names a change of it
    is_date: bool = False


# In the order a reply is read: what they said, what they will do, by when.
REPLY_FIELDS = (
    ReplyField("text", "Svar", "text"),
    ReplyField("action", "Planerad åtgärd", "planerad åtgärd"),
    ReplyField("due", "Klart senast", "klart senast", is_date=True),
    # What the committee typed for klart senast when it was no date; shown with `due`.
    ReplyField("due_text", "Klart senast (som text)", "klart senast (som text)"),
    ReplyField("reply_date", "Svarsdatum", "svarsdatum", is_date=True),
    ReplyField("minute_ref", "Protokoll §", "protokoll"),
    ReplyField("contact", "Kontaktperson", "kontaktperson"),
    ReplyField("body_status", "Status enligt nämnden", "nämndens status"),
)
REPLY_FIELD_NAMES = tuple(f.name for f in REPLY_FIELDS)


class ReplyView(NamedTuple):
    """A body's reply as read; its fields come in REPLY_FIELDS' order (reply_date as `date`)."""

    body_id: int
    body: str
    text: str | None = None
    action: str | None = None
    due: dt.date | None = None
    due_text: str | None = None
    date: dt.date | None = None
    minute_ref: str | None = None
    contact: str | None = None
    body_status: str | None = None

    @property
    def received(self) -> bool:
        return bool((self.text or "").strip() or (self.action or "").strip() or self.date)


class SendoutView(NamedTuple):
    """A reply sheet or reminder that went to one body about this recommendation."""

    body_id: int
    kind: str  # SENDOUT_SHEET or SENDOUT_REMINDER
    date: dt.date
    deadline: dt.date | None
    answered_on: dt.date | None


SENDOUT_SHEET = "svarsmall"
SENDOUT_REMINDER = "påminnelse"


_PARTS = re.compile(r"\d+|[^\d\W]+")


@lru_cache(maxsize=4096)
def _number_key(number: int, label: str) -> tuple:
    # Most rows share a handful of (number, label) pairs, so each key is worked out once.
    return (number, tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _PARTS.findall(label)))


class RecommendationRow:
    """One recommendation as the table, the list command and the status list see it."""

    # Slots: 100,000 rows are held at once, and a row without a __dict__ is a third smaller.
    __slots__ = ("id", "report_id", "report", "year", "report_date", "number", "text", "body_ids", "bodies",
                 "body_short", "reply_deadline", "replies", "status", "status_raw", "status_comment",
                 "status_date", "changed_at", "sendouts", "reply_state", "body_states", "due", "reply_overdue",
                 "action_overdue", "search_text", "label")  # fmt: skip

    def __init__(
        self,
        id: int,
        report_id: int,
        report: str,
        year: int | None,
        report_date: dt.date | None,
        number: int,
        text: str,
        body_ids: list[int],
        bodies: list[str],
        body_short: list[str],
        reply_deadline: dt.date | None,
        replies: list[ReplyView],
        status: str,
        status_raw: str | None,
        status_comment: str | None,
        status_date: dt.date | None,
        changed_at: str | None,
        sendouts: list[SendoutView] | None = None,  # oldest first
        *,
        label: str = "",  # the number as written ("1.1", "2a"); what every view shows as Nr
    ) -> None:
        self.id = id
        self.report_id = report_id
        self.report = report
        self.year = year
        self.report_date = report_date
        self.number = number
        self.text = text
        self.body_ids = body_ids
        self.bodies = bodies
        self.body_short = body_short
        self.reply_deadline = reply_deadline
        self.replies = replies
        self.status = status
        self.status_raw = status_raw
        self.status_comment = status_comment
        self.status_date = status_date
        self.changed_at = changed_at
        self.sendouts = sendouts or []
        self.label = label
        # Derived from `today` by rules.derive(); never stored.
        self.reply_state = REPLY_MISSING
        self.body_states: list[BodyState] = []
        self.due: dt.date | None = None
        self.reply_overdue = self.action_overdue = False
        self.search_text = ""

    def __repr__(self) -> str:
        return f"RecommendationRow(id={self.id}, report={self.report!r}, number={self.number_label!r})"

    @property
    def number_label(self) -> str:
        return self.label or str(self.number)

    @property
    def number_key(self) -> tuple:
        """Order within a report: by number, then as written, digits as numbers (1.2 before 1.10)."""
        return _number_key(self.number, self.label)

    @property
    def overdue(self) -> bool:
        return self.reply_overdue or self.action_overdue

    def sendouts_line(self, body_id: int) -> str | None:
        """ "Svarsmall skickad 2026-11-03 · påminnelse 2026-12-01" for one body, or None."""
        parts = []
        for n, s in enumerate(s for s in self.sendouts if s.body_id == body_id):
            text = f"{s.kind} {s.date.isoformat()}" if n else f"{s.kind.capitalize()} skickad {s.date.isoformat()}"
            parts.append(text + (f" (besvarad {s.answered_on.isoformat()})" if s.answered_on else ""))
        return " · ".join(parts) or None

    @property
    def reminded_unanswered(self) -> bool:
        """A reminder went to a body that has still not replied."""
        replied = {q.body_id for q in self.replies if q.received}
        return any(s.kind == SENDOUT_REMINDER and s.body_id not in replied for s in self.sendouts)
