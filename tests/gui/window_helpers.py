"""A main window over a real register, closed with the test, and the scripted
Interaction that answers its questions without a human."""

from __future__ import annotations

from tracker.gui.interaction import Interaction
from tracker.gui.main_window import MainWindow
from tracker.gui.workspace import Workspace

# How each kind of message is recorded, as the tests have always named them.
KINDS = {"choose": "question", "inform": "information", "error": "warning"}


class ScriptedInteraction(Interaction):
    """Records (kind, text) of every message; a question takes the next scripted answer,
    or else its first button (Ja, Spara, Ta bort …)."""

    def __init__(self) -> None:
        super().__init__()
        self.shown: list[tuple[str, str]] = []
        self.titles: list[str] = []
        self.script: list[str] = []
        self.offered: list[list[str]] = []

    def choose(self, title, text, buttons, parent=None):
        self.shown.append(("question", text))
        self.titles.append(title)
        self.offered.append(list(buttons))
        if self.script:
            answer = self.script.pop(0)
            assert answer in buttons, f"{answer!r} is not among {buttons}"
            return answer
        return buttons[0]

    def inform(self, title, text, parent=None):
        self.shown.append(("information", text))
        self.titles.append(title)

    def error(self, title, text, parent=None):
        self.shown.append(("warning", text))
        self.titles.append(title)


# Set by the autouse fixture `ask` in conftest.py, so every window of a test shares it.
current_ask: ScriptedInteraction | None = None


def make_window(qtbot, store, settings) -> MainWindow:
    window = MainWindow(Workspace(store, current_ask or ScriptedInteraction()), settings)
    qtbot.addWidget(window)
    return window
