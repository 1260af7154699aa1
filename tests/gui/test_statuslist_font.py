"""Status-list PDFs are drawn in the font shipped in resources/fonts, whatever the machine
has installed; the offscreen platform is chosen only where it is needed (Linux without a display)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from tracker.gui import statuslist_render

MAIN = Path(__file__).resolve().parents[2] / "main.py"


def _fonts(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(pdf).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).lstrip("/").split("+")[-1])
    return names


def test_a_pdf_uses_the_shipped_font_on_a_machine_with_no_fonts_at_all(tmp_path):
    # A fontconfig that knows no font folders: like a Windows or macOS machine without DejaVu.
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>', encoding="utf-8"
    )
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "TRACKER_TODAY": "2026-11-25"}
    db, pdf = tmp_path / "register.sqlite", tmp_path / "statuslista.pdf"
    for args in (["demo"], ["print", str(pdf)]):
        result = subprocess.run(
            [sys.executable, str(MAIN), "--db", str(db), *args], env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, result.stderr
    assert _fonts(pdf) == {"DejaVuSans", "DejaVuSans-Bold"}
    # Without a font Qt draws no text at all; with it the words and the warning mark are there.
    first_page = PdfReader(pdf).pages[0].extract_text()
    assert "Översikt" in first_page and "Åtgärder" in first_page and "⚠" in first_page


def test_offscreen_is_chosen_on_linux_without_a_display_only(monkeypatch, qapp):
    for var in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(var, raising=False)
    for platform in ("win32", "darwin"):
        monkeypatch.setattr(sys, "platform", platform)
        statuslist_render.application()
        assert "QT_QPA_PLATFORM" not in os.environ, platform
    monkeypatch.setattr(sys, "platform", "linux")
    statuslist_render.application()
    assert os.environ["QT_QPA_PLATFORM"] == "offscreen"
