"""The table model: the rows it shows always equal the core filter over all rows."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tracker.core.queries import load_rows
from tracker.core.rules import Filter, apply, sort_key
from tracker.gui.table_model import COLUMNS, RecommendationModel


def test_narrowing_widening_and_switching_filters_match_the_core_filter(demo_store, today):
    rows = load_rows(demo_store, today)
    model = RecommendationModel()
    model.set_rows(rows)
    body = rows[0].body_ids[0]
    steps = [
        Filter(text="s"),
        Filter(text="so"),
        Filter(text="soc"),
        Filter(text="so"),
        Filter(text="soc", body_ids=(body,)),
        Filter(text="soc"),
        Filter(text="soc", overdue_only=True),
        Filter(text="socx"),
        Filter(text=""),
        Filter(text="nämnd bör"),
    ]
    for flt in steps:
        model.set_filter(flt)
        assert [r.id for r in model.visible_rows()] == [r.id for r in apply(rows, flt)], flt


def test_replacing_rows_forgets_remembered_results(demo_store, today):
    rows = load_rows(demo_store, today)
    model = RecommendationModel()
    model.set_rows(rows)
    model.set_filter(Filter(text="soc"))
    shown = model.visible_rows()
    gone = shown[0].id
    model.replace_rows({gone}, [])
    model.set_filter(Filter(text="so"))
    model.set_filter(Filter(text="soc"))
    assert gone not in [r.id for r in model.visible_rows()]
    assert len(model.visible_rows()) == len(shown) - 1


def test_every_column_sorts_in_swedish_order_both_ways(demo_store, today):
    model = RecommendationModel()
    model.set_rows(load_rows(demo_store, today))
    for col, column in enumerate(COLUMNS):
        read = column.sort[0]

        # The plain keys the list sorts by order rows as rules.sort_key does (the number: as written).
        def key(r, read=read, col=col):
            return r.number_key if col == 2 else sort_key(read(r))

        model.sort(col, Qt.SortOrder.AscendingOrder)
        keys = [key(r) for r in model.visible_rows()]
        assert keys == sorted(keys), column.title
        model.sort(col, Qt.SortOrder.DescendingOrder)
        keys = [key(r) for r in model.visible_rows()]
        assert keys == sorted(keys, reverse=True), column.title


def test_dates_show_as_iso_and_long_text_has_full_tooltip(demo_store, today):
    model = RecommendationModel()
    model.set_rows(load_rows(demo_store, today))
    row = next(i for i, r in enumerate(model.visible_rows()) if r.reply_deadline)
    rec = model.row_at(row)
    assert model.index(row, 5).data() == rec.reply_deadline.isoformat()
    assert model.index(row, 3).data(Qt.ItemDataRole.ToolTipRole) == rec.text


def test_the_number_column_shows_numbers_as_written_in_their_order(store, today):
    from tracker.core import register
    from tracker.core.changes import run_change

    def setup(cs):
        report = register.create_report(cs, "Intern kontroll")
        for label, text in (("10", "Tionde."), ("2a", "Andra a."), ("1.2", "Ett två."), ("1.1", "Ett ett.")):
            register.add_recommendation(cs, report, text, number=int(label.split(".")[0].rstrip("a")), label=label)

    run_change(store, "setup", setup)
    model = RecommendationModel()
    model.set_rows(load_rows(store, today))
    nr = next(i for i, c in enumerate(COLUMNS) if c.title == "Nr")
    shown = [model.data(model.index(row, nr), Qt.ItemDataRole.DisplayRole) for row in range(model.rowCount())]
    assert shown == ["1.1", "1.2", "2a", "10"]
