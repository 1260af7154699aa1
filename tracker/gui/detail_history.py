"""The history tab of the detail pane: who changed what, when, from what to what."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from ..core.queries import history_for
from ..core.store import Store

TABLES = {
    "recommendations": "Rekommendation",
    "replies": "Svar",
    "follow_ups": "Uppföljning",
    "recommendation_bodies": "Ansvarig nämnd",
}
ACTIONS = {"insert": "tillagd", "update": "ändrad", "delete": "borttagen"}
FIELDS = {
    "text": "text",
    "number": "nummer",
    "reply_deadline": "svar senast",
    "action": "planerad åtgärd",
    "due": "klart senast",
    "due_text": "klart senast (som text)",
    "reply_date": "svarsdatum",
    "minute_ref": "protokoll",
    "contact": "kontaktperson",
    "body_status": "nämndens status",
    "date": "datum",
    "status": "status",
    "status_raw": "statusord",
    "comment": "kommentar",
}
# What identifies an added or removed row when it is read back from its JSON.
SUMMARY_KEYS = ("status", "date", "text", "comment", "action")


def _summary(value: str | None) -> str:
    if not value:
        return ""
    try:
        row = json.loads(value)
    except ValueError:
        return value
    if not isinstance(row, dict):
        return value
    return ", ".join(str(row[k]) for k in SUMMARY_KEYS if row.get(k))


class HistoryView(QTreeWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setHeaderLabels(["När", "Vem", "Ändring", "Före", "Efter"])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)

    def show_history(self, store: Store, rec_id: int) -> None:
        self.clear()
        for h in history_for(store, rec_id):
            what = f"{TABLES.get(h['table_name'], h['table_name'])} {ACTIONS.get(h['action'], h['action'])}"
            if h["field"]:
                what = f"{TABLES.get(h['table_name'], h['table_name'])}: {FIELDS.get(h['field'], h['field'])}"
            old, new = _summary(h["old_value"]), _summary(h["new_value"])
            item = QTreeWidgetItem([h["at"].replace("T", " ")[:16], h["user"], what, old, new])
            tip = f"Källa: {h['source']}" if h["source"] else ""
            for column, text in ((3, old), (4, new)):
                item.setToolTip(column, "\n\n".join(t for t in (text, tip) if t))
            item.setToolTip(2, tip)
            self.addTopLevelItem(item)
        for column in range(3):
            self.resizeColumnToContents(column)
