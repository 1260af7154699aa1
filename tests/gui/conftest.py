"""Fixtures for window tests: settings in a tmp file, a fixed today, questions answered
by a scripted Interaction instead of a human."""

from __future__ import annotations

from pathlib import Path

import pytest
import window_helpers
from PySide6.QtCore import QSettings


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, today):
    monkeypatch.setenv("TRACKER_TODAY", today.isoformat())


@pytest.fixture(autouse=True)
def ask(monkeypatch) -> window_helpers.ScriptedInteraction:
    """The Interaction of every window the test makes: questions take the first button
    (Ja, Spara …) unless `ask.script` says otherwise."""
    scripted = window_helpers.ScriptedInteraction()
    monkeypatch.setattr(window_helpers, "current_ask", scripted)
    return scripted


@pytest.fixture
def answers(ask) -> list[tuple[str, str]]:
    """(kind, text) of every message shown: question, information, warning."""
    return ask.shown
