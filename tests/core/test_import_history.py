"""An import writes its history rows in one batch inside its one transaction: the same rows,
in the same order, as when each was written with its change (issue 16, "Excel at scale")."""

from __future__ import annotations

import datetime as dt

from test_register_readers import varied_register

from tracker.core.changes import run_change
from tracker.core.excel.register_apply import apply_plan, walk
from tracker.core.excel.register_import import read_register
from tracker.core.excel.register_plan import layout_from
from tracker.core.layouts import save_layout
from tracker.core.opening import open_store

TODAY = dt.date(2026, 11, 25)


def test_an_import_writes_the_history_a_row_by_row_import_writes(tmp_path):
    path = varied_register(tmp_path / "reg.xlsx")
    batched, one_by_one = open_store(tmp_path / "a.sqlite"), open_store(tmp_path / "b.sqlite")
    apply_plan(batched, read_register(batched, path), layout_name="Kontoret", today=TODAY)
    plan = read_register(one_by_one, path)

    def write(cs):  # what apply_plan wrote before its history was batched
        walk(one_by_one, plan, cs, TODAY)
        save_layout(cs, layout_from(plan, plan.sheets[0], "Kontoret"))

    run_change(one_by_one, f"Importera register {path.name}", write, source=path.name)
    query = (  # the layout's row holds when it was saved
        "SELECT id, user, table_name, row_id, recommendation_id, action, field, old_value,"
        " iif(table_name = 'register_layouts', NULL, new_value), source FROM history ORDER BY id"
    )
    written = batched.conn.execute(query).fetchall()
    assert len(written) > 25
    assert written == one_by_one.conn.execute(query).fetchall()
    for table in ("reports", "recommendations", "recommendation_bodies", "replies", "follow_ups", "bodies"):
        rows = f"SELECT * FROM {table} ORDER BY id"
        assert batched.conn.execute(rows).fetchall() == one_by_one.conn.execute(rows).fetchall(), table
    batched.close()
    one_by_one.close()
