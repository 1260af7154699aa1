"""scripts/build-app makes a one-folder program that runs without Python or the checkout:
the command line, a register filled and listed, a PDF in the shipped font, and the window
opened offscreen until it has painted its rows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.slow


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_the_built_app_runs_from_its_folder(tmp_path):
    run(str(ROOT / "scripts" / "build-app"), str(tmp_path / "dist"))
    app = tmp_path / "dist" / "Revisionsuppfoljning"
    internal = app / "_internal"
    assert (internal / "tracker" / "resources" / "icons" / "app.svg").is_file()
    assert list(internal.rglob("qtbase_sv.qm")) and not list(internal.rglob("qtbase_de.qm"))
    assert list(internal.rglob("*qsvgicon*")), "the SVG icon engine is missing: the menu icons would be blank"

    # Every module, also those imported only by name (CLI commands, dialogs opened from actions).
    viewer = [sys.executable, "-m", "PyInstaller.utils.cliutils.archive_viewer", "-r", "-b", str(app / "tracker")]
    bundled = set(run(*viewer).stdout.split())
    sources = [p.relative_to(ROOT).with_suffix("") for p in (ROOT / "tracker").rglob("*.py")]
    modules = {".".join(p.parts[:-1] if p.name == "__init__" else p.parts) for p in sources}
    assert modules <= bundled, sorted(modules - bundled)

    # No Python of ours, no checkout: run from elsewhere with a clean environment.
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8"}
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    db = str(elsewhere / "register.sqlite")
    tracker = str(app / "tracker")
    assert run(tracker, "--version", cwd=elsewhere, env=env).stdout.startswith("Revisionsuppföljning ")
    run(tracker, "--db", db, "demo", cwd=elsewhere, env=env)
    assert len(json.loads(run(tracker, "--db", db, "list", "--json", cwd=elsewhere, env=env).stdout)) >= 25
    run(tracker, "--db", db, "print", str(elsewhere / "lista.pdf"), cwd=elsewhere, env=env)
    fonts = {
        str(f.get_object()["/BaseFont"])
        for f in PdfReader(elsewhere / "lista.pdf").pages[0]["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans" in f for f in fonts), fonts
    # The report reader's PDF library (pdfium, a native library) came along.
    read = run(
        tracker,
        "--db",
        db,
        "import-report",
        str(elsewhere / "lista.pdf"),
        "--dry-run",
        "--json",
        cwd=elsewhere,
        env=env,
    )
    assert "recommendations" in json.loads(read.stdout)

    window = run(
        str(app / "Revisionsuppfoljning"), "--db", db, cwd=elsewhere, env={**env, "TRACKER_BENCH_EXIT_AFTER_PAINT": "1"}
    )
    assert window.stdout.startswith("painted "), window.stdout + window.stderr
    assert "Traceback" not in window.stderr
