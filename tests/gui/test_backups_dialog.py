"""Arkiv → Återställ säkerhetskopia… and Kontrollera registret… over real register files."""

from __future__ import annotations

from PySide6.QtCore import Qt
from window_helpers import make_window

from tracker.core import register as R
from tracker.core.backups import list_backups, make_backup
from tracker.core.changes import run_change
from tracker.core.demo import fill_demo
from tracker.core.opening import open_store
from tracker.gui.dialogs import backups as dialog_module
from tracker.gui.dialogs.backups import RestoreDialog, run_integrity_check


def _reports(store):
    return store.conn.execute("SELECT count(*) FROM reports").fetchone()[0]


def test_the_list_shows_date_reason_counts_and_size(qtbot, demo_store, settings, today):
    make_backup(demo_store, "före import")
    window = make_window(qtbot, demo_store, settings)
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    model = dialog.model
    assert model.rowCount() == 1
    cells = [model.index(0, c).data(Qt.ItemDataRole.DisplayRole) for c in range(model.columnCount())]
    recommendations = demo_store.conn.execute("SELECT count(*) FROM recommendations").fetchone()[0]
    assert cells[1] == "före import"
    assert cells[2:4] == [str(_reports(demo_store)), str(recommendations)]
    assert cells[4].endswith("kB")
    assert dialog.restore_button.isEnabled()


def test_restoring_replaces_the_register_and_reloads_the_window(qtbot, demo_store, settings, answers):
    kept = _reports(demo_store)
    make_backup(demo_store, "manuell")
    run_change(demo_store, "ny", lambda cs: R.create_report(cs, "Efter kopian"))
    window = make_window(qtbot, demo_store, settings)
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    dialog.restore_selected()
    assert window.store is not demo_store
    assert not window.store.read_only, window.store.read_only_reason
    assert _reports(window.store) == kept
    assert "Efter kopian" not in {r.report for r in window.model.visible_rows()}
    assert [kind for kind, _ in answers] == ["question", "information"]
    assert "före återställning" in [b.reason for b in list_backups(window.store.path)]
    window.store.close()


def test_cancelling_the_confirmation_changes_nothing(qtbot, demo_store, settings, ask):
    make_backup(demo_store, "manuell")
    run_change(demo_store, "ny", lambda cs: R.create_report(cs, "Efter kopian"))
    before = _reports(demo_store)
    ask.script = ["Avbryt"]
    window = make_window(qtbot, demo_store, settings)
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    dialog.restore_selected()
    assert window.store is demo_store and _reports(demo_store) == before
    assert len(list_backups(demo_store.path)) == 1


def test_a_reader_cannot_restore_while_someone_else_writes(qtbot, demo_store, settings):
    make_backup(demo_store, "manuell")
    reader = open_store(demo_store.path)
    window = make_window(qtbot, reader, settings)
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert "du kan läsa men inte ändra" in dialog.restore_button.toolTip()
    reader.close()


def test_a_damaged_register_opens_read_only_and_can_be_restored(qtbot, db_path, settings, ask, answers, today):
    store = open_store(db_path)
    fill_demo(store, today)
    kept = _reports(store)
    # A long value at the end of the file, whose overflow pages get damaged: the
    # recommendations stay readable, so the window can show them read-only.
    with store.transaction():
        store.conn.execute("INSERT INTO settings VALUES ('bilaga', ?)", ("x" * 300_000,))
    make_backup(store, "manuell")
    store.close()
    data = bytearray(db_path.read_bytes())
    pages = len(data) // 4096
    for page in range(pages - 20, pages):
        data[page * 4096 : page * 4096 + 4] = b"\xff\xff\xff\xff"
    db_path.write_bytes(bytes(data))
    damaged = open_store(db_path)
    assert damaged.read_only and damaged.damaged
    ask.script = ["Nej"]  # not now: the test opens the restore dialog itself
    window = make_window(qtbot, damaged, settings)
    assert "skadad" in window.banner.text()
    qtbot.waitUntil(lambda: any("Återställ den senaste säkerhetskopian" in text for _, text in answers))
    dialog = RestoreDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.restore_button.isEnabled()
    dialog.restore_selected()
    assert not window.store.read_only
    assert _reports(window.store) == kept
    assert window.store.setting("bilaga") is not None
    window.store.close()


def test_the_integrity_check_reports_a_whole_register(qtbot, demo_store, settings, answers):
    window = make_window(qtbot, demo_store, settings)
    run_integrity_check(window)
    qtbot.waitUntil(lambda: bool(answers), timeout=5_000)
    assert answers == [("information", "Registret är helt: inga fel hittades.")]


def test_a_failed_check_offers_the_backups(qtbot, demo_store, settings, monkeypatch, ask):
    from tracker.core.integrity import CheckResult

    offered = []
    ask.script = ["Ja"]
    monkeypatch.setattr(dialog_module, "open_restore_dialog", lambda window: offered.append(window))
    window = make_window(qtbot, demo_store, settings)
    dialog_module.show_check_result(window, CheckResult(["Page 5: btreeInitPage() returns error code 11"]))
    assert offered == [window]


def test_breaking_a_lock_left_by_another_machine_reopens_for_writing(qtbot, demo_store, settings, ask):
    import json

    from tracker.core.lock import lock_path
    from tracker.gui.dialogs.backups import can_break_lock, open_break_lock_dialog

    path = demo_store.path
    demo_store.close()
    lock_path(path).write_text(
        json.dumps({"user": "anna", "host": "DATOR-12", "pid": 1, "started": "2026-11-25T09:14:00"})
    )
    reader = open_store(path)
    window = make_window(qtbot, reader, settings)
    assert "anna på DATOR-12" in window.banner.text()
    assert can_break_lock(window)
    ask.script = ["Ta bort låset"]
    open_break_lock_dialog(window)
    assert "anna på DATOR-12" in ask.shown[-1][1]
    assert not window.store.read_only
    assert not can_break_lock(window)
    window.store.close()


def test_keeping_the_lock_when_not_confirmed(qtbot, demo_store, settings, ask):
    import json

    from tracker.core.lock import lock_path
    from tracker.gui.dialogs.backups import open_break_lock_dialog

    path = demo_store.path
    demo_store.close()
    lock_path(path).write_text(json.dumps({"user": "anna", "host": "DATOR-12", "pid": 1, "started": "x"}))
    reader = open_store(path)
    window = make_window(qtbot, reader, settings)
    ask.script = ["Avbryt"]
    open_break_lock_dialog(window)
    assert window.store is reader and reader.read_only
    assert lock_path(path).exists()
    reader.close()
