"""The open register on the GUI side: its store, the session's undo history and today.

Every write goes through a Workspace (`run`, `apply`, `run_in_background`, `undo`,
`redo`, `open`), and afterwards it emits one `changed(Changes)` signal saying what
changed. The table model, filter bar, detail pane and window subscribe to it; no view
is refreshed by hand. While a background job holds the store, other writes are refused
with a Swedish message (RegisterBusy)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QWidget

from ..core import rules
from ..core.changes import ChangeSet, Command, History
from ..core.errors import UserError
from ..core.opening import open_store
from ..core.progress import Progress
from ..core.store import Store
from .interaction import Interaction
from .workers import Job, run_in_background

T = TypeVar("T")


@dataclass(frozen=True)
class Changes:
    """What a write changed: the tables it wrote and the recommendation ids it touched.
    ids None: any row may read differently (a body renamed, another register opened)."""

    kinds: frozenset[str]
    ids: frozenset[int] | None

    def touches(self, rec_id: int | None) -> bool:
        return rec_id is not None and (self.ids is None or rec_id in self.ids)

    def any_of(self, *kinds: str) -> bool:
        return self.ids is None or bool(self.kinds & set(kinds))


# Another register opened, or a write that did not say what it wrote: everything.
EVERYTHING = Changes(frozenset({"store"}), None)


def _changes_of(commands: list[Command]) -> Changes | None:
    if not commands:
        return None
    kinds = frozenset(op.table for c in commands for op in c.inverse)
    ids = frozenset(i for c in commands for i in c.touched)
    # A write that touches no recommendation (a body renamed) still changes how rows read.
    return Changes(kinds, ids or None)


class RegisterBusy(UserError):
    """A write asked for while a background job holds the store; nothing was written."""


class Workspace(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, store: Store, ask: Interaction | None = None) -> None:
        super().__init__()
        self.store = store
        self.history = History(store)
        self.ask = ask or Interaction()
        self.busy: str | None = None  # the title of the background job holding the store

    def today(self) -> dt.date:
        return rules.today()

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    # Writing -----------------------------------------------------------------

    def _check_free(self) -> None:
        if self.busy is not None:
            raise RegisterBusy(
                f"Registret är upptaget: {self.busy} pågår. Vänta tills det är klart och försök igen; "
                "inget har ändrats."
            )

    def run(self, label: str, fn: Callable[[ChangeSet], T], *, source: str | None = None) -> T:
        """One undoable command; UserError (nothing written) if it is refused."""
        return self.apply(lambda history: history.run(label, fn, source=source)[0])

    def apply(self, fn: Callable[[History], T]) -> T:
        """A core function that runs its own commands through the history (an import, a read report)."""
        self._check_free()
        before = len(self.history.undo_stack)
        try:
            return fn(self.history)
        finally:
            self._announce(before)

    def write_unrecorded(self, fn: Callable[[Store], T]) -> T:
        """A core write that keeps no undo step of its own (the example register)."""
        self._check_free()
        try:
            return fn(self.store)
        finally:
            self.changed.emit(EVERYTHING)

    def announce(self, changes: Changes) -> None:
        """A write that keeps no undo step (a send-out on record) tells the views what it changed."""
        self.changed.emit(changes)

    def _announce(self, before: int) -> None:
        changes = _changes_of(self.history.undo_stack[before:])
        if changes is not None:
            self.changed.emit(changes)

    def undo(self) -> str | None:
        return self._replay(self.history.undo, self.history.undo_label)

    def redo(self) -> str | None:
        return self._replay(self.history.redo, self.history.redo_label)

    def _replay(self, step: Callable[[], set[int]], label: str | None) -> str | None:
        """The label of what was undone or redone, or None when there was nothing to do."""
        if label is None:
            return None
        self._check_free()
        ids = step()
        self.changed.emit(Changes(frozenset({"undo"}), frozenset(ids) or None))
        return label

    def run_in_background(
        self,
        parent: QWidget | None,
        title: str,
        fn: Callable[[Progress], Any],
        on_done: Callable[[Any], None],
        *,
        writes: bool = False,
        progress_text: str = "Arbetar …",
        on_error: Callable[[UserError], None] | None = None,
        on_cancel: Callable[[], None] | None = None,
    ) -> Job:
        """fn(progress) on a worker thread (gui/workers.py); a job that writes holds the store
        until it ends, and its changes are announced before on_done runs."""
        on_error = on_error or (lambda exc: self.ask.error(title, str(exc), parent))
        if not writes:
            return run_in_background(parent, title, fn, on_done, progress_text=progress_text, on_error=on_error,
                                     on_cancel=on_cancel)  # fmt: skip
        self._check_free()
        self.busy = title
        before = len(self.history.undo_stack)

        def end() -> None:
            self.busy = None
            self._announce(before)

        return run_in_background(parent, title, fn, on_done, progress_text=progress_text, on_error=on_error,
                                 on_cancel=on_cancel, on_end=end)  # fmt: skip

    # Opening -----------------------------------------------------------------

    def open(self, path: Path | str, *, create: bool = False) -> None:
        """Switch to another register file (UserError if it cannot be opened); the old one closes."""
        self._check_free()
        store = open_store(Path(path), create=create)
        old = self.store
        self.store, self.history = store, History(store)
        if not old.closed:
            old.close()
        self.changed.emit(EVERYTHING)
