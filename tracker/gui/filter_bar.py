"""The row above the table that narrows it: search box, nämnd, år, status, svarsläge, försenade."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from ..core.model import CLOSED_STATUSES, REPLY_STATES, STATUSES
from ..core.rules import Filter, swedish_key

# Typing pauses this long before the table follows, so fast typing filters once.
SEARCH_DELAY_MS = 120
OPEN_STATUSES = tuple(s for s in STATUSES if s not in CLOSED_STATUSES)


class FilterBar(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Sök i granskningar, rekommendationer, svar … (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.body = QComboBox(minimumContentsLength=16)
        self.body.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.year = QComboBox()
        self.status = QComboBox()
        self.status.addItem("Alla statusar", ())
        self.status.addItem("Ej avslutade", OPEN_STATUSES)
        for s in STATUSES:
            self.status.addItem(s, (s,))
        self.reply = QComboBox()
        self.reply.addItem("Alla svarslägen", ())
        for s in REPLY_STATES:
            self.reply.addItem(s, (s,))
        self.overdue = QCheckBox("Endast försenade")
        self.count = QLabel()
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
        layout.addStretch(1)
        layout.addWidget(self.count)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._timer.start)
        self.search.returnPressed.connect(self.apply_now)
        for combo in (self.body, self.year, self.status, self.reply):
            combo.currentIndexChanged.connect(self.changed)
        self.overdue.toggled.connect(self.changed)

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
        return Filter(
            text=self.search.text().strip(),
            body_ids=(body_id,) if body_id is not None else (),
            year=self.year.currentData(),
            statuses=self.status.currentData() or (),
            reply_states=self.reply.currentData() or (),
            overdue_only=self.overdue.isChecked(),
        )

    def apply_now(self) -> None:
        """Skip the typing delay (Enter in the search box, tests)."""
        self._timer.stop()
        self.changed.emit()

    def set_counts(self, shown: int, total: int) -> None:
        self.count.setText(f"Visar {shown} av {total}")

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
