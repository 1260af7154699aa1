"""Status lists read on every page: a page that continues a group repeats its headings
with "forts.", no entry stays alone across a break, a heading never ends a page, no long
recommendation is cut, table headings keep their words whole; landscape sets the fields
side by side. Checked by reading the PDF text page by page."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.statuslist import build_status_list
from tracker.gui.statuslist_render import save_pdf

TODAY = dt.date(2026, 11, 25)
BUN = "Barn- och utbildningsnämnden"
ELEVHALSA = "Granskning av skolans elevhälsa"
WORDS = "Nämnden bör säkerställa att elevhälsans arbete dokumenteras och följs upp systematiskt. "


def pages_of(path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


@pytest.fixture
def long_body(store):
    """One body with 40 entries in one report (several pages) and a short second report."""

    def build(cs):
        bun = R.create_body(cs, BUN, short_name="BUN")
        report = R.create_report(cs, ELEVHALSA, audit_year=2024, reply_deadline=dt.date(2025, 1, 31))
        for n in range(40):
            rec = R.add_recommendation(cs, report, f"Punkt {n + 1}: {WORDS * 2}", body_ids=[bun])
            R.set_reply(cs, rec, bun, text="Nämnden instämmer och har påbörjat arbetet.", due=dt.date(2026, 6, 30))
            R.add_follow_up(cs, rec, dt.date(2026, 9, 1), "Pågående", "Arbetet pågår.")
        second = R.create_report(cs, "Granskning av lokalförsörjningen", audit_year=2022)
        for n in range(3):
            R.add_recommendation(cs, second, f"Lokal {n + 1}: Säkerställ en lokalförsörjningsplan.", body_ids=[bun])

    run_change(store, "setup", build)
    return build_status_list(store, TODAY)


def entries_on(text: str, prefix: str) -> list[int]:
    return [int(n) for n in re.findall(rf"\d+\. {prefix} (\d+):", text)]


@pytest.mark.parametrize("landscape", [False, True])
def test_every_page_that_continues_a_report_repeats_body_and_report_with_forts(long_body, tmp_path, landscape):
    out = tmp_path / "lista.pdf"
    save_pdf(long_body, out, landscape=landscape)
    pages = pages_of(out)
    with_entries = [p for p in pages if entries_on(p, "Punkt")]
    assert len(with_entries) >= 3
    assert f"{ELEVHALSA} (2024)" in with_entries[0] and "forts." not in with_entries[0]
    for text in with_entries[1:]:
        body_part = text.split("Urval: Samtliga rekommendationer", 1)[1].lstrip()
        assert body_part.startswith(f"{BUN} · {ELEVHALSA} (2024), forts."), body_part[:120]
    seen = [n for p in pages for n in entries_on(p, "Punkt")]
    assert seen == list(range(1, 41))  # each once, in order


@pytest.mark.parametrize("landscape", [False, True])
def test_no_entry_stays_alone_on_either_side_of_a_break(long_body, tmp_path, landscape):
    out = tmp_path / "lista.pdf"
    save_pdf(long_body, out, landscape=landscape)
    for prefix, total in (("Punkt", 40), ("Lokal", 3)):
        parts = [len(entries_on(p, prefix)) for p in pages_of(out)]
        parts = [n for n in parts if n]
        assert sum(parts) == total
        if total <= 3:
            assert parts == [total]  # a short group that fits on a page stays together
        else:
            assert parts[0] >= 2 and parts[-1] >= 2, parts


def test_a_heading_never_ends_a_page(long_body, tmp_path):
    out = tmp_path / "lista.pdf"
    save_pdf(long_body, out)
    for text in pages_of(out):
        if "Äldsta öppna rekommendationer" in text:
            break  # the statistics at the end name reports in a table
        for heading in (f"{ELEVHALSA} (2024)", "Granskning av lokalförsörjningen (2022)"):
            if heading in text and "forts." not in text.split(heading, 1)[1][:8]:
                after = text.split(heading, 1)[1]
                assert re.search(r"\d+\. (Punkt|Lokal) \d+:", after), heading  # an entry follows it


def test_a_long_recommendation_at_a_page_foot_moves_whole_to_the_next_page(store, tmp_path):
    long_text = "Lång: " + "Styrelsen bör säkerställa att den interna kontrollen omfattar alla väsentliga risker. " * 9

    def build(cs):
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        report = R.create_report(cs, "Granskning av intern kontroll", audit_year=2025)
        for n in range(14):
            R.add_recommendation(cs, report, f"Kort {n + 1}: Ta fram en plan för uppföljning av intern kontroll.",
                                 body_ids=[ks])  # fmt: skip
        R.add_recommendation(cs, report, long_text, body_ids=[ks])
        for n in range(14):
            R.add_recommendation(cs, report, f"Efter {n + 1}: Återrapportera till fullmäktige.", body_ids=[ks])

    run_change(store, "setup", build)
    sl = build_status_list(store, TODAY)
    report = sl.bodies[0].reports[0]
    shorts, rest = report.entries[:14], report.entries[14:]
    pushed = 0
    for k in range(14):
        # Fewer short entries before it move the long one up the page, across its foot.
        report.entries = shorts[k:] + rest
        out = tmp_path / f"lista{k}.pdf"
        save_pdf(sl, out)
        pages = pages_of(out)
        holding = [i for i, p in enumerate(pages) if "Lång:" in p]
        assert len(holding) == 1
        assert pages[holding[0]].split("Lång:", 1)[1].count("väsentliga risker") == 9
        top = pages[holding[0]].split("Urval: Samtliga rekommendationer", 1)[1]
        pushed += bool(re.match(r" Kommunstyrelsen · Granskning av intern kontroll \(2025\), forts\. 15\. Lång:", top))
    assert pushed  # at least once it met the foot and went whole to the next page


def test_table_headings_wrap_between_words_never_inside_one(long_body, tmp_path):
    out = tmp_path / "lista.pdf"
    save_pdf(long_body, out)
    first = pages_of(out)[0]
    for word in ("Pågående", "Åtgärdad", "Inaktuell", "påbörjad", "försenade"):
        assert word in first
    assert "Pågå-" not in first and "Åtgär-" not in first and "Inak-" not in first


def test_landscape_sets_reply_action_and_status_side_by_side(long_body, tmp_path):
    portrait, landscape = tmp_path / "stående.pdf", tmp_path / "liggande.pdf"
    save_pdf(long_body, portrait)
    save_pdf(long_body, landscape, landscape=True)
    wide = pages_of(landscape)[0]
    for heading in ("Rekommendation", "Nämndens svar", "Planerad åtgärd", "Klart senast", "Status"):
        assert heading in wide
    assert "Svar: Nämnden instämmer" not in wide  # a column, not a labelled line
    assert "Svar: Nämnden instämmer" in pages_of(portrait)[0]
    box = PdfReader(landscape).pages[0].mediabox
    assert box.width > box.height
