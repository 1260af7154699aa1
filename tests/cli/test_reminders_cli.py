"""`tracker reminders`, `send-reminders` and `settings` on a demo register."""

from __future__ import annotations

import email
import json
from email import policy

from tracker.cli import main


def test_reminders_json_lists_late_replies_and_actions_per_body(demo_db, capsys):
    assert main(["--db", str(demo_db), "reminders", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found and set(found[0]) >= {"body", "recommendation_id", "report", "number", "kind", "deadline",
                                       "days_late", "last_sent"}  # fmt: skip
    assert {r["kind"] for r in found} == {"svar", "åtgärd"}
    assert all(r["last_sent"] is None for r in found)
    assert "Styrelsen för Exempelbostäder AB" not in {r["body"] for r in found}  # nothing late
    bodies = [r["body"] for r in found]
    assert bodies == sorted(bodies, key=bodies.index)  # grouped: each body's rows together
    assert main(["--db", str(demo_db), "reminders", "--days", "400", "--json"]) == 0
    wider = json.loads(capsys.readouterr().out)
    assert len(wider) > len(found) and min(r["days_late"] for r in wider) < 0


def test_send_reminders_writes_a_draft_and_sheet_per_body_and_records_them(demo_db, tmp_path, capsys):
    out = tmp_path / "påminnelser"
    out.mkdir()
    assert main(["--db", str(demo_db), "send-reminders", str(out), "--body", "SN", "--deadline", "2027-01-15"]) == 0
    printed = capsys.readouterr().out
    assert "SN-paminnelse-2026-11-25.xlsx och SN-paminnelse-2026-11-25.eml: Socialnämnden" in printed
    assert "svar senast 2027-01-15" in printed
    msg = email.message_from_bytes((out / "SN-paminnelse-2026-11-25.eml").read_bytes(), policy=policy.default)
    assert msg["To"] == "socialnamnden@exempel.se" and msg["X-Unsent"] == "1"
    assert msg["Subject"].startswith("Påminnelse:") and "15 januari 2027" in msg["Subject"]
    assert main(["--db", str(demo_db), "reminders", "--json"]) == 0
    sn = [r for r in json.loads(capsys.readouterr().out) if r["body"] == "Socialnämnden"]
    assert sn and all(r["last_sent"] for r in sn)
    assert main(["--db", str(demo_db), "list", "--reminded", "--json"]) == 0
    reminded = json.loads(capsys.readouterr().out)
    assert {r["id"] for r in reminded} == {r["recommendation_id"] for r in sn}


def test_send_reminders_refuses_a_past_deadline_and_a_missing_folder(demo_db, tmp_path, capsys):
    assert main(["--db", str(demo_db), "send-reminders", str(tmp_path), "--deadline", "2020-01-01"]) == 1
    assert "har redan passerat" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "send-reminders", str(tmp_path / "saknas")]) == 1
    assert "finns inte" in capsys.readouterr().err


def test_settings_show_set_and_refuse_in_swedish(demo_db, capsys):
    assert main(["--db", str(demo_db), "settings", "office_name", "Revisionskontoret i Exempelby"]) == 0
    assert "ändrad" in capsys.readouterr().out
    assert main(["--db", str(demo_db), "settings", "--json"]) == 0
    values = json.loads(capsys.readouterr().out)
    assert values["office_name"] == "Revisionskontoret i Exempelby" and values["reply_days"] == "30"
    assert main(["--db", str(demo_db), "settings", "reply_days", "många"]) == 1
    assert "inget antal dagar" in capsys.readouterr().err
    assert main(["--db", str(demo_db), "settings"]) == 0
    assert "Revisionskontorets namn: Revisionskontoret i Exempelby" in capsys.readouterr().out
