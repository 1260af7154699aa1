"""Speed of bringing a 20,000-row office register in and out, beside openpyxl alone.

    /work/venv/bin/python benchmarks/registers.py [ROWS]

Prints seconds for: openpyxl reading the cells, import dry run, real import, openpyxl
writing the same cells, and the export in the imported layout.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.core.excel.register_apply import apply_plan  # noqa: E402
from tracker.core.excel.register_export import export_register  # noqa: E402
from tracker.core.excel.register_import import read_register  # noqa: E402
from tracker.core.layouts import last_used_layout  # noqa: E402
from tracker.core.opening import open_store  # noqa: E402

HEADINGS = ["Granskning", "År", "Nämnd", "Nr", "Rekommendation", "Svar senast", "Nämndens svar",
            "Planerad åtgärd", "Klart senast", "Status", "Revisorernas kommentar"]  # fmt: skip
BODIES = ["KS", "SN", "BUN", "TN", "VON", "KS, SN", "Miljönämnden"]
STATUSES = ["Pågår", "Åtgärdad", "Delvis åtgärdad", "Ej påbörjad", None]


def make_rows(n: int) -> list[list[object]]:
    rows = []
    for i in range(n):
        report, number = divmod(i, 5)
        rows.append([
            f"Granskning nummer {report}", 2015 + report % 10, BODIES[i % len(BODIES)], number + 1,
            f"Rekommendation {i}: säkerställ att rutinen för område {i} följs och dokumenteras.",
            dt.datetime(2020, 1 + i % 12, 1 + i % 28), f"Nämnden svarar på rekommendation {i}." if i % 3 else None,
            "Ny rutin" if i % 2 else None, "31 mars 2024" if i % 4 == 0 else dt.datetime(2024, 6, 30),
            STATUSES[i % len(STATUSES)], "Följs upp nästa år." if i % 5 == 0 else None,
        ])  # fmt: skip
    return rows


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    elapsed = time.perf_counter() - start
    print(f"{label:<44} {elapsed:6.2f} s")
    return result, elapsed


def write_plain(path: Path, rows: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Kontorets uppföljning"])
    ws.append([])
    ws.append(HEADINGS)
    for row in rows:
        ws.append(row)
    wb.save(path)


def write_rows(path: Path, rows: list[list[object]]) -> None:
    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)


def read_plain(path: Path) -> int:
    wb = openpyxl.load_workbook(path, data_only=True)
    return sum(1 for ws in wb.worksheets for _ in ws.iter_rows(values_only=True))


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    folder = Path(tempfile.mkdtemp(prefix="registers-bench-"))
    source = folder / "register.xlsx"
    rows = make_rows(n)
    _, write_base = timed(f"openpyxl alone writes {n} rows", lambda: write_plain(source, rows))
    _, read_base = timed("openpyxl alone reads them", lambda: read_plain(source))
    store = open_store(folder / "bench.sqlite")
    plan, dry = timed("import, dry run (read + plan)", lambda: read_register(store, source))
    _, real = timed("import, real (read + plan + backup + write)", lambda: apply_plan(
        store, read_register(store, source), layout_name="Bänk"))  # fmt: skip
    layout = last_used_layout(store)
    _, export = timed(
        "export in the imported layout", lambda: export_register(store, folder / "ut.xlsx", layout=layout)
    )
    _, plain = timed("plain export", lambda: export_register(store, folder / "enkel.xlsx"))
    # The plain export has a row per recommendation and body and every field: more cells
    # than the office's sheet, so openpyxl alone writes exactly those cells to compare.
    plain_cells = [list(r) for r in openpyxl.load_workbook(folder / "enkel.xlsx").active.iter_rows(values_only=True)]
    _, plain_base = timed(f"openpyxl alone writes those {len(plain_cells)} rows",
                          lambda: write_rows(folder / "enkel-bas.xlsx", plain_cells))  # fmt: skip
    again, redo = timed("re-import of the export, dry run", lambda: read_register(store, folder / "ut.xlsx"))
    print(f"changes found on re-import: {sum(again.counts.values())}")
    print(f"ratios: dry {dry / read_base:.2f}×, real {real / read_base:.2f}× of reading; "
          f"export {export / write_base:.2f}×, plain {plain / plain_base:.2f}× of writing the same cells")  # fmt: skip
    store.close()


if __name__ == "__main__":
    main()
