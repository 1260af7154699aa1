"""`tracker import-report` as a user runs it."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from tracker.cli import main
from tracker.core.backups import list_backups
from tracker.core.opening import open_store

REPORT = """Revisionsrapport: Tillsyn av serveringstillstånd – Hagby kommun
2024-11-04
EY har på uppdrag av de förtroendevalda revisorerna i Hagby kommun granskat tillsynen.
Granskningen avser revisionsår 2024.

Rekommendationer
Vi rekommenderar miljö- och hälsoskyddsnämnden att:
• upprätta en tillsynsplan som bygger på en riskanalys,
• följa upp att tillsynsavgifterna tas ut enligt taxan.

Vi rekommenderar kommunstyrelsen och miljö- och hälsoskyddsnämnden att tydliggöra ansvaret för
alkoholhandläggningen i reglementena.

Revisorerna önskar svar från nämnden senast den 31 januari 2025.
"""


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "register.sqlite"
    store = open_store(path)
    store.conn.execute("INSERT INTO bodies (name, short_name) VALUES ('Kommunstyrelsen', 'KS')")
    store.conn.commit()
    store.close()
    return path


def _report(tmp_path: Path, text: str = REPORT) -> str:
    path = tmp_path / "rapport.txt"
    path.write_text(text, encoding="utf-8")
    return str(path)


def _counts(db: Path) -> tuple[int, int, int]:
    store = open_store(db)
    try:
        return tuple(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("reports", "recommendations", "bodies"))  # fmt: skip
    finally:
        store.close()


def test_dry_run_json_prints_the_proposal_and_stores_nothing(db, tmp_path, capsys):
    assert main(["--db", str(db), "import-report", _report(tmp_path), "--dry-run", "--json"]) == 0
    proposal = json.loads(capsys.readouterr().out)
    assert proposal | {"recommendations": None} == {
        "title": "Tillsyn av serveringstillstånd", "organisation": "Hagby kommun", "report_date": "2024-11-04",
        "audit_year": 2024, "author": "EY", "reply_deadline": "2025-01-31", "recommendations": None,
        "audited_body": "Miljö- och hälsoskyddsnämnden", "warnings": [],
    }  # fmt: skip
    assert proposal["recommendations"] == [
        {"number": 1, "text": "Upprätta en tillsynsplan som bygger på en riskanalys.",
         "bodies": ["Miljö- och hälsoskyddsnämnden"]},
        {"number": 2, "text": "Följa upp att tillsynsavgifterna tas ut enligt taxan.",
         "bodies": ["Miljö- och hälsoskyddsnämnden"]},
        {"number": 3, "text": "Vi rekommenderar kommunstyrelsen och miljö- och hälsoskyddsnämnden att tydliggöra "
                              "ansvaret för alkoholhandläggningen i reglementena.",
         "bodies": ["Kommunstyrelsen", "Miljö- och hälsoskyddsnämnden"]},
    ]  # fmt: skip
    assert _counts(db) == (0, 0, 1)


def test_without_yes_the_proposal_is_shown_and_nothing_is_stored(db, tmp_path, capsys):
    assert main(["--db", str(db), "import-report", _report(tmp_path)]) == 1
    printed = capsys.readouterr()
    assert "Nya nämnder: Miljö- och hälsoskyddsnämnden" in printed.out and "--yes" in printed.err
    assert _counts(db) == (0, 0, 1)


def test_json_without_yes_prints_only_json_on_stdout(db, tmp_path, capsys):
    import json

    assert main(["--db", str(db), "import-report", _report(tmp_path), "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["recommendations"]


def test_yes_stores_report_recommendations_and_new_body_after_a_backup(db, tmp_path, capsys):
    assert main(["--db", str(db), "import-report", _report(tmp_path), "--yes"]) == 0
    assert _counts(db) == (1, 3, 2)
    assert any("granskningsrapport" in b.path.name for b in list_backups(db, with_counts=False))
    store = open_store(db)
    try:
        bodies = store.conn.execute(
            "SELECT b.name FROM recommendation_bodies rb JOIN bodies b ON b.id = rb.body_id "
            "JOIN recommendations r ON r.id = rb.recommendation_id WHERE r.number = 3 ORDER BY b.name"
        ).fetchall()
        deadline = store.conn.execute("SELECT reply_deadline FROM reports").fetchone()[0]
    finally:
        store.close()
    assert [b[0] for b in bodies] == ["Kommunstyrelsen", "Miljö- och hälsoskyddsnämnden"]
    assert deadline == "2025-01-31"


def test_a_report_without_recommendations_says_so(db, tmp_path, capsys):
    text = "Granskning av delårsrapporten\nVi bedömer att delårsrapporten är upprättad enligt lag.\n"
    assert main(["--db", str(db), "import-report", _report(tmp_path, text), "--dry-run"]) == 0
    assert "Inga rekommendationer hittades" in capsys.readouterr().out


def test_an_unreadable_file_is_a_swedish_error(db, tmp_path, capsys):
    bad = tmp_path / "trasig.pdf"
    bad.write_bytes(b"%PDF-1.4 inte en riktig pdf")
    assert main(["--db", str(db), "import-report", str(bad), "--dry-run"]) == 1
    assert "Fel:" in capsys.readouterr().err


def test_pages_without_text_are_warned_about_in_json_and_in_the_listing(db, tmp_path, capsys):
    sys.path.insert(0, str(Path(__file__).parents[1] / "core"))  # the report files the core tests write
    from report_files import write_scanned_pdf

    path = write_scanned_pdf(tmp_path / "delvis.pdf", [["Rekommendationer"], *[None] * 8, ["Bilaga"]])
    assert main(["--db", str(db), "import-report", str(path), "--dry-run", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["warnings"] == ["Sidorna 2–9 saknar text (inskannade?)."]
    assert main(["--db", str(db), "import-report", str(path), "--dry-run"]) == 0
    assert capsys.readouterr().out.startswith("Obs! Sidorna 2–9 saknar text (inskannade?).\n")
