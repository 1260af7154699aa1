"""The recommendation table: all loaded rows in memory, a filtered and sorted view of them."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from ..core.model import CLOSED_STATUSES, DONE, RecommendationRow
from ..core.queries import first_rows, load_rows, row_count
from ..core.row_index import ColumnKey, RowIndex, as_is, number_order, slot_array, text_order
from ..core.rules import Filter
from .row_loading import Loading
from .workspace import EVERYTHING, Changes, Workspace

WARNING = "⚠"
RECENT_RESULTS = 32
_OVERDUE_BACKGROUND = QBrush(QColor("#f9d6d5"))
_OVERDUE_FOREGROUND = QBrush(QColor("#8a1c1c"))
_DONE_FOREGROUND = QBrush(QColor("#2e6b30"))
_CLOSED_FOREGROUND = QBrush(QColor("#6b6b6b"))
_DISPLAY, _TOOLTIP, _FONT, _BACKGROUND, _FOREGROUND, _ALIGNMENT = (
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.TextAlignmentRole,
    )
)
_ROLES = frozenset({_DISPLAY, _TOOLTIP, _FONT, _BACKGROUND, _FOREGROUND, _ALIGNMENT})
_CENTER = int(Qt.AlignmentFlag.AlignCenter)
OUTSIDE_FILTER_TIP = "Raden matchar inte längre filtret. Den visas tills du markerar en annan rad."


def _date(value) -> str:
    return value.isoformat() if value else ""


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass(frozen=True)
class Column:
    title: str
    display: Callable[[RecommendationRow], str]
    sort: ColumnKey  # what the column is sorted by, and how that becomes keys (core/row_index.py)
    width: int
    tooltip: Callable[[RecommendationRow], str] | None = None
    centered: bool = False


def _reply_state(r: RecommendationRow) -> str:
    return f"{WARNING} {r.reply_state}" if r.reply_overdue else r.reply_state


def _due(r: RecommendationRow) -> str:
    return f"{WARNING} {_date(r.due)}" if r.action_overdue else _date(r.due)


def _changed(r: RecommendationRow) -> str:
    # History stores ISO timestamps; minutes are enough to recognise an edit.
    return (r.changed_at or "")[:16].replace("T", " ")


def _due_tip(r: RecommendationRow) -> str:
    lines = [f"{reply.body}: {_date(reply.due) or reply.due_text or 'inget datum'}" for reply in r.replies]
    head = "Åtgärden är försenad." if r.action_overdue else ""
    return "\n".join([head, *lines]).strip()


def _reply_tip(r: RecommendationRow) -> str:
    if r.reply_overdue:
        return f"Svaret skulle ha kommit senast {_date(r.reply_deadline)}."
    return r.reply_state


def _status_tip(r: RecommendationRow) -> str:
    parts = [r.status]
    if r.status_date:
        parts.append(f"Bedömd {_date(r.status_date)}")
    if r.status_comment:
        parts.append(r.status_comment)
    return "\n".join(parts)


COLUMNS = [
    Column("Granskning", lambda r: r.report, (lambda r: r.report, text_order), 140, lambda r: r.report),
    Column("År", lambda r: str(r.year or ""), (lambda r: r.year, number_order), 44, centered=True),
    Column("Nr", lambda r: r.number_label, (lambda r: r.number_key, as_is), 34, centered=True),
    Column("Rekommendation", lambda r: _one_line(r.text), (lambda r: r.text, text_order), 290, lambda r: r.text),
    Column(
        "Ansvarig",
        lambda r: ", ".join(r.body_short),
        (lambda r: r.body_short, text_order),
        80,
        lambda r: "\n".join(r.bodies),
    ),
    Column("Svar senast", lambda r: _date(r.reply_deadline), (lambda r: r.reply_deadline, number_order), 86),
    Column("Svarsläge", _reply_state, (lambda r: r.reply_state, text_order), 116, _reply_tip),
    Column("Klart senast", _due, (lambda r: r.due, number_order), 100, _due_tip),
    Column("Status", lambda r: r.status, (lambda r: r.status, text_order), 104, _status_tip),
    Column("Senast ändrad", _changed, (lambda r: r.changed_at, text_order), 124),
]
TEXT_COLUMN = 3
REPLY_STATE_COLUMN = 6
DUE_COLUMN = 7
STATUS_COLUMN = 8


# Registers up to this size are read before the window shows; a larger one shows its first
# FIRST_SCREEN rows at once and reads the rest on a worker thread.
LOAD_AT_ONCE = 5_000
FIRST_SCREEN = 200


class RecommendationModel(QAbstractTableModel):
    """Holds every loaded row once (core/row_index.py); filtering and sorting only rebuild the
    list of visible slots, and an edited row is moved to its new place in that list."""

    loaded = Signal()  # the rows read in the background are all in

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._index = RowIndex([c.sort for c in COLUMNS])
        self._visible = slot_array()  # slots of the index, in the order shown
        self._filter = Filter()
        self._sort_column: int | None = None
        self._descending = False
        self._recent_results: dict[str, list[int]] = {}
        # The row being edited stays in view after it stops matching the filter, until
        # another row is chosen; so an edit never makes the row, and the pane, vanish.
        self._kept_id: int | None = None
        self._italic = QFont()
        self._italic.setItalic(True)
        self._loading: Loading | None = None

    # Data in -------------------------------------------------------------

    def follow(self, workspace: Workspace) -> None:
        """Load the register's rows, and after each write reload the rows it changed."""
        self._workspace = workspace
        workspace.changed.connect(self._register_changed)
        self._register_changed(EVERYTHING)

    def _register_changed(self, changes: Changes) -> None:
        store, today = self._workspace.store, self._workspace.today()
        if changes.ids is None:
            self._load_everything()
            return
        if self._loading is not None:
            # The rows being read may have been read before this write: read these again after.
            self._loading.again |= changes.ids
        self.replace_rows(changes.ids, load_rows(store, today, changes.ids))

    def _load_everything(self) -> None:
        """A small register at once; a large one shows its first screen now and the rest
        from a worker thread, so the window paints in a second whatever the size."""
        store, today = self._workspace.store, self._workspace.today()
        self._stop_loading()  # reading another register, or this one before its last write
        if store.damaged or row_count(store) <= LOAD_AT_ONCE:
            self.set_rows(load_rows(store, today))
            return
        first, total = first_rows(store, today, FIRST_SCREEN)
        self.set_rows(first)
        self._loading = Loading(
            store.path, today, total, [c.sort for c in COLUMNS], self._sort_column, self._descending
        )
        self._loading.timer.timeout.connect(lambda loading=self._loading: self._poll(loading))
        # Quitting while reading: the thread stops before Python shuts down.
        QCoreApplication.instance().aboutToQuit.connect(self._stop_loading, Qt.ConnectionType.UniqueConnection)
        self._loading.start()

    def _stop_loading(self) -> None:
        if self._loading is not None:
            self._loading.stop()
            self._loading = None

    def _poll(self, loading: Loading) -> None:
        if not loading.finished.is_set():
            return
        loading.timer.stop()
        if loading is not self._loading:
            return  # another register was opened, or everything read again, meanwhile
        self._loading = None
        if loading.error is not None:
            # Read apart it failed (a share gone, say): read it here, as a small register is.
            self.set_rows(load_rows(self._workspace.store, self._workspace.today()))
        else:
            self._recent_results.clear()
            self._refilter(self._filter, change=lambda: self._take(loading))
        self.loaded.emit()

    def _take(self, loading: Loading) -> None:
        self._index = loading.index
        if loading.again:
            store, today = self._workspace.store, self._workspace.today()
            self._index.replace(loading.again, load_rows(store, today, loading.again))

    @property
    def loading(self) -> bool:
        """Rows are still being read in the background; what is shown is the first screen."""
        return self._loading is not None

    def set_rows(self, rows: list[RecommendationRow]) -> None:
        self._recent_results.clear()
        self._refilter(self._filter, change=lambda: self._index.set_rows(rows))

    def replace_rows(self, ids: Iterable[int], rows: list[RecommendationRow]) -> None:
        """Swap in fresh rows for the given ids; ids without a fresh row were deleted.
        One row (an edit) moves to its new place; more reset the list."""
        ids = set(ids) | {r.id for r in rows}
        self._recent_results.clear()
        if len(ids) != 1:
            self._refilter(self._filter, change=lambda: self._index.replace(ids, rows))
            return
        index, visible = self._index, self._visible
        old_slot = index.slot_of.get(next(iter(ids)))
        old_at = self._position(old_slot)
        if not rows:  # deleted: Qt hears of it while the row can still be read
            if old_at is not None:
                self.beginRemoveRows(QModelIndex(), old_at, old_at)
                del visible[old_at]
                index.replace(ids, rows)
                self.endRemoveRows()
            else:
                index.replace(ids, rows)
            return
        (slot,) = index.replace(ids, rows)
        row = index.rows[slot]
        if old_at is not None:
            del visible[old_at]
        if row.id != self._kept_id and not self._filter.matches(row):
            if old_at is not None:
                visible.insert(old_at, slot)  # back for the removal Qt is told about
                self.beginRemoveRows(QModelIndex(), old_at, old_at)
                del visible[old_at]
                self.endRemoveRows()
            return
        new_at = index.insertion(visible, slot, self._sort_column, self._descending)
        if old_at is None:
            self.beginInsertRows(QModelIndex(), new_at, new_at)
            visible.insert(new_at, slot)
            self.endInsertRows()
            return
        visible.insert(old_at, slot)  # where the view still has it, until it is told of the move
        if new_at == old_at:
            self.dataChanged.emit(self.index(new_at, 0), self.index(new_at, len(COLUMNS) - 1))
            return
        # Qt counts the destination before the move: below the old place it is one further.
        self.beginMoveRows(QModelIndex(), old_at, old_at, QModelIndex(), new_at + (new_at > old_at))
        del visible[old_at]
        visible.insert(new_at, slot)
        self.endMoveRows()

    def _position(self, slot: int | None) -> int | None:
        if slot is None:
            return None
        return self._index.position(self._visible, slot, self._sort_column, self._descending)

    def keep_visible(self, rec_id: int | None) -> None:
        """Keep this row shown even when it does not match the filter (None: no row)."""
        if rec_id == self._kept_id:
            return
        leaving = self._kept_id is not None and self.is_outside_filter(self._kept_id)
        self._kept_id = rec_id
        if leaving:
            self._refilter(self._filter)

    def is_outside_filter(self, rec_id: int) -> bool:
        slot = self._index.slot_of.get(rec_id)
        if self._position(slot) is None:
            return False
        return not self._filter.matches(self._index.rows[slot])

    def set_filter(self, flt: Filter) -> None:
        previous = self._filter
        # Typing on in the search box only narrows: every word typed before is still a
        # substring of what is typed now, so only the rows shown can still match.
        narrows = flt.text.startswith(previous.text) and flt._replace(text="") == previous._replace(text="")
        self._refilter(flt, self._visible if narrows else self._order())

    def _refilter(
        self, flt: Filter, slots: Sequence[int] | None = None, change: Callable[[], object] | None = None
    ) -> None:
        """Show the rows among `slots` (None: all) that match; `change` first alters the rows,
        once the view has been told, so it can still read the old ones as the reset begins."""
        self.beginResetModel()
        if change is not None:
            change()
        self._filter = flt
        key = repr(flt)
        # Backspacing returns to a search seen a moment ago; its rows are remembered
        # until the rows or their order change.
        visible = self._recent_results.pop(key, None)
        if visible is None:
            visible = self._index.matching(flt, self._order() if slots is None else slots)
        self._recent_results[key] = visible
        while len(self._recent_results) > RECENT_RESULTS:
            del self._recent_results[next(iter(self._recent_results))]
        # A list of its own: an edit moves rows within it, and the remembered result stays as it was.
        self._visible = self._with_kept_row(slot_array(visible))
        self.endResetModel()

    def _with_kept_row(self, visible: array) -> array:
        slot = self._index.slot_of.get(self._kept_id) if self._kept_id is not None else None
        if slot is None or slot in visible:
            return visible  # nothing kept, already shown, or deleted
        visible.insert(self._index.insertion(visible, slot, self._sort_column, self._descending), slot)
        return visible

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column if 0 <= column < len(COLUMNS) else None
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._recent_results.clear()
        order_now = self._order()
        # An order kept costs a list of every slot and an insert per edit: keep the current one only.
        self._index.forget_orders((self._sort_column, self._descending))
        self._refilter(self._filter, order_now)

    def _order(self) -> array:
        return self._index.order(self._sort_column, self._descending)

    # Data out ------------------------------------------------------------

    @property
    def total(self) -> int:
        """Rows in the register (while loading: as counted, not all of them read yet)."""
        return self._loading.total if self._loading is not None else len(self._index.slot_of)

    @property
    def shown(self) -> int:
        return len(self._visible)

    def overdue_counts(self) -> tuple[int, int]:
        """How many rows have a late reply, and how many a late action."""
        return self._index.overdue_replies, self._index.overdue_actions

    def all_rows(self) -> list[RecommendationRow]:
        """Every loaded row, in the register's own order."""
        rows = self._index.rows
        return [rows[s] for s in self._index.order(None)]

    def visible_rows(self) -> list[RecommendationRow]:
        rows = self._index.rows
        return [rows[s] for s in self._visible]

    def row_at(self, row: int) -> RecommendationRow:
        return self._index.rows[self._visible[row]]

    def row_of(self, rec_id: int) -> int | None:
        return self._position(self._index.slot_of.get(rec_id))

    def rows_of(self, rec_ids: Iterable[int]) -> list[int]:
        """The rows shown of these ids, in order; one pass over the list however many are asked."""
        slot_of = self._index.slot_of
        slots = {slot_of[i] for i in rec_ids if i in slot_of}
        if len(slots) < 32:
            return sorted(p for p in map(self._position, slots) if p is not None)
        return [p for p, s in enumerate(self._visible) if s in slots]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        # Called for every cell and role at each paint: roles are compared as plain ints, and
        # the roles this model never answers return at once.
        if role not in _ROLES or not index.isValid():
            return None
        r = self._index.rows[self._visible[index.row()]]
        col = index.column()
        column = COLUMNS[col]
        if role == _DISPLAY:
            return column.display(r)
        outside = r.id == self._kept_id and not self._filter.matches(r)
        if role == _TOOLTIP:
            if outside:
                return OUTSIDE_FILTER_TIP
            return column.tooltip(r) if column.tooltip else column.display(r) or None
        if role == _FONT:
            return self._italic if outside else None
        if role in (_BACKGROUND, _FOREGROUND):
            if (col == REPLY_STATE_COLUMN and r.reply_overdue) or (col == DUE_COLUMN and r.action_overdue):
                return _OVERDUE_BACKGROUND if role == _BACKGROUND else _OVERDUE_FOREGROUND
            if role == _FOREGROUND and col == STATUS_COLUMN:
                if r.status == DONE:
                    return _DONE_FOREGROUND
                if r.status in CLOSED_STATUSES:
                    return _CLOSED_FOREGROUND
            return None
        return _CENTER if column.centered else None  # the alignment role
