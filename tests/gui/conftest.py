"""Fixtures for window tests: settings in a tmp file, a fixed today, message boxes
answered without a human."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, today):
    monkeypatch.setenv("TRACKER_TODAY", today.isoformat())


@pytest.fixture
def answers(monkeypatch):
    """Message boxes answered without a human: records (kind, text) of what was shown;
    questions are answered Yes, warnings No."""
    shown: list[tuple[str, str]] = []

    def record(kind, answer):
        def box(parent, title, text, *args, **kwargs):
            shown.append((kind, text))
            return answer

        return box

    monkeypatch.setattr(QMessageBox, "question", record("question", QMessageBox.StandardButton.Yes))
    monkeypatch.setattr(QMessageBox, "information", record("information", QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "warning", record("warning", QMessageBox.StandardButton.No))
    return shown
