"""Reply sheets: writing one sheet of N rows (default 5,000) beside openpyxl's write_only
mode writing the same cells without styles (target: within 2x), and reading a filled one back
(target: under 3 s at 5,000).

    python benchmarks/replies.py [N]
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from make_register import make_register  # noqa: E402

from tracker.core import register as R  # noqa: E402
from tracker.core.changes import run_change  # noqa: E402
from tracker.core.excel.reply_import import apply_replies, read_replies  # noqa: E402
from tracker.core.excel.reply_sheet import COLUMNS, HEADER_ROW  # noqa: E402
from tracker.core.opening import open_store  # noqa: E402
from tracker.core.sendouts import send_reply_sheets  # noqa: E402

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 5_000
TODAY = dt.date(2026, 11, 25)


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    path = folder / "register.sqlite"
    make_register(path, ROWS)
    store = open_store(path)
    ks = R.find_body(store, "KS").id
    ids = [r[0] for r in store.conn.execute("SELECT id FROM recommendations")]
    # Every recommendation to one body, so one sheet holds all of them.
    run_change(store, "alla till KS", lambda cs: [R.set_bodies(cs, i, [ks]) for i in ids])
    # Nothing answered or followed up yet: every row goes out.
    store.conn.execute("DELETE FROM replies")
    store.conn.execute("DELETE FROM follow_ups")
    store.conn.commit()

    start = time.perf_counter()
    [sheet] = send_reply_sheets(store, folder, TODAY, [ks], all_open=True)
    export_s = time.perf_counter() - start

    wb = openpyxl.load_workbook(sheet.path)
    ws = wb["Svar"]
    cells = [list(r) for r in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)]
    start = time.perf_counter()
    plain = openpyxl.Workbook(write_only=True)
    plain_ws = plain.create_sheet("Svar")
    for r in cells:
        plain_ws.append(r)
    plain.save(folder / "write_only.xlsx")
    baseline_s = time.perf_counter() - start
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        ws.cell(row, 5, f"Svar på rad {row}.")
        ws.cell(row, 7, "2027-06-30")
    wb.save(sheet.path)

    start = time.perf_counter()
    plan = read_replies(store, sheet.path, TODAY)
    read_s = time.perf_counter() - start
    # The same sheet after someone pasted its rows into a workbook of their own: no keys.
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        ws.cell(row, len(COLUMNS)).value = None
    keyless_path = folder / "utan-nycklar.xlsx"
    wb.save(keyless_path)
    start = time.perf_counter()
    keyless = read_replies(store, keyless_path, TODAY)
    keyless_s = time.perf_counter() - start
    assert len(keyless.rows) == len(plan.rows), "every keyless row is matched by its text"

    start = time.perf_counter()
    changed = apply_replies(store, plan)
    apply_s = time.perf_counter() - start
    store.close()
    print(f"rows in sheet:        {sheet.rows}")
    print(f"export:               {export_s:.2f} s  ({export_s / baseline_s:.2f}x of write_only, target < 2x)")
    print(f"write_only, same cells: {baseline_s:.2f} s")
    print(f"import, read + plan:  {read_s:.2f} s")
    print(f"import without keys, read + plan (matched by text): {keyless_s:.2f} s")
    print(f"import, write:        {apply_s:.2f} s  ({changed} replies, one transaction)")
    print(f"import, total:        {read_s + apply_s:.2f} s  (target < 3 s)")


if __name__ == "__main__":
    main()
