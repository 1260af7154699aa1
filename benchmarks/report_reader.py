"""How long reading a large report takes: a 150-page PDF with a real text layer
(text extraction, cleaning, finding recommendations, metadata)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from fpdf import FPDF

from tracker.core.bodies import Body, BodyIndex
from tracker.core.reports.proposal import propose
from tracker.core.reports.text import read_report_text

LINE = "Granskningen visar att nämnden i huvudsak har en ändamålsenlig styrning men att uppföljningen"
PAGES = 150


def write(path: Path) -> None:
    pdf = FPDF(format="A4")
    pdf.set_font("Helvetica", size=10)
    pdf.set_auto_page_break(False)
    for page in range(1, PAGES + 1):
        pdf.add_page()
        pdf.set_xy(20, 8)
        pdf.cell(0, 5, "Revisionsrapport | Granskning av styrning")
        for row in range(40):
            pdf.set_xy(20, 18 + row * 6)
            pdf.cell(0, 5, LINE if row % 5 else "kan utvecklas. Vi rekommenderar socialnämnden att se över rutinerna.")
        pdf.set_xy(100, 285)
        pdf.cell(0, 5, str(page))
    pdf.output(str(path))


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "stor.pdf"
        write(path)
        started = time.perf_counter()
        text = read_report_text(path)
        read = time.perf_counter() - started
        started = time.perf_counter()
        proposal = propose(text, BodyIndex([Body(1, "Socialnämnden", "SN")]))
        found = time.perf_counter() - started
    print(
        f"{PAGES} sidor, {len(text):,} tecken: text ur PDF {read:.2f} s, förslag {found:.2f} s, "
        f"{len(proposal.recommendations)} rekommendationer"
    )


if __name__ == "__main__":
    main()
