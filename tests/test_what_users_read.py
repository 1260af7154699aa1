"""Rules read off the source: no message a user reads names a Python exception class or
a table, and the GUI holds no SQL (it asks core/queries.py)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

TRACKER = Path(__file__).resolve().parents[1] / "tracker"
# Calls whose text a user reads: errors raised for them and every way the GUI speaks.
MESSAGE_CALLS = {"UserError", "_refuse", "error", "inform", "confirm", "choose", "warning", "critical",
                 "information", "question", "showMessage", "show_error"}  # fmt: skip
TABLES = re.compile(
    r"\b(recommendations|recommendation_bodies|replies|follow_ups|reports|bodies|body_spellings|history|"
    r"register_layouts|sqlite_master)\b"
)
TECHNICAL_NAMES = {"table", "table_name"}


def sources() -> list[Path]:
    return sorted(TRACKER.rglob("*.py"))


def _called(node: ast.Call) -> str | None:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None


def problems_in(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and _called(node) in MESSAGE_CALLS):
            continue
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            for part in ast.walk(arg):
                where = f"{path.name}:{getattr(part, 'lineno', '?')}"
                if isinstance(part, ast.Attribute) and part.attr in ("__name__", "__class__"):
                    found.append(f"{where}: a class name in a message")
                if isinstance(part, ast.FormattedValue):
                    names = {n.id for n in ast.walk(part.value) if isinstance(n, ast.Name)}
                    if names & TECHNICAL_NAMES:
                        found.append(f"{where}: a table name in a message")
                if isinstance(part, ast.Constant) and isinstance(part.value, str) and TABLES.search(part.value):
                    found.append(f"{where}: ”{part.value}” names a table")
    return found


def test_no_message_names_an_exception_class_or_a_table():
    found = [p for path in sources() for p in problems_in(path)]
    assert found == []


def test_the_scan_finds_what_it_looks_for(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "def f(exc, table, row_id):\n"
        "    raise UserError(f'Gick inte ({type(exc).__name__})')\n"
        "    raise UserError(f'Posten finns inte längre ({table} {row_id})')\n"
        "    window.show_error('no such table: recommendations')\n",
        encoding="utf-8",
    )
    assert len(problems_in(bad)) == 3


@pytest.mark.parametrize("path", sorted((TRACKER / "gui").rglob("*.py")), ids=lambda p: p.name)
def test_the_gui_writes_no_sql(path):
    text = path.read_text(encoding="utf-8")
    assert ".execute(" not in text and not re.search(r"\b(SELECT|INSERT INTO|DELETE FROM)\b", text)
