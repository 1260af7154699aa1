"""The list's index over the rows (core/row_index.py) against the plain definitions: every
order is the one sorting all rows by rules.sort_key gives, every filter lets through the rows
Filter.matches does, and an order mended edit by edit equals one made from a fresh load."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.model import DONE, REPLY_LATE
from tracker.core.queries import load_rows
from tracker.core.row_index import RowIndex, as_is, number_order, text_order
from tracker.core.rules import Filter, sort_key, swedish_key, swedish_keys

COLUMNS = [
    (lambda r: r.report, text_order),
    (lambda r: r.year, number_order),
    (lambda r: r.number_key, as_is),
    (lambda r: r.text, text_order),
    (lambda r: r.body_short, text_order),
    (lambda r: r.reply_deadline, number_order),
    (lambda r: r.status, text_order),
    (lambda r: r.changed_at, text_order),
]


def plain_order(rows, column, descending):
    """All rows sorted by the column's rules.sort_key, then the register's own order and the id."""
    base = sorted(rows, key=lambda r: (sort_key(r.report), r.report_id, r.number_key, r.id))
    if column is None:
        return [r.id for r in base]
    read = COLUMNS[column][0]
    key = (lambda r: read(r)) if COLUMNS[column][1] is as_is else (lambda r: sort_key(read(r)))
    return [r.id for r in sorted(base, key=key, reverse=descending)]


def ids(index, slots):
    return [index.rows[s].id for s in slots]


@pytest.fixture
def rows(demo_store, today):
    return load_rows(demo_store, today)


def test_every_order_is_the_plain_sort_of_every_row(rows):
    index = RowIndex(COLUMNS)
    index.set_rows(rows)
    assert ids(index, index.order(None)) == plain_order(rows, None, False)
    for column in range(len(COLUMNS)):
        for descending in (False, True):
            assert ids(index, index.order(column, descending)) == plain_order(rows, column, descending), column


def test_a_slot_is_found_in_any_order_and_in_a_filtered_part_of_it_by_its_keys(rows):
    index = RowIndex(COLUMNS)
    index.set_rows(rows)
    for column in (None, *range(len(COLUMNS))):
        for descending in (False, True) if column is not None else (False,):
            order = index.order(column, descending)
            assert [index.position(order, s, column, descending) for s in order] == list(range(len(order)))
            part = order[::3]  # what a filter leaves, in the same order
            for at, slot in enumerate(order):
                expected = at // 3 if at % 3 == 0 else None
                assert index.position(part, slot, column, descending) == expected, (column, descending, slot)


def test_empty_values_sort_last_ascending_and_first_descending():
    assert text_order(["b", None, "", "a"]) == ["b", text_order([None])[0], text_order([None])[0], "a"]
    assert sorted(number_order([dt.date(2025, 1, 1), None, 2024])) == [2024, dt.date(2025, 1, 1).toordinal(),
                                                                        number_order([None])[0]]  # fmt: skip
    # A list of bodies is one text; no bodies at all sorts first, as rules.sort_key has it.
    assert text_order([["SN", "KS"], []]) == [swedish_key("SN, KS"), ""]


def test_keying_many_texts_at_once_gives_each_text_its_own_key():
    texts = ["Åtgärder", "ärende", "Öppenvård", "Café", "über", "plain", "", "Æble ø"]
    assert swedish_keys(texts) == [swedish_key(t) for t in texts]
    # A text holding the separator is keyed one by one rather than split wrongly.
    assert swedish_keys(["a\x00b", "É"]) == [swedish_key("a\x00b"), swedish_key("É")]


FILTERS = [
    Filter(),
    Filter(text="kontroll"),
    Filter(text="rutin nämnd"),
    Filter(text="ÄRENDE"),
    Filter(text="finns inte någonstans"),
    Filter(year=2023),
    Filter(statuses=(DONE,)),
    Filter(reply_states=(REPLY_LATE,)),
    Filter(overdue_only=True),
    Filter(reminded_unanswered=True),
    Filter(text="a", overdue_only=True, statuses=("Pågående", "Ej påbörjad")),
]


def test_every_filter_lets_through_the_rows_filter_matches_does(rows):
    index = RowIndex(COLUMNS)
    index.set_rows(rows)
    body_ids = sorted({b for r in rows for b in r.body_ids})
    filters = FILTERS + [Filter(body_ids=(b,)) for b in body_ids] + [Filter(body_ids=tuple(body_ids[:2]), text="e")]
    order = index.order(3, True)
    for flt in filters:
        expected = [i for i in ids(index, order) if flt.matches(next(r for r in rows if r.id == i))]
        assert ids(index, index.matching(flt, order)) == expected, flt


def test_an_order_mended_edit_by_edit_equals_one_made_from_a_fresh_load(demo_store, today):
    index = RowIndex(COLUMNS)
    index.set_rows(load_rows(demo_store, today))
    kept = [(None, False), (3, False), (3, True), (0, True), (6, False)]
    for column, descending in kept:
        index.order(column, descending)
    first, second = (r.id for r in load_rows(demo_store, today)[:2])
    report_id = load_rows(demo_store, today, [first])[0].report_id

    def edits():
        yield [first], lambda cs: R.update_recommendation(cs, first, text="Aaaa först i alfabetet.")
        yield [second], lambda cs: R.update_recommendation(cs, second, text="Öööö sist i alfabetet.")
        yield [first], lambda cs: R.add_follow_up(cs, first, today, DONE, "Klart.")
        yield [second], lambda cs: R.delete_recommendation(cs, second, renumber_rest=False)
        yield None, lambda cs: R.add_recommendation(cs, report_id, "En ny rekommendation.", [])

    for changed, edit in edits():
        before = {r.id for r in load_rows(demo_store, today)}
        run_change(demo_store, "Ändra", edit)
        now = load_rows(demo_store, today)
        touched = changed if changed is not None else list({r.id for r in now} - before)
        index.replace(touched, load_rows(demo_store, today, touched))
        for column, descending in kept:
            assert ids(index, index.order(column, descending)) == plain_order(now, column, descending), column
        assert sorted(index.slot_of) == sorted(r.id for r in now)
        overdue = (sum(r.reply_overdue for r in now), sum(r.action_overdue for r in now))
        assert (index.overdue_replies, index.overdue_actions) == overdue
    # The body index follows too: a filter by body after the edits equals Filter.matches.
    for b in {b for r in now for b in r.body_ids}:
        flt = Filter(body_ids=(b,))
        assert ids(index, index.matching(flt, index.order(None))) == [r.id for r in
                                                                        sorted(now, key=lambda r: plain_order(now, None, False).index(r.id)) if flt.matches(r)]  # fmt: skip


def test_many_rows_changed_at_once_are_sorted_anew_with_the_same_result(demo_store, today, monkeypatch):
    import tracker.core.row_index as row_index

    monkeypatch.setattr(row_index, "BISECT_AT_MOST", 1)
    index = RowIndex(COLUMNS)
    index.set_rows(load_rows(demo_store, today))
    index.order(3, False)
    every = [r.id for r in load_rows(demo_store, today)]
    run_change(demo_store, "Ändra", lambda cs: [R.update_recommendation(cs, i, text=f"Text {n:03}") for n, i in
                                                 enumerate(reversed(every[:5]))])  # fmt: skip
    index.replace(every[:5], load_rows(demo_store, today, every[:5]))
    now = load_rows(demo_store, today)
    assert ids(index, index.order(3, False)) == plain_order(now, 3, False)
