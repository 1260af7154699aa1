"""The core and the command line never load Qt."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_import_without_pyside6():
    code = (
        "import pkgutil, importlib, sys\n"
        "import tracker.core, tracker.cli\n"
        "for m in pkgutil.walk_packages(tracker.core.__path__, 'tracker.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "tracker.cli.build_parser()\n"
        "assert not [m for m in sys.modules if m.startswith('PySide6')], 'Qt was imported'\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
