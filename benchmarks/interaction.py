"""Working in the list at 1,000, 10,000 and 100,000 recommendations, each figure beside a
baseline measured in the same run: a keystroke in the search box (typing delay included) until
the table is repainted, the nämnd/år/status/"Endast försenade" filters, a column sort, one
edit saved and its row updated in place, and memory over a long loop of mixed operations.

    python benchmarks/interaction.py [--ops 2000] [N ...]

Targets (issue "100,000 recommendations feel instant"): keystroke < 50 ms until repainted,
filters < 20 ms, sort < 100 ms, edit < 30 ms and flat with size, memory < 250 MB and not
growing. Filters and the edit are the list's update (the model filtered, or the row moved),
printed with a repaint of the whole table after it beside them.
Baselines: a plain Python pass over the same rows (search, filters), a plain sort of
precomputed keys (sort), the same write through the core with no window (edit).
Works on a copy of the registers benchmarks/scale.py keeps, so they stay unedited.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402
from scale import SIZES, register  # noqa: E402

from tracker.core import register as R  # noqa: E402
from tracker.core.changes import run_change  # noqa: E402
from tracker.core.opening import open_store  # noqa: E402
from tracker.core.rules import swedish_key  # noqa: E402
from tracker.gui.main_window import MainWindow  # noqa: E402
from tracker.gui.workspace import Workspace  # noqa: E402

WORDS = ("upphandling", "rutin", "arende", "kommun", "attest", "kontroll", "avtal")
TEXT_COLUMN = 3


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def ms(fn) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


class Bench(QObject):
    def __init__(self, db: Path, app: QApplication) -> None:
        super().__init__()
        self.app = app
        self.store = open_store(db)
        settings = QSettings(str(db.parent / "bench.ini"), QSettings.Format.IniFormat)
        self.window = MainWindow(Workspace(self.store), settings)
        self.window.show()
        app.processEvents()
        # A large register shows its first screen at once and reads the rest on a worker thread.
        start = time.perf_counter()
        while self.window.model.loading:
            app.processEvents()
            time.sleep(0.005)
        self.rest_read_s = time.perf_counter() - start
        self.bar = self.window.filter_bar
        self.applied = False
        self.bar.changed.connect(self._applied)  # after the window's own slot: the table is filtered
        self.painted = False
        self.window.table.viewport().installEventFilter(self)

    def _applied(self) -> None:
        self.applied = True

    def repaint(self) -> None:
        self.window.table.viewport().repaint()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.applied:
            self.painted = True
        return False

    def key(self, key) -> float:
        """A key pressed in the search box, through any typing delay and the filtering, until the
        event loop has painted the table (one paint, as the user sees it)."""
        self.applied = self.painted = False
        start = time.perf_counter()
        QTest.keyClick(self.bar.search, key)
        while not self.painted:
            self.app.processEvents()  # the paint runs inside, so it is done when this returns
            if not self.painted:
                time.sleep(0.0002)
        return (time.perf_counter() - start) * 1000

    def set_search(self, text: str) -> None:
        """A search set up before a measured key, its own paint done (or it lands in the key's time)."""
        self.applied, self.painted = True, False
        self.bar.search.setText(text)
        self.bar.apply_now()
        deadline = time.perf_counter() + 1
        while not self.painted and time.perf_counter() < deadline:
            self.app.processEvents()
            time.sleep(0.0002)

    def combo(self, combo, index: int) -> tuple[float, float]:
        return self.then_repaint(lambda: combo.setCurrentIndex(index))

    def then_repaint(self, change) -> tuple[float, float]:
        """The list's own update (filtered, or the edited row moved: the model is up to date),
        and that with one repaint of the table after it."""
        update = ms(change)
        return update, update + ms(self.repaint)

    def sort(self, column: int, descending: bool) -> float:
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        return ms(lambda: (self.window.table.sortByColumn(column, order), self.repaint()))

    def edit(self, rec_id: int, text: str) -> tuple[float, float]:
        ws = self.window.workspace
        return self.then_repaint(lambda: ws.run("Ändra", lambda cs: R.update_recommendation(cs, rec_id, text=text)))

    def close(self) -> None:
        self.window.close()
        self.store.close()


def med(values: list[float]) -> str:
    return f"{statistics.median(values):6.1f} ms"


def measure(n: int, ops: int) -> None:
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "register.sqlite"
        shutil.copyfile(register(n), db)
        before = rss_mb()
        b = Bench(db, app)
        painted_mb = rss_mb()
        rows = b.window.model.all_rows()
        # Baseline rows: plain tuples of what a plain filter and sort need, built outside the timing.
        hay = [swedish_key(" ".join([r.report, r.text, *r.bodies, *r.body_short])) for r in rows]
        body_id = rows[0].body_ids[0] if rows[0].body_ids else 1
        text_keys = [swedish_key(r.text) for r in rows]

        # The floor under every figure: repainting the table as it is.
        repaints = [ms(b.repaint) for _ in range(10)]

        typed, erased, fresh, plain = [], [], [], []
        for word in WORDS:
            b.set_search(word[:-1])
            typed.append(b.key(word[-1]))
            erased.append(b.key(Qt.Key.Key_Backspace))
            b.bar.search.selectAll()
            fresh.append(b.key(word[0]))  # overtyping: a new search over every row
            plain.append(ms(lambda w=word: [i for i, h in enumerate(hay) if w in h]))
        b.set_search("")

        filters: dict[str, list[tuple[float, float]]] = {"nämnd": [], "år": [], "status": [], "försenade": []}
        plain_filter = []
        for _ in range(3):
            for name, combo in (("nämnd", b.bar.body), ("år", b.bar.year), ("status", b.bar.status)):
                filters[name].append(b.combo(combo, 1))
                filters[name].append(b.combo(combo, 0))
            filters["försenade"].append(b.then_repaint(lambda: b.bar.overdue.setChecked(True)))
            filters["försenade"].append(b.then_repaint(lambda: b.bar.overdue.setChecked(False)))
            plain_filter.append(ms(lambda: [r for r in rows if body_id in r.body_ids]))

        sorts, plain_sort = [], []
        for column in (TEXT_COLUMN, 8, 5, 0, 1):
            sorts.append(b.sort(column, False))
            sorts.append(b.sort(column, True))
            plain_sort.append(ms(lambda: sorted(range(len(text_keys)), key=text_keys.__getitem__)))

        # Edits under a sort by the text itself, so the edited row moves; the row stays selected.
        b.sort(TEXT_COLUMN, False)
        b.window.table.selectRow(len(rows) // 2)
        rec_id = b.window.selected_ids()[0]
        edits, plain_edit = [], []
        for i in range(6):
            edits.append(b.edit(rec_id, f"{'Ändrad' if i % 2 else 'Avslutad'} rekommendation {i}."))
            plain_edit.append(ms(lambda i=i: run_change(
                b.store, "Ändra", lambda cs: R.update_recommendation(cs, rec_id, text=f"Bas {i}."))))  # fmt: skip
        b.edit(rec_id, "Återställd.")

        floor = statistics.median(repaints)

        def beyond(values: list[float]) -> str:
            """What the list's own work adds to the repaint every figure includes."""
            return f"{statistics.median(values) - floor:5.1f} ms beyond the repaint"

        def update(pairs: list[tuple[float, float]]) -> str:
            """The list's update, then the same with the table repainted after it."""
            return f"{med([u for u, _ in pairs])} (with the repaint {med([t for _, t in pairs])})"

        print(f"{n:>8,} rows  (RSS {before:.0f} MB before the window, {painted_mb:.0f} MB with every row read;"
              f" the rest read in the background {b.rest_read_s:.1f} s after the window showed)")  # fmt: skip
        print(f"   repaint of the table alone:           {med(repaints)}")
        print(f"   keystroke, a letter that narrows:     {med(typed)}   plain pass over all rows {med(plain)}")
        print(f"   keystroke, backspace (widens):        {med(erased)}")
        print(f"   keystroke, a new search over all:     {med(fresh)}   (target < 50 ms, the repaint included)")
        for name, values in filters.items():
            print(f"   filter {name:<10}                    {update(values)}   plain body pass"
                  f" {med(plain_filter)} (target < 20 ms)")  # fmt: skip
        print(f"   column sort:                          {med(sorts)}  ({beyond(sorts)}; max {max(sorts):.0f})"
              f"   plain sort of precomputed keys {med(plain_sort)} (target < 100 ms)")  # fmt: skip
        print(f"   one edit saved, row updated in place: {update(edits)}   the write alone"
              f" {med(plain_edit)} (target < 30 ms)")  # fmt: skip

        rnd = random.Random(1)
        start_mb, start = rss_mb(), time.perf_counter()
        for i in range(ops):
            kind = i % 5
            if kind == 0:
                b.set_search(rnd.choice(WORDS)[: rnd.randint(2, 6)])
            elif kind == 1:
                b.set_search("")
            elif kind == 2:
                b.sort(rnd.randrange(10), rnd.random() < 0.5)
            elif kind == 3:
                b.combo(b.bar.body, rnd.randrange(b.bar.body.count()))
            else:
                b.edit(rec_id, f"Loop {i}.")
        print(f"   {ops} mixed operations in {time.perf_counter() - start:.1f} s: RSS {start_mb:.0f} MB before,"
              f" {rss_mb():.0f} MB after (target: not growing; < 250 MB at first paint is scale.py's)", flush=True)  # fmt: skip
        b.close()


def main() -> int:
    args = sys.argv[1:]
    ops = 2000
    if "--ops" in args:
        at = args.index("--ops")
        ops = int(args[at + 1])
        del args[at : at + 2]
    print(f"load: {os.getloadavg()[0]:.2f}", flush=True)
    for n in [int(a) for a in args] or SIZES:
        measure(n, ops)
    print(f"load: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
