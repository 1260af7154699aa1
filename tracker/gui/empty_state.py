"""What an empty register shows instead of an empty table: what the program is for, and ways in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from . import actions

if TYPE_CHECKING:
    from .main_window import MainWindow

# Ways into an empty register, as action ids; only those some feature has registered get a button.
START_ACTIONS = ("new_report", "import_register", "import_report")
CARD_WIDTH = 620

INTRO = (
    "<h2>Välkommen till Revisionsuppföljning</h2>"
    "<p>Här håller revisionskontoret ordning på granskningarnas rekommendationer: vilken nämnd "
    "som ska svara och när, vad nämnderna har svarat och lovat, och hur långt åtgärderna har kommit "
    "vid varje uppföljning. Försenade svar och åtgärder syns direkt i listan.</p>"
    "<p>Registret är tomt. Börja med att lägga in en granskning, hämta ert befintliga register "
    "eller prova programmet med ett påhittat exempelregister.</p>"
)


class EmptyState(QWidget):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        card = QFrame(objectName="emptyCard")
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setFixedWidth(CARD_WIDTH)  # a word-wrapped label needs a known width to get its full height
        card.setStyleSheet("#emptyCard { background: palette(base); border-radius: 8px; }")
        text = QLabel(INTRO, wordWrap=True)
        text.setTextFormat(Qt.TextFormat.RichText)
        text.setFixedWidth(CARD_WIDTH - 56)
        text.setMinimumHeight(text.heightForWidth(CARD_WIDTH - 56))
        inner = QVBoxLayout(card)
        inner.setContentsMargins(28, 20, 28, 24)
        inner.setSpacing(8)
        inner.addWidget(text)
        inner.addSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        for action_id in START_ACTIONS:
            action = actions.find(action_id)
            if action is not None:
                self._add_button(inner, action_id, action.text, lambda _=False, a=action: a.handler(window))
        self._add_button(inner, "demo", "Fyll i exempelregister", lambda _=False: window.fill_demo())
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(card, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

    def _add_button(self, layout: QVBoxLayout, key: str, text: str, slot) -> None:
        button = QPushButton(text)
        button.setMinimumHeight(32)
        button.clicked.connect(slot)
        layout.addWidget(button)
        self.buttons[key] = button

    def update_enabled(self) -> None:
        writable = not self.window_.store.read_only
        for button in self.buttons.values():
            button.setEnabled(writable)
