"""Edits write history in their own transaction, and undo/redo is the same mechanism."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tracker.core import register as R
from tracker.core.changes import run_change, schema_links
from tracker.core.errors import UserError
from tracker.core.queries import history_for, load_rows

DAY = dt.date(2026, 11, 25)


def _counts(store):
    tables = ["reports", "recommendations", "recommendation_bodies", "replies", "follow_ups", "bodies"]
    return {t: store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


def _one_recommendation(history):
    def build(cs):
        sn = R.create_body(cs, "Socialnämnden", "SN")
        report = R.create_report(cs, "Granskning av försörjningsstöd", audit_year=2025)
        return R.add_recommendation(cs, report, "Ta fram riktlinjer", [sn]), sn

    return history.run("Ny granskning", build)[0]


def test_an_edit_writes_who_what_old_and_new_in_the_history(store, history):
    rec, sn = _one_recommendation(history)
    history.run("Ändra svar", lambda cs: R.set_reply(cs, rec, sn, text="Riktlinjer antas i juni"))
    history.run("Ändra svar", lambda cs: R.set_reply(cs, rec, sn, text="Riktlinjer antas i augusti"))
    entries = history_for(store, rec)
    latest = entries[0]
    assert (latest["table_name"], latest["action"], latest["field"]) == ("replies", "update", "text")
    assert (latest["old_value"], latest["new_value"]) == ("Riktlinjer antas i juni", "Riktlinjer antas i augusti")
    assert latest["user"]
    assert dt.datetime.fromisoformat(latest["at"])
    created = [e for e in entries if e["table_name"] == "replies" and e["action"] == "insert"]
    assert json.loads(created[0]["new_value"])["text"] == "Riktlinjer antas i juni"


def test_history_is_rolled_back_with_a_failed_change(store, history):
    rec, sn = _one_recommendation(history)
    before = store.conn.execute("SELECT count(*) FROM history").fetchone()[0]

    def fails(cs):
        R.set_reply(cs, rec, sn, text="Nytt svar")
        R.update_recommendation(cs, rec, text="")  # refused: a recommendation needs a text

    with pytest.raises(UserError):
        history.run("Ändra", fails)
    assert store.conn.execute("SELECT count(*) FROM history").fetchone()[0] == before
    assert load_rows(store, DAY)[0].replies == []
    assert history.undo_label == "Ny granskning"


def test_undo_and_redo_of_deleting_a_whole_report(store, history):
    rec, sn = _one_recommendation(history)
    history.run("Svar", lambda cs: R.set_reply(cs, rec, sn, text="Svar", due=dt.date(2026, 1, 1)))
    history.run("Uppföljning", lambda cs: R.add_follow_up(cs, rec, DAY, "Pågående", "Arbete pågår"))
    full = _counts(store)
    report_id = load_rows(store, DAY)[0].report_id
    history.run("Ta bort granskning", lambda cs: R.delete_report(cs, report_id))
    assert _counts(store)["recommendations"] == 0 and _counts(store)["replies"] == 0
    touched = history.undo()
    assert rec in touched
    assert _counts(store) == full
    row = load_rows(store, DAY)[0]
    assert (row.id, row.status, row.replies[0].text) == (rec, "Pågående", "Svar")
    history.redo()
    assert _counts(store)["reports"] == 0
    history.undo()
    assert _counts(store) == full


def test_a_new_edit_clears_redo(store, history):
    rec, _ = _one_recommendation(history)
    history.run("Text", lambda cs: R.update_recommendation(cs, rec, text="Ny text"))
    history.undo()
    assert history.redo_label == "Text"
    history.run("Annan text", lambda cs: R.update_recommendation(cs, rec, text="Annan text"))
    assert history.redo_label is None


def test_reorder_renumbers_and_delete_closes_the_gap(store, history):
    def build(cs):
        report = R.create_report(cs, "Granskning")
        return report, [R.add_recommendation(cs, report, f"Rek {i}") for i in range(1, 4)]

    (report, (a, b, c)), _ = history.run("Ny", build)
    history.run("Flytta", lambda cs: R.move_recommendation(cs, c, -2))
    order = [(r.number, r.text) for r in load_rows(store, DAY)]
    assert order == [(1, "Rek 3"), (2, "Rek 1"), (3, "Rek 2")]
    history.run("Ta bort", lambda cs: R.delete_recommendation(cs, a))
    assert [(r.number, r.text) for r in load_rows(store, DAY)] == [(1, "Rek 3"), (2, "Rek 2")]


def test_merging_bodies_moves_links_and_replies_and_keeps_the_old_names(store, history):
    def build(cs):
        san = R.create_body(cs, "Social- och arbetsmarknadsnämnden", "SAN")
        soc = R.create_body(cs, "Socialnämnden", "SN")
        report = R.create_report(cs, "Granskning")
        one = R.add_recommendation(cs, report, "Rek ett", [soc])
        R.set_reply(cs, one, soc, text="Svar från SN")
        two = R.add_recommendation(cs, report, "Rek två", [san, soc])
        R.set_reply(cs, two, san, text="Svar från SAN")
        R.set_reply(cs, two, soc, action="Åtgärd från SN")
        return san, soc, one, two

    (san, soc, one, two), _ = history.run("Ny", build)
    history.run("Slå ihop", lambda cs: R.merge_bodies(cs, san, soc))
    rows = {r.id: r for r in load_rows(store, DAY)}
    assert rows[one].bodies == ["Social- och arbetsmarknadsnämnden"]
    assert rows[one].replies[0].text == "Svar från SN"
    assert [(r.text, r.action) for r in rows[two].replies] == [("Svar från SAN", "Åtgärd från SN")]
    assert R.find_body(store, "Socialnämnden").id == san
    assert R.find_body(store, "SN").id == san
    history.undo()
    assert R.find_body(store, "SN").id == soc
    assert {r.id: r.bodies for r in load_rows(store, DAY)}[one] == ["Socialnämnden"]


def test_a_body_in_use_cannot_be_deleted(store, history):
    _, sn = _one_recommendation(history)
    with pytest.raises(UserError, match="Slå ihop"):
        run_change(store, "Ta bort", lambda cs: R.delete_body(cs, sn))


def test_an_unknown_body_name_lists_the_known_ones(store, history):
    _one_recommendation(history)
    with pytest.raises(UserError, match="Socialnämnden \\(SN\\)"):
        R.find_body(store, "Fritidsnämnden")


def test_the_rows_a_deletion_records_follow_the_schema_itself(store, history):
    links = schema_links(store.conn)
    assert links.children == {
        "bodies": [("body_spellings", "body_id"), ("sendouts", "body_id")],
        "reports": [("recommendations", "report_id")],
        "recommendations": [
            ("recommendation_bodies", "recommendation_id"),
            ("replies", "recommendation_id"),
            ("follow_ups", "recommendation_id"),
            ("sendout_recommendations", "recommendation_id"),
        ],
        "sendouts": [("sendout_recommendations", "sendout_id")],
    }
    # A table a later migration adds is followed without anyone listing it.
    store.conn.execute(
        "CREATE TABLE attachments (id INTEGER PRIMARY KEY AUTOINCREMENT,"
        " recommendation_id INTEGER NOT NULL REFERENCES recommendations(id) ON DELETE CASCADE, name TEXT)"
    )
    rec, _ = history.run("ny", lambda cs: R.add_recommendation(cs, R.create_report(cs, "G"), "Rekommendation"))
    history.run("bilaga", lambda cs: cs.insert("attachments", {"recommendation_id": rec, "name": "bilaga.pdf"}))
    history.run("bort", lambda cs: R.delete_recommendation(cs, rec))
    deleted = store.conn.execute(
        "SELECT recommendation_id FROM history WHERE table_name = 'attachments' AND action = 'delete'"
    ).fetchall()
    assert deleted == [(rec,)]
    history.undo()
    assert store.conn.execute("SELECT name FROM attachments").fetchall() == [("bilaga.pdf",)]
