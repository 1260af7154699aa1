"""Fixtures for the command-line tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tracker.core.demo import fill_demo
from tracker.core.opening import open_store


@pytest.fixture
def demo_db(tmp_path: Path, today, monkeypatch) -> Path:
    """The demo register in a file, with the commands' today fixed to the tests' today."""
    monkeypatch.setenv("TRACKER_TODAY", today.isoformat())
    path = tmp_path / "register.sqlite"
    store = open_store(path)
    fill_demo(store, today)
    store.close()
    return path
