"""Speed of bringing an office register in and out at 1,000, 10,000 and 100,000 rows, each
beside two baselines measured in the same run: openpyxl read_only reading the same cells, and
python-calamine reading them.

    python benchmarks/registers.py [ROWS ...]

Per size it prints seconds and ratios to the openpyxl baseline for: openpyxl read_only
reading the cells, calamine reading them, import dry run (read + plan) and real import (read
+ plan + backup + write, into an empty register). The four are interleaved, RUNS rounds at
up to 10,000 rows and one at 100,000 (medians), so a busy moment hits them alike. Then, once
per size: openpyxl writing the rows, the export in the imported layout, the plain export
beside openpyxl writing its cells, and a dry-run re-import of the export.

Targets (issue "100,000 recommendations feel instant"): dry run at or below the openpyxl
baseline, real import within 1.5x of it.
"""

from __future__ import annotations

import datetime as dt
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import python_calamine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.core.excel.register_apply import apply_plan  # noqa: E402
from tracker.core.excel.register_export import export_register  # noqa: E402
from tracker.core.excel.register_import import read_register  # noqa: E402
from tracker.core.layouts import last_used_layout  # noqa: E402
from tracker.core.opening import open_store  # noqa: E402

SIZES = (1_000, 10_000, 100_000)
RUNS = 3
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


def timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def show(label: str, seconds: float, base: float | None = None) -> None:
    ratio = f"   {seconds / base:5.2f}× openpyxl" if base else ""
    print(f"  {label:<52} {seconds:7.2f} s{ratio}", flush=True)


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


def read_openpyxl(path: Path) -> int:
    """What the import's reading cannot beat with openpyxl: read_only, every value once."""
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    cells = 0
    for ws in wb.worksheets:
        ws.reset_dimensions()
        cells += sum(len(r) for r in ws.iter_rows(values_only=True))
    wb.close()
    return cells


def read_calamine(path: Path) -> int:
    wb = python_calamine.CalamineWorkbook.from_path(str(path))
    cells = sum(len(r) for name in wb.sheet_names for r in wb.get_sheet_by_name(name).iter_rows())
    wb.close()
    return cells


def imports(n: int, folder: Path, source: Path) -> None:
    rounds = RUNS if n <= 10_000 else 1
    times: dict[str, list[float]] = {"openpyxl": [], "calamine": [], "dry": [], "real": []}
    for r in range(rounds):
        times["openpyxl"].append(timed(lambda: read_openpyxl(source))[1])
        times["calamine"].append(timed(lambda: read_calamine(source))[1])
        store = open_store(folder / f"import-{r}.sqlite")
        times["dry"].append(timed(lambda: read_register(store, source))[1])  # noqa: B023
        times["real"].append(timed(lambda: apply_plan(store, read_register(store, source), layout_name="Bänk"))[1])  # noqa: B023
        store.close()
    med = {k: statistics.median(v) for k, v in times.items()}
    base = med["openpyxl"]
    show("openpyxl read_only reads the cells (baseline)", base, base)
    show("calamine reads the cells (second baseline)", med["calamine"], base)
    show("import, dry run (read + plan)", med["dry"], base)
    show("import, real (read + plan + backup + write)", med["real"], base)
    print(f"  targets: dry ≤ 1.00× (now {med['dry'] / base:.2f}×), real ≤ 1.50× (now {med['real'] / base:.2f}×);"
          f" median of {rounds}", flush=True)  # fmt: skip


def exports(n: int, folder: Path, rows: list[list[object]]) -> None:
    _, write_base = timed(lambda: write_plain(folder / "skriven.xlsx", rows))
    show(f"openpyxl alone writes {n} rows", write_base)
    store = open_store(folder / "import-0.sqlite")
    layout = last_used_layout(store)
    _, export = timed(lambda: export_register(store, folder / "ut.xlsx", layout=layout))
    show("export in the imported layout", export)
    _, plain = timed(lambda: export_register(store, folder / "enkel.xlsx"))
    show("plain export", plain)
    # The plain export has a row per recommendation and body and every field: more cells
    # than the office's sheet, so openpyxl alone writes exactly those cells to compare.
    plain_cells = [list(r) for r in openpyxl.load_workbook(folder / "enkel.xlsx").active.iter_rows(values_only=True)]
    _, plain_base = timed(lambda: write_rows(folder / "enkel-bas.xlsx", plain_cells))
    show(f"openpyxl alone writes those {len(plain_cells)} rows", plain_base)
    again, redo = timed(lambda: read_register(store, folder / "ut.xlsx"))
    show("re-import of the export, dry run", redo)
    print(f"  changes found on re-import: {sum(again.counts.values())}")
    print(f"  ratios: export {export / write_base:.2f}×, plain {plain / plain_base:.2f}× of writing the same cells")
    store.close()


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or SIZES
    for n in sizes:
        folder = Path(tempfile.mkdtemp(prefix=f"registers-bench-{n}-"))
        rows = make_rows(n)
        source = folder / "register.xlsx"
        write_plain(source, rows)
        print(f"{n:,} rows", flush=True)
        try:
            imports(n, folder, source)
            exports(n, folder, rows)
        finally:
            shutil.rmtree(folder)


if __name__ == "__main__":
    main()
