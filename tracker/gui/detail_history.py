"""The history tab of the detail pane: who changed what, when, from what to what."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QListWidget, QListWidgetItem

from ..core.model import REPLY_FIELDS
from ..core.queries import body_names, history_for
from ..core.store import Store

TABLES = {
    "recommendations": "Rekommendation",
    "replies": "Svar",
    "follow_ups": "Uppföljning",
    "recommendation_bodies": "Ansvarig nämnd",
}
ACTIONS = {"insert": "tillagd", "update": "ändrad", "delete": "borttagen"}
FIELDS = {
    **{f.name: f.history for f in REPLY_FIELDS},
    "number": "nummer",
    "label": "nummer",
    "reply_deadline": "svar senast",
    "date": "datum",
    "status": "status",
    "status_raw": "statusord",
    "comment": "kommentar",
}
# What identifies an added or removed row when it is read back from its JSON.
SUMMARY_KEYS = ("status", "date", "text", "comment", "action")


def _summary(value: str | None, body_names: dict[int, str]) -> str:
    if not value:
        return ""
    try:
        row = json.loads(value)
    except ValueError:
        return value
    if not isinstance(row, dict):
        return value
    parts = [str(row[k]) for k in SUMMARY_KEYS if row.get(k)]
    if not parts and "body_id" in row:
        # A link row says nothing by itself; the body's name does (a merged-away body has none left).
        parts = [body_names.get(row["body_id"], f"nämnd nr {row['body_id']}")]
    return " · ".join(parts)


class HistoryView(QListWidget):
    """Newest first, two lines an entry, so it reads in a narrow pane."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setResizeMode(QListWidget.ResizeMode.Adjust)

    def show_history(self, store: Store, rec_id: int) -> None:
        self.clear()
        names = body_names(store)
        for h in history_for(store, rec_id):
            table = TABLES.get(h["table_name"], h["table_name"])
            if h["field"]:
                what = f"{table}, {FIELDS.get(h['field'], h['field'])}"
            else:
                what = f"{table} {ACTIONS.get(h['action'], h['action'])}"
            old, new = _summary(h["old_value"], names), _summary(h["new_value"], names)
            change = f"{old} → {new}" if old and new else (new or old)
            when = h["at"].replace("T", " ")[:16]
            item = QListWidgetItem(
                f"{when} · {h['user']}\n{what}: {change}" if change else f"{when} · {h['user']}\n{what}"
            )
            if h["source"]:
                item.setToolTip(f"Källa: {h['source']}")
            self.addItem(item)
