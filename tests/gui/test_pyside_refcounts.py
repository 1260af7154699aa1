"""The installed PySide6 must not wear away None or True: 6.12.0 drops a reference on
every void call and every emit, and Python 3.11 aborts after a few thousand (hence the
pin in pyproject.toml). A long session makes hundreds of thousands of such calls."""

from __future__ import annotations

import subprocess
import sys

# A fresh interpreter, so garbage from other tests cannot move the counts while we watch.
SCRIPT = """
import gc, sys
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage, QPainter

class Source(QObject):
    changed = Signal(object)

gc.disable()
source = Source()
seen = []
source.changed.connect(seen.append)
image = QImage(8, 8, QImage.Format.Format_ARGB32)
painter = QPainter(image)
nones, trues = sys.getrefcount(None), sys.getrefcount(True)
for i in range(50_000):
    source.changed.emit(i)
    painter.save()
    painter.restore()
painter.end()
assert len(seen) == 50_000
print(nones - sys.getrefcount(None), trues - sys.getrefcount(True))
"""


def test_fifty_thousand_void_calls_and_emits_leave_none_and_true_alone():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120,
                          env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})  # fmt: skip
    # With the bug the interpreter aborts ("none_dealloc") long before the loop ends.
    assert done.returncode == 0, done.stderr
    lost_none, lost_true = map(int, done.stdout.split())
    assert lost_none <= 0 and lost_true <= 0
