"""The words of a PDF page with their positions, read with PDFium (pypdfium2).

PDFium is chosen over pdfminer.six and pdfplumber (built on pdfminer): it is C++ and reads
a page's text in about 2 ms where pdfminer takes 200 ms and pypdf 25–35 ms; its licence
(BSD-3/Apache-2.0, pypdfium2 the same) is as free as theirs (MIT); and it opens
owner-password and AES-encrypted files by itself.

Asking PDFium for every character's box costs one call each, too slow for a 300-page
report. Instead each text line PDFium makes is located by its first character, and the
text runs on it (PDFium's rectangles, one per run of one text object) tell where a line
holds several cells or columns; only there is the split point looked up, by a binary
search over the line's characters.
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass

import pypdfium2.raw as pdfium_c

# A gap wider than this many text heights between two runs on a line parts two cells or columns
# (a space is about 0.3; a table cell filled to its edge leaves about 0.6 to the next cell).
CELL_GAP = 0.5


@dataclass
class Chunk:
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    text: str

    @property
    def height(self) -> float:
        return self.bottom - self.top


def page_chunks(textpage, page_height: float) -> list[Chunk]:
    """The page's text as chunks: runs of words on one line with no wide gap inside."""
    text = textpage.get_text_range()
    at = _Locator(textpage, page_height)
    rects = [at.rect(k) for k in range(pdfium_c.FPDFText_CountRects(textpage, 0, -1))]
    starts = _line_starts(text)
    if len(rects) == len(starts):  # one run a line, as most pages are: the runs are the lines, in order
        return [_text_of(rect, text, start, end) for rect, (start, end) in zip(rects, starts)]
    firsts = [at.box(start) for start, _ in starts]
    chunks: list[Chunk] = []
    r = 0
    for n, (start, end) in enumerate(starts):
        first = firsts[n]
        if first is None:
            continue
        # The runs of this line: from the run holding its first character up to the next line's.
        holding = next((k for k in range(r, len(rects)) if _holds(rects[k], first)), None)
        if holding is None:  # no run found: the line as one chunk where its first character stands
            line = " ".join(text[start:end].replace("\ufffe", "-").split())
            chunks.append(Chunk(first.x0, first.x0 + first.height * 0.5 * len(line), first.top, first.bottom, line))
            continue
        following = firsts[n + 1] if n + 1 < len(starts) else None
        r = holding + 1
        while r < len(rects) and not (following is not None and _holds(rects[r], following)):
            r += 1
        chunks.extend(_split_line(at, text, start, end, rects[holding:r]))
    return chunks


def _line_starts(text: str) -> list[tuple[int, int]]:
    """(first non-blank character, end) of each of PDFium's text lines. PDFium gives a hyphen
    at a line's end as U+FFFE and no line break after it."""
    out = []
    for m in re.finditer(r"[^\r\n\ufffe]+\ufffe?", text):
        line = m[0]
        if line.strip():
            out.append((m.start() + len(line) - len(line.lstrip()), m.start() + len(line.rstrip())))
    return out


class _Locator:
    """Boxes of a text page's runs and characters, measured from the top of the page."""

    def __init__(self, textpage, page_height: float) -> None:
        self.textpage = textpage
        self.height = page_height
        self.values = [ctypes.c_double() for _ in range(4)]
        self.refs = [ctypes.byref(v) for v in self.values]

    def rect(self, k: int) -> Chunk:
        left, top, right, bottom = self.refs
        pdfium_c.FPDFText_GetRect(self.textpage, k, left, top, right, bottom)
        left, top, right, bottom = (v.value for v in self.values)
        return Chunk(left, right, self.height - top, self.height - bottom, "")

    def box(self, index: int) -> Chunk | None:
        left, right, bottom, top = self.refs
        if not pdfium_c.FPDFText_GetCharBox(self.textpage, index, left, right, bottom, top):
            return None
        left, right, bottom, top = (v.value for v in self.values)
        return Chunk(left, right, self.height - top, self.height - bottom, "")


def _holds(rect: Chunk, box: Chunk) -> bool:
    return (
        rect.x0 - 0.5 <= box.x0 <= rect.x1 + 0.5
        and box.top < rect.bottom + 0.5 and box.bottom > rect.top - 0.5
    )  # fmt: skip


def _split_line(at: _Locator, text: str, start: int, end: int, rects: list[Chunk]) -> list[Chunk]:
    """The line's text cut where two of its runs stand far apart."""
    if len(rects) == 1:
        return [_text_of(rects[0], text, start, end)]
    cuts = [start]
    pieces = [[rects[0]]]
    for before, after in zip(rects, rects[1:]):
        size = max(before.height, after.height, 1.0)
        if after.x0 - before.x1 > CELL_GAP * size or after.x0 < before.x0:
            cut = _first_at(at, text, cuts[-1], end, after.x0)
            if cut is not None and cut > cuts[-1]:
                cuts.append(cut)
                pieces.append([after])
                continue
        pieces[-1].append(after)
    cuts.append(end)
    out = []
    for (a, b), runs in zip(zip(cuts, cuts[1:]), pieces):
        piece = text[a:b].strip()
        if piece:
            out.append(Chunk(min(x.x0 for x in runs), max(x.x1 for x in runs), min(x.top for x in runs),
                             max(x.bottom for x in runs), " ".join(piece.replace("\ufffe", "-").split())))  # fmt: skip
    return out


def _text_of(rect: Chunk, text: str, start: int, end: int) -> Chunk:
    rect.text = " ".join(text[start:end].replace("\ufffe", "-").split())
    return rect


def _first_at(at: _Locator, text: str, lo: int, hi: int, x: float) -> int | None:
    """The first character of text[lo:hi] that stands at x or to its right (characters run left to right)."""
    filled = [i for i in range(lo, hi) if not text[i].isspace()]
    a, b = 0, len(filled)
    while a < b:
        mid = (a + b) // 2
        box = at.box(filled[mid])
        if box is not None and box.x0 >= x - 0.5:
            b = mid
        else:
            a = mid + 1
    return filled[a] if a < len(filled) else None
