"""One body's reply in the detail pane: what the committee answered and promised."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel

from ..core.model import REPLY_FIELDS, ReplyView
from .fields import DateField, LineField, TextField

# (field, label) in the order a reply is read; what the committee typed for klart
# senast when it was no date is shown in the klart senast field.
FIELDS = tuple((f.name, f.label) for f in REPLY_FIELDS if f.name != "due_text")


class ReplyBox(QGroupBox):
    """Calls save(box, field, widget, text) when the user has changed a field."""

    def __init__(
        self, body_id: int, body_name: str, reply: ReplyView | None, save: Callable[[ReplyBox, str, object, str], None]
    ) -> None:
        super().__init__(body_name)
        self.body_id = body_id
        self.body_name = body_name
        self.fields: dict[str, TextField | LineField] = {}
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # labels above: the pane is narrow
        # What was sent to this body about the recommendation, and when it was answered.
        self.sent = QLabel(wordWrap=True)
        self.sent.setStyleSheet("color: #555;")
        self.sent.hide()
        form.addRow(self.sent)
        for name, label in FIELDS:
            if name in ("text", "action"):
                field = TextField(lines=3 if name == "text" else 2)
            elif name in ("due", "reply_date"):
                field = DateField()
            else:
                field = LineField()
            field.committed.connect(lambda text, n=name, f=field: save(self, n, f, text))
            form.addRow(f"{label}:", field)
            self.fields[name] = field
        self.show_reply(reply)

    def show_reply(self, reply: ReplyView | None) -> None:
        """The reply as the register holds it; a field the user is typing in keeps the typing."""
        for name in ("text", "action", "minute_ref", "contact", "body_status"):
            self.fields[name].show_saved(getattr(reply, name) if reply else None)
        # A deadline the committee wrote that is no date is shown as written.
        self.fields["due"].show_saved_date(reply.due if reply else None, reply.due_text if reply else None)
        self.fields["reply_date"].show_saved_date(reply.date if reply else None)
        if reply is not None and reply.due is None and reply.due_text:
            self.fields["due"].setToolTip(f"Nämnden skrev ”{reply.due_text}”, som inte är ett datum.")

    def show_sendouts(self, line: str | None) -> None:
        self.sent.setVisible(line is not None)
        self.sent.setText(f"✉ {line}" if line else "")

    def label(self, field_name: str) -> str:
        return f"{self.body_name}, {dict(FIELDS)[field_name].lower()}"

    def set_writable(self, writable: bool) -> None:
        for field in self.fields.values():
            field.setReadOnly(not writable)
