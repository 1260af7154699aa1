"""Finding the header row of an office's register and what each heading means."""

from __future__ import annotations

import re
from collections.abc import Sequence

# Field -> headings offices use for it, compared by heading_key().
FIELDS: dict[str, tuple[str, ...]] = {
    "report": ("Granskning", "Rapport", "Revisionsrapport", "Granskningsrapport", "Rapportnamn", "Granskningens namn"),
    "year": ("År", "Revisionsår", "Granskningsår"),
    "report_date": ("Rapportdatum", "Datum för rapport"),
    "number": ("Nr", "Nummer", "Rek nr", "Löpnummer"),
    "recommendation": ("Rekommendation", "Rekommendationer", "Rekommendationstext"),
    "body": ("Nämnd", "Ansvarig", "Ansvarig nämnd", "Nämnder", "Ansvariga nämnder", "Styrelse/nämnd"),
    "reply": ("Nämndens svar", "Yttrande", "Svar", "Nämndens yttrande"),
    "action": ("Åtgärd", "Planerad åtgärd", "Åtgärder", "Planerade åtgärder"),
    "due": ("Klart senast", "Tidplan", "Deadline", "Klart datum"),
    "status": ("Status", "Bedömning", "Status uppföljning"),
    "comment": ("Kommentar", "Revisorernas kommentar", "Kommentarer"),
    "reply_deadline": ("Svar senast", "Sista svarsdag"),
    "follow_up_date": ("Uppföljningsdatum", "Uppföljd", "Datum för uppföljning"),
}

FIELD_LABELS = {
    "report": "Granskning",
    "year": "Revisionsår",
    "report_date": "Rapportdatum",
    "number": "Nr",
    "recommendation": "Rekommendation",
    "body": "Nämnd",
    "reply": "Nämndens svar",
    "action": "Åtgärd",
    "due": "Klart senast",
    "status": "Status",
    "comment": "Kommentar",
    "reply_deadline": "Svar senast",
    "follow_up_date": "Uppföljningsdatum",
}


def heading_key(text: object) -> str:
    """A heading ignoring case, spaces and punctuation."""
    return re.sub(r"[^0-9a-zåäöéü]", "", str(text or "").casefold())


_BY_KEY = {heading_key(h): name for name, headings in FIELDS.items() for h in headings}


def field_for(heading: object) -> str | None:
    return _BY_KEY.get(heading_key(heading))


def signature(headings: Sequence[object]) -> str:
    return "|".join(heading_key(h) for h in headings)


def find_header_row(rows: Sequence[Sequence[object]], scan: int = 30) -> int | None:
    """Index of the row with the most recognised headings, if it names a recommendation
    column and one more; title lines above it are skipped this way."""
    best, best_count = None, 1
    for i, row in enumerate(rows[:scan]):
        fields = [field_for(v) for v in row if isinstance(v, str)]
        count = len({f for f in fields if f})
        if "recommendation" in fields and count > best_count:
            best, best_count = i, count
    return best
