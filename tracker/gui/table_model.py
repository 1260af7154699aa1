"""The recommendation table: all loaded rows in memory, a filtered and sorted view of them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ..core.model import CLOSED_STATUSES, DONE, RecommendationRow
from ..core.queries import SORT_FIELDS, load_rows
from ..core.rules import Filter, sort_key
from .workspace import EVERYTHING, Changes, Workspace

WARNING = "⚠"
RECENT_RESULTS = 32
_OVERDUE_BACKGROUND = QBrush(QColor("#f9d6d5"))
_OVERDUE_FOREGROUND = QBrush(QColor("#8a1c1c"))
_DONE_FOREGROUND = QBrush(QColor("#2e6b30"))
_CLOSED_FOREGROUND = QBrush(QColor("#6b6b6b"))
OUTSIDE_FILTER_TIP = "Raden matchar inte längre filtret. Den visas tills du markerar en annan rad."


def _date(value) -> str:
    return value.isoformat() if value else ""


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


@dataclass(frozen=True)
class Column:
    title: str
    display: Callable[[RecommendationRow], str]
    key: Callable[[RecommendationRow], tuple]
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
    Column("Granskning", lambda r: r.report, SORT_FIELDS["report"], 140, lambda r: r.report),
    Column("År", lambda r: str(r.year or ""), SORT_FIELDS["year"], 44, centered=True),
    Column("Nr", lambda r: r.number_label, SORT_FIELDS["number"], 34, centered=True),
    Column("Rekommendation", lambda r: _one_line(r.text), SORT_FIELDS["text"], 290, lambda r: r.text),
    Column(
        "Ansvarig",
        lambda r: ", ".join(r.body_short),
        lambda r: sort_key(r.body_short),
        80,
        lambda r: "\n".join(r.bodies),
    ),
    Column("Svar senast", lambda r: _date(r.reply_deadline), SORT_FIELDS["reply_deadline"], 86),
    Column("Svarsläge", _reply_state, SORT_FIELDS["reply_state"], 116, _reply_tip),
    Column("Klart senast", _due, SORT_FIELDS["due"], 100, _due_tip),
    Column("Status", lambda r: r.status, SORT_FIELDS["status"], 104, _status_tip),
    Column("Senast ändrad", _changed, SORT_FIELDS["changed_at"], 124),
]
TEXT_COLUMN = 3
REPLY_STATE_COLUMN = 6
DUE_COLUMN = 7
STATUS_COLUMN = 8


def _base_order(r: RecommendationRow) -> tuple:
    return (sort_key(r.report), r.report_id, r.number_key)


class RecommendationModel(QAbstractTableModel):
    """Holds every loaded row once; filtering and sorting only rebuild the list of visible ones."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._all: list[RecommendationRow] = []
        self._visible: list[RecommendationRow] = []
        self._filter = Filter()
        self._sort_column: int | None = None
        self._descending = False
        self._recent_results: dict[str, list[RecommendationRow]] = {}
        # Sort keys per column (None: the base order) and row id; Swedish keys cost enough
        # that one edited row should not make every other row compute its keys again.
        self._keys: dict[int | None, dict[int, tuple]] = {}
        # The row being edited stays in view after it stops matching the filter, until
        # another row is chosen; so an edit never makes the row, and the pane, vanish.
        self._kept_id: int | None = None

    # Data in -------------------------------------------------------------

    def follow(self, workspace: Workspace) -> None:
        """Load the register's rows, and after each write reload the rows it changed."""
        self._workspace = workspace
        workspace.changed.connect(self._register_changed)
        self._register_changed(EVERYTHING)

    def _register_changed(self, changes: Changes) -> None:
        store, today = self._workspace.store, self._workspace.today()
        if changes.ids is None:
            self.set_rows(load_rows(store, today))
        else:
            self.replace_rows(changes.ids, load_rows(store, today, changes.ids))

    def set_rows(self, rows: list[RecommendationRow]) -> None:
        self._all = list(rows)
        self._keys.clear()
        self._resort_and_filter()

    def replace_rows(self, ids: Iterable[int], rows: list[RecommendationRow]) -> None:
        """Swap in fresh rows for the given ids; ids without a fresh row were deleted."""
        gone = set(ids)
        for keys in self._keys.values():
            for rec_id in gone:
                keys.pop(rec_id, None)
        self._all = [r for r in self._all if r.id not in gone] + list(rows)
        self._resort_and_filter()

    def keep_visible(self, rec_id: int | None) -> None:
        """Keep this row shown even when it does not match the filter (None: no row)."""
        if rec_id == self._kept_id:
            return
        leaving = self._kept_id is not None and self.is_outside_filter(self._kept_id)
        self._kept_id = rec_id
        if leaving:
            self._refilter(self._filter, self._all)

    def is_outside_filter(self, rec_id: int) -> bool:
        row = next((r for r in self._visible if r.id == rec_id), None)
        return row is not None and not self._filter.matches(row)

    def set_filter(self, flt: Filter) -> None:
        previous = self._filter
        # Typing on in the search box only narrows: every word typed before is still a
        # substring of what is typed now, so only the rows shown can still match.
        narrows = flt.text.startswith(previous.text) and replace(flt, text="") == replace(previous, text="")
        self._refilter(flt, self._visible if narrows else self._all)

    def _refilter(self, flt: Filter, rows: list[RecommendationRow]) -> None:
        self._filter = flt
        key = repr(flt)
        # Backspacing returns to a search seen a moment ago; its rows are remembered
        # until the rows or their order change.
        visible = self._recent_results.pop(key, None)
        if visible is None:
            visible = [r for r in rows if flt.matches(r)]
        self._recent_results[key] = visible
        while len(self._recent_results) > RECENT_RESULTS:
            del self._recent_results[next(iter(self._recent_results))]
        visible = self._with_kept_row(visible)
        self.beginResetModel()
        self._visible = visible
        self.endResetModel()

    def _with_kept_row(self, visible: list[RecommendationRow]) -> list[RecommendationRow]:
        kept = self._kept_id
        if kept is None or any(r.id == kept for r in visible):
            return visible
        place = {r.id: i for i, r in enumerate(self._all)}
        if kept not in place:
            return visible  # deleted: nothing to keep
        at = next((i for i, r in enumerate(visible) if place[r.id] > place[kept]), len(visible))
        return [*visible[:at], self._all[place[kept]], *visible[at:]]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column = column if 0 <= column < len(COLUMNS) else None
        self._descending = order == Qt.SortOrder.DescendingOrder
        self._resort_and_filter()

    def _resort_and_filter(self) -> None:
        # Sorting all rows once keeps every later filter a plain pass that preserves order.
        self._recent_results.clear()
        self._all.sort(key=self._key(None))
        if self._sort_column is not None:
            self._all.sort(key=self._key(self._sort_column), reverse=self._descending)
        self._refilter(self._filter, self._all)

    def _key(self, column: int | None) -> Callable[[RecommendationRow], tuple]:
        known = self._keys.setdefault(column, {})
        compute = _base_order if column is None else COLUMNS[column].key

        def key(r: RecommendationRow) -> tuple:
            k = known.get(r.id)
            if k is None:
                k = known[r.id] = compute(r)
            return k

        return key

    # Data out ------------------------------------------------------------

    @property
    def total(self) -> int:
        return len(self._all)

    def all_rows(self) -> list[RecommendationRow]:
        return self._all

    def visible_rows(self) -> list[RecommendationRow]:
        return list(self._visible)

    def row_at(self, row: int) -> RecommendationRow:
        return self._visible[row]

    def row_of(self, rec_id: int) -> int | None:
        return next((i for i, r in enumerate(self._visible) if r.id == rec_id), None)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._visible)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section].title
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        r = self._visible[index.row()]
        col = index.column()
        column = COLUMNS[col]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(r)
        outside = r.id == self._kept_id and not self._filter.matches(r)
        if role == Qt.ItemDataRole.ToolTipRole:
            if outside:
                return OUTSIDE_FILTER_TIP
            return column.tooltip(r) if column.tooltip else column.display(r) or None
        if role == Qt.ItemDataRole.FontRole and outside:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if (col == REPLY_STATE_COLUMN and r.reply_overdue) or (col == DUE_COLUMN and r.action_overdue):
                return _OVERDUE_BACKGROUND
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if (col == REPLY_STATE_COLUMN and r.reply_overdue) or (col == DUE_COLUMN and r.action_overdue):
                return _OVERDUE_FOREGROUND
            if col == STATUS_COLUMN:
                if r.status == DONE:
                    return _DONE_FOREGROUND
                if r.status in CLOSED_STATUSES:
                    return _CLOSED_FOREGROUND
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column.centered:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None
