"""Odd office registers: every row imported, none merged or dropped without a warning
naming it, one bad cell never refusing a whole register (issue 14, items 1-6 and 10)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from odd_workbooks import edit_part, register_workbook, set_cell_xml, shared_strings, snapshot

from tracker.cli import main
from tracker.core import register
from tracker.core.changes import run_change
from tracker.core.errors import UserError
from tracker.core.excel import workbook
from tracker.core.excel.register_apply import apply_plan
from tracker.core.excel.register_export import export_register
from tracker.core.excel.register_import import read_register
from tracker.core.excel.reply_import import read_replies
from tracker.core.queries import load_rows
from tracker.core.sendouts import send_reply_sheets

TODAY = dt.date(2026, 11, 25)
ROOT = Path(__file__).resolve().parents[2]


def _import(store, path):
    plan = read_register(store, path)
    apply_plan(store, plan, today=TODAY)
    return plan


def _rows(store):
    return load_rows(store, TODAY)


# --- 1. sub-numbers and repeated numbers -----------------------------------------

SUB_NUMBERS = [
    ["Intern kontroll", 2024, "1.1", "Dokumentera kontrollerna.", "KS", None, "Pågår", None],
    [None, None, "1.2", "Följ upp kontrollerna.", "KS", None, "Pågår", None],
    [None, None, "2a", "Se över attesterna.", "KS", None, "Pågår", None],
    [None, None, "2b", "Inför stickprov.", "KS", None, "Pågår", None],
    [None, None, 3, "Rapportera till nämnden.", "KS", None, "Pågår", None],
    [None, None, 3, "Rapportera till fullmäktige.", "KS", None, "Pågår", None],
]


def test_sub_numbers_and_a_repeated_number_import_every_row_with_the_number_as_written(store, tmp_path):
    path = register_workbook(tmp_path / "reg.xlsx", [[r[0] or "Intern kontroll", *r[1:]] for r in SUB_NUMBERS])
    plan = _import(store, path)
    rows = _rows(store)
    assert [r.number_label for r in rows] == ["1.1", "1.2", "2a", "2b", "3", "3"]
    assert [r.text for r in rows] == [r[3] for r in SUB_NUMBERS]
    [warning] = [w for w in plan.warnings if "nummer 3" in w]
    assert "Uppföljning rad 6" in warning and "Uppföljning rad 7" in warning


def test_a_decimal_comma_number_is_its_own_recommendation(store, tmp_path):
    rows = [["Löner", 2024, 1, "Se över attesterna.", "KS"], ["Löner", 2024, "1,5", "Inför stickprov.", "KS"]]
    _import(store, register_workbook(tmp_path / "reg.xlsx", rows))
    assert [(r.number_label, r.text) for r in _rows(store)] == [
        ("1", "Se över attesterna."),
        ("1,5", "Inför stickprov."),
    ]


def test_the_same_number_and_text_to_two_bodies_is_one_recommendation_with_both(store, tmp_path):
    rows = [["Löner", 2024, 1, "Se över attesterna.", "KS"], ["Löner", 2024, 1, "Se över attesterna.", "SN"]]
    plan = _import(store, register_workbook(tmp_path / "reg.xlsx", rows))
    [row] = _rows(store)
    assert row.bodies == ["KS", "SN"]
    assert not [w for w in plan.warnings if "nummer" in w]


def test_reimporting_sub_numbers_changes_nothing(store, tmp_path):
    path = register_workbook(tmp_path / "reg.xlsx", [[r[0] or "Intern kontroll", *r[1:]] for r in SUB_NUMBERS])
    _import(store, path)
    before = snapshot(store.path)
    plan = read_register(store, path)
    assert plan.counts["rekommendationer_nya"] == 0 and plan.counts["rekommendationer_ändrade"] == 0
    assert snapshot(store.path) == before


def test_labels_reach_the_export_the_reply_sheet_and_the_list(store, tmp_path, capsys):
    path = register_workbook(tmp_path / "reg.xlsx", [[r[0] or "Intern kontroll", *r[1:]] for r in SUB_NUMBERS])
    _import(store, path)
    out = tmp_path / "ut.xlsx"
    export_register(store, out, today=TODAY)
    header, *rows = openpyxl.load_workbook(out).active.iter_rows(values_only=True)
    assert [str(r[header.index("Nr")]) for r in rows] == ["1.1", "1.2", "2a", "2b", "3", "3"]
    [sent] = send_reply_sheets(store, tmp_path, TODAY, [_rows(store)[0].body_ids[0]])
    sheet = openpyxl.load_workbook(sent.path).active
    labels = [str(sheet.cell(r, 3).value) for r in range(1, sheet.max_row + 1)]
    assert labels[-6:] == ["1.1", "1.2", "2a", "2b", "3", "3"]
    assert main(["--db", str(store.path), "list"]) == 0
    listed = capsys.readouterr().out
    assert " 1.1 " in listed and " 2a " in listed


# --- 2. one bad cell ----------------------------------------------------------------


def _three_rows(tmp_path: Path, **extra) -> Path:
    rows = [["Löner", 2024, n, f"Rekommendation {n}.", "KS", f"Svar {n}", "Pågår", None] for n in (1, 2, 3)]
    return register_workbook(tmp_path / "reg.xlsx", rows, **extra)


@pytest.mark.parametrize("error", ["#REF!", "#N/A", "#DIV/0!", "#VALUE!"])
def test_an_error_on_an_unrelated_calculation_sheet_is_ignored(store, tmp_path, error):
    path = _three_rows(tmp_path, extra_sheets={"Beräkning": [["Summa", 1]]})
    set_cell_xml(path, "B1", f'<c r="B1" t="e"><f>1/0</f><v>{error}</v></c>', sheet=2)
    plan = _import(store, path)
    assert len(_rows(store)) == 3 and not plan.warnings


def test_an_error_in_a_note_below_the_table_is_ignored(store, tmp_path):
    path = set_cell_xml(_three_rows(tmp_path), "A8", '<c r="A8" t="e"><v>#N/A</v></c>')
    _import(store, path)
    assert len(_rows(store)) == 3


def test_an_error_in_a_reply_cell_reads_as_empty_with_a_warning_naming_it(store, tmp_path):
    path = set_cell_xml(_three_rows(tmp_path), "F3", '<c r="F3" t="e"><f>VLOOKUP(1,A:A,2)</f><v>#N/A</v></c>')
    plan = _import(store, path)
    assert [w for w in plan.warnings if w.startswith("Uppföljning rad 3, kolumn F:") and "#N/A" in w]
    replies = {r.number: [q.text for q in r.replies] for r in _rows(store)}
    assert replies == {1: ["Svar 1"], 2: [], 3: ["Svar 3"]}


def test_a_formula_without_a_result_in_a_comment_column_is_a_warning(store, tmp_path):
    path = set_cell_xml(_three_rows(tmp_path), "F4", '<c r="F4"><f>A1&amp;B1</f></c>')
    plan = _import(store, path)
    assert [w for w in plan.warnings if "rad 4, kolumn F" in w and "formel utan sparat resultat" in w]
    assert len(_rows(store)) == 3


@pytest.mark.parametrize("column", ["A", "C", "D", "E"])
def test_an_error_in_a_column_that_identifies_the_recommendation_refuses_naming_the_cell(store, tmp_path, column):
    path = set_cell_xml(_three_rows(tmp_path), f"{column}3", f'<c r="{column}3" t="e"><v>#REF!</v></c>')
    before = snapshot(store.path)
    with pytest.raises(UserError, match="#REF!") as info:
        read_register(store, path)
    assert (info.value.file, info.value.sheet, info.value.row, info.value.column) == (
        "reg.xlsx",
        "Uppföljning",
        3,
        column,
    )
    assert snapshot(store.path) == before


def test_text_that_reads_like_an_error_is_text(store, tmp_path):
    path = register_workbook(tmp_path / "reg.xlsx", [["Löner", 2024, 1, "Rekommendation.", "KS", "Svar", "Pågår"]])
    # openpyxl would write "#N/A" as an error: as typed text it is an inline string.
    plan = _import(store, set_cell_xml(path, "F2", '<c r="F2" t="inlineStr"><is><t>#N/A</t></is></c>'))
    assert [q.text for q in _rows(store)[0].replies] == ["#N/A"] and not plan.warnings


def test_a_date_serial_outside_excels_range_is_a_warning_about_that_cell(store, tmp_path):
    path = _three_rows(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.active["H2"] = dt.date(2025, 1, 31)  # gives the workbook a date style to point at
    wb.save(path)
    date_style = re.search(r'<c r="H2" s="(\d+)"', zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml").decode())[1]
    set_cell_xml(path, "H3", f'<c r="H3" s="{date_style}"><v>99999999</v></c>')
    plan = _import(store, path)
    [warning] = [w for w in plan.warnings if "rad 3, kolumn H" in w]
    assert "utanför de datum Excel kan visa" in warning and "#VALUE!" not in warning
    assert len(_rows(store)) == 3


# --- 3. hidden sheets and rows -------------------------------------------------------


def test_a_hidden_sheet_is_imported_with_a_warning_and_a_very_hidden_one_skipped(store, tmp_path):
    path = _three_rows(tmp_path)
    wb = openpyxl.load_workbook(path)
    for title, state, n in (("Gömd", "hidden", 4), ("Mycket gömd", "veryHidden", 5)):
        ws = wb.create_sheet(title)
        ws.append(["Granskning", "Nr", "Rekommendation", "Ansvarig nämnd"])
        ws.append([f"Granskning {n}", 1, f"Rekommendation i {title}.", "KS"])
        ws.sheet_state = state
    wb.active.row_dimensions[3].hidden = True
    wb.save(path)
    plan = _import(store, path)
    texts = {r.text for r in _rows(store)}
    assert "Rekommendation i Gömd." in texts and "Rekommendation i Mycket gömd." not in texts
    assert "Rekommendation 2." in texts, "a hidden row is data"
    assert any("”Gömd”" in w and "dold" in w for w in plan.warnings)
    assert any("”Mycket gömd”" in w and "läses inte in" in w for w in plan.warnings)


# --- 4. text over Excel's limit ---------------------------------------------------------


def test_text_over_32767_characters_refuses_that_row_with_a_message(store, tmp_path):
    path = _three_rows(tmp_path)
    long = "Lång " * 8000  # 40 000 characters: openpyxl writes it, Excel could not
    set_cell_xml(path, "F3", f'<c r="F3" t="inlineStr"><is><t>{long}</t></is></c>')
    plan = _import(store, path)
    [warning] = [w for w in plan.warnings if "32 767" in w]
    assert warning.startswith("Uppföljning rad 3, kolumn F (Nämndens svar): texten har 40 000 tecken")
    assert [r.text for r in _rows(store)] == ["Rekommendation 1.", "Rekommendation 3."]


# --- 5. size by what is used -------------------------------------------------------------


def test_a_styled_empty_cell_at_xfd1048576_reads_in_bounded_memory(store, tmp_path):
    path = set_cell_xml(_three_rows(tmp_path), "XFD1048576", '<c r="XFD1048576" s="1"/>')
    assert path.stat().st_size < 1_000_000
    script = (
        "import resource, sys, time\n"
        "from tracker.core.opening import open_store\n"
        "from tracker.core.excel.register_import import read_register\n"
        "start = time.perf_counter()\n"
        "plan = read_register(open_store(sys.argv[2]), sys.argv[1])\n"
        "print(sum(len(r.recs) for r in plan.reports), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,"
        " round(time.perf_counter() - start, 2))\n"
    )
    db = tmp_path / "mätning.sqlite"
    out = subprocess.run(
        [sys.executable, "-c", script, str(path), str(db)], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert out.returncode == 0, out.stderr
    recs, peak_mb, _seconds = out.stdout.split()
    assert int(recs) == 3
    assert int(peak_mb) < 300, f"reading took {peak_mb} MB"
    assert out.stderr == ""


def test_a_value_at_xfd_in_every_row_is_left_out_with_a_warning_in_bounded_memory(store, tmp_path):
    rows = [["Löner", 2024, n, f"Rekommendation {n}.", "KS", None, "Pågår", None] for n in range(1, 3001)]
    path = register_workbook(tmp_path / "reg.xlsx", rows)
    edit_part(path, "xl/worksheets/sheet1.xml", lambda xml: re.sub(
        r'(<row r="(\d+)"[^>]*>.*?)(</row>)', lambda m: f'{m[1]}<c r="XFD{m[2]}" t="inlineStr"><is><t>x</t></is></c>{m[3]}',
        xml))  # fmt: skip
    assert path.stat().st_size < 1_000_000
    script = (
        "import resource, sys\n"
        "from tracker.core.opening import open_store\n"
        "from tracker.core.excel.register_import import read_register\n"
        "plan = read_register(open_store(sys.argv[2]), sys.argv[1])\n"
        "print(sum(len(r.recs) for r in plan.reports), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)\n"
        "print(plan.warnings[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(path), str(tmp_path / "m.sqlite")], capture_output=True,
                         text=True, cwd=ROOT, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    counts, warning = out.stdout.splitlines()
    recs, peak_mb = map(int, counts.split())
    assert recs == 3000 and peak_mb < 300, counts
    assert warning == "Fliken ”Uppföljning” har värden längre ut än kolumn AMJ (först XFD1); de läses inte in."


def test_merged_boxes_below_and_right_of_the_table_are_clipped(store, tmp_path):
    path = _three_rows(tmp_path)
    wb = openpyxl.load_workbook(path)
    wb.active.merge_cells("A20:C25")
    wb.active.merge_cells("M1:P3")
    wb.active.merge_cells("XFA1048570:XFD1048576")
    wb.save(path)
    _import(store, path)
    assert len(_rows(store)) == 3


def test_a_reply_sheet_with_a_styled_cell_at_a1048576_reads_quickly(store, tmp_path):
    def setup(cs):
        ks = register.create_body(cs, "Kommunstyrelsen", short_name="KS")
        report = register.create_report(cs, "Granskning av löner", audit_year=2026)
        register.add_recommendation(cs, report, "Se över attesterna.", [ks])
        return ks

    ks = run_change(store, "setup", setup)[0]
    [sent] = send_reply_sheets(store, tmp_path, TODAY, [ks])
    wb = openpyxl.load_workbook(sent.path)
    wb.active.cell(wb.active.max_row, 5).value = "Vi gör det."
    wb.save(sent.path)
    set_cell_xml(sent.path, "A1048576", '<c r="A1048576" s="1"/>')
    set_cell_xml(sent.path, "XFD20", '<c r="XFD20" s="1"/>')
    start = time.perf_counter()
    plan = read_replies(store, sent.path, TODAY)
    assert time.perf_counter() - start < 5
    assert [r.changes for r in plan.rows] and not plan.unmatched


# --- 6. opened and checked once -----------------------------------------------------------


def test_a_file_replaced_after_the_checks_is_never_read(store, tmp_path, monkeypatch):
    path = _three_rows(tmp_path)
    other = register_workbook(tmp_path / "annan.xlsx", [["Annan", 2020, 1, "Något annat.", "SN"]])
    read_once = workbook.read_file

    def read_then_replace(p):
        data = read_once(p)
        p.write_bytes(other.read_bytes())  # another program saves over it at once
        return data

    monkeypatch.setattr(workbook, "read_file", read_then_replace)
    plan = read_register(store, path)
    assert [rec.text for r in plan.reports for rec in r.recs.values()] == [f"Rekommendation {n}." for n in (1, 2, 3)]


# --- 10. control characters -------------------------------------------------------------


def test_control_characters_are_removed_on_import_and_every_later_export_works(store, tmp_path):
    path = register_workbook(tmp_path / "reg.xlsx", [["Löner", 2024, 1, "Text", "KS", "Svar", "Pågår", None]])
    shared_strings(path, {"D2": "Se över_x001B_ attesterna_x0007_.", "E2": "KS_x0000_", "F2": "Svar_x000B_ här"})
    _import(store, path)
    [row] = _rows(store)
    assert (row.text, row.bodies, row.replies[0].text) == ("Se över attesterna.", ["KS"], "Svar här")
    export_register(store, tmp_path / "ut.xlsx", today=TODAY)


def test_control_characters_are_removed_from_edits_body_names_and_at_export(store, tmp_path):
    def setup(cs):
        body = register.create_body(cs, "Social\x1bnämnden")
        report = register.create_report(cs, "Granskning\x07 av löner")
        rec = register.add_recommendation(cs, report, "Text\x00 ett", [body])
        register.update_recommendation(cs, rec, text="Ny\x1b text")
        register.set_reply(cs, rec, body, text="Svar\x08 text")
        return rec

    run_change(store, "setup", setup)
    [row] = _rows(store)
    assert (row.report, row.text, row.bodies, row.replies[0].text) == (
        "Granskning av löner", "Ny text", ["Socialnämnden"], "Svar text",
    )  # fmt: skip
    # A row written before the cleaning existed still exports.
    with store.transaction():
        store.conn.execute("UPDATE recommendations SET text = 'Gammal\x1b text'")
    export_register(store, tmp_path / "ut.xlsx", today=TODAY)
    ws = openpyxl.load_workbook(tmp_path / "ut.xlsx").active
    assert "Gammal text" in [c.value for row in ws.iter_rows() for c in row]


def test_control_characters_are_removed_from_pasted_report_text(store):
    from tracker.core.register import body_index
    from tracker.core.reports.proposal import propose_pasted

    text = "Granskning av löner\x1b[31m\n\nVi rekommenderar kommunstyrelsen att\x07 se över attesterna.\x00\n"
    proposal = propose_pasted(text, body_index(store))
    assert not any(ch in proposal.text for ch in "\x1b\x07\x00")
    assert all(not any(ch in r.text for ch in "\x1b\x07\x00") for r in proposal.recommendations)


def test_a_reply_sheet_without_its_key_matches_a_sub_number_by_report_number_and_text(store, tmp_path):
    def setup(cs):
        ks = register.create_body(cs, "Kommunstyrelsen", short_name="KS")
        report = register.create_report(cs, "Intern kontroll", audit_year=2026)
        for label in ("1.1", "1.2"):  # the same text twice: only the number tells them apart
            register.add_recommendation(cs, report, "Följ upp kontrollerna.", [ks], number=1, label=label)
        return ks

    ks = run_change(store, "setup", setup)[0]
    [sent] = send_reply_sheets(store, tmp_path, TODAY, [ks])
    wb = openpyxl.load_workbook(sent.path)
    ws = wb.active
    header = next(r for r in range(1, 20) if ws.cell(r, 3).value == "Nr")
    key_col = next(
        c for c in range(1, ws.max_column + 1) if ws.cell(header, c).value and "Nyckel" in ws.cell(header, c).value
    )
    for row in range(header + 1, ws.max_row + 1):
        ws.cell(row, 5).value = f"Svar på {ws.cell(row, 3).value}"
        ws.cell(row, key_col).value = None
    wb.save(sent.path)
    plan = read_replies(store, sent.path, TODAY)
    assert sorted((r.number, r.method) for r in plan.rows) == [
        ("1.1", "granskning, nr och text"), ("1.2", "granskning, nr och text"),
    ]  # fmt: skip


def test_a_number_without_digits_is_kept_and_a_changed_text_under_it_updates_the_recommendation(store, tmp_path):
    rows = [["Löner", 2024, "a", "Se över attesterna.", "KS"], ["Löner", 2024, "b", "Inför stickprov.", "KS"]]
    _import(store, register_workbook(tmp_path / "reg.xlsx", rows))
    ids = [r.id for r in _rows(store)]
    rows[1][3] = "Inför stickprov varje månad."
    plan = _import(store, register_workbook(tmp_path / "reg2.xlsx", rows))
    assert plan.counts["rekommendationer_nya"] == 0 and plan.counts["rekommendationer_ändrade"] == 1
    assert [(r.id, r.number_label, r.text) for r in _rows(store)] == [
        (ids[0], "a", "Se över attesterna."), (ids[1], "b", "Inför stickprov varje månad."),
    ]  # fmt: skip
