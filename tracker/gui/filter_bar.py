"""The row above the table that narrows it: search box, nämnd, år, status, svarsläge, försenade."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ..core.model import CLOSED_STATUSES, REPLY_STATES, STATUSES
from ..core.numbers import thousands
from ..core.queries import years
from ..core.register import load_bodies
from ..core.rules import Filter, swedish_key
from .fields import pass_undo_to_register
from .workspace import EVERYTHING, Changes, Workspace

OPEN_STATUSES = tuple(s for s in STATUSES if s not in CLOSED_STATUSES)
REMINDED = "Påmind, ej besvarad"
# Wide enough for "Visar 100 000 av 100 000", so the bar does not shift as counts change.
COUNT_TEMPLATE = "Visar 000 000 av 000 000"


class SearchBox(QLineEdit):
    """The search text is no edit of the register: Ctrl+Z here undoes the last register edit."""

    def event(self, event: QEvent) -> bool:
        return pass_undo_to_register(event) or super().event(event)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = SearchBox(placeholderText="Sök i granskningar, rekommendationer, svar … (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setToolTip("Sök i granskningar, rekommendationer och svar (Ctrl+F)")
        self.search.setMinimumWidth(260)
        self.body = QComboBox(minimumContentsLength=16)
        self.year = QComboBox(minimumContentsLength=7)
        self.status = QComboBox()
        self.status.addItem("Alla statusar", ())
        self.status.addItem("Ej avslutade", OPEN_STATUSES)
        for s in STATUSES:
            self.status.addItem(s, (s,))
        self.reply = QComboBox()
        self.reply.addItem("Alla svarslägen", ())
        for s in REPLY_STATES:
            self.reply.addItem(s, (s,))
        # Not a reply state but a step of the chase: a reminder went out and no reply came.
        self.reply.addItem(REMINDED, REMINDED)
        self.reply.setItemData(self.reply.count() - 1, "En nämnd har fått en påminnelse men ännu inte svarat",
                               Qt.ItemDataRole.ToolTipRole)  # fmt: skip
        # Combos keep their width whatever names and years the register holds.
        for combo in (self.body, self.year):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.overdue = QCheckBox("Endast försenade")
        self.clear_button = QPushButton("Rensa filter")
        self.clear_button.setToolTip("Visa alla rader igen")
        self.clear_button.clicked.connect(self.clear)
        self.count = QLabel()
        self.count.setMinimumWidth(self.count.fontMetrics().horizontalAdvance(COUNT_TEMPLATE) + 8)
        self.set_choices({}, [])

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(self.search, 3)
        for label, combo in (("Nämnd", self.body), ("År", self.year), ("Status", self.status)):
            text = QLabel(label)
            text.setBuddy(combo)
            layout.addSpacing(6)
            layout.addWidget(text)
            layout.addWidget(combo)
        layout.addWidget(self.reply)
        layout.addSpacing(6)
        layout.addWidget(self.overdue)
        layout.addSpacing(6)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        layout.addWidget(self.count)

        # The table follows each key at once, with no typing delay: a search over 100,000 rows
        # takes a few ms, and filtering inside the key press lets one paint show the letter and
        # the rows (a timer, even at 0 ms, often let Qt paint the letter first and the rows after).
        self.search.textChanged.connect(self.changed)
        for combo in (self.body, self.year, self.status, self.reply):
            combo.currentIndexChanged.connect(self.changed)
        self.overdue.toggled.connect(self.changed)

    def follow(self, workspace: Workspace) -> None:
        """Keep the nämnd and år lists to what the register holds."""
        self._workspace = workspace
        workspace.changed.connect(self._register_changed)
        self._register_changed(EVERYTHING)

    def _register_changed(self, changes: Changes) -> None:
        if changes.any_of("bodies", "reports", "undo"):
            store = self._workspace.store
            self.set_choices({b.id: b.name for b in load_bodies(store)}, years(store))

    def clear(self, *, overdue: bool = False) -> None:
        """Rensa filter: every row again (or, with overdue, every late one), with one change of the table."""
        with QSignalBlocker(self):
            self.search.clear()
            for combo in (self.body, self.year, self.status, self.reply):
                combo.setCurrentIndex(0)
            self.overdue.setChecked(overdue)
        self.apply_now()

    def set_choices(self, bodies: dict[int, str], years: list[int]) -> None:
        """Refill the nämnd and år lists, keeping what was chosen if it still exists."""
        for combo, first, items in (
            (self.body, "Alla nämnder", sorted(bodies.items(), key=lambda kv: swedish_key(kv[1]))),
            (self.year, "Alla år", [(y, str(y)) for y in years]),
        ):
            chosen = combo.currentData()
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItem(first, None)
                for value, text in items:
                    combo.addItem(text, value)
                combo.setCurrentIndex(max(0, combo.findData(chosen)))

    def filter(self) -> Filter:
        body_id = self.body.currentData()
        reply = self.reply.currentData() or ()
        return Filter(
            text=self.search.text().strip(),
            body_ids=(body_id,) if body_id is not None else (),
            year=self.year.currentData(),
            statuses=self.status.currentData() or (),
            reply_states=reply if reply != REMINDED else (),
            overdue_only=self.overdue.isChecked(),
            reminded_unanswered=reply == REMINDED,
        )

    def apply_now(self) -> None:
        """Filter by what the bar shows now (after choices were set with signals blocked)."""
        self.changed.emit()

    def set_counts(self, shown: int, total: int, *, loading: bool = False) -> None:
        """While the rest of a large register is read, what is shown is from its first rows only."""
        if loading:
            self.count.setText("Läser in registret …")
            self.count.setToolTip(f"Visar {thousands(shown)} av de första raderna; registret har {thousands(total)}. Sökning och filter "
                                  "gäller de rader som hunnit läsas tills resten är inläst.")  # fmt: skip
        else:
            self.count.setText(f"Visar {thousands(shown)} av {thousands(total)}")
            self.count.setToolTip("")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
