"""A report's title, organisation, dates, audit year, author and reply deadline, read
from its text as proposals the user confirms."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass

from ..dates import MONTHS, parse_date
from .markers import BULLET

_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = rf"(?:\d{{4}}-\d{{1,2}}-\d{{1,2}}|\d{{1,2}}\s+(?:{_MONTH})\.?\s+\d{{4}})"
_DATE_LINE = re.compile(rf"(?:^|datum:?\s*)({_DATE}|(?:{_MONTH})\s+\d{{4}})\s*$", re.IGNORECASE | re.MULTILINE)
_DEADLINE = re.compile(rf"senast\s+(?:den\s+)?({_DATE})", re.IGNORECASE)
_DEADLINE_WORDS = re.compile(r"svar|synpunkter|yttra|yttrande|besvara|ta del av|återkoppl|kommentarer", re.IGNORECASE)
# Spaces, not \s: the cleaned text has one paragraph a line, and the next line is no part of a name.
_ORG = re.compile(
    r"\b(?:[A-ZÅÄÖ][\wåäö-]+ +(?:kommun|stad|kommunalförbund)(?=s?\b)|Region +[A-ZÅÄÖ][\wåäö]+"
    r"|[A-ZÅÄÖ][\wåäö]*förbundet(?: +[A-ZÅÄÖ][\wåäö]+){0,2}(?: +& +[A-ZÅÄÖ][\wåäö]+)?"
    r"|(?:[A-ZÅÄÖ][\wåäö-]+ +){1,3}AB\b)"
)
_COMMISSIONED = re.compile(r"på uppdrag av\s+(?P<rest>.{0,90})", re.DOTALL)
_FIRMS = [
    (re.compile(r"\bPwC\b|PricewaterhouseCoopers"), "PwC"),
    (re.compile(r"\bKPMG\b"), "KPMG"),
    (re.compile(r"\bEY\b|Ernst\s*&\s*Young"), "EY"),
    (re.compile(r"\bDeloitte\b"), "Deloitte"),
    (re.compile(r"\bBDO\b"), "BDO"),
    (re.compile(r"Grant\s+Thornton"), "Grant Thornton"),
    (re.compile(r"\bPayoff\b"), "Payoff AB"),
    (re.compile(r"\bRamböll\b"), "Ramböll"),
    (re.compile(r"\bRevisionskontoret\b|\brevisionskontoret\b"), "Revisionskontoret"),
]
_SIGNED = 30_000
# "Vi har på uppdrag av ...": the writers name themselves, but not who they are.
_PRONOUNS = {"vi", "jag", "revisorerna", "granskningen", "rapporten"}
_AUDIT_YEAR = re.compile(
    r"(?:revisionsår(?:et)?|revisionsplan(?:en)?\s+(?:för\s+)?(?:år\s+)?|granskningsplan(?:en)?\s+(?:för\s+)?)\s*(\d{4})",
    re.IGNORECASE,
)
_TITLE_PREFIX = re.compile(r"^(?:revisionsrapport|granskningsrapport|rapport|missiv)\s*[:–—-]\s*", re.IGNORECASE)
_NAMED_AUDIT = re.compile(r"^(?:uppföljande\s+|fördjupad\s+)?granskning\s+av\s", re.IGNORECASE)
_SKIP_TITLE = re.compile(
    r"^hej\b|hälsning|^mvh\b|^vänliga\b|revisionsrapport$|granskningsrapport$|^missiv$|^för kännedom|^till\b|^sammanfattning$",
    re.I,
)


@dataclass
class Metadata:
    title: str | None = None
    organisation: str | None = None
    report_date: dt.date | None = None
    audit_year: int | None = None
    author: str | None = None
    reply_deadline: dt.date | None = None
    report_month: str | None = None  # "2024-01" when the report gives only a month ("Januari 2024")
    audited_body: str | None = None  # the body the report audits, read with the register's bodies


def read_metadata(text: str) -> Metadata:
    head = text[:3000]
    meta = Metadata()
    meta.organisation = _organisation(text)
    meta.title = _title(head, meta.organisation)
    meta.report_date, meta.report_month = _first_date(head)
    meta.author = _author(text)
    meta.reply_deadline = _deadline(text)
    if m := _AUDIT_YEAR.search(text):
        meta.audit_year = int(m[1])
    elif meta.report_date:
        meta.audit_year = meta.report_date.year
    elif meta.report_month:
        meta.audit_year = int(meta.report_month[:4])
    return meta


def _parse(value: str) -> dt.date | None:
    try:
        return parse_date(value)
    except ValueError:
        return None


def _first_date(head: str) -> tuple[dt.date | None, str | None]:
    """The report's date, or its month when it names only a month (not turned into the month's last day)."""
    for m in _DATE_LINE.finditer(head):
        if found := _parse(m[1]):
            if re.fullmatch(rf"(?i:{_MONTH})\s+\d{{4}}", m[1].strip()):
                return None, f"{found.year}-{found.month:02d}"
            return found, None
    return None, None


def _deadline(text: str) -> dt.date | None:
    for paragraph in text.split("\n"):
        for m in _DEADLINE.finditer(paragraph):
            sentence_start = max(paragraph.rfind(". ", 0, m.start()), 0)
            if _DEADLINE_WORDS.search(paragraph[sentence_start : m.end()]) and (found := _parse(m[1])):
                return found
    return None


def _organisation(text: str) -> str | None:
    if (m := _COMMISSIONED.search(text)) and (n := _ORG.search(m["rest"])):
        return n[0]
    counts = Counter(m[0] for m in _ORG.finditer(text) if not any(p.search(m[0]) for p, _ in _FIRMS))
    return counts.most_common(1)[0][0] if counts else None


def _author(text: str) -> str | None:
    # The firm signs on the cover and at the end; a long report's middle need not be searched.
    if len(text) > 2 * _SIGNED:
        text = text[:_SIGNED] + "\n" + text[-_SIGNED:]
    counts = Counter({name: len(pattern.findall(text)) for pattern, name in _FIRMS})
    name, n = counts.most_common(1)[0]
    if n:
        return name
    # Within one line: "Sammanfattning\n\nStadsrevisionen har på uppdrag av" names no "Sammanfattning".
    for m in re.finditer(r"\b([A-ZÅÄÖ][\wåäö&]+(?:[ \t]+[A-ZÅÄÖ&][\wåäö]*){0,2})\s+har\s+på\s+uppdrag\s+av", text):
        if m[1].casefold() not in _PRONOUNS:
            return m[1]
    return None


def _title(head: str, organisation: str | None) -> str | None:
    lines = [line.strip() for line in head.split("\n") if _title_like(line.strip(), organisation)]
    # A line that says it is the title ("Revisionsrapport: X", "Granskning av X") wins over the first line.
    line = next((ln for ln in lines if _TITLE_PREFIX.match(ln) or _NAMED_AUDIT.match(ln)), None)
    line = line or next((ln for ln in lines if len(ln.split()) >= 2), None)
    if not line:
        return None
    title = _TITLE_PREFIX.sub("", line)
    if organisation:
        title = re.sub(rf"\s*[–—-]\s*{re.escape(organisation)}\s*$", "", title)
    # "arbets- marknads- verksamheten": a title broken over lines on a cover page
    title = re.sub(r"(\w)- (?!och\b|eller\b|samt\b)([a-zåäö])", r"\1\2", title)
    return title.strip() or None


def _title_like(line: str, organisation: str | None) -> bool:
    if not line or _SKIP_TITLE.search(line) or _parse(line) or len(line.split()) > 16 or BULLET.match(line):
        return False
    if organisation and organisation.casefold() in line.casefold() and not _TITLE_PREFIX.match(line):
        return False
    return not re.search(r"[.,:;!?]$|^\d|\bsida\b|\t", line, re.IGNORECASE)
