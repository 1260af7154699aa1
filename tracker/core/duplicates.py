"""Is a report already in the register? Reading the same report twice would otherwise
store a second copy of it and its recommendations."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .rules import swedish_key
from .store import Store


@dataclass(frozen=True)
class ReportMatch:
    report_id: int
    title: str
    year: int | None
    recommendations: int
    same_file: bool  # the same file's checksum; otherwise the same title and year


def file_checksum(path: Path | str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def matching_reports(store: Store, title: str | None, year: int | None, checksum: str | None) -> list[ReportMatch]:
    """Reports read from the same file, or with the same title (case, spaces and dashes aside)
    and year; those from the same file first."""
    wanted = swedish_key(" ".join((title or "").replace("–", "-").split()))
    found = []
    for report_id, other_title, other_year, other_sum, count in store.conn.execute(
        "SELECT p.id, p.title, p.audit_year, p.source_checksum, count(r.id) FROM reports p"
        " LEFT JOIN recommendations r ON r.report_id = p.id GROUP BY p.id ORDER BY p.id"
    ):
        same_file = checksum is not None and other_sum == checksum
        same_title = bool(wanted) and swedish_key(" ".join(other_title.replace("–", "-").split())) == wanted
        if same_file or (same_title and other_year == year):
            found.append(ReportMatch(report_id, other_title, other_year, count, same_file))
    return sorted(found, key=lambda m: not m.same_file)
