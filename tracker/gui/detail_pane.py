"""The pane beside the table: one recommendation with its bodies, deadlines, replies,
follow-ups and history. Every edit is written at once, as one undoable command."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedLayout,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import register
from ..core.changes import ChangeSet
from ..core.dates import parse_date
from ..core.errors import UserError
from ..core.model import RecommendationRow
from ..core.queries import follow_ups_for, load_rows
from .detail_history import HistoryView
from .detail_replies import ReplyBox
from .fields import DateField, TextField

if TYPE_CHECKING:
    from .main_window import MainWindow

PLACEHOLDER = (
    "<p style='color: palette(mid)'>Markera en rekommendation i listan för att se den här: "
    "texten, nämndernas svar, uppföljningarna och vem som ändrat vad.</p>"
)


class DetailPane(QWidget):
    changed = Signal(object)  # recommendation ids this pane has written

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.row: RecommendationRow | None = None
        self.setMinimumWidth(300)

        self.report_label = QLabel(wordWrap=True, textInteractionFlags=Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label.setStyleSheet("font-weight: bold; font-size: 11pt;")
        self.number_label = QLabel()
        self.text_edit = TextField(lines=4)
        self.text_edit.committed.connect(self._save_text)
        self.bodies_label = QLabel(wordWrap=True)
        self.bodies_button = QPushButton("Ändra…")
        self.bodies_button.setToolTip("Välj vilka nämnder som ska svara på rekommendationen")
        self.bodies_button.clicked.connect(self._change_bodies)
        self.deadline_edit = DateField()
        self.deadline_edit.committed.connect(self._save_deadline)
        self.deadline_edit.setToolTip(
            "Gäller bara den här rekommendationen; annars gäller granskningens datum. Skriv t.ex. 2025-03-31."
        )
        self.state_label = QLabel(wordWrap=True)
        self.status_label = QLabel(wordWrap=True)

        bodies_row = QHBoxLayout()
        bodies_row.addWidget(self.bodies_label, 1)
        bodies_row.addWidget(self.bodies_button, 0, Qt.AlignmentFlag.AlignTop)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow("Ansvarig:", bodies_row)
        form.addRow("Svar senast:", self.deadline_edit)
        form.addRow("Svarsläge:", self.state_label)
        form.addRow("Status:", self.status_label)

        self.replies_host = QWidget()
        self.replies_layout = QVBoxLayout(self.replies_host)
        self.replies_layout.setContentsMargins(4, 4, 4, 4)
        self.replies_layout.addStretch(1)
        replies_scroll = QScrollArea(widgetResizable=True, frameShape=QScrollArea.Shape.NoFrame)
        replies_scroll.setWidget(self.replies_host)
        self.reply_boxes: list[ReplyBox] = []

        self.follow_ups = QListWidget(wordWrap=True, alternatingRowColors=True)
        self.follow_ups.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.follow_ups.itemDoubleClicked.connect(lambda *_: self._edit_follow_up())
        self.follow_ups.itemSelectionChanged.connect(self._update_buttons)
        self.add_follow_up_button = QPushButton("Lägg till uppföljning…")
        self.add_follow_up_button.clicked.connect(self.add_follow_up)
        self.edit_follow_up_button = QPushButton("Ändra…")
        self.edit_follow_up_button.clicked.connect(self._edit_follow_up)
        self.delete_follow_up_button = QPushButton("Ta bort")
        self.delete_follow_up_button.clicked.connect(self._delete_follow_up)
        follow_tab = QWidget()
        follow_layout = QVBoxLayout(follow_tab)
        follow_layout.addWidget(self.follow_ups, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_follow_up_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_follow_up_button)
        buttons.addWidget(self.delete_follow_up_button)
        follow_layout.addLayout(buttons)

        self.history_view = HistoryView()
        self.tabs = QTabWidget()
        self.tabs.addTab(replies_scroll, "Svar")
        self.tabs.addTab(follow_tab, "Uppföljning")
        self.tabs.addTab(self.history_view, "Historik")

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addWidget(self.report_label)
        layout.addWidget(self.number_label)
        layout.addWidget(self.text_edit)
        layout.addLayout(form)
        layout.addWidget(self.tabs, 1)

        placeholder = QLabel(PLACEHOLDER, wordWrap=True, alignment=Qt.AlignmentFlag.AlignCenter)
        placeholder.setContentsMargins(24, 24, 24, 24)
        self.stack = QStackedLayout(self)
        self.stack.addWidget(placeholder)
        self.stack.addWidget(content)

    # Showing ---------------------------------------------------------------

    def show_recommendation(self, rec_id: int | None) -> None:
        rows = load_rows(self.window_.store, self.window_.today(), [rec_id]) if rec_id is not None else []
        self.row = rows[0] if rows else None
        self.stack.setCurrentIndex(1 if self.row else 0)
        if self.row is None:
            return
        r = self.row
        self.report_label.setText(f"{r.report} ({r.year})" if r.year else r.report)
        self.number_label.setText(f"Rekommendation {r.number}")
        self.text_edit.set_value(r.text)
        self.deadline_edit.set_date(r.reply_deadline)
        self._show_bodies_and_states()
        self._show_replies()
        self._show_follow_ups()
        self.history_view.show_history(self.window_.store, r.id)
        self._set_writable(not self.window_.store.read_only)

    def _show_bodies_and_states(self) -> None:
        r = self.row
        self.bodies_label.setText(", ".join(r.bodies) or "<i>Ingen nämnd vald</i>")
        warn = "⚠ " if r.reply_overdue else ""
        self.state_label.setText(f"{warn}{r.reply_state}")
        self.state_label.setStyleSheet("color: #8a1c1c; font-weight: bold;" if r.reply_overdue else "")
        status = r.status if r.status_raw is None or r.status_raw == r.status else f"{r.status_raw}"
        when = f" (uppföljd {r.status_date:%Y-%m-%d})" if r.status_date else ""
        late = " – ⚠ åtgärden är försenad" if r.action_overdue else ""
        self.status_label.setText(f"{status}{when}{late}")
        self.status_label.setStyleSheet("color: #8a1c1c;" if r.action_overdue else "")

    def _show_replies(self) -> None:
        for box in self.reply_boxes:
            self.replies_layout.removeWidget(box)
            box.deleteLater()
        self.reply_boxes = []
        replies = {reply.body_id: reply for reply in self.row.replies}
        for body_id, name in zip(self.row.body_ids, self.row.bodies, strict=False):
            box = ReplyBox(body_id, name, replies.get(body_id), self._save_reply)
            self.replies_layout.insertWidget(len(self.reply_boxes), box)
            self.reply_boxes.append(box)
        if not self.reply_boxes:
            box_label = QLabel("Välj en ansvarig nämnd (Ändra… ovan) för att kunna föra in svar.", wordWrap=True)
            self.replies_layout.insertWidget(0, box_label)
            self.reply_boxes.append(box_label)

    def _show_follow_ups(self) -> None:
        self.follow_ups.clear()
        for f in follow_ups_for(self.window_.store, self.row.id):
            status = f["status"] or f"{f['status_raw']} (okänt statusord)"
            item = QListWidgetItem(f"{f['date']} · {status}" + (f"\n{f['comment']}" if f["comment"] else ""))
            item.setData(Qt.ItemDataRole.UserRole, f)
            self.follow_ups.addItem(item)
        if not self.follow_ups.count():
            self.follow_ups.addItem(QListWidgetItem("Inte uppföljd ännu."))
        self._update_buttons()

    def _set_writable(self, writable: bool) -> None:
        for field in (self.text_edit, self.deadline_edit):
            field.setReadOnly(not writable)
        for box in self.reply_boxes:
            if isinstance(box, ReplyBox):
                box.set_writable(writable)
        self.bodies_button.setEnabled(writable)
        self.add_follow_up_button.setEnabled(writable)
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self._chosen_follow_up() is not None and not self.window_.store.read_only
        self.edit_follow_up_button.setEnabled(chosen)
        self.delete_follow_up_button.setEnabled(chosen)

    # Writing ---------------------------------------------------------------

    def _write(self, label: str, fn: Callable[[ChangeSet], object], undo_field=None) -> bool:
        """One command through the window's history; on a refusal the field goes back."""
        try:
            self.window_.history.run(label, fn)
        except UserError as exc:
            if undo_field is not None:
                undo_field.revert()
            self.window_.show_error(exc)
            return False
        if undo_field is not None:
            undo_field.accept_value()
        rec_id = self.row.id
        self.row = load_rows(self.window_.store, self.window_.today(), [rec_id])[0]
        self._show_bodies_and_states()
        self._show_follow_ups()
        self.history_view.show_history(self.window_.store, rec_id)
        self.changed.emit([rec_id])
        return True

    def _save_text(self, text: str) -> None:
        rec_id = self.row.id
        self._write("Ändra rekommendationens text", lambda cs: register.update_recommendation(cs, rec_id, text=text),
                    self.text_edit)  # fmt: skip

    def _save_deadline(self, text: str) -> None:
        try:
            date = parse_date(text)
        except ValueError as exc:
            self._refuse_date(self.deadline_edit, "Svar senast", text, exc)
            return
        rec_id = self.row.id
        self._write("Ändra svar senast", lambda cs: register.update_recommendation(cs, rec_id, reply_deadline=date),
                    self.deadline_edit)  # fmt: skip

    def _save_reply(self, box: ReplyBox, field_name: str, widget, text: str) -> None:
        values: dict[str, object] = {field_name: text}
        if isinstance(widget, DateField):
            try:
                values[field_name] = parse_date(text)
            except ValueError as exc:
                self._refuse_date(widget, box.label(field_name), text, exc)
                return
            if field_name == "due":
                values["due_text"] = None  # a readable date replaces what could not be read
        rec_id = self.row.id
        label = f"Ändra svar från {box.body_name}"
        self._write(label, lambda cs: register.set_reply(cs, rec_id, box.body_id, **values), widget)

    def _refuse_date(self, field, what: str, text: str, exc: ValueError) -> None:
        field.revert()
        self.window_.show_error(
            UserError(
                f"{what}: ”{text}” går inte att läsa som datum ({exc}). Skriv t.ex. 2025-03-31. Inget har ändrats."
            )
        )

    def _change_bodies(self) -> None:
        from .dialogs.choose_bodies import choose_bodies

        r = self.row
        chosen = choose_bodies(self, register.load_bodies(self.window_.store), r.body_ids)
        if chosen is None or chosen == r.body_ids:
            return
        if self._write("Ändra ansvariga nämnder", lambda cs: register.replace_bodies(cs, r.id, chosen)):
            self._show_replies()
            self._set_writable(True)

    def add_follow_up(self) -> None:
        from .dialogs.follow_up import ask_follow_up

        if self.row is None:
            return
        answer = ask_follow_up(self, "Lägg till uppföljning", self.window_.today(), self.row.status)
        if answer is None:
            return
        date, status, comment = answer
        rec_id = self.row.id
        self._write("Lägg till uppföljning", lambda cs: register.add_follow_up(cs, rec_id, date, status, comment))

    def _chosen_follow_up(self) -> dict | None:
        items = self.follow_ups.selectedItems()
        return items[0].data(Qt.ItemDataRole.UserRole) if items else None

    def _edit_follow_up(self) -> None:
        from .dialogs.follow_up import ask_follow_up

        f = self._chosen_follow_up()
        if f is None or self.window_.store.read_only:
            return
        answer = ask_follow_up(self, "Ändra uppföljning", parse_date(f["date"]), f["status"], f["comment"])
        if answer is None:
            return
        date, status, comment = answer
        self._write(
            "Ändra uppföljning",
            lambda cs: register.update_follow_up(
                cs, f["id"], date=date, status=status, status_raw=None, comment=comment
            ),
        )

    def _delete_follow_up(self) -> None:
        f = self._chosen_follow_up()
        if f is not None:
            self._write("Ta bort uppföljning", lambda cs: register.delete_follow_up(cs, f["id"]))
