"""Register export at 1,000, 10,000 and 100,000 recommendations: seconds and peak memory of
the export in an office's layout (to a new file, and again over that file as the office's
own workbook, which keeps its other sheets) and plain, beside openpyxl's write_only mode
writing the same cells without styles, measured in the same run. Each runs in a process of
its own, so its peak resident size (os.wait4) is its own.

    python benchmarks/register_export.py [N ...]

Target (issue "100,000 recommendations feel instant"): under 300 MB at 100,000.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

SIZES = (1_000, 10_000, 100_000)
TODAY = dt.date(2026, 11, 25)
COLUMNS = [("Granskning", "report"), ("År", "year"), ("Nr", "number"), ("Rekommendation", "recommendation"),
           ("Ansvarig nämnd", "body"), ("Yttrande", "reply"), ("Planerad åtgärd", "action"), ("Tidplan", "due"),
           ("Bedömning", "status"), ("Revisorernas kommentar", "comment")]  # fmt: skip


def child(mode: str, db: str, out: str) -> None:
    """Run in the measured process: one export, or the baseline; prints its seconds."""
    if mode == "baseline":
        import openpyxl

        wb = openpyxl.load_workbook(db, read_only=True)  # here `db` is the exported workbook
        sheet = next(ws for ws in wb.worksheets if ws.title == "Uppföljning")
        cells = [list(r) for r in sheet.iter_rows(values_only=True)]
        wb.close()
        start = time.perf_counter()
        plain = openpyxl.Workbook(write_only=True)
        ws = plain.create_sheet("Uppföljning")
        for row in cells:
            ws.append(row)
        plain.save(out)
        print(time.perf_counter() - start)
        return
    from tracker.core.excel.register_export import export_register
    from tracker.core.layouts import Layout
    from tracker.core.opening import open_store

    layout = Layout("Kontoret", COLUMNS, title_line="Uppföljning av revisionens rekommendationer\nUppdaterad 2023-11-15",
                    sheet_name="Uppföljning", header_row=4, merge_reports=True, short_bodies=True)  # fmt: skip
    store = open_store(db)
    start = time.perf_counter()
    export_register(store, out, layout=layout if mode == "layout" else None, today=TODAY)
    print(time.perf_counter() - start)
    store.close()


def measure(*args: str) -> tuple[float, float]:
    """Seconds the child printed and its peak MB."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", *args], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{args} failed:\n{out}")
    return float(out.split()[-1]), usage.ru_maxrss / 1024


def size(n: int, folder: Path) -> None:
    from scale import register

    db = folder / f"register-{n}.sqlite"
    shutil.copy(register(n), db)  # a copy: the export opens it as a register, and others may use the cached one
    book = folder / f"kontoret-{n}.xlsx"
    new = measure("layout", str(db), str(book))
    base = measure("baseline", str(book), str(folder / f"write-only-{n}.xlsx"))
    over = measure("layout", str(db), str(book))  # over the office's own workbook, as a second export
    plain = measure("plain", str(db), str(folder / f"plain-{n}.xlsx"))
    base2 = measure("baseline", str(book), str(folder / f"write-only-{n}.xlsx"))
    b_s, b_mb = min(base[0], base2[0]), max(base[1], base2[1])
    print(f"{n:>8,} recommendations  write_only, same cells: {b_s:6.2f} s {b_mb:5.0f} MB", flush=True)
    for label, (s, mb) in (("layout, new file", new), ("layout, over the office's workbook", over),
                           ("plain", plain)):  # fmt: skip
        print(f"{'':>26}{label:<36} {s:6.2f} s ({s / b_s:4.1f}x) {mb:5.0f} MB (target < 300 MB at 100,000)",
              flush=True)  # fmt: skip


def main() -> int:
    if sys.argv[1:2] == ["--child"]:
        child(*sys.argv[2:5])
        return 0
    sizes = [int(a) for a in sys.argv[1:]] or SIZES
    print(f"load: {os.getloadavg()[0]:.2f} {os.getloadavg()[1]:.2f} {os.getloadavg()[2]:.2f}", flush=True)
    folder = Path(tempfile.mkdtemp(prefix="register-export-"))
    try:
        for n in sizes:
            size(n, folder)
    finally:
        shutil.rmtree(folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
