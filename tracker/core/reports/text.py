"""A report's text as readable paragraphs: one line per paragraph or list item.

PDF text layers break lines mid-sentence, hyphenate words across lines and put page
numbers, running headers and footnotes between the lines; Word files keep lists and
tables apart from the text. Everything here undoes that, so the finder sees sentences.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import characters
from ..errors import UserError
from ..progress import Progress
from .markers import BULLET, LONE_MARKER, MARKER_TAB, PAGE_NUMBER, PRIVATE_BULLETS, norm_repeat

SUFFIXES = (".pdf", ".docx", ".txt")
# Formats a word processor can save as .docx or PDF, which is what this reader reads.
_RESAVE = (".doc", ".odt", ".rtf", ".docm", ".dot", ".dotx", ".wpd", ".pages")
RESAVE = "Spara rapporten som .docx eller PDF och läs in den igen."
_SENTENCE_END = re.compile(r"[.!?:;]['”\")]?$")
# Words a Swedish line cannot end a sentence on, so the next line belongs to it.
_GLUE_WORDS = {
    "och", "att", "med", "i", "på", "av", "för", "som", "till", "den", "det", "en", "ett", "om", "samt",
    "eller", "de", "vid", "från", "inom", "under", "mellan", "genom", "hos", "är", "har", "ska", "bör", "kan",
    "vi", "nämnden", "kommunstyrelsen", "inte", "så", "efter", "enligt", "dess", "sin", "sina", "sitt",
}  # fmt: skip
# Glue words only in "Vi rekommenderar kommunstyrelsen / att"; a field "Till: Kommunstyrelsen" ends there.
_BODY_WORDS = {"nämnden", "kommunstyrelsen"}
# "Social- och arbetsmarknadsnämnden": a hyphen before these words is part of a compound list.
_COMPOUND_JOINERS = {"och", "eller", "samt", "resp", "respektive", "till"}
_LONG_LINE = 55
# A table of contents entry: leader dots (or an ellipsis) before the page number.
_TOC_LINE = re.compile(r"(?:\.\s*){4,}\d{1,3}$|…\s*\d{1,3}$")
# "Till: Kommunstyrelsen", "Revisionsrapport: Kost och måltider": a missive's field, one line.
_LABELLED = re.compile(r"^[A-ZÅÄÖ][\wåäö ]{1,25}:\s+[A-ZÅÄÖ0-9]")


@dataclass
class ReportText:
    text: str
    warnings: list[str] = field(default_factory=list)  # for the user: pages without text, a cut-off file


def read_report(path: Path | str, progress: Progress | None = None) -> ReportText:
    """The cleaned text of a .pdf, .docx or .txt file; UserError if it has none.
    progress(page, pages) is told each PDF page read and stops the reading on False."""
    from .pdf import read_pdf

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in _RESAVE:
        raise UserError(f"Filen är inte i ett format som kan läsas in. {RESAVE}", file=str(path))
    if suffix not in SUFFIXES:
        raise UserError("Det går bara att läsa in PDF-, Word- (.docx) och textfiler.", file=str(path))
    if not path.is_file():
        raise UserError("Filen finns inte.", file=str(path))
    warnings: list[str] = []
    _check_content(path, suffix)
    try:
        if suffix == ".pdf":
            raw, warnings = read_pdf(path, progress)
            text = clean_text(raw)
        elif suffix == ".docx":
            text = clean_text(_docx_text(path))
        else:
            text = clean_text(decode_text(path.read_bytes()))
    except UserError:
        raise
    except Exception as exc:  # a damaged file from outside: say so in Swedish, never a traceback
        raise UserError("Filen är skadad eller ofullständig och gick inte att läsa.", file=str(path)) from exc
    if not text.strip():
        hint = " Den är troligen inskannad och saknar textlager." if suffix == ".pdf" else ""
        raise UserError(f"Filen innehåller ingen text.{hint}", file=str(path))
    return ReportText(text, warnings)


_KINDS = ((b"%PDF", "en PDF-fil"), (b"PK\x03\x04", "ett Word-dokument (.docx) eller en annan zip-fil"),
          (b"\xd0\xcf\x11\xe0", "ett äldre Word-dokument (.doc)"), (b"{\\rtf", "en RTF-fil"))  # fmt: skip
_NAMED = {".pdf": "ingen PDF-fil", ".docx": "inget Word-dokument (.docx)", ".txt": "ingen textfil"}


def _check_content(path: Path, suffix: str) -> None:
    """A file whose content is not what its name says, or that is empty, gets a message saying so."""
    with path.open("rb") as f:
        head = f.read(1024)
    if not head.strip():
        raise UserError("Filen är tom.", file=str(path))
    kind = next((name for magic, name in _KINDS if head.startswith(magic) or magic == b"%PDF" and magic in head), None)
    expected = {".pdf": "en PDF-fil", ".docx": _KINDS[1][1]}.get(suffix)
    if suffix == ".txt" and (kind or b"\x00" in head) or expected and kind != expected:
        what = f"Innehållet är {kind}" if kind else "Innehållet är något annat"
        advice = f" {RESAVE}" if kind in ("ett äldre Word-dokument (.doc)", "en RTF-fil") else ""
        raise UserError(f"Filen är {_NAMED[suffix]} fast namnet slutar på {suffix}. {what}.{advice}",
                        file=str(path))  # fmt: skip


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, otherwise Windows-1252 as Notepad wrote it."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _docx_text(path: Path) -> str:
    """Paragraphs, list items (with a bullet or their number) and table rows, in document order."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(str(path))
    lines: list[str] = []
    counters: dict[tuple[str, str], int] = {}
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:tbl"):
            for row in Table(element, doc).rows:
                lines += _row_lines(row, counters)
            lines.append("")
        elif element.tag == qn("w:p"):
            paragraph = Paragraph(element, doc)
            text = paragraph.text.strip()
            if not text:
                lines.append("")
                continue
            marker = _list_marker(paragraph, counters)
            lines.append(f"{marker}{text}" if marker and not BULLET.match(text) else text)
            lines.append("")
    return "\n".join(lines)


def _row_lines(row, counters: dict[tuple[str, str], int]) -> list[str]:
    """A table row as one line of cells; a cell holding a list gives one row per item, the other
    cells repeated, and a row of one cell (a text box) its paragraphs as they stand."""
    cells: list[list[str]] = []
    seen = []
    for cell in row.cells:
        if cell._tc in seen:  # a merged cell appears once per grid column it spans
            continue
        seen.append(cell._tc)
        paragraphs = [p for p in cell.paragraphs if p.text.strip()]
        items = [p.text.strip() for p in paragraphs if _list_marker(p, counters)]
        if len(items) >= 2 and len(items) == len(paragraphs):
            cells.append(items)
        elif paragraphs:
            cells.append([" ".join(p.text.strip() for p in paragraphs)])
    if len(cells) == 1 and len(cells[0]) > 1:
        return [f"• {item}" for item in cells[0]]
    if len(cells) == 1:
        return [cells[0][0], ""]
    listed = max(cells, key=len, default=[])
    return ["\t".join(item if c is listed else c[0] for c in cells) for item in listed]


def _list_marker(paragraph, counters: dict[tuple[str, str], int]) -> str:
    num_pr = paragraph._p.pPr.numPr if paragraph._p.pPr is not None else None
    style = (paragraph.style.name or "").casefold() if paragraph.style is not None else ""
    if num_pr is None and not style.startswith(("list", "liststycke")):
        return ""
    numbered = "number" in style or "numrer" in style
    if num_pr is not None and num_pr.numId is not None:
        key = (str(num_pr.numId.val), str(num_pr.ilvl.val if num_pr.ilvl is not None else 0))
        numbered = numbered or _is_decimal(paragraph, num_pr.numId.val)
        if numbered:
            counters[key] = counters.get(key, 0) + 1
            return f"{counters[key]}. "
    elif numbered:
        counters[("style", style)] = counters.get(("style", style), 0) + 1
        return f"{counters[('style', style)]}. "
    return "• "


def _is_decimal(paragraph, num_id: int) -> bool:
    """Whether Word numbers this list 1, 2, 3 rather than with bullets."""
    try:
        numbering = paragraph.part.numbering_part.element
    except (AttributeError, NotImplementedError, KeyError):
        return False
    for num in numbering.findall(".//{*}num"):
        if num.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numId") == str(num_id):
            abstract = num.find("{*}abstractNumId")
            if abstract is None:
                return False
            wanted = abstract.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val")
            for absn in numbering.findall(".//{*}abstractNum"):
                if absn.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}abstractNumId") == wanted:
                    fmt = absn.find(".//{*}numFmt")
                    value = fmt.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val") if fmt else ""
                    return value not in ("bullet", "none", "")
    return False


def clean_text(text: str) -> str:
    """Re-join lines broken mid-sentence and words hyphenated across lines; one paragraph
    or list item per line, blank lines between paragraphs."""
    # Pasted or extracted text enters the core here: control characters go first.
    text = characters.clean_text(text).replace("\u00ad", "").replace("\u00a0", " ")
    for private in PRIVATE_BULLETS:  # a symbol font's bullet shows as an empty box in any other font
        text = text.replace(private, "•")
    # "•<tab>Text", "1.<tab>Text" as Word lists are pasted: the tab is the list's indent, no table cell
    text = MARKER_TAB.sub(r"\1 ", text)
    lines = _drop_headers_inside_sentences(_drop_page_furniture([ln.rstrip() for ln in text.split("\n")]))
    paragraphs: list[str] = []
    current: list[str] = []  # the paragraph's lines as joined so far; joined once at its end, not line by line
    last_line = marker = ""
    blank_before = False
    for raw in lines:
        line = raw.strip()
        if not line:
            blank_before = True
            continue
        if PAGE_NUMBER.match(line) and "\t" not in raw:
            continue
        if LONE_MARKER.match(line) and "\t" not in raw:
            marker = line  # a bullet or number on a line of its own belongs to the item below it
            continue
        if marker:
            raw = line = f"{marker} {line}"
            marker = ""
        if current and _continues(current, last_line, line, blank_before):
            _join(current, line)
        else:
            if current:
                paragraphs.append(" ".join(current))
            current = [" ".join(line.split()) if "\t" not in line else line]
        blank_before = False
        last_line = line
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs) + "\n" if paragraphs else ""


def _drop_page_furniture(lines: list[str]) -> list[str]:
    """Pasted PDF text keeps each page's running header and footer next to its page number;
    a line found there on several pages is not text."""
    filled = [i for i, ln in enumerate(lines) if ln.strip()]
    numbers = [k for k, i in enumerate(filled) if PAGE_NUMBER.match(lines[i])]
    near: dict[str, set[int]] = {}
    for k in numbers:
        for i in filled[max(k - 3, 0) : k + 4]:
            if not PAGE_NUMBER.match(lines[i]) and len(lines[i].strip()) <= 100:
                near.setdefault(norm_repeat(lines[i]), set()).add(i)
    drop = {i for seen in near.values() if len(seen) >= max(2, len(numbers) / 2) for i in seen}
    return [ln for i, ln in enumerate(lines) if i not in drop]


def _drop_headers_inside_sentences(lines: list[str]) -> list[str]:
    """Pasted PDF text keeps each page's running header; one standing between the two halves
    of a sentence ("... att kom-", header, "munen ...") cannot be part of the text."""
    filled = [i for i, ln in enumerate(lines) if ln.strip() and not PAGE_NUMBER.match(ln)]
    drop = set()
    for before, here, after in zip(filled, filled[1:], filled[2:], strict=False):
        prev, line, nxt = lines[before].strip(), lines[here].strip(), lines[after].strip()
        if len(line) > 80:
            continue
        # A short line without a full stop ("Ordförande") is no sentence a page break cut in two,
        # and a line ending in "i" or "och" runs on itself: a title broken over two lines.
        broken = re.search(r"\w-$", prev) or (not _SENTENCE_END.search(prev) and len(prev) >= 40)
        runs_on = line.rsplit(None, 1)[-1].casefold() in _GLUE_WORDS
        header_like = ("|" in line or re.search(r"\w-$", prev) or len(line.split()) <= 6) and not runs_on
        if broken and header_like and nxt[:1].islower() and line[:1].isupper() and not BULLET.match(line):
            drop.add(here)
    return [ln for i, ln in enumerate(lines) if i not in drop]


def _continues(paragraph: list[str], last_line: str, line: str, blank_before: bool) -> bool:
    """Whether line goes on with the paragraph so far; only its end is looked at, so that
    a long paragraph is not searched again for every line."""
    previous = paragraph[-1] if len(paragraph) == 1 else " ".join(paragraph[-3:])
    if BULLET.match(line) or "\t" in paragraph[0] or "\t" in line:
        return False
    end = previous[-40:]  # what the patterns anchored at the end look at
    if re.search(r"\w-$", end):
        return True
    if _SENTENCE_END.search(end) or _TOC_LINE.search(end) or _TOC_LINE.search(line):
        return False
    first = line[0]
    last_word = previous.rsplit(None, 1)[-1].casefold()
    if first.islower() or first in "(,%":
        return not blank_before or len(previous) > 25 or len(paragraph) > 3
    if (
        len(paragraph) == 1
        and previous == last_line
        and _LABELLED.match(previous)
        and last_word not in _GLUE_WORDS - _BODY_WORDS
    ):
        return False
    if last_word in _GLUE_WORDS:
        return True
    if len(line) < 40 and not _SENTENCE_END.search(line):
        return False  # a date, a name or a heading under a line that merely lacks a full stop
    # A long line without a full stop runs on, even into a capitalised name; a short one is a heading.
    return len(last_line) >= (_LONG_LINE if not blank_before else 75)


def _join(paragraph: list[str], line: str) -> None:
    """Line added to the paragraph's lines; a word hyphenated across them joined."""
    line = " ".join(line.split())
    previous = paragraph[-1]
    if m := re.search(r"(\w)-$", previous):
        next_word = line.split(None, 1)[0].strip(".,;:").casefold()
        if next_word in _COMPOUND_JOINERS:
            paragraph.append(line)
        elif m[1].isupper() or m[1].isdigit() or not line[0].islower():
            paragraph[-1] = previous + line  # "SIP-möten", "2019-års": the hyphen is part of the word
        else:
            paragraph[-1] = previous[:-1] + line
        return
    paragraph.append(line)
