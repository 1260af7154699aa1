"""The list as issue 16 shaped it, with real widgets over a real register file: an edit moves
its one row to its new place (no reset, the selection stays on it) and leaves the list as a
fresh load shows it; a search shows what a plain filter over every row shows; and a large
register shows its first screen at once and reads the rest on a worker thread."""

from __future__ import annotations

import sqlite3
import threading
import time

from PySide6.QtCore import Qt
from window_helpers import make_window

import tracker.gui.table_model as table_model
from tracker.core import queries
from tracker.core import register as R
from tracker.core.model import DONE
from tracker.core.queries import load_rows
from tracker.core.rules import Filter
from tracker.gui.row_loading import Loading
from tracker.gui.table_model import COLUMNS, TEXT_COLUMN, RecommendationModel


def fresh_view(store, today, flt: Filter, column: int, order: Qt.SortOrder) -> list[int]:
    model = RecommendationModel()
    model.set_rows(load_rows(store, today))
    model.sort(column, order)
    model.set_filter(flt)
    return [r.id for r in model.visible_rows()]


def edit(window, rec_id: int, **fields) -> None:
    window.workspace.run("Ändra", lambda cs: R.update_recommendation(cs, rec_id, **fields))


def test_an_edit_moves_its_row_in_place_keeping_the_selection_and_the_fresh_order(qtbot, demo_store, settings, today):
    window = make_window(qtbot, demo_store, settings)
    window.table.sortByColumn(TEXT_COLUMN, Qt.SortOrder.AscendingOrder)
    window.table.selectRow(4)
    rec_id = window.table.current_id()
    resets, moves = [], []
    window.model.modelReset.connect(lambda: resets.append(1))
    window.model.rowsMoved.connect(lambda *a: moves.append(a))

    edit(window, rec_id, text="Öööö hamnar sist i bokstavsordning.")
    assert window.model.row_of(rec_id) == window.model.shown - 1  # moved to the end
    assert (window.table.current_id(), window.selected_ids()) == (rec_id, [rec_id])
    assert window.detail.rec_id == rec_id
    edit(window, rec_id, text="Aaaa hamnar först.")
    assert window.model.row_of(rec_id) == 0
    assert (window.table.current_id(), window.selected_ids()) == (rec_id, [rec_id])
    assert len(moves) == 2 and not resets
    order = Qt.SortOrder.AscendingOrder
    assert window.visible_ids() == fresh_view(demo_store, today, Filter(), TEXT_COLUMN, order)


def test_a_sorted_and_filtered_list_after_edits_equals_a_fresh_load(qtbot, demo_store, settings, today):
    window = make_window(qtbot, demo_store, settings)
    window.table.sortByColumn(8, Qt.SortOrder.DescendingOrder)  # Status, Ö first
    window.filter_bar.status.setCurrentIndex(1)  # Ej avslutade
    window.filter_bar.search.setText("e")
    window.filter_bar.apply_now()
    shown = window.visible_ids()
    window.table.selectRow(1)
    kept = window.table.current_id()
    # The row chosen stops matching: it stays, marked, until another is chosen.
    window.workspace.run("Status", lambda cs: R.add_follow_up(cs, kept, today, DONE, None))
    edit(window, shown[3], text="Ny text med e.")
    edit(window, shown[5], text="Aaaa, med e.")
    flt = window.current_filter()
    fresh = fresh_view(demo_store, today, flt, 8, Qt.SortOrder.DescendingOrder)
    assert kept not in fresh and kept in window.visible_ids()
    assert [i for i in window.visible_ids() if i != kept] == fresh
    window.table.selectRow(window.model.row_of(fresh[0]))  # another row chosen: the kept one goes
    assert window.visible_ids() == fresh


def test_a_search_shows_what_a_plain_filter_over_every_row_shows(qtbot, demo_store, settings, today):
    window = make_window(qtbot, demo_store, settings)
    rows = load_rows(demo_store, today)
    body = window.filter_bar.body
    for typed in ("k", "ko", "kon", "kont", "kon", "å", "rutin nämnd", "ÄRENDE", "x"):
        window.filter_bar.search.setText(typed)
        window.filter_bar.apply_now()
        for b in (0, 2):
            body.setCurrentIndex(b)
            flt = window.current_filter()
            assert window.visible_ids() == [r.id for r in rows if flt.matches(r)], (typed, b)
    assert window.filter_bar.count.text() == f"Visar {window.model.shown} av {len(rows)}"


def test_a_large_register_shows_its_first_rows_then_reads_the_rest_in_the_background(
    qtbot, demo_store, settings, today, monkeypatch
):
    monkeypatch.setattr(table_model, "LOAD_AT_ONCE", 5)
    monkeypatch.setattr(table_model, "FIRST_SCREEN", 3)
    # The worker reads every row, then waits until the test has edited one: what it read is stale.
    read, go_on = threading.Event(), threading.Event()
    real_read = queries.load_rows_apart

    def read_then_wait(path, day, **how):
        rows = real_read(path, day, **how)
        read.set()
        go_on.wait(10)
        return rows

    monkeypatch.setattr(queries, "load_rows_apart", read_then_wait)
    every = load_rows(demo_store, today)
    window = make_window(qtbot, demo_store, settings)
    assert window.model.loading
    first = window.visible_ids()
    assert 3 <= len(first) < len(every) and first == [r.id for r in every[: len(first)]]
    assert window.filter_bar.count.text() == "Läser in registret …"
    assert f"Visar {len(first)} av de första raderna; registret har {len(every)}" in window.filter_bar.count.toolTip()
    assert window.overdue_line.isHidden()  # counted from the first rows it would understate
    # Meanwhile the user searches (in what has been read) and edits a row read already.
    window.filter_bar.search.setText("e")
    window.filter_bar.apply_now()
    edited = first[0]
    assert read.wait(10)
    edit(window, edited, text="Ändrad medan resten lästes in, med e.")
    assert window.model.loading
    go_on.set()
    qtbot.waitUntil(lambda: not window.model.loading, timeout=10_000)
    flt = window.current_filter()
    now = load_rows(demo_store, today)
    assert window.visible_ids() == [r.id for r in now if flt.matches(r)]
    assert window.model.total == len(every)
    assert window.filter_bar.count.text() == f"Visar {window.model.shown} av {len(every)}"
    overdue = (sum(r.reply_overdue for r in now), sum(r.action_overdue for r in now))
    assert window.model.overdue_counts() == overdue and not window.overdue_line.isHidden()
    row = window.model.row_at(window.model.row_of(edited))
    assert row.text == "Ändrad medan resten lästes in, med e."


def test_quitting_while_the_rest_is_read_interrupts_sqlite_and_ends_the_thread(qtbot, demo_store, today, monkeypatch):
    """A thread still reading when Python shuts down aborts the program; stop() ends it first."""
    reading = threading.Event()

    def endless(conn, day, ids=None):
        reading.set()
        conn.execute(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
        ).fetchone()

    monkeypatch.setattr(queries, "rows_from", endless)
    loading = Loading(demo_store.path, today, 10, [c.sort for c in COLUMNS], None, False)
    loading.start()
    assert reading.wait(10)
    started = time.perf_counter()
    loading.stop()
    assert not loading.thread.is_alive() and time.perf_counter() - started < 5
    assert loading.index is None and isinstance(loading.error, sqlite3.OperationalError)
