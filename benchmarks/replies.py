"""Reply sheets, each figure beside a baseline measured in the same run.

Writing: one body's sheet of N rows (1,000, 5,000, 20,000), the whole send-out and the sheet
alone, beside openpyxl's write_only mode writing the same cells without styles (target: the
send-out within 2x), runs interleaved and the median taken.

Reading back: a filled sheet of one body's open recommendations in registers of 1,000, 10,000
and 100,000 (benchmarks/scale.py register()), with its hidden keys and after someone pasted
the rows into a workbook of their own (no keys, matched by text): milliseconds per row should
stay flat as the register grows. Beside it openpyxl alone loading the same workbook. And the
import of the 5,000-row sheet, read and written (target: under 3 s).

    python benchmarks/replies.py [--write N ...] [--read N ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from make_register import make_register  # noqa: E402
from scale import register  # noqa: E402

from tracker.core import register as R  # noqa: E402
from tracker.core.changes import run_change  # noqa: E402
from tracker.core.excel.reply_import import apply_replies, read_replies  # noqa: E402
from tracker.core.excel.reply_sheet import COLUMNS, HEADER_ROW, SheetHeader, reply_workbook_bytes  # noqa: E402
from tracker.core.opening import open_store  # noqa: E402
from tracker.core.sendouts import reply_sheet_parts, send_reply_sheets  # noqa: E402

WRITE_SIZES = (1_000, 5_000, 20_000)
READ_SIZES = (1_000, 10_000, 100_000)
RUNS = 3
TODAY = dt.date(2026, 11, 25)


def timed(times: list[float], fn, *args):
    """fn(*args), its seconds appended to times."""
    start = time.perf_counter()
    result = fn(*args)
    times.append(time.perf_counter() - start)
    return result


def write_only(cells: list[list], path: Path) -> None:
    plain = openpyxl.Workbook(write_only=True)
    ws = plain.create_sheet("Svar")
    for r in cells:
        ws.append(r)
    plain.save(path)


def one_body_register(folder: Path, n: int):
    """A register of n recommendations, all to KS and none answered or followed up: every row goes out."""
    store = open_store(make_register(folder / f"register-{n}.sqlite", n))
    ks = R.find_body(store, "KS").id
    ids = [r[0] for r in store.conn.execute("SELECT id FROM recommendations")]
    run_change(store, "alla till KS", lambda cs: [R.set_bodies(cs, i, [ks]) for i in ids])
    store.conn.execute("DELETE FROM replies")
    store.conn.execute("DELETE FROM follow_ups")
    store.conn.commit()
    return store, ks


def writing(n: int, folder: Path) -> None:
    store, ks = one_body_register(folder, n)
    [part] = reply_sheet_parts(store, TODAY, [ks], all_open=True)
    header = SheetHeader("Revisionskontoret", "x", ks, "Kommunstyrelsen", TODAY, "2026-11-25T10:00:00", TODAY)
    sends, sheets, bases = [], [], []
    for run in range(RUNS):  # interleaved, so a busy moment hits all three alike
        out = folder / f"ut-{n}-{run}"
        out.mkdir()
        [sent] = timed(sends, send_reply_sheets, store, out, TODAY, [ks], True)
        timed(sheets, reply_workbook_bytes, header, part.rows)
        if run == 0:
            first = sent.path
            ws = openpyxl.load_workbook(first, read_only=True)["Svar"]
            cells = [list(r) for r in ws.iter_rows(values_only=True)]
        timed(bases, write_only, cells, folder / "write-only.xlsx")
    send, sheet, base = (statistics.median(x) for x in (sends, sheets, bases))
    print(f"{n:>7,} rows  send-out {send:6.2f} s ({send / base:.2f}x, target < 2x), sheet alone {sheet:6.2f} s "
          f"({sheet / base:.2f}x), write_only same cells {base:6.2f} s", flush=True)  # fmt: skip
    if n == 5_000:
        import_5000(store, first)
    store.close()


def fill(path: Path, keyless: bool) -> Path:
    wb = openpyxl.load_workbook(path)
    ws = wb["Svar"]
    for row in range(HEADER_ROW + 1, ws.max_row + 1):
        ws.cell(row, 6, f"Svar på rad {row}.")
        ws.cell(row, 8, "2027-06-30")
        if keyless:
            ws.cell(row, len(COLUMNS)).value = None
    out = path.with_name(f"{path.stem}-{'utan-nycklar' if keyless else 'ifylld'}.xlsx")
    wb.save(out)
    return out


def import_5000(store, sheet: Path) -> None:
    times: list[float] = []
    plan = timed(times, read_replies, store, fill(sheet, keyless=False), TODAY)
    timed(times, apply_replies, store, plan)
    read_s, apply_s = times
    print(f"         import of the 5,000-row sheet: read + plan {read_s:.2f} s, write {apply_s:.2f} s, "
          f"total {read_s + apply_s:.2f} s (target < 3 s)", flush=True)  # fmt: skip


def reading(n: int, folder: Path) -> None:
    db = folder / f"kopia-{n}.sqlite"
    shutil.copy(register(n), db)  # a copy: the send-out is recorded, and others may use the cached one
    store = open_store(db)
    ks = R.find_body(store, "KS").id
    out = folder / f"läs-{n}"
    out.mkdir()
    [sent] = send_reply_sheets(store, out, TODAY, [ks], all_open=True)
    keyed, keyless = fill(sent.path, keyless=False), fill(sent.path, keyless=True)
    times = {"keyed": [], "keyless": [], "openpyxl": []}
    for _ in range(RUNS):
        timed(times["openpyxl"], openpyxl.load_workbook, keyless)
        timed(times["keyed"], read_replies, store, keyed, TODAY)
        plan = timed(times["keyless"], read_replies, store, keyless, TODAY)
    assert len(plan.rows) == sent.rows, "every keyless row is matched by its text"
    store.close()
    t = {k: statistics.median(v) for k, v in times.items()}
    per_row = {k: v / sent.rows * 1000 for k, v in t.items()}
    print(f"{n:>7,} register, sheet of {sent.rows:,} rows  read with keys {t['keyed']:5.2f} s "
          f"({per_row['keyed']:.2f} ms/row), without keys {t['keyless']:5.2f} s ({per_row['keyless']:.2f} ms/row); "
          f"openpyxl loading it {t['openpyxl']:5.2f} s ({per_row['openpyxl']:.2f} ms/row)", flush=True)  # fmt: skip


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--write", type=int, nargs="*", help="sheet sizes to write")
    parser.add_argument("--read", type=int, nargs="*", help="register sizes to read a sheet back from")
    args = parser.parse_args(argv)
    given = args.write is not None or args.read is not None
    write_sizes = args.write or ([] if given else WRITE_SIZES)
    read_sizes = args.read or ([] if given else READ_SIZES)
    print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="replies-bench-"))
    try:
        for n in write_sizes:
            writing(n, folder)
        for n in read_sizes:
            reading(n, folder)
    finally:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
