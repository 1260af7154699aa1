"""Avbryt during long Excel work: the register and any older file stay as they were."""

from __future__ import annotations

import openpyxl
import pytest
from test_register_import import TODAY

from tracker.core.errors import UserError
from tracker.core.excel.register_apply import apply_plan
from tracker.core.excel.register_export import export_register
from tracker.core.excel.register_import import read_register

ROWS = 900


def big_register(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Granskning", "År", "Nr", "Rekommendation", "Ansvarig nämnd", "Status"])
    for i in range(ROWS):
        ws.append([f"Granskning {i // 5}", 2024, i % 5 + 1, f"Rekommendation nummer {i}.", "Kommunstyrelsen", "Pågår"])
    wb.save(path)
    return path


def table_counts(store) -> dict[str, int]:
    tables = ("reports", "recommendations", "bodies", "replies", "follow_ups", "history")
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def stop_after(calls: int):
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return len(seen) < calls

    return progress, seen


def test_avbryt_while_reading_a_register_raises_and_reports_rows_read(store, tmp_path):
    progress, seen = stop_after(2)
    with pytest.raises(UserError, match="Avbrutet; inget har ändrats"):
        read_register(store, big_register(tmp_path / "reg.xlsx"), progress=progress)
    assert seen == [(200, 0), (400, 0)]  # rows so far; the total is unknown while streaming


def test_avbryt_while_writing_an_import_rolls_all_of_it_back(store, tmp_path):
    plan = read_register(store, big_register(tmp_path / "reg.xlsx"))
    before = table_counts(store)
    progress, seen = stop_after(3)
    with pytest.raises(UserError, match="Avbrutet"):
        apply_plan(store, plan, today=TODAY, progress=progress)
    assert table_counts(store) == before
    assert seen[-1] == (600, ROWS)
    apply_plan(store, plan, today=TODAY)  # and the same plan still imports whole afterwards
    assert table_counts(store)["recommendations"] == ROWS


def test_avbryt_while_exporting_keeps_the_older_file_and_leaves_no_temporary(store, tmp_path):
    apply_plan(store, read_register(store, big_register(tmp_path / "reg.xlsx")), today=TODAY)
    folder = tmp_path / "ut"
    folder.mkdir()
    out = folder / "register.xlsx"
    out.write_bytes(b"forra veckans export")
    progress, seen = stop_after(1)
    with pytest.raises(UserError, match="Avbrutet; ingen fil sparades"):
        export_register(store, out, today=TODAY, progress=progress)
    assert out.read_bytes() == b"forra veckans export"
    assert [p.name for p in folder.iterdir()] == ["register.xlsx"]
    assert seen == [(200, ROWS)]
