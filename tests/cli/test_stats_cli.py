"""`tracker stats`: text and JSON per (year, body), narrowed by --body and --year."""

from __future__ import annotations

import datetime as dt
import json

from tracker.cli import main
from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.opening import open_store

KEYS = {"year", "body", "recommendations", "counts", "unmapped_status", "done_within_1y", "done_within_2y",
        "median_days_to_done", "replies_on_time", "replies_late", "replies_missing"}  # fmt: skip


def make_db(tmp_path):
    path = tmp_path / "register.sqlite"
    store = open_store(path)

    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        tn = R.create_body(cs, "Tekniska nämnden", short_name="TN")
        report = R.create_report(cs, "Granskning av gator", audit_year=2023, report_date=dt.date(2023, 5, 1),
                                 reply_deadline=dt.date(2023, 8, 31))  # fmt: skip
        rec = R.add_recommendation(cs, report, "Underhållsplan.", body_ids=[ks, tn])
        R.set_reply(cs, rec, tn, text="Ja.", reply_date=dt.date(2023, 9, 20))
        R.add_follow_up(cs, rec, dt.date(2024, 6, 5), "Åtgärdad")
        other = R.create_report(cs, "Granskning av IT", audit_year=2025, report_date=dt.date(2025, 4, 1))
        R.add_recommendation(cs, other, "Säkerhetskopior.", body_ids=[ks])

    run_change(store, "setup", build)
    store.close()
    return path


def test_json_has_one_object_per_year_and_body(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-25")
    db = make_db(tmp_path)
    assert main(["--db", str(db), "stats", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["year"], r["body"]) for r in rows] == [(2025, "Kommunstyrelsen"), (2023, "Kommunstyrelsen"),
                                                       (2023, "Tekniska nämnden")]  # fmt: skip
    assert all(set(r) == KEYS for r in rows)
    tn = rows[2]
    assert tn["counts"]["Åtgärdad"] == 1 and tn["median_days_to_done"] == 401 and tn["done_within_2y"] == 1
    assert (tn["replies_on_time"], tn["replies_late"], tn["replies_missing"]) == (0, 1, 0)
    assert rows[1]["replies_missing"] == 1

    assert main(["--db", str(db), "stats", "--json", "--body", "TN"]) == 0
    assert [(r["year"], r["body"]) for r in json.loads(capsys.readouterr().out)] == [(2023, "Tekniska nämnden")]
    assert main(["--db", str(db), "stats", "--json", "--year", "2025"]) == 0
    assert [(r["year"], r["body"]) for r in json.loads(capsys.readouterr().out)] == [(2025, "Kommunstyrelsen")]


def test_text_lists_years_bodies_the_total_and_the_oldest_open(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("TRACKER_TODAY", "2026-11-25")
    assert main(["--db", str(make_db(tmp_path)), "stats"]) == 0
    out = capsys.readouterr().out
    assert "Uppföljningsstatistik per 2026-11-25" in out
    assert "  Tekniska nämnden" in out and "Hela registret" in out
    assert "Granskning av IT (2025) nr 1, Kommunstyrelsen: Ej påbörjad, 603 dagar" in out


def test_an_unknown_body_is_a_swedish_error(tmp_path, capsys):
    assert main(["--db", str(make_db(tmp_path)), "stats", "--body", "Finansnämnden"]) == 1
    assert "Ingen nämnd heter ”Finansnämnden”" in capsys.readouterr().err
