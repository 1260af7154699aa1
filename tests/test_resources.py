"""Resources and migrations are package data found through importlib.resources: no module
reads a file by its place in the checkout, which an installed or built program does not have."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_no_module_reads_files_by_a_path_from_the_source_tree():
    offenders = {
        str(p.relative_to(ROOT))
        for folder in ("tracker", "resources")
        for p in (ROOT / folder).rglob("*.py")
        if "__file__" in p.read_text(encoding="utf-8")
    }
    assert not offenders, sorted(offenders)
