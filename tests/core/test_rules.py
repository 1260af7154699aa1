"""Swedish ordering, reply state and overdue, at a fixed today."""

from __future__ import annotations

import datetime as dt
import types

import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.model import DONE, OBSOLETE, ONGOING, REPLY_LATE, REPLY_MISSING, REPLY_RECEIVED
from tracker.core.queries import query
from tracker.core.rules import Filter, action_overdue, reply_state, sort_key, swedish_key

DAY = dt.date(2025, 5, 20)


def test_swedish_letters_sort_after_z_and_case_is_ignored():
    words = ["Östra", "apa", "Ängel", "zebra", "Åsa", "Bil", "ärende", "öga", "Étude"]
    assert sorted(words, key=swedish_key) == ["apa", "Bil", "Étude", "zebra", "Åsa", "Ängel", "ärende", "öga", "Östra"]


def test_empty_values_sort_last_and_numbers_by_value():
    values = [None, 10, 2, "", 1]
    assert sorted(values, key=sort_key) == [1, 2, 10, None, ""]


@pytest.mark.parametrize(
    ("received", "deadline", "expected"),
    [
        (True, DAY - dt.timedelta(days=10), REPLY_RECEIVED),
        (False, DAY + dt.timedelta(days=1), REPLY_MISSING),
        (False, DAY, REPLY_MISSING),  # the deadline day itself is not late
        (False, DAY - dt.timedelta(days=1), REPLY_LATE),
        (False, None, REPLY_MISSING),
    ],
)
def test_reply_state_follows_the_deadline(received, deadline, expected):
    assert reply_state(received, deadline, DAY) == expected


@pytest.mark.parametrize(
    ("status", "due", "expected"),
    [
        (ONGOING, DAY - dt.timedelta(days=1), True),
        (ONGOING, DAY, False),
        (DONE, DAY - dt.timedelta(days=100), False),
        (OBSOLETE, DAY - dt.timedelta(days=100), False),
        (ONGOING, None, False),
    ],
)
def test_action_is_overdue_when_open_and_klart_senast_has_passed(status, due, expected):
    assert action_overdue(status, due, DAY) is expected


def _register(store):
    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", "KS")
        sn = R.create_body(cs, "Socialnämnden", "SN")
        old = R.create_report(cs, "Äldreomsorg", audit_year=2024, reply_deadline=dt.date(2025, 3, 1))
        new = R.create_report(cs, "Arkivering", audit_year=2025, reply_deadline=dt.date(2025, 9, 1))
        both = R.add_recommendation(cs, old, "Gemensam rutin för avvikelser", [ks, sn])
        R.set_reply(cs, both, ks, text="KS svarar", due=dt.date(2025, 4, 1))
        done = R.add_recommendation(cs, old, "Öka kontrollen", [sn])
        R.set_reply(cs, done, sn, text="Klart", due=dt.date(2025, 1, 1))
        R.add_follow_up(cs, done, dt.date(2025, 2, 1), DONE)
        R.add_recommendation(cs, new, "Zonindelning av arkivet", [ks])
        return both

    return run_change(store, "setup", build)[0]


def test_a_recommendation_is_replied_only_when_every_body_has_replied(store):
    both = _register(store)
    rows = {r.id: r for r in query(store, DAY)}
    assert rows[both].reply_state == REPLY_LATE  # SN has not replied, deadline passed
    assert rows[both].reply_overdue and rows[both].action_overdue
    run_change(store, "svar", lambda cs: R.set_reply(cs, both, R.find_body(store, "SN").id, text="SN svarar"))
    rows = {r.id: r for r in query(store, DAY)}
    assert rows[both].reply_state == REPLY_RECEIVED
    assert not rows[both].reply_overdue


def test_query_filters_and_sorts_in_swedish_order(store):
    _register(store)
    titles = [r.report for r in query(store, DAY, sort="report")]
    assert titles == ["Arkivering", "Äldreomsorg", "Äldreomsorg"]
    texts = [r.text for r in query(store, DAY, sort="text", descending=True)]
    assert texts == ["Öka kontrollen", "Zonindelning av arkivet", "Gemensam rutin för avvikelser"]
    ks = R.find_body(store, "kommunstyrelsen").id
    assert len(query(store, DAY, Filter(body_ids=(ks,)))) == 2
    assert [r.text for r in query(store, DAY, Filter(year=2025))] == ["Zonindelning av arkivet"]
    assert [r.text for r in query(store, DAY, Filter(statuses=(DONE,)))] == ["Öka kontrollen"]
    assert [r.text for r in query(store, DAY, Filter(overdue_only=True))] == ["Gemensam rutin för avvikelser"]
    assert [r.text for r in query(store, DAY, Filter(text="ks svarar"))] == ["Gemensam rutin för avvikelser"]
    assert [r.text for r in query(store, DAY, Filter(text="ÖKA"))] == ["Öka kontrollen"]
    assert query(store, DAY, Filter(reply_states=(REPLY_MISSING,)))[0].text == "Zonindelning av arkivet"


def test_filter_describes_the_selection_in_swedish():
    flt = Filter(body_ids=(1,), year=2024, overdue_only=True)
    assert flt.describe({1: "Socialnämnden"}) == "Ansvarig: Socialnämnden; Revisionsår: 2024; endast försenade"
    assert Filter().describe({}) == "Samtliga rekommendationer"


def test_nordic_and_accented_letters_sort_as_swedish_readers_expect():
    words = ["øl", "Ærlig", "zon", "über", "yxa", "ål", "Émile", "ennen"]
    assert sorted(words, key=swedish_key) == ["Émile", "ennen", "über", "yxa", "zon", "ål", "Ærlig", "øl"]


def test_a_filter_matches_every_search_word_and_any_chosen_body():
    flt = Filter(text="Rutin  ÄRENDE", body_ids=(2, 3))
    row = types.SimpleNamespace(
        body_ids=[3], year=2024, status="Pågående", reply_state="Svar saknas", overdue=False,
        search_text=swedish_key("Ny rutin för ärendehantering"),
    )  # fmt: skip
    assert flt.matches(row)
    assert not Filter(text="rutin saknas").matches(row)
    assert not Filter(body_ids=(1,)).matches(row)


def test_each_body_has_its_own_reply_state_and_the_row_is_their_aggregate(store):
    both = _register(store)
    ks, sn = R.find_body(store, "KS").id, R.find_body(store, "SN").id
    row = next(r for r in query(store, DAY) if r.id == both)
    assert [(s.body_id, s.body, s.state, s.received, s.late) for s in row.body_states] == [
        (ks, "Kommunstyrelsen", REPLY_RECEIVED, True, False),
        (sn, "Socialnämnden", REPLY_LATE, False, True),
    ]
    assert all(s.deadline == dt.date(2025, 3, 1) for s in row.body_states)
    assert row.reply_state == REPLY_LATE

    early = dt.date(2025, 2, 1)  # before the deadline: SN's reply is only missing
    row = next(r for r in query(store, early) if r.id == both)
    assert [s.state for s in row.body_states] == [REPLY_RECEIVED, REPLY_MISSING]
    assert row.reply_state == REPLY_MISSING and not row.reply_overdue

    run_change(store, "svar", lambda cs: R.set_reply(cs, both, sn, text="SN svarar", reply_date=dt.date(2025, 5, 2)))
    row = next(r for r in query(store, DAY) if r.id == both)
    assert [(s.state, s.reply_date) for s in row.body_states] == [
        (REPLY_RECEIVED, None),
        (REPLY_RECEIVED, dt.date(2025, 5, 2)),
    ]
    assert row.reply_state == REPLY_RECEIVED
