"""The register's rows held for the list: sorted by any column, filtered, and one changed row
put back in its place without sorting the others again.

Each row lives in a slot (an int) for as long as it exists; orders and filter results are
lists of slots. Sort keys are plain strings or ints worked out once per row and column, an
order per column is kept once made, and a changed row is taken out of each kept order and
bisected back in. The order of rows is always: the column's key, then the register's own
order (report in Swedish order, report id, number), then the id, so an order kept up to
date edit by edit is the one a fresh load gives."""

from __future__ import annotations

import bisect
import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Sequence

from .model import RecommendationRow
from .rules import Filter, swedish_keys

# Empty sorts last, as rules.sort_key orders it; these compare above any text or number.
LAST_TEXT = "\U0010ffff"
LAST_NUMBER = 1 << 62
# More changed rows than this at once are sorted anew rather than bisected in one by one.
BISECT_AT_MOST = 200


def text_order(values: list[object]) -> list[str]:
    """Keys that order texts as rules.sort_key does, as plain strings (5x faster to sort than tuples).
    A list (the bodies) is one text; only None and "" are empty."""
    texts = ["" if v is None else ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v) for v in values]
    # Titles, statuses and bodies repeat: each distinct text is keyed, and its key held, once.
    distinct = list(dict.fromkeys(texts))
    key_of = dict(zip(distinct, swedish_keys(distinct)))
    return [LAST_TEXT if v is None or v == "" else key_of[t] for v, t in zip(values, texts)]


def number_order(values: list[int | dt.date | None]) -> list[int]:
    """Keys that order numbers and dates as rules.sort_key does, as plain ints."""
    return [LAST_NUMBER if v is None else v.toordinal() if isinstance(v, dt.date) else v for v in values]


def as_is(values: list) -> list:
    """Keys that are already plain (the number within a report)."""
    return values


def slot_array(slots: Iterable[int] = ()) -> array:
    """A list of slots as machine ints: finding or removing one in 100,000 (an edit) reads one
    block of memory instead of 100,000 int objects scattered over it, ten times faster."""
    return array("l", slots)


# A column is read from a row and turned into keys by one of the above.
ColumnKey = tuple[Callable[[RecommendationRow], object], Callable[[list], list]]


class _Bisect:
    """One slot's place in an order: ascending or descending by the column, then the base."""

    __slots__ = ("key", "base", "descending")

    def __init__(self, key: object, base: tuple, descending: bool) -> None:
        self.key, self.base, self.descending = key, base, descending

    def __lt__(self, other: _Bisect) -> bool:
        if self.key != other.key:
            return self.key > other.key if self.descending else self.key < other.key
        return self.base < other.base


class RowIndex:
    def __init__(self, columns: list[ColumnKey]) -> None:
        self.columns = columns
        self.rows: list[RecommendationRow | None] = []
        self.slot_of: dict[int, int] = {}
        self._base_keys: list[tuple | None] = []
        self._base = slot_array()
        self._column_keys: dict[int, list] = {}
        self._orders: dict[tuple[int | None, bool], array] = {}
        self._by_body: dict[int, set[int]] = {}
        # Each slot's search text, in a list of their own: a search reads 100,000 of them in a
        # row, and a list of strings is read three times faster than an attribute of each row.
        self._search: list[str] = []
        self.overdue_replies = self.overdue_actions = 0

    # Rows in ---------------------------------------------------------------

    def set_rows(self, rows: list[RecommendationRow]) -> None:
        self.rows = list(rows)
        self.slot_of = {r.id: s for s, r in enumerate(self.rows)}
        self._rebuild()

    def _rebuild(self) -> None:
        rows = self.rows
        titles = text_order([r.report if r is not None else None for r in rows])
        self._base_keys = [
            (t, r.report_id, r.number_key, r.id) if r is not None else None for t, r in zip(titles, rows)
        ]
        self._base = slot_array(
            sorted((s for s, r in enumerate(rows) if r is not None), key=self._base_keys.__getitem__)
        )
        self._column_keys.clear()
        self._orders = {(None, False): self._base}
        self._by_body = {}
        for s, r in enumerate(rows):
            if r is not None:
                for b in r.body_ids:
                    self._by_body.setdefault(b, set()).add(s)
        self._search = [r.search_text if r is not None else "" for r in rows]
        live = [r for r in rows if r is not None]
        self.overdue_replies = sum(1 for r in live if r.reply_overdue)
        self.overdue_actions = sum(1 for r in live if r.action_overdue)

    def replace(self, ids: Iterable[int], fresh: list[RecommendationRow]) -> list[int]:
        """Swap in fresh rows for these ids (an id without a fresh row was deleted); each kept
        order is mended in place. The slots of the rows still there come back."""
        fresh_by_id = {r.id: r for r in fresh}
        ids = set(ids) | set(fresh_by_id)
        if len(ids) > BISECT_AT_MOST:
            for rec_id in ids:
                self._put(rec_id, fresh_by_id.get(rec_id))
            self._rebuild()
            return [s for i in ids if (s := self.slot_of.get(i)) is not None]
        slots = []
        for rec_id in ids:
            old = self.slot_of.get(rec_id)
            if old is not None:
                for (column, descending), order in self._orders.items():
                    del order[self.position(order, old, column, descending)]
                gone = self.rows[old]
                for b in gone.body_ids:
                    self._by_body[b].discard(old)
                self.overdue_replies -= gone.reply_overdue
                self.overdue_actions -= gone.action_overdue
            slot = self._put(rec_id, fresh_by_id.get(rec_id))
            if slot is None:
                continue
            row = self.rows[slot]
            self._base_keys[slot] = (text_order([row.report])[0], row.report_id, row.number_key, row.id)
            for column, keys in self._column_keys.items():
                get, kind = self.columns[column]
                keys[slot] = kind([get(row)])[0]
            for (column, descending), order in self._orders.items():
                order.insert(self.insertion(order, slot, column, descending), slot)
            for b in row.body_ids:
                self._by_body.setdefault(b, set()).add(slot)
            self._search[slot] = row.search_text
            self.overdue_replies += row.reply_overdue
            self.overdue_actions += row.action_overdue
            slots.append(slot)
        return slots

    def _put(self, rec_id: int, row: RecommendationRow | None) -> int | None:
        slot = self.slot_of.get(rec_id)
        if row is None:
            if slot is not None:
                self.rows[slot] = self._base_keys[slot] = None
                del self.slot_of[rec_id]
            return None
        if slot is None:
            slot = self.slot_of[rec_id] = len(self.rows)
            self.rows.append(row)
            self._base_keys.append(None)
            self._search.append("")
            for keys in self._column_keys.values():
                keys.append(None)
        self.rows[slot] = row
        return slot

    # Orders -----------------------------------------------------------------

    def order(self, column: int | None, descending: bool = False) -> array:
        """Every slot in the column's order (None: the register's own); kept for the next time."""
        if column is None:
            descending = False
        found = self._orders.get((column, descending))
        if found is not None:
            return found
        keys = self._keys(column)
        # Sorting what is already in ascending order descending is one pass (timsort finds the
        # run); stable, so rows with the same key stay in the register's order either way.
        start = self._orders.get((column, not descending), self._base)
        made = self._orders[(column, descending)] = slot_array(sorted(start, key=keys.__getitem__, reverse=descending))
        return made

    def forget_orders(self, keep: tuple[int | None, bool]) -> None:
        """Drop kept orders but one: each costs an insert per edit and a list of every slot."""
        self._orders = {k: v for k, v in self._orders.items() if k == keep or k == (None, False)}

    def _keys(self, column: int) -> list:
        keys = self._column_keys.get(column)
        if keys is None:
            get, kind = self.columns[column]
            rows = self.rows
            values = kind([get(r) if r is not None else None for r in rows])
            keys = self._column_keys[column] = values
        return keys

    def insertion(self, slots: Sequence[int], slot: int, column: int | None, descending: bool) -> int:
        """Where `slot` goes among `slots` (an order of (column, descending), or a part of one):
        bisected by the slot's keys, which are unique (the base ends in the id)."""
        keys = self._keys(column) if column is not None else None
        base = self._base_keys

        def key(s: int) -> _Bisect:
            return _Bisect(keys[s] if keys is not None else None, base[s], descending)

        return bisect.bisect_left(slots, key(slot), key=key)

    def position(self, slots: Sequence[int], slot: int, column: int | None, descending: bool) -> int | None:
        """Where `slot` stands among `slots`, None if it is not there: an edit finds its row
        without reading 100,000 slots."""
        at = self.insertion(slots, slot, column, descending)
        return at if at < len(slots) and slots[at] == slot else None

    # Filtering ----------------------------------------------------------------

    def matching(self, flt: Filter, slots: Sequence[int]) -> list[int]:
        """The slots among these whose rows the filter lets through, in the same order; the
        same rows as Filter.matches, each criterion one pass over the slots still left."""
        rows = self.rows
        slots = list(slots)  # a list of its own, never the kept order itself
        if flt.body_ids:
            wanted = set().union(*(self._by_body.get(b, ()) for b in flt.body_ids))
            slots = [s for s in slots if s in wanted]
        if flt.year is not None:
            year = flt.year
            slots = [s for s in slots if rows[s].year == year]
        if flt.statuses:
            statuses = flt.statuses
            slots = [s for s in slots if rows[s].status in statuses]
        if flt.overdue_only:
            # row.overdue spelled out: the property call doubles this pass (14 -> 25 ms at 100,000).
            slots = [s for s in slots if rows[s].reply_overdue or rows[s].action_overdue]
        rest = flt._replace(text="", body_ids=(), year=None, statuses=(), overdue_only=False)
        if rest != Filter():
            slots = [s for s in slots if rest.matches(rows[s])]
        search = self._search
        for word in flt.words:
            slots = [s for s in slots if word in search[s]]
        return slots
