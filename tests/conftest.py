"""Shared fixtures: real register files in tmp dirs, a fixed today."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tracker.core.changes import History  # noqa: E402
from tracker.core.demo import fill_demo  # noqa: E402
from tracker.core.opening import open_store  # noqa: E402
from tracker.core.store import Store  # noqa: E402

TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def today() -> dt.date:
    return TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "register.sqlite"


@pytest.fixture
def store(db_path: Path):
    s = open_store(db_path)
    yield s
    s.close()


@pytest.fixture
def history(store: Store) -> History:
    return History(store)


@pytest.fixture
def demo_store(store: Store) -> Store:
    fill_demo(store, TODAY)
    return store
