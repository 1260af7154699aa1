"""Påminnelser and Inställningar in the window: who is chased, drafts made for the ticked
bodies and recorded; the office's details saved, or a bad value refused unchanged."""

from __future__ import annotations

import email
from email import policy

import pytest
from PySide6.QtCore import Qt
from window_helpers import make_window

from tracker.core import settings
from tracker.gui.dialogs import replies_send
from tracker.gui.dialogs.office_settings import SettingsDialog
from tracker.gui.dialogs.reminders import RemindersDialog


@pytest.fixture
def window(qtbot, demo_store, settings, answers):
    return make_window(qtbot, demo_store, settings)


def tick_only(dialog: RemindersDialog, body: str) -> None:
    for i in range(dialog.model.rowCount()):
        item = dialog.model.item(i)
        item.setCheckState(Qt.CheckState.Checked if item.text().startswith(body) else Qt.CheckState.Unchecked)


def heads(dialog: RemindersDialog) -> list[str]:
    return [dialog.model.item(i).text() for i in range(dialog.model.rowCount())]


def test_the_view_groups_reminders_by_body_and_widens_with_the_window(qtbot, window):
    dialog = RemindersDialog(window)
    qtbot.addWidget(dialog)
    assert heads(dialog)[0].startswith("Barn- och utbildningsnämnden – ")
    first = dialog.model.item(0)
    assert first.rowCount() >= 1 and first.child(0, 3).text().endswith("dagar sent")
    before = sum(dialog.model.item(i).rowCount() for i in range(dialog.model.rowCount()))
    dialog.window_days.setValue(400)
    after = sum(dialog.model.item(i).rowCount() for i in range(dialog.model.rowCount()))
    assert after > before and "förfaller snart" in dialog.summary.text()


def test_drafts_are_made_for_the_ticked_bodies_only_and_recorded(qtbot, window, tmp_path, monkeypatch):
    receipts = []
    monkeypatch.setattr(replies_send, "show_sent", lambda ask, parent, folder, sent, title: receipts.append(sent))
    dialog = RemindersDialog(window)
    qtbot.addWidget(dialog)
    tick_only(dialog, "Socialnämnden")
    out = tmp_path / "utkast"
    out.mkdir()
    dialog.folder.setText(str(out))
    dialog.send()
    qtbot.waitUntil(lambda: bool(receipts), timeout=10_000)
    [[sent]] = receipts
    assert sent.body == "Socialnämnden" and sorted(p.suffix for p in out.iterdir()) == [".eml", ".xlsx"]
    msg = email.message_from_bytes(sent.draft.read_bytes(), policy=policy.default)
    assert msg["X-Unsent"] == "1" and msg["To"] == "socialnamnden@exempel.se"
    assert window.store.conn.execute("SELECT kind FROM sendouts").fetchall() == [("påminnelse",)]
    assert window.settings.value("folders/reminders") == str(out)
    again = RemindersDialog(window)
    qtbot.addWidget(again)
    assert again.folder.text() == str(out)  # the folder is remembered for next time


def test_settings_are_saved_to_the_register(qtbot, window):
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.editors["office_name"].setText("Revisionskontoret i Exempelby")
    dialog.editors["reply_days"].setValue(21)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.office(window.store).name == "Revisionskontoret i Exempelby"
    assert settings.reply_days(window.store) == 21


def test_a_bad_template_is_refused_naming_it_and_nothing_is_saved(qtbot, window, answers):
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    dialog.editors["office_name"].setText("Nytt namn")
    dialog.editors["reminder_body"].setPlainText("Hej $nämnd, svara före $datum.")
    dialog.save()
    assert answers and "okänd platshållare $datum" in answers[-1][1]
    assert dialog.result() != dialog.DialogCode.Accepted
    assert settings.office(window.store).name == "Revisionskontoret"


def test_the_line_above_the_list_counts_what_is_late_and_filters_to_it(qtbot, window):
    window.show()
    line = window.overdue_line
    assert line.isVisible() and "försenade svar och" in line.text() and "försenade åtgärder" in line.text()
    window.filter_bar.year.setCurrentIndex(1)  # another filter is set aside by Visa
    line.linkActivated.emit("visa")
    shown = window.model.visible_rows()
    assert window.filter_bar.overdue.isChecked() and window.filter_bar.year.currentIndex() == 0
    assert shown and all(r.overdue for r in shown)
    assert len(shown) == sum(1 for r in window.model.all_rows() if r.overdue)


def test_no_line_when_nothing_is_late(qtbot, store, settings):
    window = make_window(qtbot, store, settings)
    window.show()
    assert not window.overdue_line.isVisible()


def test_a_reminder_shows_in_the_pane_per_body_and_in_the_reminded_filter(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(replies_send, "show_sent", lambda *a: None)
    dialog = RemindersDialog(window)
    qtbot.addWidget(dialog)
    tick_only(dialog, "Socialnämnden")
    dialog.folder.setText(str(tmp_path))
    dialog.send()
    qtbot.waitUntil(lambda: hasattr(dialog, "sent"), timeout=10_000)
    [sent] = dialog.sent
    window.filter_bar.reply.setCurrentIndex(window.filter_bar.reply.findText("Påmind, ej besvarad"))
    assert [r.id for r in window.model.visible_rows()] == sent.rec_ids
    window.detail.show_recommendation(sent.rec_ids[0])
    [box] = [b for b in window.detail.reply_boxes if getattr(b, "body_name", "") == "Socialnämnden"]
    assert box.sent.text().startswith("✉ Påminnelse skickad ")
