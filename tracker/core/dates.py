"""Dates as Swedish offices write them, read into `datetime.date`.

Sheets and reports hold real Excel dates, ISO text, "31 mars 2025", "31/3 2025",
"mars 2025" and "december 2023" (a month means its last day), "T1 2024" (a tertial
means its last day), "Q2 2024"/"kvartal 2 2024", or just "2024" (the year's end).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

MONTHS = {
    "januari": 1, "jan": 1,
    "februari": 2, "feb": 2,
    "mars": 3, "mar": 3,
    "april": 4, "apr": 4,
    "maj": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "augusti": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = [
    "", "januari", "februari", "mars", "april", "maj", "juni", "juli",
    "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """Compiled when a text is first read as a date, not at every start of the program:
    compiling them took 3 ms of a `tracker list` that reads no date text."""
    months = "|".join(sorted(MONTHS, key=len, reverse=True))
    return tuple(
        re.compile(pattern)
        for pattern in (
            r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$",  # ISO, perhaps with a time
            r"^(\d{4})(\d{2})(\d{2})$",  # 20250331
            r"^(\d{1,2})[/.](\d{1,2})[/. ]\s*(\d{4})$",  # 31/3 2025, 31.3.2025
            rf"^(\d{{1,2}})\s*(?:e|:e|a|:a)?\s+({months})\.?\s+(\d{{4}})$",  # 31 mars 2025
            rf"^({months})\.?\s+(\d{{4}})$",  # mars 2025
            r"^(\d{4})-(\d{1,2})$",  # 2025-03
            r"^(t|tertial|q|kv|kvartal)\s*([1-4])\s*[-/ ]?\s*(\d{4})$",  # T1 2024, kvartal 2 2024
            r"^(\d{4})\s*[-/ ]?\s*(t|q|kv)\s*([1-4])$",  # 2024 T1
            r"^(\d{4})$",  # 2024
            r"^(senast|den|senast den|klart|klart senast)\s+",
            r"^den\s+",
        )
    )


def _month_end(year: int, month: int) -> dt.date:
    # The day before the next month's first (calendar.monthrange would cost every start 3 ms of imports).
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _period_end(kind: str, number: int, year: int) -> dt.date | None:
    if kind.startswith("t"):
        if number > 3:
            return None
        return _month_end(year, number * 4)
    return _month_end(year, number * 3)


def parse_date(value: object) -> dt.date | None:
    """Read one date the way a Swedish office writes it.

    Returns None for an empty value; raises ValueError for text that is not a date,
    so the caller can name the cell and keep the text.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(f"{value!r} är ett tal, inte ett datum")
    text = " ".join(str(value).replace("\u00a0", " ").split()).strip().rstrip(".")
    if not text:
        return None
    iso_date, compact, numeric, day_month_year, month_year, iso_month, period, year_period, year_only, lead, den = (
        _patterns()
    )
    low = den.sub("", lead.sub("", text.casefold()))
    try:
        if m := iso_date.match(low):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := compact.match(low):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := numeric.match(low):
            return dt.date(int(m[3]), int(m[2]), int(m[1]))
        if m := day_month_year.match(low):
            return dt.date(int(m[3]), MONTHS[m[2]], int(m[1]))
        if m := month_year.match(low):
            return _month_end(int(m[2]), MONTHS[m[1]])
        if m := iso_month.match(low):
            return _month_end(int(m[1]), int(m[2]))
        if (m := period.match(low)) and (end := _period_end(m[1], int(m[2]), int(m[3]))) is not None:
            return end
        if (m := year_period.match(low)) and (end := _period_end(m[2], int(m[3]), int(m[1]))) is not None:
            return end
        if m := year_only.match(low):
            year = int(m[1])
            if 1900 <= year <= 2200:
                return dt.date(year, 12, 31)
    except ValueError:
        pass
    raise ValueError(f"”{text}” är inte ett datum som går att läsa")


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def from_iso(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def long_swedish(value: dt.date) -> str:
    """'20 maj 2019', as in a cover letter."""
    return f"{value.day} {MONTH_NAMES[value.month]} {value.year}"
