"""The table widget: columns the user may move, hide and resize, a selection that follows ids."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from .table_model import COLUMNS, TEXT_COLUMN, RecommendationModel


class RecommendationTable(QTableView):
    def __init__(self, model: RecommendationModel) -> None:
        super().__init__()
        self.setModel(model)
        self.rows = model
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        # The cells' Latin text needs no shaping engine (kerning, ligatures): without it a
        # repaint of the table, which every keystroke and filter ends with, is a fifth faster.
        font = self.font()
        font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
        self.setFont(font)
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        for i, column in enumerate(COLUMNS):
            header.resizeSection(i, column.width)
        self.setSortingEnabled(True)
        self.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        # Filtering, sorting and reloading reset the model; the selection follows the ids.
        self._kept: tuple[list[int], int | None] = ([], None)
        model.modelAboutToBeReset.connect(self._remember_selection)
        model.modelReset.connect(self._restore_selection)

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        return [self.rows.row_at(r).id for r in rows]

    def current_id(self) -> int | None:
        index = self.currentIndex()
        return self.rows.row_at(index.row()).id if index.isValid() else None

    def restore_columns(self, state: object) -> bool:
        """Apply a saved header state; False if there was none to apply."""
        if isinstance(state, QByteArray) and not state.isEmpty():
            return self.horizontalHeader().restoreState(state)
        return False

    def fit_text_column(self) -> None:
        """Give the recommendation text the room the other columns leave."""
        header = self.horizontalHeader()
        others = sum(header.sectionSize(i) for i in range(len(COLUMNS)) if i != TEXT_COLUMN)
        header.resizeSection(TEXT_COLUMN, max(200, self.viewport().width() - others - 2))

    def _remember_selection(self) -> None:
        self._kept = (self.selected_ids(), self.current_id())

    def _restore_selection(self) -> None:
        ids, current = self._kept
        if not ids and current is None:
            return
        selection = QItemSelection()
        last = self.rows.columnCount() - 1
        # Runs of neighbouring rows as one range each: selecting every row stays one range.
        rows = self.rows.rows_of(ids)
        for start, end in _runs(rows):
            selection.select(self.rows.index(start, 0), self.rows.index(end, last))
        current_row = self.rows.row_of(current) if current is not None else None
        selection_model = self.selectionModel()
        if current_row is not None:
            selection_model.setCurrentIndex(self.rows.index(current_row, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _header_menu(self, pos: QPoint) -> None:
        header = self.horizontalHeader()
        menu = QMenu(self)
        shown = [i for i in range(len(COLUMNS)) if not header.isSectionHidden(i)]
        for i, column in enumerate(COLUMNS):
            qa = menu.addAction(column.title)
            qa.setCheckable(True)
            qa.setChecked(i in shown)
            qa.setEnabled(not (i in shown and len(shown) == 1))  # one column always stays
            qa.toggled.connect(lambda on, i=i: header.setSectionHidden(i, not on))
        menu.addSeparator()
        menu.addAction("Återställ kolumner", self.reset_columns)
        menu.exec(header.mapToGlobal(pos))

    def reset_columns(self) -> None:
        header = self.horizontalHeader()
        for i, column in enumerate(COLUMNS):
            header.setSectionHidden(i, False)
            header.moveSection(header.visualIndex(i), i)
            header.resizeSection(i, column.width)
        self.fit_text_column()


def _runs(rows: list[int]) -> list[tuple[int, int]]:
    """(first, last) of each run of consecutive numbers in a sorted list."""
    runs: list[tuple[int, int]] = []
    for r in rows:
        if runs and runs[-1][1] == r - 1:
            runs[-1] = (runs[-1][0], r)
        else:
            runs.append((r, r))
    return runs
