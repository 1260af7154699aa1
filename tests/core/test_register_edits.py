"""Small edit functions the window's editors use."""

from __future__ import annotations

from tracker.core import register as R
from tracker.core.changes import History, run_change


def test_replacing_bodies_drops_the_reply_of_a_body_no_longer_named_and_undo_restores_it(store):
    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen")
        sn = R.create_body(cs, "Socialnämnden")
        rec = R.add_recommendation(cs, R.create_report(cs, "G"), "Gör.", body_ids=[ks, sn])
        R.set_reply(cs, rec, ks, text="KS svarar.")
        R.set_reply(cs, rec, sn, text="SN svarar.")
        return rec, ks, sn

    (rec, ks, sn), _ = run_change(store, "setup", build)
    history = History(store)
    history.run("nämnder", lambda cs: R.replace_bodies(cs, rec, [sn]))

    replies = store.conn.execute("SELECT body_id, text FROM replies").fetchall()
    assert replies == [(sn, "SN svarar.")]
    assert store.conn.execute("SELECT body_id FROM recommendation_bodies").fetchall() == [(sn,)]
    history.undo()
    assert sorted(store.conn.execute("SELECT body_id, text FROM replies").fetchall()) == sorted(
        [(ks, "KS svarar."), (sn, "SN svarar.")]
    )
