"""A report already in the register is recognised by its file or by title and year."""

from __future__ import annotations

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.duplicates import file_checksum, matching_reports
from tracker.core.register import body_index
from tracker.core.reports.proposal import propose_file, save_proposal


def test_a_saved_report_is_found_again_by_its_file_even_under_another_title(store, tmp_path):
    path = tmp_path / "rapport.txt"
    path.write_text("Granskning av bygglov\n\nVi rekommenderar att byggnadsnämnden kortar tiderna.\n", "utf-8")
    proposal = propose_file(path, body_index(store))
    report_id, _ = save_proposal(store, proposal)
    [match] = matching_reports(store, "Något helt annat", 1999, file_checksum(path))
    assert match.report_id == report_id and match.same_file


def test_title_and_year_match_whatever_case_spaces_and_dashes(store):
    run_change(store, "r", lambda cs: R.create_report(cs, "Granskning av  IT-säkerhet – del 2", audit_year=2025))
    [match] = matching_reports(store, "granskning av it-säkerhet - del 2", 2025, None)
    assert not match.same_file and match.recommendations == 0
    assert matching_reports(store, "Granskning av IT-säkerhet – del 2", 2024, None) == []
    assert matching_reports(store, "", None, None) == []
