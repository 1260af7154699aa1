"""Who is chased, at fixed dates: a body that replied never is, a late reply and an overdue
action are, a reply due within the window is, and send-outs show as last sent."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.model import DONE
from tracker.core.queries import load_rows
from tracker.core.reminders import ACTION, ANSWER, overdue_line, reminders, reminders_for
from tracker.core.rules import Filter

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def chase(store):
    """KS and SN share a late recommendation; only SN has replied. KS promised an action
    by 2026-11-01 on another; a third is due in ten days; a fourth is done."""

    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS", email="ks@exempel.se")
        sn = R.create_body(cs, "Socialnämnden", short_name="SN")
        late = R.create_report(cs, "Granskning av löner", reply_deadline=dt.date(2026, 10, 31))
        shared = R.add_recommendation(cs, late, "Inför stickprov.", body_ids=[ks, sn])
        R.set_reply(cs, shared, sn, text="Vi gör stickprov.", reply_date=dt.date(2026, 10, 20))
        acted = R.add_recommendation(cs, late, "Se över attesterna.", body_ids=[ks])
        R.set_reply(cs, acted, ks, text="Ja.", action="Ny rutin.", due=dt.date(2026, 11, 1))
        soon = R.create_report(cs, "Granskning av IT", reply_deadline=dt.date(2026, 12, 5))
        R.add_recommendation(cs, soon, "Ta fram en kontinuitetsplan.", body_ids=[ks])
        done = R.add_recommendation(cs, late, "Avslutad sak.", body_ids=[ks])
        R.add_follow_up(cs, done, dt.date(2026, 11, 10), DONE)
        return {"ks": ks, "sn": sn, "shared": shared, "acted": acted}

    ids, _ = run_change(store, "setup", build)
    return ids


def test_a_body_that_replied_is_never_chased_for_that_recommendation(store, chase):
    found = reminders(store, TODAY, window=0)
    shared = [r for r in found if r.recommendation_id == chase["shared"]]
    assert [(r.body, r.kind, r.days_late) for r in shared] == [("Kommunstyrelsen", ANSWER, 25)]
    assert all(r.body_id != chase["sn"] for r in found)


def test_an_overdue_action_is_chased_with_its_days_late(store, chase):
    [acted] = [r for r in reminders(store, TODAY, window=0) if r.recommendation_id == chase["acted"]]
    assert (acted.kind, acted.deadline, acted.days_late) == (ACTION, dt.date(2026, 11, 1), 24)


def test_a_reply_due_within_the_window_is_chased_with_negative_days_and_not_beyond_it(store, chase):
    soon = lambda window: [r for r in reminders(store, TODAY, window) if r.report == "Granskning av IT"]  # noqa: E731
    assert soon(9) == []
    [due] = soon(10)
    assert (due.kind, due.deadline, due.days_late) == (ANSWER, dt.date(2026, 12, 5), -10)
    assert soon(None) == [due]  # the office's default window is 14 days


def test_a_done_recommendation_is_not_chased_and_the_order_is_most_late_first(store, chase):
    found = reminders(store, TODAY, window=14)
    assert "Avslutad sak." not in {r.text for r in found}
    assert [r.days_late for r in found] == [25, 24, -10]


def test_the_same_day_later_the_shared_recommendation_is_off_the_list_once_ks_replies(store, chase):
    run_change(store, "svar", lambda cs: R.set_reply(cs, chase["shared"], chase["ks"], text="Också vi."))
    assert chase["shared"] not in {r.recommendation_id for r in reminders(store, TODAY, 0)}


def test_the_line_above_the_list_counts_late_replies_and_overdue_actions(store, chase):
    def line(rows):
        return overdue_line(sum(r.reply_overdue for r in rows), sum(r.action_overdue for r in rows))

    rows = load_rows(store, TODAY)
    assert line(rows) == "1 försenat svar och 1 försenad åtgärd"
    assert line(load_rows(store, dt.date(2026, 10, 1))) is None
    assert overdue_line(23477, 1) == "23 477 försenade svar och 1 försenad åtgärd"
    assert reminders_for(rows, dt.date(2026, 10, 1), 0) == []


def test_the_reminded_but_unanswered_filter_needs_a_reminder_and_no_reply(store, chase):
    def remind(cs):
        sendout = cs.insert("sendouts", {"kind": "påminnelse", "sent_at": "2026-11-20T10:00:00",
                                         "body_id": chase["ks"], "file_name": "KS.xlsx", "user": "test"})  # fmt: skip
        for rec in (chase["shared"], chase["acted"]):
            cs.insert("sendout_recommendations", {"sendout_id": sendout, "recommendation_id": rec})

    run_change(store, "påminn", remind)
    flt = Filter(reminded_unanswered=True)
    # "acted" has KS's reply (only its action is late): reminded, but answered.
    assert [r.id for r in load_rows(store, TODAY) if flt.matches(r)] == [chase["shared"]]
    [late] = [r for r in reminders(store, TODAY, 0) if r.recommendation_id == chase["shared"]]
    assert late.last_sent == dt.date(2026, 11, 20)
