"""Reply sheets out and back: a committee's secretary fills them in with openpyxl the way
people do (sorting, dates as text, deleting columns, adding rows), and the register gets
exactly what they wrote, or a clear refusal that changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.errors import UserError
from tracker.core.excel import workbook
from tracker.core.excel.reply_import import (
    KEEP_REGISTER,
    TAKE_SHEET,
    apply_replies,
    is_reply_sheet,
    plan_json,
    read_replies,
)
from tracker.core.excel.reply_sheet import HEADER_ROW, KEY_HEADING
from tracker.core.opening import open_store
from tracker.core.sendouts import send_reply_sheets

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def register(store):
    """Kommunstyrelsen must answer three recommendations of two reports, Socialnämnden one."""

    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        sn = R.create_body(cs, "Socialnämnden", short_name="SN")
        a = R.create_report(cs, "Granskning av löner", audit_year=2026, report_date=dt.date(2026, 9, 1),
                            reply_deadline=dt.date(2026, 12, 15))  # fmt: skip
        b = R.create_report(cs, "Granskning av IT-säkerhet", audit_year=2026, report_date=dt.date(2026, 10, 1))
        R.add_recommendation(cs, a, "Se över attesterna.", body_ids=[ks])
        R.add_recommendation(cs, a, "=Inför stickprov i lönerna.", body_ids=[ks, sn])
        R.add_recommendation(cs, b, "Ta fram en kontinuitetsplan.", body_ids=[ks])

    run_change(store, "setup", build)
    return store


def export_for(store, folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    [sheet] = send_reply_sheets(store, folder, TODAY, [R.find_body(store, body).id])
    return sheet.path


def rows_of(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]


def headings(ws) -> list[str]:
    return [c.value for c in ws[HEADER_ROW]]


def fill(path: Path, answers: dict[str, tuple], *, sort=False, drop_key=False, extra_row=None) -> Path:
    """Fill the shaded cells of the rows whose recommendation starts with a key of answers."""
    wb = openpyxl.load_workbook(path)
    ws = wb["Svar"]
    head = headings(ws)
    col = {h: i + 1 for i, h in enumerate(head)}
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        text = ws.cell(row, col["Rekommendation"]).value or ""
        for start, (reply, action, due) in answers.items():
            if text.startswith(start):
                ws.cell(row, col["Nämndens svar"], reply)
                ws.cell(row, col["Planerad åtgärd"], action)
                ws.cell(row, col["Klart senast"], due)
    if sort:
        data = sorted(rows_of(ws), key=lambda r: str(r[col["Rekommendation"] - 1]), reverse=True)
        for i, values in enumerate(data, start=HEADER_ROW + 1):
            for j, v in enumerate(values, start=1):
                cell = ws.cell(i, j, v)
                if isinstance(v, str):
                    cell.data_type = "s"  # text such as "=Inför …" stays text
    if extra_row:
        ws.append(extra_row)
    if drop_key:
        ws.delete_cols(col[KEY_HEADING])
    wb.save(path)
    return path


def replies(store) -> dict[str, tuple]:
    return {
        text: (reply, action, due, due_text, date)
        for text, reply, action, due, due_text, date in store.conn.execute(
            "SELECT r.text, q.text, q.action, q.due, q.due_text, q.reply_date FROM replies q"
            " JOIN recommendations r ON r.id = q.recommendation_id JOIN bodies b ON b.id = q.body_id"
            " WHERE b.short_name = 'KS'"
        )
    }


def test_the_sheet_holds_the_bodys_unanswered_recommendations_locked_and_keyed(register, tmp_path):
    path = export_for(register, tmp_path / "ut", "KS")
    assert path.name == "KS-svar-2026-11-25.xlsx"
    wb = openpyxl.load_workbook(path)
    ws = wb["Svar"]
    assert ws["B3"].value == "Kommunstyrelsen" and ws["B5"].value == dt.datetime(2026, 12, 15)
    assert headings(ws)[:10] == ["Granskning", "Rapportdatum", "Nr", "Rekommendation", "Svar senast",
                                 "Nämndens svar", "Planerad åtgärd", "Klart senast", "Status enligt nämnden",
                                 "Kontaktperson"]  # fmt: skip
    texts = [r[3] for r in rows_of(ws)]
    assert texts == ["Se över attesterna.", "=Inför stickprov i lönerna.", "Ta fram en kontinuitetsplan."]
    first = HEADER_ROW + 1
    assert ws.cell(first + 1, 4).data_type == "s"  # "=" text stays text
    # Only that cell is quote-prefixed; the cells sharing its look are not.
    assert ws.cell(first + 1, 4).quotePrefix and not ws.cell(first, 4).quotePrefix
    assert not ws.cell(first + 1, 1).quotePrefix
    assert ws.cell(first, 5).value == dt.datetime(2026, 12, 15)  # the row's own deadline, locked
    assert ws.cell(first, 6).fill.start_color.rgb.endswith("FFF4CC")  # filled in by the committee
    assert ws.cell(first, 4).fill.start_color.rgb.endswith("EDEDED")  # locked, grey
    assert ws.cell(first, 2).number_format == "yyyy-mm-dd" and ws.cell(first, 4).alignment.wrap_text
    assert ws.protection.sheet and ws.cell(first, 4).protection.locked and not ws.cell(first, 6).protection.locked
    assert ws.column_dimensions["K"].hidden and ws.freeze_panes == f"A{first}"
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == f"${HEADER_ROW}:${HEADER_ROW}"
    validated = {str(v.sqref).split(":")[0]: v.type for v in ws.data_validations.dataValidation}
    assert validated == {f"H{first}": "date", f"I{first}": "list"}
    assert wb["Uppgifter"].sheet_state == "veryHidden"
    assert is_reply_sheet(path)


def test_a_round_trip_with_sorting_text_dates_and_an_extra_row_writes_what_the_committee_wrote(register, tmp_path):
    path = fill(export_for(register, tmp_path / "ut", "KS"), {
        "Se över": ("Vi ser över attesterna.", "Ny rutin", "31 mars 2027"),
        "=Inför": ("=Vi gör stickprov", None, dt.datetime(2027, 6, 30)),
        "Ta fram": ("Planen tas fram.", None, "under våren"),
    }, sort=True, extra_row=["Egen rad", None, None, "Något nämnden själv lade till.", "Svar"])  # fmt: skip

    plan = read_replies(register, path, TODAY)
    assert [r.method for r in plan.rows] == ["nyckel"] * 3
    assert [(n, reason) for n, reason, _ in plan.unmatched] == [
        (HEADER_ROW + 4, "Ingen rekommendation i registret har den här texten.")
    ]
    assert any("”under våren” är inget datum" in w and "rad" in w for w in plan.warnings)
    assert apply_replies(register, plan) == 3

    got = replies(register)
    assert got["Se över attesterna."] == ("Vi ser över attesterna.", "Ny rutin", "2027-03-31", None, "2026-11-25")
    assert got["=Inför stickprov i lönerna."][:3] == ("=Vi gör stickprov", None, "2027-06-30")
    assert got["Ta fram en kontinuitetsplan."][2:4] == (None, "under våren")  # nothing the committee wrote is lost
    sources = {s for (s,) in register.conn.execute("SELECT DISTINCT source FROM history WHERE table_name = 'replies'")}
    assert sources == {"Svarsmall KS-svar-2026-11-25.xlsx / Svar"}


def test_every_change_can_be_unticked_and_an_unticked_row_is_not_written_at_all(register, tmp_path):
    path = fill(export_for(register, tmp_path / "ut", "KS"), {
        "Se över": ("Vi ser över attesterna.", "Ny rutin", "under våren"),
        "Ta fram": ("Planen tas fram.", None, None),
    })  # fmt: skip
    plan = read_replies(register, path, TODAY)
    first = next(r for r in plan.changed if r.text.startswith("Se över"))
    other = next(r for r in plan.changed if r.text.startswith("Ta fram"))
    choices = {(first.row, "action"): KEEP_REGISTER, (first.row, "due"): KEEP_REGISTER,
               (other.row, "text"): KEEP_REGISTER}  # fmt: skip
    assert apply_replies(register, plan, choices) == 1
    got = replies(register)
    # The typed text instead of a date goes with the date; the other row had nothing left but its date.
    assert got["Se över attesterna."] == ("Vi ser över attesterna.", None, None, None, "2026-11-25")
    assert "Ta fram en kontinuitetsplan." not in got


def test_reimporting_the_same_filled_sheet_changes_nothing_the_second_time(register, tmp_path):
    path = fill(export_for(register, tmp_path / "ut", "KS"), {"Se över": ("Klart.", "Rutin", "2027-01-31")})
    apply_replies(register, read_replies(register, path, TODAY))
    history = register.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    again = read_replies(register, path, TODAY)
    assert again.changed == [] and len(again.unchanged) == 3
    assert apply_replies(register, again) == 0
    assert register.conn.execute("SELECT count(*) FROM history").fetchone()[0] == history


def test_without_the_key_column_rows_match_by_report_number_and_text(register, tmp_path):
    path = fill(export_for(register, tmp_path / "ut", "KS"), {"Ta fram": ("Planen tas fram.", None, None)},
                sort=True, drop_key=True)  # fmt: skip
    plan = read_replies(register, path, TODAY)
    assert {r.method for r in plan.rows} == {"granskning, nr och text"}
    apply_replies(register, plan)
    assert replies(register)["Ta fram en kontinuitetsplan."][0] == "Planen tas fram."


def test_a_reply_entered_after_sending_is_a_conflict_the_user_decides(register, tmp_path):
    path = fill(export_for(register, tmp_path / "ut", "KS"), {"Se över": ("Från mallen.", None, None)})
    ks = R.find_body(register, "KS").id
    rec = register.conn.execute("SELECT id FROM recommendations WHERE text = 'Se över attesterna.'").fetchone()[0]
    wb = openpyxl.load_workbook(path)
    wb["Uppgifter"]["B6"] = "2026-11-01T00:00:00"  # sent before the reply below was entered
    wb.save(path)
    run_change(register, "telefon", lambda cs: R.set_reply(cs, rec, ks, text="Sagt i telefon."))

    plan = read_replies(register, path, TODAY)
    assert plan_json(plan)["conflicts"] == [{"row": HEADER_ROW + 1, "recommendation_id": rec, "field": "text",
                                             "register": "Sagt i telefon.", "sheet": "Från mallen."}]  # fmt: skip
    with pytest.raises(UserError, match="krockar"):
        apply_replies(register, plan)
    assert replies(register)["Se över attesterna."][0] == "Sagt i telefon."
    apply_replies(register, plan, {(HEADER_ROW + 1, "text"): TAKE_SHEET})
    assert replies(register)["Se över attesterna."][0] == "Från mallen."


def test_rows_for_another_body_deleted_recommendations_and_duplicate_keys_are_listed_not_written(register, tmp_path):
    ks_sheet = export_for(register, tmp_path / "ut", "KS")
    sn_sheet = openpyxl.load_workbook(export_for(register, tmp_path / "ut", "SN"))
    wb = openpyxl.load_workbook(ks_sheet)
    ws = wb["Svar"]
    first = rows_of(ws)[0]
    ws.append(first[:4] + ["Dubblett"] + first[5:])  # the same key twice
    ws.append(rows_of(sn_sheet["Svar"])[0][:4] + ["Socialnämndens svar"] + rows_of(sn_sheet["Svar"])[0][5:])
    wb.save(ks_sheet)
    gone = register.conn.execute("SELECT id FROM recommendations WHERE text LIKE 'Ta fram%'").fetchone()[0]
    run_change(register, "bort", lambda cs: R.delete_recommendation(cs, gone))

    plan = read_replies(register, ks_sheet, TODAY)
    reasons = [reason for _, reason, _ in plan.unmatched]
    assert any("finns inte längre i registret" in r for r in reasons)
    assert any(r.startswith(f"Samma rekommendation som rad {HEADER_ROW + 1}") for r in reasons)
    assert [body for _, body, _ in plan.other_body] == ["Socialnämnden"]


def test_a_sheet_from_another_register_is_refused(register, tmp_path, db_path):
    path = export_for(register, tmp_path / "ut", "KS")
    other = open_store(tmp_path / "annat.sqlite")
    run_change(other, "n", lambda cs: R.create_body(cs, "Kommunstyrelsen", short_name="KS"))
    with pytest.raises(UserError, match="annat register"):
        read_replies(other, path, TODAY)
    other.close()


def test_rows_beyond_a_short_declared_sheet_size_are_read(register, tmp_path):
    path = fill(export_for(register, tmp_path / "ut", "KS"), {"Ta fram": ("Sist i arket.", None, None)})
    patched = tmp_path / "kort.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w") as out:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:K10"/>', b'<dimension ref="A1:K8"/>')
                assert b'<dimension ref="A1:K8"/>' in data
            out.writestr(info, data)
    plan = read_replies(register, patched, TODAY)
    assert [r.changes["text"][1] for r in plan.changed] == ["Sist i arket."]


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "tom"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "xls"),
        ("Granskning;Nr;Rekommendation\nLöner;1;Se över\n".encode(), "text"),
        (b"PK\x03\x04trasig", "skadad|ofullständig|inte en riktig"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le") + b"\0" * 600, "lösenordsskyddad"),
        (_zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet", "content.xml": b"<x/>"}), "ods"),
        (_zip_bytes({"xl/workbook.bin": b"\0" * 64, "[Content_Types].xml": b"<x/>"}), "xlsb"),
        (_zip_bytes({"xl/workbook.xml": b"<x/>", "xl/media/bomb.bin": b"\0" * (2 * 1024 * 1024)}), "zip-bomb"),
    ],
    ids=["zero-bytes", "xls", "csv-renamed", "truncated", "password", "ods", "xlsb", "zip-bomb"],
)
def test_bad_files_are_refused_in_swedish_and_change_nothing(register, tmp_path, monkeypatch, content, message):
    monkeypatch.setattr(workbook, "MAX_UNCOMPRESSED", 1024 * 1024)  # so the bomb can stay small
    path = tmp_path / "svar.xlsx"
    path.write_bytes(content)
    before = register.conn.execute("SELECT count(*) FROM history").fetchone()[0]
    with pytest.raises(UserError, match=message) as info:
        read_replies(register, path, TODAY)
    assert info.value.file == "svar.xlsx"
    assert register.conn.execute("SELECT count(*) FROM history").fetchone()[0] == before


def test_a_workbook_without_a_reply_table_is_refused(register, tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Något helt annat", "Kolumn"])
    wb.save(tmp_path / "annat.xlsx")
    with pytest.raises(UserError, match="Ingen svarstabell"):
        read_replies(register, tmp_path / "annat.xlsx", TODAY)
    assert not is_reply_sheet(tmp_path / "annat.xlsx")


def test_the_status_chosen_and_the_contact_person_are_written_with_the_reply(register, tmp_path):
    path = export_for(register, tmp_path / "ut", "KS")
    wb = openpyxl.load_workbook(path)
    ws = wb["Svar"]
    col = {h: i + 1 for i, h in enumerate(headings(ws))}
    ws.cell(HEADER_ROW + 1, col["Status enligt nämnden"], "Pågående")
    ws.cell(HEADER_ROW + 1, col["Kontaktperson"], "Anna Andersson, nämndsekreterare")
    wb.save(path)
    apply_replies(register, read_replies(register, path, TODAY))
    got = register.conn.execute(
        "SELECT q.body_status, q.contact FROM replies q JOIN recommendations r ON r.id = q.recommendation_id"
        " WHERE r.text = 'Se över attesterna.'"
    ).fetchall()
    assert got == [("Pågående", "Anna Andersson, nämndsekreterare")]


def test_a_workbook_with_an_info_sheet_of_its_own_is_no_reply_sheet(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.append(["Granskning", "Rekommendation"])
    wb.create_sheet("Uppgifter")["B1"] = "något annat"
    wb.save(tmp_path / "register.xlsx")
    assert not is_reply_sheet(tmp_path / "register.xlsx")
    assert not is_reply_sheet(tmp_path / "finns-inte.xlsx")


def test_a_text_instead_of_a_date_over_a_later_date_is_decided_as_one_conflict(register, tmp_path):
    path = fill(export_for(register, tmp_path / "ut", "KS"), {"Se över": (None, None, "under hösten")})
    wb = openpyxl.load_workbook(path)
    wb["Uppgifter"]["B6"] = "2026-11-01T00:00:00"
    wb.save(path)
    ks = R.find_body(register, "KS").id
    rec = register.conn.execute("SELECT id FROM recommendations WHERE text = 'Se över attesterna.'").fetchone()[0]
    run_change(register, "telefon", lambda cs: R.set_reply(cs, rec, ks, due=dt.date(2027, 4, 30)))

    plan = read_replies(register, path, TODAY)
    [row] = plan.conflicts
    assert row.conflicts == {"due": ("2027-04-30", None), "due_text": (None, "under hösten")}
    apply_replies(register, plan, {(row.row, "due"): KEEP_REGISTER, (row.row, "due_text"): KEEP_REGISTER})
    assert replies(register)["Se över attesterna."][2:4] == ("2027-04-30", None)


def test_a_body_that_has_replied_is_not_sent_the_row_again_while_another_body_is(store, today):
    from tracker.core.excel.reply_sheet import rows_to_send
    from tracker.core.queries import query

    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", "KS")
        sn = R.create_body(cs, "Socialnämnden", "SN")
        report = R.create_report(cs, "Samverkan", audit_year=2025, reply_deadline=dt.date(2026, 1, 31))
        rec = R.add_recommendation(cs, report, "Samordna insatserna.", [ks, sn])
        R.set_reply(cs, rec, ks, text="KS har svarat.")
        return ks, sn, rec

    (ks, sn, rec), _ = run_change(store, "setup", build)
    rows = query(store, today)
    assert [r.id for r in rows_to_send(rows, ks)] == []
    assert [r.id for r in rows_to_send(rows, sn)] == [rec]
    assert [r.id for r in rows_to_send(rows, ks, all_open=True)] == [rec]


def test_bodies_whose_names_differ_only_in_case_or_punctuation_get_a_sheet_each(store, tmp_path):
    names = [("Kommunstyrelsen", "KS"), ("Kulturnämndens styrelse", "ks"), ("Kulturnämnden", "Kultur/fritid"),
             ("Fritidsnämnden", "kultur fritid"), ("Nämnden för" + " mycket långa namn" * 12, None)]  # fmt: skip

    def build(cs):
        report = R.create_report(cs, "Granskning", audit_year=2026, reply_deadline=dt.date(2026, 12, 15))
        for name, short in names:
            R.add_recommendation(cs, report, f"Rekommendation till {name}.", [R.create_body(cs, name, short)])

    run_change(store, "setup", build)
    folder = tmp_path / "ut"
    folder.mkdir()
    sent = send_reply_sheets(store, folder, TODAY)
    assert len(sent) == len(names)
    on_disk = sorted(p.name for p in folder.iterdir())
    assert len(on_disk) == len(names)
    assert len({name.casefold() for name in on_disk}) == len(names)
    assert all(len(name) <= 40 + len("-99-svar-2026-11-25.xlsx") for name in on_disk)
    for sheet in sent:  # each file holds its own body's row
        ws = openpyxl.load_workbook(sheet.path).worksheets[0]
        assert any(f"Rekommendation till {sheet.body}." in str(c.value) for row in ws.iter_rows() for c in row)
