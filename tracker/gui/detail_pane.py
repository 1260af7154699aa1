"""The pane beside the table: one recommendation with its bodies, deadlines, replies,
follow-ups and history. Every edit is written at once, as one undoable command."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
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
from ..core.queries import follow_ups_for, load_rows, recommendation_identity
from .detail_history import HistoryView
from .detail_replies import ReplyBox
from .fields import DateField, TextField
from .workspace import Changes, RegisterBusy, Workspace

GONE = "Rekommendationen som visades finns inte längre i registret (den har tagits bort, ångrats eller ersatts). Inget har sparats."
PLACEHOLDER = (
    "<p style='color: palette(mid)'>Markera en rekommendation i listan för att se den här: "
    "texten, nämndernas svar, uppföljningarna och vem som ändrat vad.</p>"
)


class DetailPane(QWidget):
    """Bound to one recommendation's identity (its id and the write that created it): when
    that recommendation is deleted, undone away or replaced, the pane clears before any
    field can save, and a write checks the identity again inside its transaction."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.row: RecommendationRow | None = None
        self.identity: tuple[int, int | None] | None = None
        workspace.changed.connect(self._register_changed)
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

    @property
    def rec_id(self) -> int | None:
        return self.row.id if self.row else None

    def show_recommendation(self, rec_id: int | None) -> None:
        store = self.workspace.store
        rows = load_rows(store, self.workspace.today(), [rec_id]) if rec_id is not None else []
        # Unbound first: a field that loses focus as the pane changes must find no row to save into.
        self.row, self.identity = None, None
        if not rows:
            self.stack.setCurrentIndex(0)
            return
        self.row, self.identity = rows[0], recommendation_identity(store, rec_id)
        self.stack.setCurrentIndex(1)
        self._show_row(None)

    def _register_changed(self, changes: Changes) -> None:
        if "store" in changes.kinds:
            self.show_recommendation(None)
        elif changes.touches(self.rec_id):
            self._reload_bound()

    def _reload_bound(self) -> None:
        """Show what the register now holds for the bound recommendation, keeping what the
        user is typing; a different recommendation under the same id clears the pane."""
        store, rec_id = self.workspace.store, self.rec_id
        if recommendation_identity(store, rec_id) != self.identity:
            self.show_recommendation(None)
            return
        old_bodies = self.row.body_ids
        self.row = load_rows(store, self.workspace.today(), [rec_id])[0]
        self._show_row(old_bodies)

    def _show_row(self, old_bodies: list[int] | None) -> None:
        """Fill the pane from self.row: afresh (old_bodies None), or after a change to the
        same recommendation, where what the user is typing stays and reply boxes are kept
        unless the bodies changed."""
        r, store, fresh = self.row, self.workspace.store, old_bodies is None
        self.report_label.setText(f"{r.report} ({r.year})" if r.year else r.report)
        self.number_label.setText(f"Rekommendation {r.number_label}")
        if fresh:
            self.text_edit.set_value(r.text)
            self.deadline_edit.set_date(r.reply_deadline)
        else:
            self.text_edit.show_saved(r.text)
            self.deadline_edit.show_saved_date(r.reply_deadline)
        self._show_bodies_and_states()
        if fresh or r.body_ids != old_bodies:
            self._show_replies()
            self._set_writable(not store.read_only)
        else:
            replies = {reply.body_id: reply for reply in r.replies}
            for box in self.reply_boxes:
                if isinstance(box, ReplyBox):
                    box.show_reply(replies.get(box.body_id))
        for box in self.reply_boxes:
            if isinstance(box, ReplyBox):
                box.show_sendouts(r.sendouts_line(box.body_id))
        self._show_follow_ups()
        self.history_view.show_history(store, r.id)

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
        self._chain_tab_order()

    def _chain_tab_order(self) -> None:
        """Tab goes down the fields as they stand: text, bodies, deadline, then each reply."""
        chain = [self.text_edit, self.bodies_button, self.deadline_edit]
        chain += [f for box in self.reply_boxes if isinstance(box, ReplyBox) for f in box.fields.values()]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _show_follow_ups(self) -> None:
        self.follow_ups.clear()
        for f in follow_ups_for(self.workspace.store, self.row.id):
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
        chosen = self._chosen_follow_up() is not None and not self.workspace.read_only
        self.edit_follow_up_button.setEnabled(chosen)
        self.delete_follow_up_button.setEnabled(chosen)

    # Writing ---------------------------------------------------------------

    def _write(self, label: str, fn: Callable[[ChangeSet], object], undo_field=None) -> bool:
        """One command through the workspace, into the recommendation this pane loaded and
        no other; on a refusal the field goes back (a busy register keeps the typing)."""
        if self.row is None:
            return False
        rec_id, identity = self.row.id, self.identity

        def write(cs: ChangeSet) -> object:
            if recommendation_identity(cs.store, rec_id) != identity:
                raise UserError(GONE)
            return fn(cs)

        try:
            self.workspace.run(label, write)
        except UserError as exc:
            if undo_field is not None and not isinstance(exc, RegisterBusy):
                undo_field.revert()
            self.workspace.ask.error(label, str(exc), self)
            if str(exc) == GONE:
                self.show_recommendation(None)
            return False
        if undo_field is not None:
            undo_field.accept_value()
        return True

    def _save_text(self, text: str) -> None:
        if self.row is None:
            return
        rec_id = self.row.id
        self._write("Ändra rekommendationens text", lambda cs: register.update_recommendation(cs, rec_id, text=text),
                    self.text_edit)  # fmt: skip

    def _save_deadline(self, text: str) -> None:
        if self.row is None:
            return
        try:
            date = parse_date(text)
        except ValueError as exc:
            self._refuse_date(self.deadline_edit, "Svar senast", text, exc)
            return
        rec_id = self.row.id
        self._write("Ändra svar senast", lambda cs: register.update_recommendation(cs, rec_id, reply_deadline=date),
                    self.deadline_edit)  # fmt: skip

    def _save_reply(self, box: ReplyBox, field_name: str, widget, text: str) -> None:
        if self.row is None:
            return
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
        self.workspace.ask.error(
            what,
            f"{what}: ”{text}” går inte att läsa som datum ({exc}). Skriv t.ex. 2025-03-31. Inget har ändrats.",
            self,
        )

    def _change_bodies(self) -> None:
        from .dialogs.choose_bodies import choose_bodies, with_new_bodies

        r = self.row
        chosen = choose_bodies(self, self.workspace.store, r.body_ids)
        if chosen is None or chosen == r.body_ids:
            return
        self._write("Ändra ansvariga nämnder",
                    lambda cs: register.replace_bodies(cs, r.id, with_new_bodies(cs, chosen)))  # fmt: skip

    def add_follow_up(self) -> None:
        from .dialogs.follow_up import ask_follow_up

        if self.row is None:
            return
        answer = ask_follow_up(self, "Lägg till uppföljning", self.workspace.today(), self.row.status,
                               ask=self.workspace.ask)  # fmt: skip
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
        if f is None or self.workspace.read_only:
            return
        answer = ask_follow_up(self, "Ändra uppföljning", parse_date(f["date"]), f["status"], f["comment"],
                               ask=self.workspace.ask)  # fmt: skip
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
