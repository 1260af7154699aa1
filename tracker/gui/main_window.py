"""The main window: the register as one filterable table, the detail pane beside it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..core import rules
from ..core.changes import History
from ..core.demo import fill_demo
from ..core.errors import UserError
from ..core.queries import is_empty
from ..core.store import Store
from . import actions, icons, register_files, row_menu
from .detail_pane import DetailPane
from .empty_state import EmptyState
from .filter_bar import FilterBar
from .overdue_line import OverdueLine
from .table_model import RecommendationModel
from .table_view import RecommendationTable
from .workspace import EVERYTHING, Changes, Workspace


def app_settings() -> QSettings:
    return QSettings(APP_NAME, APP_NAME)


class MainWindow(QMainWindow):
    def __init__(self, workspace: Workspace, settings: QSettings | None = None) -> None:
        super().__init__()
        self.workspace = workspace
        workspace.ask.parent = self
        self.settings = settings or app_settings()
        # Suffix -> handler(window, path); features add theirs in actions.DROP_HANDLERS.
        self.drop_handlers = {".sqlite": lambda w, path: w.open_register(path), **actions.DROP_HANDLERS}
        self.qactions: dict[str, QAction] = {}
        self.setAcceptDrops(True)

        # Subscribers in this order: rows first, so the window and pane see the new rows.
        self.model = RecommendationModel(self)
        self.model.follow(workspace)
        self.model.loaded.connect(self._after_rows_changed)
        self.filter_bar = FilterBar()
        self.filter_bar.follow(workspace)
        self.filter_bar.changed.connect(self._apply_filter)
        self.table = RecommendationTable(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail = DetailPane(workspace, self)
        row_menu.attach(self)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        content = QWidget()
        content_layout = QVBoxLayout(content)
        content_layout.setContentsMargins(0, 0, 0, 0)
        content_layout.setSpacing(0)
        content_layout.addWidget(self.filter_bar)
        self.overdue_line = OverdueLine()
        self.overdue_line.show_requested.connect(lambda: self.filter_bar.clear(overdue=True))
        content_layout.addWidget(self.overdue_line)
        content_layout.addWidget(self.splitter, 1)

        self.empty_state = EmptyState(self)
        self.stack = QStackedWidget()
        self.stack.addWidget(content)
        self.stack.addWidget(self.empty_state)
        self.banner = QLabel(wordWrap=True)
        self.banner.setStyleSheet(
            "background: #fff3cd; color: #5c4400; border-bottom: 1px solid #e0c56e; padding: 6px 10px;"
        )
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self._build_actions()
        self._restore_settings()
        workspace.changed.connect(self._register_changed)
        self._register_changed(EVERYTHING)

    # What other features use ---------------------------------------------------

    @property
    def store(self) -> Store:
        return self.workspace.store

    @property
    def history(self) -> History:
        return self.workspace.history

    def today(self) -> dt.date:
        return self.workspace.today()

    def current_filter(self) -> rules.Filter:
        return self.filter_bar.filter()

    def visible_ids(self) -> list[int]:
        return [r.id for r in self.model.visible_rows()]

    def selected_ids(self) -> list[int]:
        return self.table.selected_ids()

    def selected_report_id(self) -> int | None:
        index = self.table.currentIndex()
        if index.isValid() and self.table.selectionModel().isRowSelected(index.row()):
            return self.model.row_at(index.row()).report_id
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()).report_id if rows else None

    def open_register(self, path: Path | str, *, create: bool = False) -> bool:
        """Switch the window to another register file; False (and a message) if it cannot be opened."""
        same = Path(path).resolve() == self.store.path.resolve()
        if same and not self.store.read_only and not self.store.closed:
            return True  # opening it again would meet our own writer lock and come up read-only
        try:
            self.workspace.open(path, create=create)
        except UserError as exc:
            self.show_error(exc, "Registret kunde inte öppnas")
            return False
        register_files.remember(self.settings, self.store.path)
        return True

    def show_error(self, exc: UserError, title: str = APP_NAME) -> None:
        self.workspace.ask.error(title, str(exc), self)

    # Actions' handlers --------------------------------------------------------

    def undo(self) -> None:
        self._replay(self.workspace.undo, "Ångrade")

    def redo(self) -> None:
        self._replay(self.workspace.redo, "Gjorde om")

    def _replay(self, step, word: str) -> None:
        try:
            label = step()
        except UserError as exc:
            self.show_error(exc)
            return
        if label is not None:
            self.statusBar().showMessage(f"{word}: {label}", 5000)

    def focus_search(self) -> None:
        if self.stack.currentWidget() is not self.empty_state:
            self.filter_bar.focus_search()

    def new_register(self) -> None:
        register_files.new_register(self)

    def choose_register(self) -> None:
        register_files.choose_register(self)

    def fill_recent_menu(self, menu: QMenu) -> None:
        register_files.fill_recent_menu(self, menu)

    def delete_selected_report(self) -> None:
        row_menu.delete_report(self, self.selected_report_id())

    def fill_demo(self) -> None:
        try:
            self.workspace.write_unrecorded(lambda store: fill_demo(store, self.today()))
        except UserError as exc:
            self.show_error(exc)

    # Building ---------------------------------------------------------------

    def _build_actions(self) -> None:
        toolbar = QToolBar("Verktygsfält", objectName="main_toolbar")
        toolbar.setMovable(False)
        toolbar.setIconSize(QSize(16, 16))
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.addToolBar(toolbar)
        names = [m for m in actions.MENUS if m != "Hjälp"]
        names += [a.menu for a in actions.ACTIONS if a.menu not in names and a.menu != "Hjälp"]
        names = list(dict.fromkeys(names)) + ["Hjälp"]
        last_toolbar_menu = None
        for name in names:
            menu = self.menuBar().addMenu(name)
            section = None
            for a in sorted((a for a in actions.ACTIONS if a.menu == name), key=lambda a: a.section):
                if section is not None and a.section != section:
                    menu.addSeparator()
                section = a.section
                if a.submenu is not None:
                    sub = menu.addMenu(a.text)
                    sub.aboutToShow.connect(lambda sub=sub, a=a: a.submenu(self, sub))
                    continue
                qa = QAction(a.text, self)
                qa.setShortcuts([QKeySequence(s) for s in a.shortcuts])
                if icon := icons.for_action(a.id):
                    qa.setIcon(icon)
                if a.tip:
                    qa.setStatusTip(a.tip)
                if a.shortcuts:  # the toolbar's tooltip names the key, as the menu does
                    keys = QKeySequence(a.shortcuts[0]).toString(QKeySequence.SequenceFormat.NativeText)
                    qa.setToolTip(f"{a.text.rstrip('…')} ({keys})")
                qa.triggered.connect(lambda _=False, a=a: self.run_action(a))
                menu.addAction(qa)
                self.addAction(qa)  # shortcuts work even where the menu bar is not native
                if a.toolbar:
                    if last_toolbar_menu not in (None, name):
                        toolbar.addSeparator()
                    last_toolbar_menu = name
                    toolbar.addAction(qa)
                self.qactions[a.id] = qa

    def run_action(self, action: actions.Action) -> None:
        try:
            action.handler(self)
        except UserError as exc:
            self.show_error(exc)

    # State -------------------------------------------------------------------

    def _register_changed(self, changes: Changes) -> None:
        if "store" in changes.kinds:
            self._show_store()
        self._follow_current()
        self._after_rows_changed()

    def _show_store(self) -> None:
        suffix = " (skrivskyddad)" if self.store.read_only else ""
        self.setWindowTitle(f"{APP_NAME} – {self.store.path.name}{suffix}")
        self.banner.setVisible(self.store.read_only)
        if self.store.read_only:
            self.banner.setText(
                f"<b>Registret är öppnat skrivskyddat</b> – {self.store.read_only_reason}. Du kan läsa och "
                "skriva ut, men inga ändringar kan sparas."
            )
        if self.store.notice:
            self.statusBar().showMessage(self.store.notice)
        self.empty_state.update_enabled()
        if self.store.damaged:
            QTimer.singleShot(0, self._offer_restore)

    def _offer_restore(self) -> None:
        text = (
            f"Filen {self.store.path.name} är skadad och har öppnats skrivskyddad; det som går att läsa visas.\n\n"
            "Återställ den senaste säkerhetskopian för att kunna arbeta vidare. Vill du se kopiorna nu?"
        )
        if self.workspace.ask.confirm("Registret är skadat", text, parent=self):
            from .dialogs.backups import open_restore_dialog

            open_restore_dialog(self)

    def _after_rows_changed(self) -> None:
        """What the register's rows decide: the empty page and the overdue line."""
        was_empty = self.stack.currentWidget() is self.empty_state
        empty = is_empty(self.store)
        self.stack.setCurrentWidget(self.empty_state if empty else self.stack.widget(0))
        if was_empty and not empty:
            self.table.setFocus()  # the first rows: work starts in the list, not in the search box
        # Counted from the first screen the line would understate: it waits for every row.
        replies, actions = self.model.overdue_counts() if not self.model.loading else (0, 0)
        self.overdue_line.set_counts(replies, actions)
        self._after_filter_changed()

    def _after_filter_changed(self) -> None:
        """What the rows shown decide: the counts and which actions apply. A filter change
        stops here; the register and its overdue rows are as they were."""
        self.filter_bar.set_counts(self.model.shown, self.model.total, loading=self.model.loading)
        self._update_actions()

    def _update_actions(self) -> None:
        for a in actions.ACTIONS:
            qa = self.qactions.get(a.id)
            if qa is not None and a.enabled is not None:
                qa.setEnabled(a.enabled(self))
        for action_id, word, label in (
            ("undo", "Ångra", self.history.undo_label),
            ("redo", "Gör om", self.history.redo_label),
        ):
            if qa := self.qactions.get(action_id):
                qa.setText(f"{word}: {label}" if label else word)

    def _apply_filter(self) -> None:
        self.model.set_filter(self.current_filter())
        self._follow_current()
        self._after_filter_changed()

    def _selection_changed(self) -> None:
        # The row chosen is the one being edited: it stays in the list until another is chosen.
        self.model.keep_visible(self.table.current_id())
        self._follow_current()
        self._update_actions()  # after the pane: Lägg till uppföljning needs its row

    def _follow_current(self) -> None:
        ids = self.selected_ids()
        current = self.table.current_id()
        rec_id = current if current in ids else (ids[0] if ids else None)
        if rec_id != self.detail.rec_id:
            self.detail.show_recommendation(rec_id)

    # Settings, recent files, drops --------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 820)
        self._fit_columns_on_show = not self.table.restore_columns(self.settings.value("table/header"))
        splitter = self.settings.value("window/splitter")
        if isinstance(splitter, QByteArray) and not splitter.isEmpty():
            self.splitter.restoreState(splitter)
        else:
            self.splitter.setSizes([1050, 350])
        register_files.remember(self.settings, self.store.path)

    def _save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("table/header", self.table.horizontalHeader().saveState())
        self.settings.setValue("window/splitter", self.splitter.saveState())
        self.settings.sync()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._fit_columns_on_show:
            self._fit_columns_on_show = False
            QTimer.singleShot(0, self.table.fit_text_column)
        # Work starts in the list; the search box is one Ctrl+F away.
        self.table.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_settings()
        super().closeEvent(event)

    def _dropped_files(self, event: QDragEnterEvent | QDropEvent) -> list[Path]:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        return [p for p in paths if p.suffix.lower() in self.drop_handlers]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_files(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        for path in self._dropped_files(event):
            try:
                self.drop_handlers[path.suffix.lower()](self, path)
            except UserError as exc:
                self.show_error(exc)
        event.acceptProposedAction()
