"""The main window over real register files: filtering, Swedish sorting, edits, undo, states."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QLabel
from window_helpers import make_window

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.opening import open_store
from tracker.core.queries import load_rows
from tracker.core.rules import swedish_key
from tracker.gui import actions
from tracker.gui.main_window import MainWindow


def shown_titles(window: MainWindow) -> list[str]:
    return [r.report for r in window.model.visible_rows()]


def test_typing_in_search_narrows_rows_and_count(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    total = window.model.total
    assert total > 5
    assert window.filter_bar.count.text() == f"Visar {total} av {total}"

    qtbot.keyClicks(window.filter_bar.search, "ekonomiskt bistånd")
    qtbot.waitUntil(lambda: len(window.visible_ids()) < total)

    rows = window.model.visible_rows()
    assert rows and all(swedish_key("bistånd") in r.search_text for r in rows)
    assert window.filter_bar.count.text() == f"Visar {len(rows)} av {total}"
    assert window.current_filter().text == "ekonomiskt bistånd"


def test_clicking_granskning_header_sorts_aao_after_z(qtbot, store, settings):
    def fill(cs):
        for title in ("Öppenvård", "ärendehantering", "Zonplan", "Åtgärdsplan", "avtal", "Bisysslor"):
            R.add_recommendation(cs, R.create_report(cs, title, audit_year=2025), "Gör något.")

    run_change(store, "test", fill)
    window = make_window(qtbot, store, settings)
    header = window.table.horizontalHeader()
    window.table.sortByColumn(3, Qt.SortOrder.AscendingOrder)  # start from another column

    x = header.sectionViewportPosition(0) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    order = shown_titles(window)
    if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
        order.reverse()
    assert order == ["avtal", "Bisysslor", "Zonplan", "Åtgärdsplan", "ärendehantering", "Öppenvård"]


def test_body_filter_shows_only_that_bodys_recommendations(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    combo = window.filter_bar.body
    index = combo.findText("Socialnämnden")
    assert index > 0
    body_id = combo.itemData(index)
    combo.setCurrentIndex(index)

    rows = window.model.visible_rows()
    expected = [r.id for r in load_rows(demo_store, window.today()) if body_id in r.body_ids]
    assert sorted(r.id for r in rows) == sorted(expected)
    assert 0 < len(rows) < window.model.total


def test_overdue_only_shows_exactly_the_overdue_rows(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    window.filter_bar.overdue.setChecked(True)

    overdue = [r.id for r in load_rows(demo_store, window.today()) if r.overdue]
    assert overdue
    assert sorted(window.visible_ids()) == sorted(overdue)
    assert window.filter_bar.count.text() == f"Visar {len(overdue)} av {window.model.total}"


def test_overdue_cells_carry_a_symbol_not_only_colour(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    model = window.model
    late = next(i for i, r in enumerate(model.visible_rows()) if r.reply_overdue)
    text = model.index(late, 6).data()
    assert text.startswith("⚠") and "Svar försenat" in text
    assert model.index(late, 6).data(Qt.ItemDataRole.BackgroundRole) is not None


def test_edit_reaches_database_and_undo_action_reverts_it(qtbot, demo_store, db_path, settings):
    window = make_window(qtbot, demo_store, settings)
    rec = window.model.visible_rows()[0]

    window.workspace.run(
        "Ändra rekommendation", lambda cs: R.update_recommendation(cs, rec.id, text="Ny text från testet.")
    )
    assert window.model.index(window.model.row_of(rec.id), 3).data() == "Ny text från testet."
    assert window.qactions["undo"].text() == "Ångra: Ändra rekommendation"
    with _reader(db_path) as other:
        assert _text_of(other, rec.id) == "Ny text från testet."

    window.qactions["undo"].trigger()

    assert _text_of(demo_store, rec.id) == rec.text
    assert window.model.index(window.model.row_of(rec.id), 3).data() == " ".join(rec.text.split())
    assert window.qactions["undo"].text() == "Ångra"
    assert window.qactions["redo"].text() == "Gör om: Ändra rekommendation"


def test_ctrl_z_undoes_from_the_table(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    rec = window.model.visible_rows()[0]
    window.workspace.run("Ändra rekommendation", lambda cs: R.update_recommendation(cs, rec.id, text="Ändrad."))
    window.table.setFocus()

    assert window.qactions["undo"].isEnabled()
    # Through the window system, as a real key press goes, so the shortcut map sees it.
    qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)

    assert _text_of(demo_store, rec.id) == rec.text


def test_reopening_the_register_shows_the_edit(qtbot, db_path, today, settings):
    store = open_store(db_path)
    from tracker.core.demo import fill_demo

    fill_demo(store, today)
    window = make_window(qtbot, store, settings)
    rec = window.model.visible_rows()[0]
    window.history.run("Ändra", lambda cs: R.update_recommendation(cs, rec.id, text="Sparad direkt."))
    window.close()
    store.close()

    again = open_store(db_path)
    try:
        reopened = make_window(qtbot, again, settings)
        assert reopened.model.index(reopened.model.row_of(rec.id), 3).data() == "Sparad direkt."
    finally:
        again.close()


def test_empty_register_shows_welcome_and_demo_button_fills_it(qtbot, store, settings):
    window = make_window(qtbot, store, settings)
    assert window.stack.currentWidget() is window.empty_state
    assert any("Välkommen" in label.text() for label in window.empty_state.findChildren(QLabel))

    qtbot.mouseClick(window.empty_state.buttons["demo"], Qt.MouseButton.LeftButton)

    assert window.stack.currentWidget() is not window.empty_state
    assert window.model.total > 0
    assert window.filter_bar.count.text() == f"Visar {window.model.total} av {window.model.total}"


def test_title_names_the_file(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    assert window.windowTitle() == "Revisionsuppföljning – register.sqlite"
    assert window.banner.isHidden()


def test_read_only_register_opens_with_banner_and_no_editing(qtbot, demo_store, db_path, settings):
    demo_store.close()
    store = open_store(db_path, read_only=True)
    try:
        window = make_window(qtbot, store, settings)
        window.show()
        assert window.windowTitle().endswith("(skrivskyddad)")
        assert window.banner.isVisible()
        assert store.read_only_reason in window.banner.text()
        assert not window.qactions["new_report"].isEnabled()
        assert window.model.total > 0
    finally:
        store.close()


def test_open_register_switches_file_and_remembers_it(qtbot, demo_store, tmp_path, settings):
    window = make_window(qtbot, demo_store, settings)
    other = tmp_path / "annat.sqlite"

    assert window.open_register(other, create=True)

    assert window.windowTitle() == "Revisionsuppföljning – annat.sqlite"
    assert window.stack.currentWidget() is window.empty_state
    assert str(other.resolve()) in settings.value("recent_files")
    window.store.close()


def test_hidden_column_is_remembered(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    window.table.horizontalHeader().setSectionHidden(9, True)
    window.close()

    again = make_window(qtbot, demo_store, settings)
    assert again.table.horizontalHeader().isSectionHidden(9)


def test_selection_survives_filtering(qtbot, demo_store, settings):
    window = make_window(qtbot, demo_store, settings)
    rec = window.model.visible_rows()[2]
    window.table.selectRow(2)
    window.filter_bar.search.setText(rec.report)
    window.filter_bar.apply_now()
    assert window.selected_ids() == [rec.id]


def _reader(path: Path):
    import contextlib
    import sqlite3

    return contextlib.closing(sqlite3.connect(path))


def _text_of(store_or_conn, rec_id: int) -> str:
    conn = getattr(store_or_conn, "conn", store_or_conn)
    return conn.execute("SELECT text FROM recommendations WHERE id = ?", (rec_id,)).fetchone()[0]


def _drop(window: MainWindow, paths: list[Path]) -> None:
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip
    window.dropEvent(event)


def test_dropped_files_go_to_the_handler_for_their_suffix(qtbot, demo_store, tmp_path, settings):
    window = make_window(qtbot, demo_store, settings)
    seen = []
    window.drop_handlers[".xlsx"] = lambda w, path: seen.append((w, path))
    sheet, note = tmp_path / "Svar.XLSX", tmp_path / "anteckning.md"
    sheet.write_bytes(b"PK")
    note.write_text("inte för registret")

    _drop(window, [sheet, note])

    assert seen == [(window, sheet)]


def test_dropping_a_register_file_opens_it(qtbot, demo_store, tmp_path, settings):
    other = open_store(tmp_path / "annat.sqlite")
    other.close()
    window = make_window(qtbot, demo_store, settings)

    _drop(window, [tmp_path / "annat.sqlite"])

    assert window.windowTitle() == "Revisionsuppföljning – annat.sqlite"
    window.store.close()


def test_opening_the_open_register_again_keeps_it_writable(qtbot, demo_store, db_path, settings):
    window = make_window(qtbot, demo_store, settings)

    assert window.open_register(db_path)

    assert window.store is demo_store
    assert not window.store.read_only


def test_reopening_a_read_only_register_can_make_it_writable(qtbot, demo_store, db_path, settings):
    demo_store.close()
    window = make_window(qtbot, open_store(db_path, read_only=True), settings)

    assert window.open_register(db_path)

    assert not window.store.read_only
    assert window.banner.isHidden()
    assert not window.windowTitle().endswith("(skrivskyddad)")
    window.store.close()


def test_every_dialog_an_action_or_a_drop_opens_exists():
    dialogs = [h for a in actions.ACTIONS for h in (a.handler, a.enabled) if isinstance(h, actions.Dialog)]
    dialogs += [h for h in actions.DROP_HANDLERS.values() if isinstance(h, actions.Dialog)]
    assert len(dialogs) >= 15
    for dialog in dialogs:
        assert callable(dialog.target()), dialog
