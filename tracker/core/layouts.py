"""Saved layouts of offices' own registers: which heading means what, and the office's
status words, so the same sheet is read the same way and can be written back."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field

from .changes import ChangeSet
from .store import Store


@dataclass
class Layout:
    name: str
    columns: list[tuple[str, str | None]]  # (heading as written, field or None when ignored)
    status_words: dict[str, str] = field(default_factory=dict)  # register status -> office word
    status_map: dict[str, str] = field(default_factory=dict)  # office word -> register status
    title_line: str | None = None  # lines above the header, one per row
    sheet_name: str | None = None
    header_row: int = 1
    merge_reports: bool = False
    short_bodies: bool = False
    id: int | None = None

    @property
    def signature(self) -> str:
        from .excel.headings import signature

        return signature([h for h, _ in self.columns])

    def row(self) -> dict:
        return {
            "name": self.name,
            "signature": self.signature,
            "columns": json.dumps([list(c) for c in self.columns], ensure_ascii=False),
            "status_words": json.dumps(self.status_words, ensure_ascii=False, sort_keys=True),
            "status_map": json.dumps(self.status_map, ensure_ascii=False, sort_keys=True),
            "title_line": self.title_line,
            "sheet_name": self.sheet_name,
            "header_row": self.header_row,
            "merge_reports": int(self.merge_reports),
            "short_bodies": int(self.short_bodies),
        }


_COLUMNS = (
    "id, name, columns, status_words, status_map, title_line, header_row, merge_reports, short_bodies, sheet_name"
)


def _layout(row: tuple) -> Layout:
    return Layout(
        id=row[0],
        name=row[1],
        columns=[(h, f) for h, f in json.loads(row[2])],
        status_words=json.loads(row[3]),
        status_map=json.loads(row[4]),
        title_line=row[5],
        header_row=row[6],
        merge_reports=bool(row[7]),
        short_bodies=bool(row[8]),
        sheet_name=row[9],
    )


def list_layouts(store: Store) -> list[Layout]:
    return [_layout(r) for r in store.conn.execute(f"SELECT {_COLUMNS} FROM register_layouts ORDER BY name")]


def get_layout(store: Store, name: str) -> Layout | None:
    row = store.conn.execute(f"SELECT {_COLUMNS} FROM register_layouts WHERE name = ?", (name,)).fetchone()
    return _layout(row) if row else None


def layout_for_signature(store: Store, sig: str) -> Layout | None:
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM register_layouts WHERE signature = ? ORDER BY last_used DESC, id DESC LIMIT 1",
        (sig,),
    ).fetchone()
    return _layout(row) if row else None


def last_used_layout(store: Store) -> Layout | None:
    row = store.conn.execute(
        f"SELECT {_COLUMNS} FROM register_layouts WHERE last_used IS NOT NULL ORDER BY last_used DESC, id DESC LIMIT 1"
    ).fetchone()
    return _layout(row) if row else None


def save_layout(cs: ChangeSet, layout: Layout, *, used: bool = True) -> int:
    """Create or replace the layout of that name; `used` marks it as the last imported."""
    values = layout.row()
    if used:
        values["last_used"] = dt.datetime.now().isoformat(timespec="microseconds")
    existing = cs.store.conn.execute("SELECT id FROM register_layouts WHERE name = ?", (layout.name,)).fetchone()
    if existing:
        cs.update("register_layouts", existing[0], values)
        return existing[0]
    return cs.insert("register_layouts", values)
