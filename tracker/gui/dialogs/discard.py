"""Escape, Avbryt or closing a dialog with changes asks "Spara ändringarna?" (Spara /
Släng / Avbryt) instead of throwing the typing away."""

from __future__ import annotations

from ..interaction import CANCEL, SAVE, Interaction


class AskBeforeDiscard:
    """Mix in before QDialog. The dialog says what it holds (`state()`, comparable) and how
    it saves (`save()`, which accepts the dialog when it succeeds); `mark_unchanged()` once
    loaded."""

    ask: Interaction
    _unchanged: object = None

    def state(self) -> object:
        raise NotImplementedError

    def save(self) -> None:
        raise NotImplementedError

    def mark_unchanged(self) -> None:
        self._unchanged = self.state()

    def is_changed(self) -> bool:
        return self.state() != self._unchanged

    def reject(self) -> None:  # QDialog: Escape, Avbryt and the window's close button end here
        if self.is_changed():
            answer = self.ask.ask_save(self.windowTitle(), self)
            if answer == CANCEL:
                return
            if answer == SAVE:
                self.save()
                return
        super().reject()
