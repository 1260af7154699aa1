"""What the safety layer costs on a large register: opening (lock + quick_check), the
daily backup, listing backups with counts, integrity_check, a restore, and reading a
100 000-row workbook (time and peak memory).

    python benchmarks/safety.py [N_RECOMMENDATIONS]   (default 20000)
"""

from __future__ import annotations

import datetime as dt
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from make_register import make_register  # noqa: E402

from tracker.core.backups import list_backups, make_backup  # noqa: E402
from tracker.core.integrity import integrity_check  # noqa: E402
from tracker.core.opening import open_store, restore  # noqa: E402


def timed(label: str, fn):
    start = time.perf_counter()
    result = fn()
    print(f"{label:<52} {1000 * (time.perf_counter() - start):8.0f} ms")
    return result


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    folder = Path(tempfile.mkdtemp(prefix="safety-bench-"))
    db = timed(f"make a register of {n} recommendations", lambda: make_register(folder / "register.sqlite", n))
    print(f"{'file size':<52} {db.stat().st_size / 1e6:8.1f} MB")
    store = timed("first open of the day (lock, quick_check, backup)", lambda: open_store(db))
    store.close()
    store = timed("open again (lock, quick_check)", lambda: open_store(db))
    timed("make_backup", lambda: make_backup(store, "manuell"))
    timed("integrity_check", lambda: integrity_check(store.conn))
    store.close()
    backups = timed("list_backups with counts", lambda: list_backups(db))
    timed("restore (safety copy + copy back)", lambda: restore(db, backups[-1].path))

    import openpyxl

    book = folder / "stor.xlsx"
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Blad1")
    ws.append(["Nr", "Rekommendation", "Nämnd", "Svar", "Datum"])
    for i in range(1, 100_001):
        ws.append([i, f"Rekommendation {i} om intern kontroll", "Kommunstyrelsen", "Åtgärdat", dt.date(2026, 1, 1)])
    wb.save(book)
    script = (
        "import resource, sys, time\n"
        "from tracker.core.excel.workbook import open_workbook\n"
        "t = time.perf_counter(); ws = open_workbook(sys.argv[1])['Blad1']\n"
        "print(f'{(time.perf_counter() - t) * 1000:.0f} {ws.max_row} "
        "{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}')\n"
    )
    out = subprocess.run([sys.executable, "-c", script, str(book)], capture_output=True, text=True, check=True)
    ms, rows, peak = out.stdout.split()
    print(f"{'open_workbook, 100 000 rows x 5 columns':<52} {int(ms):8d} ms, {rows} rows, peak {peak} MB")
    print(f"(this process peaked at {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024} MB)")


if __name__ == "__main__":
    main()
