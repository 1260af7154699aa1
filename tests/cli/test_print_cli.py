"""`tracker print` writes a status list PDF that pypdf reads back: every recommendation once,
headers and page numbers on every page, overdue marks, Swedish letters, landscape."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from tracker.cli import main
from tracker.core import register as R
from tracker.core.changes import run_change
from tracker.core.opening import open_store

TODAY = dt.date(2026, 11, 25)
LONG = "Säkerställ att åtgärderna för ökad kvalitet i äldreomsorgen följs upp och återrapporteras. " * 3


@pytest.fixture
def db(tmp_path: Path, monkeypatch) -> Path:
    """Sixty recommendations for Överförmyndarnämnden (enough for several pages), some overdue."""
    monkeypatch.setenv("TRACKER_TODAY", TODAY.isoformat())
    path = tmp_path / "register.sqlite"
    store = open_store(path)

    def build(cs):
        on = R.create_body(cs, "Överförmyndarnämnden", short_name="ÖFN")
        ks = R.create_body(cs, "Kommunstyrelsen", short_name="KS")
        for n in range(6):
            report = R.create_report(cs, f"Granskning av ärenden {n + 1}", audit_year=2020 + n,
                                     reply_deadline=dt.date(2026, 1, 31))  # fmt: skip
            for k in range(10):
                rec = R.add_recommendation(cs, report, f"Rekommendation {n + 1}.{k + 1}: {LONG}", body_ids=[on])
                if k % 3:
                    R.set_reply(cs, rec, on, text="Nämnden svarar.", due=dt.date(2026, 6, 30) if k % 2 else None)
        R.add_recommendation(cs, R.create_report(cs, "Granskning av KS"), "Något för KS.", body_ids=[ks])

    run_change(store, "setup", build)
    store.close()
    return path


def pages_of(path: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(path).pages]


def test_every_recommendation_is_there_once_with_header_and_page_number_on_every_page(db, tmp_path, capsys):
    out = tmp_path / "lista.pdf"
    assert main(["--db", str(db), "print", str(out), "--body", "ÖFN"]) == 0
    assert "60 rekommendationer" in capsys.readouterr().out
    pages = pages_of(out)
    assert len(pages) > 3
    for n, text in enumerate(pages, start=1):
        assert "Statuslista – Överförmyndarnämnden" in text and "Revisionskontoret" in text
        assert "Urval: Ansvarig: Överförmyndarnämnden" in text
        assert f"Sida {n} av {len(pages)}" in text
    whole = " ".join(pages)
    for n in range(1, 7):
        for k in range(1, 11):
            assert len(re.findall(rf"\b{k}\. Rekommendation {n}\.{k}:", whole)) == 1, (n, k)
    assert "Något för KS" not in whole


def test_no_recommendation_is_cut_at_a_page_break(db, tmp_path):
    out = tmp_path / "lista.pdf"
    main(["--db", str(db), "print", str(out), "--body", "ÖFN"])
    for text in pages_of(out):
        starts = re.findall(r"Rekommendation (\d\.\d+):", text)
        # Every entry that starts on a page has its whole text and its status line there.
        for number in starts:
            entry = text.split(f"Rekommendation {number}:", 1)[1]
            assert entry.count("återrapporteras") >= 3 and "Status:" in entry, number


def test_overdue_items_carry_a_mark_that_survives_black_and_white(db, tmp_path):
    out = tmp_path / "lista.pdf"
    main(["--db", str(db), "print", str(out), "--overdue"])
    whole = " ".join(pages_of(out))
    assert "⚠ SVAR FÖRSENAT" in whole and "⚠ ÅTGÄRD FÖRSENAD" in whole
    assert "Urval: endast försenade" in whole
    entries = re.findall(r"\d+\. Rekommendation \d\.\d+:", whole)
    marked = re.findall(r"FÖRSENA[TD] \d+\. Rekommendation \d\.\d+:", whole)
    assert entries and len(marked) == len(entries)  # the mark stands right before each entry


def test_landscape_and_one_body_per_page(db, tmp_path):
    out = tmp_path / "liggande.pdf"
    assert main(["--db", str(db), "print", str(out), "--landscape", "--per-body-pages"]) == 0
    reader = PdfReader(out)
    box = reader.pages[0].mediabox
    assert box.width > box.height
    pages = pages_of(out)
    assert pages[0].startswith("Revisionskontoret") and "Översikt" in pages[0]
    assert any(p.split("Urval: Samtliga rekommendationer", 1)[1].lstrip().startswith("Kommunstyrelsen") for p in pages)


def test_an_unknown_body_is_a_swedish_error_and_no_file(db, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["--db", str(db), "print", str(out), "--body", "Finansnämnden"]) == 1
    assert "Ingen nämnd heter ”Finansnämnden”" in capsys.readouterr().err
    assert not out.exists()
