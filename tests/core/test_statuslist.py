"""What a status list holds: bodies, reports within them, each body's own reply, counts."""

from __future__ import annotations

import datetime as dt

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.rules import Filter
from tracker.core.statuslist import build_status_list

TODAY = dt.date(2026, 11, 25)


def test_a_recommendation_with_two_bodies_is_listed_under_each_with_its_own_reply(store):
    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        on = R.create_body(cs, "Överförmyndarnämnden", short_name="ÖFN")
        report = R.create_report(cs, "Granskning av ärendehantering", audit_year=2025,
                                 reply_deadline=dt.date(2026, 1, 31))  # fmt: skip
        rec = R.add_recommendation(cs, report, "Säkerställ diarieföringen.", body_ids=[ks, on])
        R.set_reply(cs, rec, ks, text="KS svarar.", due=dt.date(2026, 6, 30))
        R.add_follow_up(cs, rec, dt.date(2026, 9, 1), "Pågående", "Arbete pågår.")
        return ks, on

    (ks, on), _ = run_change(store, "setup", build)
    sl = build_status_list(store, TODAY)
    assert sl.title == "Statuslista – samtliga nämnder" and sl.selection == "Samtliga rekommendationer"
    assert [b.name for b in sl.bodies] == ["Kommunstyrelsen", "Överförmyndarnämnden"]
    ks_entry, on_entry = (b.reports[0].entries[0] for b in sl.bodies)
    assert (ks_entry.reply, ks_entry.due, ks_entry.action_overdue) == ("KS svarar.", dt.date(2026, 6, 30), True)
    assert on_entry.reply is None and on_entry.reply_overdue  # ÖFN never answered
    assert sl.bodies[0].counts()["Pågående"] == 1 and sl.bodies[0].overdue_actions == 1

    only = build_status_list(store, TODAY, Filter(body_ids=(on,)))
    assert only.title == "Statuslista – Överförmyndarnämnden"
    assert [b.name for b in only.bodies] == ["Överförmyndarnämnden"]
    assert only.selection == "Ansvarig: Överförmyndarnämnden"


def test_newest_audits_come_first_and_recommendations_in_number_order(demo_store):
    sl = build_status_list(demo_store, TODAY)
    for body in sl.bodies:
        years = [r.year or 0 for r in body.reports]
        assert years == sorted(years, reverse=True)
        for report in body.reports:
            assert [e.number for e in report.entries] == sorted(e.number for e in report.entries)
    assert sum(len(b.entries) for b in sl.bodies) >= len(sl.recommendation_ids)


def test_a_body_that_has_replied_is_not_listed_as_late_when_another_has_not(store):
    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        sn = R.create_body(cs, "Socialnämnden", short_name="SN")
        report = R.create_report(cs, "Granskning av samverkan", audit_year=2025, reply_deadline=dt.date(2026, 1, 31))
        rec = R.add_recommendation(cs, report, "Samordna insatserna.", body_ids=[ks, sn])
        R.set_reply(cs, rec, ks, text="KS har svarat.", reply_date=dt.date(2026, 1, 20))

    run_change(store, "setup", build)
    sl = build_status_list(store, TODAY)
    groups = {b.name: b for b in sl.bodies}
    ks_entry = groups["Kommunstyrelsen"].entries[0]
    sn_entry = groups["Socialnämnden"].entries[0]
    assert (ks_entry.reply_state, ks_entry.reply_overdue) == ("Svar inkommet", False)
    assert (sn_entry.reply_state, sn_entry.reply_overdue) == ("Svar försenat", True)
    assert groups["Kommunstyrelsen"].overdue_replies == 0 and groups["Socialnämnden"].overdue_replies == 1
