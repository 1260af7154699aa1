"""A status list of 1,000 recommendations to PDF (target: under 3 s).

python benchmarks/statuslist.py
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from make_register import make_register  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402

from tracker.core.opening import open_store  # noqa: E402
from tracker.core.statuslist import build_status_list  # noqa: E402
from tracker.gui.statuslist_render import save_pdf  # noqa: E402

ROWS = 1_000


def main() -> None:
    app = QGuiApplication([])  # noqa: F841 - text is drawn through the application's fonts
    folder = Path(tempfile.mkdtemp())
    make_register(folder / "register.sqlite", ROWS)
    store = open_store(folder / "register.sqlite", read_only=True)
    for landscape in (False, True):
        start = time.perf_counter()
        status_list = build_status_list(store, dt.date(2026, 11, 25))
        built = time.perf_counter() - start
        pages = save_pdf(status_list, folder / "lista.pdf", landscape=landscape)
        total = time.perf_counter() - start
        entries = sum(len(b.entries) for b in status_list.bodies)
        print(
            f"{'landscape' if landscape else 'portrait '}: {ROWS} recommendations ({entries} entries under "
            f"their bodies), {pages} pages: content {built:.2f} s, to PDF in all {total:.2f} s (target < 3 s)"
        )
    store.close()


if __name__ == "__main__":
    main()
