"""How long core work says how far it has come, and stops when the user presses Avbryt.

A caller (the GUI's background jobs) passes `progress(done, total) -> bool`; total 0
means "unknown". A False answer makes the work raise a UserError, which rolls back a
transaction or leaves a file unwritten, so a cancel never leaves half a change.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import UserError

Progress = Callable[[int, int], bool]

NOTHING_CHANGED = "Avbrutet; inget har ändrats."
NOTHING_SAVED = "Avbrutet; ingen fil sparades."


class Ticker:
    """Counts steps and reports every `every` of them, so a tight loop stays tight."""

    def __init__(self, progress: Progress | None, total: int = 0, message: str = NOTHING_CHANGED, every: int = 200):
        self.progress = progress
        self.total = total
        self.message = message
        self.every = every
        self.done = 0

    def tick(self) -> None:
        self.done += 1
        if self.progress is not None and self.done % self.every == 0 and not self.progress(self.done, self.total):
            raise UserError(self.message)
