"""Send-outs: reply sheets and reminders written with their e-mail drafts, parsed back
with the standard library, recorded with their history, all or nothing."""

from __future__ import annotations

import datetime as dt
import email
import io
import os
from email import policy
from pathlib import Path

import openpyxl
import pytest

from tracker.core import atomic_file, sendouts, settings
from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.errors import UserError
from tracker.core.excel.reply_import import apply_replies, read_replies
from tracker.core.excel.reply_sheet import HEADER_ROW
from tracker.core.queries import load_rows
from tracker.core.sendouts import send_reminders, send_reply_sheets

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def out(tmp_path) -> Path:
    folder = tmp_path / "utskick"
    folder.mkdir()
    return folder


@pytest.fixture
def chase(store):
    """KS and SN share a late recommendation that only SN has answered; KS has an overdue
    action on another; SN (no e-mail address) has a late one of its own."""

    def build(cs):
        ks = R.create_body(
            cs, "Kommunstyrelsen", short_name="KS", email="Registrator KS <ks@exempel.se>; kansli@exempel.se"
        )
        sn = R.create_body(cs, "Socialnämnden", short_name="SN")
        late = R.create_report(cs, "Granskning av löner", reply_deadline=dt.date(2026, 10, 31))
        shared = R.add_recommendation(cs, late, "Inför stickprov.", body_ids=[ks, sn])
        R.set_reply(cs, shared, sn, text="Vi gör stickprov.")
        acted = R.add_recommendation(cs, late, "Se över attesterna.", body_ids=[ks])
        R.set_reply(cs, acted, ks, text="Ja.", action="Ny rutin.", due=dt.date(2026, 11, 1))
        own = R.add_recommendation(cs, late, "Följ upp kostnaderna.", body_ids=[sn])
        R.add_recommendation(cs, R.create_report(cs, "Granskning av IT"), "Inte försenad.", body_ids=[ks])
        return {"ks": ks, "sn": sn, "shared": shared, "acted": acted, "own": own}

    ids, _ = run_change(store, "setup", build)
    settings.save(store, {"office_name": "Revisionskontoret i Exempelby", "contact_person": "Eva Revisor",
                          "office_email": "revision@exempelby.se"})  # fmt: skip
    return ids


def parse(path: Path) -> email.message.EmailMessage:
    return email.message_from_bytes(path.read_bytes(), policy=policy.default)


def attached_rows(msg) -> tuple[openpyxl.worksheet.worksheet.Worksheet, list[str]]:
    [part] = list(msg.iter_attachments())
    ws = openpyxl.load_workbook(io.BytesIO(part.get_content()))["Svar"]
    col = {c.value: c.column for c in ws[HEADER_ROW]}
    texts = [ws.cell(r, col["Rekommendation"]).value for r in range(HEADER_ROW + 1, ws.max_row + 1)]
    return ws, texts


def test_a_reminder_draft_opens_as_an_unsent_mail_to_the_bodys_addresses_with_its_sheet(store, chase, out):
    sent = send_reminders(store, out, TODAY, window=0, deadline=dt.date(2026, 12, 20))
    assert [s.body for s in sent] == ["Kommunstyrelsen", "Socialnämnden"]
    ks = sent[0]
    assert ks.path.name == "KS-paminnelse-2026-11-25.xlsx" and ks.draft.name == "KS-paminnelse-2026-11-25.eml"
    msg = parse(ks.draft)
    assert msg["X-Unsent"] == "1"
    assert [a.addr_spec for a in msg["To"].addresses] == ["ks@exempel.se", "kansli@exempel.se"]
    assert msg["From"].addresses[0].addr_spec == "revision@exempelby.se"
    assert msg["Subject"].startswith("Påminnelse:") and "20 december 2026" in msg["Subject"]
    plain = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    for text in (plain, html):
        assert "Kommunstyrelsen" in text and "Eva Revisor" in text and "Revisionskontoret i Exempelby" in text
        assert "Inför stickprov." in text and "Se över attesterna." in text and "20 december 2026" in text
    assert "$" not in plain and "<table" in html
    [attachment] = msg.iter_attachments()
    assert attachment.get_filename() == ks.path.name
    assert attachment.get_content() == ks.path.read_bytes()
    ws, texts = attached_rows(msg)
    # Exactly what KS is chased for: not the IT recommendation that is not late.
    assert sorted(texts) == ["Inför stickprov.", "Se över attesterna."]
    assert ws["B2"].value == "Revisionskontoret i Exempelby" and ws["B5"].value == dt.datetime(2026, 12, 20)


def test_a_body_without_an_address_gets_a_draft_with_an_empty_to_and_a_warning(store, chase, out):
    sn = next(s for s in send_reminders(store, out, TODAY, window=0) if s.body == "Socialnämnden")
    msg = parse(sn.draft)
    assert not msg["To"] and msg["X-Unsent"] == "1"
    assert sn.warnings and "ingen e-postadress" in sn.warnings[0]
    # SN answered the shared recommendation: its sheet holds only its own late one.
    assert attached_rows(msg)[1] == ["Följ upp kostnaderna."]


def test_each_send_out_is_recorded_with_its_recommendations_and_history(store, chase, out):
    send_reply_sheets(store, out, TODAY, [chase["ks"]], all_open=True)
    send_reminders(store, out, TODAY, [chase["ks"]], window=0)
    rows = store.conn.execute(
        "SELECT kind, body_id, file_name, deadline, recipients, user FROM sendouts ORDER BY id"
    ).fetchall()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("svarsmall", chase["ks"], "KS-svar-2026-11-25.xlsx"),
        ("påminnelse", chase["ks"], "KS-paminnelse-2026-11-25.xlsx"),
    ]
    # The deadline given: the rows' deadlines have passed, so today + the office's 30 days.
    assert rows[0][3] == "2026-12-25" and rows[0][4] is None and rows[0][5]
    assert rows[1][4] == "Registrator KS <ks@exempel.se>, kansli@exempel.se"
    logged = store.conn.execute(
        "SELECT table_name, action, recommendation_id, source FROM history WHERE table_name LIKE 'sendout%'"
    ).fetchall()
    assert ("sendouts", "insert", None, "Utskick") in logged
    assert ("sendout_recommendations", "insert", chase["shared"], "Utskick") in logged
    [row] = [r for r in load_rows(store, TODAY) if r.id == chase["shared"]]
    sent_on = dt.date.today().isoformat()  # when it happened, whatever day the register is seen as of
    assert row.sendouts_line(chase["ks"]) == f"Svarsmall skickad {sent_on} · påminnelse {sent_on}"
    assert row.sendouts_line(chase["sn"]) is None


def test_a_reply_read_back_closes_the_chase_in_the_send_out_record(store, chase, out):
    [sheet] = send_reminders(store, out, TODAY, [chase["ks"]], window=0)
    wb = openpyxl.load_workbook(sheet.path)
    ws = wb["Svar"]
    col = {c.value: c.column for c in ws[HEADER_ROW]}
    for r in range(HEADER_ROW + 1, ws.max_row + 1):
        if ws.cell(r, col["Rekommendation"]).value == "Inför stickprov.":
            ws.cell(r, col["Nämndens svar"], "Vi också.")
    wb.save(sheet.path)
    apply_replies(store, read_replies(store, sheet.path, dt.date(2026, 12, 2)))
    answered = dict(store.conn.execute("SELECT recommendation_id, answered_on FROM sendout_recommendations"))
    assert answered == {chase["shared"]: "2026-12-02", chase["acted"]: None}
    [row] = [r for r in load_rows(store, TODAY) if r.id == chase["shared"]]
    assert not row.reminded_unanswered


def _nothing_written(store, folder: Path) -> None:
    assert [p.name for p in folder.iterdir()] == []
    assert store.conn.execute("SELECT count(*) FROM sendouts").fetchone()[0] == 0


def test_an_invalid_address_names_the_body_and_writes_nothing(store, chase, out):
    run_change(store, "e-post", lambda cs: R.update_body(cs, chase["ks"], email="ks@exempel.se; kansli(at)exempel"))
    with pytest.raises(UserError, match="Kommunstyrelsen.*kansli\\(at\\)exempel.*ingen giltig e-postadress"):
        send_reminders(store, out, TODAY, window=0)
    _nothing_written(store, out)


def test_a_stored_template_with_an_unknown_placeholder_names_the_setting_and_line(store, chase, out):
    run_change(store, "mall", lambda cs: cs.set_setting("reminder_body", "Hej $nämnd\n\nSvara före $datum."))
    with pytest.raises(UserError, match="Påminnelse, brevtext.*rad 3.*okänd platshållare \\$datum"):
        send_reminders(store, out, TODAY, window=0)
    _nothing_written(store, out)


def test_a_move_that_fails_half_way_leaves_no_file_and_no_record(store, chase, out, monkeypatch):
    real, calls = os.replace, []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(atomic_file.os, "replace", flaky)
    with pytest.raises(UserError, match="Ingen av de 4 filerna sparades"):
        send_reminders(store, out, TODAY, window=0)
    _nothing_written(store, out)


def test_a_record_that_cannot_be_written_takes_the_files_back(store, chase, out, monkeypatch):
    def refuse(*args):
        raise UserError("Registret används just nu av någon annan och kan inte ändras.")

    monkeypatch.setattr(sendouts, "_record", refuse)
    with pytest.raises(UserError, match="används"):
        send_reminders(store, out, TODAY, window=0)
    _nothing_written(store, out)


def test_a_missing_or_unwritable_folder_is_refused_in_swedish(store, chase, out):
    with pytest.raises(UserError, match="finns inte"):
        send_reminders(store, out / "saknas", TODAY, window=0)
    if os.geteuid() != 0:  # root writes anywhere
        locked = out / "låst"
        locked.mkdir(mode=0o500)
        with pytest.raises(UserError, match="går inte att skriva i"):
            send_reminders(store, locked, TODAY, window=0)


def test_a_second_send_out_the_same_day_gets_new_names_and_replaces_nothing(store, chase, out):
    first = send_reply_sheets(store, out, TODAY, [chase["ks"]], drafts=True)
    second = send_reply_sheets(store, out, TODAY, [chase["ks"]], drafts=True)
    assert first[0].path.name == "KS-svar-2026-11-25.xlsx" and second[0].path.name == "KS-2-svar-2026-11-25.xlsx"
    assert sorted(p.name for p in out.iterdir()) == [
        "KS-2-svar-2026-11-25.eml", "KS-2-svar-2026-11-25.xlsx", "KS-svar-2026-11-25.eml", "KS-svar-2026-11-25.xlsx",
    ]  # fmt: skip
    assert not parse(first[0].draft)["Subject"].startswith("Påminnelse")


def test_the_sheet_asks_for_the_latest_own_deadline_that_has_not_passed(store, chase, out):
    def later(cs):
        R.update_report(cs, 2, reply_deadline=dt.date(2027, 1, 15))

    run_change(store, "datum", later)
    [sheet] = send_reply_sheets(store, out, TODAY, [chase["ks"]], all_open=True)
    ws = openpyxl.load_workbook(sheet.path)["Svar"]
    assert ws["B5"].value == dt.datetime(2027, 1, 15)
    col = {c.value: c.column for c in ws[HEADER_ROW]}
    own = {ws.cell(r, col["Rekommendation"]).value: ws.cell(r, col["Svar senast"]).value
           for r in range(HEADER_ROW + 1, ws.max_row + 1)}  # fmt: skip
    assert own["Inte försenad."] == dt.datetime(2027, 1, 15) and own["Inför stickprov."] == dt.datetime(2026, 10, 31)
