"""The workspace over a real register: one changed signal per write saying what changed,
and writes refused in Swedish while a background job holds the store."""

from __future__ import annotations

import threading

import pytest
from window_helpers import ScriptedInteraction, make_window

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.gui.workspace import RegisterBusy, Workspace


@pytest.fixture
def rec_id(store):
    def build(cs):
        return R.add_recommendation(cs, R.create_report(cs, "Granskning av löner"), "Se över attesterna.")

    return run_change(store, "setup", build)[0]


def test_each_write_and_undo_is_announced_once_with_its_ids(store, rec_id):
    workspace = Workspace(store, ScriptedInteraction())
    seen = []
    workspace.changed.connect(seen.append)
    workspace.run("Ändra", lambda cs: R.update_recommendation(cs, rec_id, text="Ändrad."))
    workspace.undo()
    assert [(set(c.kinds), c.ids) for c in seen] == [({"recommendations"}, {rec_id}), ({"undo"}, {rec_id})]
    workspace.run("Ny nämnd", lambda cs: R.create_body(cs, "Socialnämnden"))
    assert seen[-1].ids is None and "bodies" in seen[-1].kinds  # every row may read differently


def test_writes_wait_while_a_background_job_holds_the_register(qtbot, store, settings, rec_id, ask):
    window = make_window(qtbot, store, settings)
    workspace = window.workspace
    release = threading.Event()
    done = []
    workspace.run_in_background(None, "Importera register", lambda progress: release.wait(10), done.append, writes=True)
    with pytest.raises(RegisterBusy) as refused:
        workspace.run("Ändra", lambda cs: R.update_recommendation(cs, rec_id, text="Under importen."))
    assert "Importera register pågår" in str(refused.value) and "inget har ändrats" in str(refused.value)

    window.table.selectRow(0)
    field = window.detail.text_edit
    field.setPlainText("Under importen.")
    field.committed.emit(field.value())
    assert ask.shown[-1][0] == "warning" and "upptaget" in ask.shown[-1][1]
    assert field.toPlainText() == "Under importen."  # the typing is kept for when the job is done

    release.set()
    qtbot.waitUntil(lambda: bool(done), timeout=5_000)
    assert workspace.busy is None
    field.committed.emit(field.value())
    assert store.conn.execute("SELECT text FROM recommendations").fetchone()[0] == "Under importen."
