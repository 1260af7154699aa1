"""Rapporter → Uppföljningsstatistik…: the core's figures for the register, a body or a
year, a bar per year, saved as Excel."""

from __future__ import annotations

from openpyxl import load_workbook
from PySide6.QtWidgets import QFileDialog
from window_helpers import make_window

from tracker.core.stats import compute
from tracker.gui.actions import find
from tracker.gui.dialogs.follow_up_stats import StatsWindow


def test_the_window_shows_the_cores_figures_and_narrows_to_a_body(qtbot, demo_store, settings, today):
    window = make_window(qtbot, demo_store, settings)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus.index("Rapporter") == menus.index("Hjälp") - 1
    assert find("follow_up_stats").text == "Uppföljningsstatistik…"
    dialog = StatsWindow(window)
    qtbot.addWidget(dialog)
    stats = compute(demo_store, today)
    assert dialog.year_model.rowCount() == len(stats.years) + 1
    assert [dialog.year_model.item(r, 0).text() for r in range(len(stats.years))] == [str(f.year) for f in stats.years]
    assert dialog.year_model.item(len(stats.years), 1).text() == str(stats.total.total)
    assert f"{stats.total.total} rekommendationer" in dialog.summary.text()
    assert [label for label, _ in dialog.chart.rows] == [str(f.year) for f in stats.years]
    assert dialog.chart.minimumHeight() > 0

    dialog.body.setCurrentIndex(dialog.body.findText("Socialnämnden"))
    assert dialog.body_model.rowCount() == 1 and dialog.body_model.item(0, 0).text() == "Socialnämnden"
    sn = compute(demo_store, today, body_ids=(dialog.body.currentData(),))
    assert dialog.year_model.item(dialog.year_model.rowCount() - 1, 1).text() == str(sn.total.total)


def test_spara_som_excel(qtbot, demo_store, settings, tmp_path, monkeypatch):
    window = make_window(qtbot, demo_store, settings)
    dialog = StatsWindow(window)
    qtbot.addWidget(dialog)
    out = tmp_path / "statistik.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.waitUntil(dialog.save_excel().done.is_set)
    assert load_workbook(out).sheetnames == ["Per år", "Per nämnd", "Per år och nämnd", "Äldsta öppna"]
