"""A status list of a fixed register keeps its pages: the text of every page of the PDF,
portrait and landscape, is what it was when the layout was last changed on purpose
(statuslist_pages.json, written by the layout before it was made faster). A change that
moves a break, drops a "forts." or loses a text drawn under two bodies shows here page by
page. The preview and the printer (another resolution) draw the same pages.

After a deliberate change of the list's content or layout, write the file again with
`QT_QPA_PLATFORM=offscreen python tests/gui/test_statuslist_same_pages.py` and read the diff.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.statuslist import build_status_list
from tracker.gui.statuslist_render import lay_out, page_layout, render, save_pdf

TODAY = dt.date(2026, 11, 25)
EXPECTED = Path(__file__).with_name("statuslist_pages.json")
BODIES = ("Barn- och utbildningsnämnden", "Kommunstyrelsen", "Socialnämnden", "Tekniska nämnden")
SENTENCES = (
    "Nämnden bör säkerställa att arbetet dokumenteras och följs upp systematiskt.",
    "Rutinerna för intern kontroll behöver ses över så att avvikelser rapporteras i tid.",
    "Styrelsen bör tydliggöra ansvarsfördelningen mellan förvaltningarna i ärendet.",
    "Uppföljningen av målen bör redovisas för fullmäktige två gånger om året.",
)
STATUSES = ("Pågående", "Åtgärdad", "Delvis åtgärdad", "Ej påbörjad", None)


def fill(store) -> None:
    """Four bodies, five reports, 60 recommendations of different lengths; every third to two
    bodies; replies with and without planned action and klart senast, late replies (the
    deadline passed), follow-ups with comments."""

    def build(cs):
        bodies = [R.create_body(cs, name) for name in BODIES]
        for k in range(5):
            report = R.create_report(cs, f"Granskning nr {k + 1} av verksamhetens styrning och kontroll",
                                     audit_year=2021 + k, reply_deadline=dt.date(2022 + k, 3, 31))  # fmt: skip
            for n in range(12):
                i = 12 * k + n
                text = " ".join(SENTENCES[(i + j) % 4] for j in range(1 + i % 5))
                to = [bodies[i % 4]] + ([bodies[(i + 1) % 4]] if i % 3 == 0 else [])
                rec = R.add_recommendation(cs, report, f"Punkt {i + 1}: {text}", body_ids=to)
                for b in to[: 1 + i % 2]:  # some second bodies never reply
                    if i % 7 == 3:
                        continue  # nor do some first ones: the reply is late
                    R.set_reply(cs, rec, b, text=f"Nämnden instämmer ({i + 1}). " * (1 + i % 3),
                                action="Rutinen ses över och följs upp." if i % 2 else None,
                                due=dt.date(2026, 1 + i % 12, 28) if i % 4 else None)  # fmt: skip
                if status := STATUSES[i % 5]:
                    R.add_follow_up(cs, rec, dt.date(2026, 9, 1), status, f"Uppföljning {i + 1}: arbetet fortsätter.")

    run_change(store, "setup", build)


def page_texts(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture
def status_list(store):
    fill(store)
    return build_status_list(store, TODAY)


@pytest.mark.parametrize("landscape", [False, True])
def test_every_page_holds_the_text_it_held_before(status_list, tmp_path, landscape):
    out = tmp_path / "lista.pdf"
    save_pdf(status_list, out, landscape=landscape)
    expected = json.loads(EXPECTED.read_text(encoding="utf-8"))["landscape" if landscape else "portrait"]
    pages = page_texts(out)
    assert len(pages) == len(expected)
    for number, (page, before) in enumerate(zip(pages, expected), start=1):
        assert page == before, f"sida {number}"


@pytest.mark.parametrize("landscape", [False, True])
def test_the_preview_and_the_printer_get_the_pdfs_pages(status_list, tmp_path, landscape):
    saved = tmp_path / "lista.pdf"
    pages = save_pdf(status_list, saved, landscape=landscape)
    assert len(lay_out(status_list, page_layout(landscape)).pages) == pages  # what the preview draws
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout(landscape))
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "skrivaren.pdf"
    printer.setOutputFileName(str(printed))
    assert printer.resolution() != 300
    assert render(status_list, printer) == pages
    del printer  # finishes the file
    assert page_texts(printed) == page_texts(saved)


def test_a_recommendation_to_two_bodies_is_listed_under_both(status_list, tmp_path):
    out = tmp_path / "lista.pdf"
    save_pdf(status_list, out, landscape=True)
    text = " ".join(page_texts(out))
    assert text.count("1. Punkt 1: ") == 2  # Punkt 1 goes to two bodies: drawn twice from one layout


def _write_expected() -> None:
    import tempfile

    from tracker.core.opening import open_store
    from tracker.gui.statuslist_render import application

    app = application()  # noqa: F841 - alive while drawing
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "register.sqlite")
        fill(store)
        sl = build_status_list(store, TODAY)
        texts = {}
        for name, landscape in (("portrait", False), ("landscape", True)):
            save_pdf(sl, Path(folder) / f"{name}.pdf", landscape=landscape)
            texts[name] = page_texts(Path(folder) / f"{name}.pdf")
        store.close()
    EXPECTED.write_text(json.dumps(texts, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    _write_expected()
