"""A synthetic register of N recommendations for benchmarks, written through the core.

    python benchmarks/make_register.py OUT.sqlite 10000

or, from other benchmarks: `from make_register import make_register`.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tracker.core import register as R  # noqa: E402
from tracker.core.changes import ChangeSet, run_change  # noqa: E402
from tracker.core.model import STATUSES  # noqa: E402
from tracker.core.opening import open_store  # noqa: E402

BODIES = [
    ("Kommunstyrelsen", "KS"),
    ("Barn- och utbildningsnämnden", "BUN"),
    ("Socialnämnden", "SN"),
    ("Miljö- och byggnadsnämnden", "MBN"),
    ("Tekniska nämnden", "TN"),
    ("Kultur- och fritidsnämnden", "KFN"),
    ("Överförmyndarnämnden", "ÖFN"),
    ("Äldrenämnden", "ÄN"),
    ("Valnämnden", "VN"),
    ("Arbetsmarknadsnämnden", "AMN"),
]
SUBJECTS = [
    "Intern kontroll", "Upphandling", "Ärendehantering", "Åtgärder mot hot och våld", "Löneutbetalningar",
    "Öppenvård", "Bisysslor", "Delegering", "Investeringsprocessen", "Informationssäkerhet", "Kompetensförsörjning",
    "Styrning av fastighetsunderhåll", "Avtalstrohet", "Ekonomistyrning", "Äldreomsorgens bemanning",
    "Skolans likvärdighet", "Målstyrning", "Krisberedskap", "Arkivhantering", "Övergripande granskning",
]  # fmt: skip
VERBS = ["säkerställer", "utvecklar", "dokumenterar", "följer upp", "tydliggör", "inför rutiner för", "ser över"]
OBJECTS = [
    "rutinerna för attest", "uppföljningen av avtal", "riskanalysen", "den interna kontrollplanen",
    "ansvarsfördelningen", "rapporteringen till nämnden", "arbetet med åtgärdsplaner", "dokumentationen av beslut",
]  # fmt: skip


def make_register(path: Path | str, n_recommendations: int, seed: int = 1) -> Path:
    """Create `path` (which must not exist) holding n_recommendations in about n/6 reports,
    with replies and follow-ups, in one transaction through the register functions."""
    path = Path(path)
    if path.exists():
        raise FileExistsError(path)
    rnd = random.Random(seed)
    store = open_store(path)
    try:
        run_change(store, "Syntetiskt register", lambda cs: _fill(cs, n_recommendations, rnd), source="benchmark")
    finally:
        store.close()
    return path


def _fill(cs: ChangeSet, n: int, rnd: random.Random) -> None:
    body_ids = [R.create_body(cs, name, short) for name, short in BODIES]
    made = 0
    report_no = 0
    while made < n:
        report_no += 1
        year = rnd.randint(2018, 2026)
        report_date = dt.date(year, rnd.randint(1, 12), rnd.randint(1, 28))
        report_id = R.create_report(
            cs,
            f"{rnd.choice(SUBJECTS)} {report_no}",
            audit_year=year,
            report_date=report_date,
            reply_deadline=report_date + dt.timedelta(days=90),
        )
        for _ in range(min(rnd.randint(3, 9), n - made)):
            made += 1
            bodies = rnd.sample(body_ids, rnd.choice((1, 1, 1, 2, 3)))
            text = f"Revisorerna rekommenderar att nämnden {rnd.choice(VERBS)} {rnd.choice(OBJECTS)}."
            rec_id = R.add_recommendation(cs, report_id, text, bodies)
            if rnd.random() < 0.7:
                for body_id in bodies:
                    R.set_reply(
                        cs,
                        rec_id,
                        body_id,
                        text="Nämnden instämmer och vidtar åtgärder.",
                        action="Rutinen ses över under året.",
                        due=report_date + dt.timedelta(days=rnd.randint(100, 900)),
                        reply_date=report_date + dt.timedelta(days=rnd.randint(30, 120)),
                    )
            if year < 2026 and rnd.random() < 0.6:
                R.add_follow_up(cs, rec_id, dt.date(year + 1, 3, 15), rnd.choice(STATUSES), "Uppföljning.")


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("användning: python benchmarks/make_register.py UT.sqlite ANTAL", file=sys.stderr)
        return 2
    start = time.perf_counter()
    make_register(argv[0], int(argv[1]))
    print(f"{argv[1]} rekommendationer i {argv[0]} på {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
