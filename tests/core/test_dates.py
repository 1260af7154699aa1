"""Dates as offices write them."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.core.dates import long_swedish, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-31", dt.date(2025, 3, 31)),
        ("31 mars 2025", dt.date(2025, 3, 31)),
        ("senast den 20 maj 2019", dt.date(2019, 5, 20)),
        ("1:a april 2024", dt.date(2024, 4, 1)),
        ("31/3 2025", dt.date(2025, 3, 31)),
        ("31/3/2025", dt.date(2025, 3, 31)),
        ("31.3.2025", dt.date(2025, 3, 31)),
        ("mars 2025", dt.date(2025, 3, 31)),
        ("December 2023", dt.date(2023, 12, 31)),
        ("februari 2024", dt.date(2024, 2, 29)),
        ("T1 2024", dt.date(2024, 4, 30)),
        ("t3 2024", dt.date(2024, 12, 31)),
        ("Q2 2024", dt.date(2024, 6, 30)),
        ("kvartal 1 2025", dt.date(2025, 3, 31)),
        ("2024", dt.date(2024, 12, 31)),
        ("20240115", dt.date(2024, 1, 15)),
        ("2024-06", dt.date(2024, 6, 30)),
        (dt.datetime(2024, 5, 1, 12, 0), dt.date(2024, 5, 1)),
        (dt.date(2024, 5, 1), dt.date(2024, 5, 1)),
        ("", None),
        (None, None),
    ],
)
def test_swedish_dates_are_read(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["snart", "31 smurf 2025", "32 mars 2025", "T4 2024", "efter sommaren", 45000])
def test_text_that_is_not_a_date_raises_with_the_text(text):
    with pytest.raises(ValueError, match="inte ett datum|tal"):
        parse_date(text)


def test_long_swedish_date():
    assert long_swedish(dt.date(2019, 5, 20)) == "20 maj 2019"
