"""The Qt window over the core; nothing here is imported by tracker.core or the CLI at start."""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal, SignalInstance


def _emit_drops_a_reference() -> bool:
    class Probe(QObject):
        fired = Signal()

    probe = Probe()
    before = sys.getrefcount(True)
    probe.fired.emit()
    if sys.getrefcount(True) >= before:
        return False
    ctypes.pythonapi.Py_IncRef(ctypes.py_object(True))  # give back what the probe took
    return True


def _keep_emit_from_freeing_true() -> None:
    """PySide6 6.12.0's SignalInstance.emit returns True without taking a reference to it,
    so after some thousand emits from Python the interpreter aborts ("bool_dealloc").
    Where the probe sees that, each emit gives the reference back; elsewhere nothing changes."""
    if not _emit_drops_a_reference():
        return
    original = SignalInstance.emit

    def emit(self, *args):
        result = original(self, *args)
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(result))
        return result

    SignalInstance.emit = emit


_keep_emit_from_freeing_true()
