"""`tracker demo` and `tracker list` as a user runs them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.opening import open_store

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def tracker(db: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "TRACKER_TODAY": "2026-11-25"}
    return subprocess.run(
        [sys.executable, str(MAIN), "--db", str(db), *args], capture_output=True, text=True, env=env, timeout=120
    )


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "demo.sqlite"
    result = tracker(db, "demo")
    assert result.returncode == 0, result.stderr
    return db


def test_demo_fills_a_realistic_register(demo_db):
    rows = json.loads(tracker(demo_db, "list", "--json").stdout)
    assert len(rows) >= 25
    assert len({r["report"] for r in rows}) >= 6
    assert len({b for r in rows for b in r["bodies"]}) >= 5
    states = {r["reply_state"] for r in rows}
    assert states == {"Svar inkommet", "Svar saknas", "Svar försenat"}
    assert any(r["overdue_action"] for r in rows)
    assert any(r["replies"] for r in rows)


def test_list_json_has_the_documented_keys_and_iso_dates(demo_db):
    rows = json.loads(tracker(demo_db, "list", "--json").stdout)
    keys = {"id", "report", "year", "number", "text", "bodies", "reply_deadline", "reply_state", "status", "due"}
    assert keys | {"replies"} <= set(rows[0])
    replied = next(r for r in rows if r["replies"])
    assert set(replied["replies"][0]) >= {"body", "text", "action", "due", "date"}
    for r in rows:
        for value in (r["reply_deadline"], r["due"]):
            assert value is None or (len(value) == 10 and value[4] == "-")


def test_list_filters_by_body_in_any_spelling_year_status_and_overdue(demo_db):
    by_name = json.loads(tracker(demo_db, "list", "--json", "--body", "Socialnämnden").stdout)
    by_short = json.loads(tracker(demo_db, "list", "--json", "--body", "sn").stdout)
    by_spelling = json.loads(tracker(demo_db, "list", "--json", "--body", "Soc").stdout)
    assert by_name == by_short == by_spelling
    assert by_name and all("Socialnämnden" in r["bodies"] for r in by_name)
    year = by_name[0]["year"]
    assert all(r["year"] == year for r in json.loads(tracker(demo_db, "list", "--json", "--year", str(year)).stdout))
    done = json.loads(tracker(demo_db, "list", "--json", "--status", "åtgärdad").stdout)
    assert done and all(r["status"] == "Åtgärdad" for r in done)
    overdue = json.loads(tracker(demo_db, "list", "--json", "--overdue").stdout)
    assert overdue and all(r["overdue_action"] or r["reply_state"] == "Svar försenat" for r in overdue)


def test_demo_refuses_a_register_that_has_data(demo_db):
    before = demo_db.read_bytes()
    result = tracker(demo_db, "demo")
    assert result.returncode == 1
    assert "innehåller redan" in result.stderr
    assert "Traceback" not in result.stderr
    assert demo_db.read_bytes() == before


def test_errors_are_swedish_with_exit_1_and_usage_errors_exit_2(demo_db, tmp_path):
    unknown = tracker(demo_db, "list", "--body", "Fritidsnämnden")
    assert unknown.returncode == 1 and "Ingen nämnd heter" in unknown.stderr
    bad_status = tracker(demo_db, "list", "--status", "halvklar")
    assert bad_status.returncode == 1 and "Okänd status" in bad_status.stderr
    usage = tracker(demo_db, "list", "--year", "förra året")
    assert usage.returncode == 2 and "fel:" in usage.stderr
    not_db = tmp_path / "anteckningar.sqlite"
    not_db.write_text("inte en databas")
    result = tracker(not_db, "list")
    assert result.returncode == 1 and "inte ett register" in result.stderr and "Traceback" not in result.stderr
    assert not_db.read_text() == "inte en databas"


def test_list_json_gives_each_body_its_own_reply_state(demo_db):
    rows = json.loads(tracker(demo_db, "list", "--json").stdout)
    keys = {"body", "body_id", "deadline", "received", "reply_date", "state", "late"}
    assert all([s["body"] for s in r["body_states"]] == r["bodies"] for r in rows)
    assert all(set(s) == keys for r in rows for s in r["body_states"])
    for r in rows:
        states = [s["state"] for s in r["body_states"]]
        assert (r["reply_state"] == "Svar försenat") == ("Svar försenat" in states)
        assert all(s["late"] == (s["state"] == "Svar försenat") for s in r["body_states"])
        assert all(s["received"] == (s["state"] == "Svar inkommet") for s in r["body_states"])


def test_json_to_a_cp1252_pipe_is_written_in_utf8(tmp_path):
    db = tmp_path / "register.sqlite"
    assert tracker(db, "demo").returncode == 0
    store = open_store(db)
    run_change(
        store, "ny", lambda cs: R.add_recommendation(cs, R.create_report(cs, "Granskning i Łódź och Ærø"), "Ja.")
    )
    store.close()
    env = {**os.environ, "PYTHONIOENCODING": "cp1252"}  # what redirected output gets on Windows
    result = subprocess.run(
        [sys.executable, str(MAIN), "--db", str(db), "list", "--json"], capture_output=True, env=env
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert any(r["report"] == "Granskning i Łódź och Ærø" for r in json.loads(result.stdout.decode("utf-8")))


def test_a_reader_that_goes_away_gives_no_traceback(demo_db):
    read, write = os.pipe()
    os.close(read)  # `tracker list | head -1` once head has gone
    try:
        result = subprocess.run(
            [sys.executable, str(MAIN), "--db", str(demo_db), "list", "--json"], stdout=write, stderr=subprocess.PIPE
        )
    finally:
        os.close(write)
    stderr = result.stderr.decode("utf-8", "replace")
    assert "Traceback" not in stderr and "BrokenPipe" not in stderr and "Exception ignored" not in stderr
    assert result.returncode == 1


def test_listing_loads_neither_excel_nor_sqlite_utils_nor_the_report_reader(tmp_path):
    """`tracker list` is what scripts call most: it must not pay for the Excel, write and
    report-reading libraries (together more than half a second to import), nor for the
    other commands' core (status list, statistics, reminders, demo) or their helpers, nor
    for what only migrating or making classes needs (importlib.resources, dataclasses: 25 ms)."""
    path = tmp_path / "register.sqlite"
    open_store(path).close()
    code = (
        "import sys\n"
        "from tracker.cli import main\n"
        f"assert main(['--db', {str(path)!r}, 'list', '--json']) == 0\n"
        "heavy = {'openpyxl', 'sqlite_utils', 'pypdfium2', 'docx', 'PySide6'}\n"
        "loaded = heavy & {m.split('.')[0] for m in sys.modules}\n"
        "assert not loaded, loaded\n"
        "other = {'tracker.core.' + m for m in ('statuslist', 'stats', 'reminders', 'demo', 'sendouts', 'mail')}\n"
        "other |= {'tracker.core.register', 'tracker.core.layouts', 'tracker.core.settings', 'tracker.core.changes'}\n"
        "other |= {'tracker.cli.' + m for m in ('safety', 'registers', 'replies', 'reports', 'settings', 'launcher')}\n"
        "other |= {'statistics', 'secrets', 'socket', 'platformdirs', 'dataclasses', 'importlib.resources', 'calendar'}\n"
        "assert not other & set(sys.modules), other & set(sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
