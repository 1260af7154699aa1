"""Reading odd register workbooks: time and peak memory of read + import in a fresh
process, each beside the plain workbook with the same rows measured in the same run.

The odd ones are what made the import grow to 24 GB or take 45 s: a styled empty cell
at XFD1048576, a value out there, a merged box in the far corner; and a reply sheet with
a styled cell at A1048576. Target: any file under 1 MB peaks under 300 MB.

    python benchmarks/odd_workbooks.py [ROWS]   (default 6000: a workbook just under 1 MB)
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import openpyxl

ROOT = Path(__file__).resolve().parents[1]
SHEET = "xl/worksheets/sheet1.xml"

_MEASURE = """
import resource, sys, time
from tracker.core.opening import open_store
start = time.perf_counter()
store = open_store(sys.argv[3])
if sys.argv[1] == "register":
    from tracker.core.excel.register_apply import apply_plan
    from tracker.core.excel.register_import import read_register
    plan = read_register(store, sys.argv[2])
    apply_plan(store, plan)
    count = sum(len(r.recs) for r in plan.reports)
else:
    import datetime as dt
    from tracker.core.excel.reply_import import read_replies
    count = len(read_replies(store, sys.argv[2], dt.date.today()).rows)
print(count, round(time.perf_counter() - start, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def _register(path: Path, rows: int) -> Path:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Uppföljning")
    ws.append(["Granskning", "År", "Nr", "Rekommendation", "Ansvarig nämnd", "Yttrande", "Status"])
    for n in range(rows):
        ws.append([f"Granskning {n // 6}", 2020 + n % 6, n % 6 + 1, f"Rekommendation {n} om intern kontroll.",
                   ("KS", "SN", "BUN")[n % 3], f"Nämnden svarar {n}.", ("Pågår", "Åtgärdad")[n % 2]])  # fmt: skip
    wb.save(path)
    return path


def _edit(path: Path, target: Path, edit) -> Path:
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = src.read(info)
            out.writestr(info, edit(data.decode()).encode() if info.filename == SHEET else data)
    return target


def _add_row(xml: str, row_xml: str) -> str:
    return xml.replace("</sheetData>", row_xml + "</sheetData>")


def _measure(kind: str, path: Path, db: Path) -> tuple[int, float, int]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, kind, str(path), str(db)], capture_output=True,
                         text=True, cwd=ROOT, timeout=600)  # fmt: skip
    if out.returncode != 0:
        raise SystemExit(out.stderr)
    count, seconds, peak = out.stdout.split()
    return int(count), float(seconds), int(peak)


def _reply_sheet(folder: Path) -> Path:
    from tracker.core import register
    from tracker.core.changes import run_change
    from tracker.core.opening import open_store
    from tracker.core.sendouts import send_reply_sheets

    store = open_store(folder / "svar.sqlite")

    def setup(cs):
        ks = register.create_body(cs, "Kommunstyrelsen", short_name="KS")
        for r in range(50):
            report = register.create_report(cs, f"Granskning {r}", audit_year=2026)
            for n in range(4):
                register.add_recommendation(cs, report, f"Rekommendation {r}.{n}.", [ks])
        return ks

    ks = run_change(store, "setup", setup)[0]
    import datetime as dt

    [sent] = send_reply_sheets(store, folder, dt.date.today(), [ks])
    store.close()
    return sent.path


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 6000
    folder = Path(tempfile.mkdtemp(prefix="odd-bench-"))
    plain = _register(folder / "vanlig.xlsx", rows)
    cases = [
        ("plain register (baseline)", plain),
        ("styled empty cell at XFD1048576", _edit(plain, folder / "xfd-tom.xlsx", lambda x: _add_row(
            x, '<row r="1048576"><c r="XFD1048576" s="1"/></row>'))),
        ("a value at XFD1048576", _edit(plain, folder / "xfd-värde.xlsx", lambda x: _add_row(
            x, '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>'))),
        ("merged box XFA1048570:XFD1048576", _edit(plain, folder / "xfd-box.xlsx", lambda x: x.replace(
            "</sheetData>", '</sheetData><mergeCells count="1"><mergeCell ref="XFA1048570:XFD1048576"/></mergeCells>'))),
    ]  # fmt: skip
    print(f"{'register workbook, ' + str(rows) + ' rows':<40} {'size':>8} {'recs':>6} {'time':>8} {'peak':>8}")
    for label, path in cases:
        count, seconds, peak = _measure("register", path, folder / f"{path.stem}.sqlite")
        print(f"{label:<40} {path.stat().st_size // 1024:>5} KB {count:>6} {seconds:>6.2f} s {peak:>5} MB")

    reply = _reply_sheet(folder)
    far = re.compile(r"</sheetData>")
    odd_reply = _edit(reply, folder / "svar-a1048576.xlsx", lambda x: far.sub(
        '<row r="1048576"><c r="A1048576" s="1"/></row></sheetData>', x, count=1))  # fmt: skip
    print(f"\n{'reply sheet, 200 rows':<40} {'size':>8} {'rows':>6} {'time':>8} {'peak':>8}")
    for label, path in (("plain reply sheet (baseline)", reply), ("styled cell at A1048576", odd_reply)):
        count, seconds, peak = _measure("replies", path, folder / "svar.sqlite")
        print(f"{label:<40} {path.stat().st_size // 1024:>5} KB {count:>6} {seconds:>6.2f} s {peak:>5} MB")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
