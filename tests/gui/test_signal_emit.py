"""Emitting from Python many thousand times must not wear away the interpreter's True."""

from __future__ import annotations

import subprocess
import sys

# A fresh interpreter, so garbage from other tests cannot move True's count while we watch.
SCRIPT = """
import gc, sys
import tracker.gui
from PySide6.QtCore import QObject, Signal

class Source(QObject):
    changed = Signal(object)

gc.disable()
source = Source()
seen = []
source.changed.connect(seen.append)
before = sys.getrefcount(True)
for i in range(50_000):
    source.changed.emit({i})
assert len(seen) == 50_000
print(before - sys.getrefcount(True))
"""


def test_fifty_thousand_emits_leave_true_alone():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    # Without the fix the interpreter aborts ("bool_dealloc") long before the loop ends.
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) <= 0
