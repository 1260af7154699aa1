"""Recommendations in a report's cleaned text (see text.py), each once and in order.

Reports give them as a list under a heading with "rekommendation" in it, as a list after
"Vi rekommenderar (nämnden) att:", as sentences that begin with the body after
"Vi rekommenderar att:", or as single sentences "Vi rekommenderar kommunstyrelsen att ...".
Summaries repeat the conclusion's list, so near-identical texts are kept once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..bodies import BodyIndex
from .bodies_in_text import bodies_in, is_generic, is_plural, leading_bodies, phrases, resolve
from .markers import BULLET


@dataclass
class Found:
    text: str
    bodies: list[str]
    start: int  # span in the cleaned text, for highlighting
    end: int
    number: int = 0
    spans: list[tuple[int, int]] = field(default_factory=list)  # every place it stands, repeats too
    in_list: bool = True  # a list item's wording is preferred to a sentence in running text
    check_bodies: bool = False  # no body named: the report's audited body was taken, for the user to check


@dataclass
class _Para:
    start: int
    end: int
    text: str
    marker: str  # "", "symbol", "number", "letter"
    body: str  # text after the marker


_REC_HEADING = re.compile(r"rekommendation", re.IGNORECASE)
_VERB = re.compile(r"\brekommender(?:ar|as)\b", re.IGNORECASE)
# Who recommends in a report: the auditors or the evaluator, not an authority it quotes ("Skolverket").
_RECOMMENDERS = {
    "vi", "revisorerna", "revisionen", "utvärderaren", "utvärderarna", "granskaren", "granskarna",
    "revisionskontoret", "stadsrevisionen", "kommunrevisionen", "regionrevisionen",
    "pwc", "kpmg", "ey", "deloitte", "bdo", "thornton", "ramböll", "payoff", "ab", "revisionsbyrån",  # the firm
    "utvärderingen", "granskningen", "rapporten", "uppföljningen", "förstudien",  # "Granskningen rekommenderar att"
}  # fmt: skip
# Last year's recommendations, followed up: "Uppföljning av tidigare rekommendationer", "rekommenderade vi".
_EARLIER = re.compile(
    r"\b(?:rekommenderade|rekommenderat|lämnades|föregående|förra|fjolårets|uppföljning\s+av"
    r"|tidigare\s+(?:år|granskning|rekommendation)\w*)\b",
    re.IGNORECASE,
)
# A table of contents entry, "Rekommendationer ....... 12" or "5.1 Rekommendationer 12".
_TOC_ENTRY = re.compile(r"(?:\.{3,}|…|\s)\s*\d{1,3}$")
_FOOTNOTE = re.compile(r"^(?:\d{1,2}|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)\s*[A-ZÅÄÖ(]")
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ–—-])")
_ABBREVIATIONS = re.compile(r"\b(?:bl\.a|t\.ex|m\.m|s\.k|d\.v\.s|dvs|jfr|kap|nr|resp|ca|st|p)\.$", re.IGNORECASE)
_TABLE_HEADINGS = {"nr", "rekommendation", "rekommendationer", "ansvarig", "ansvarig nämnd", "nämnd", "åtgärd"}
_MIN_WORDS = 3


def paragraphs(text: str) -> list[_Para]:
    out = []
    for m in re.finditer(r"[^\n]+", text):
        if not m[0].strip():
            continue
        for start, end in _pieces(m[0]):
            line = m[0][start:end]
            marker = ""
            body = line.strip()
            if b := BULLET.match(line):
                token = b[0].strip().strip("().")
                marker = "number" if token.isdigit() else "letter" if token.isalpha() else "symbol"
                body = line[b.end() :].strip()
            out.append(_Para(m.start() + start, m.start() + end, line, marker, body))
    return out


# In text without line breaks (copied from a web page or a mail): the end of a sentence that
# opens a list ("Vi rekommenderar att:", "... följande rekommendationer.") and inline item marks.
_INLINE_INTRO = re.compile(
    r"(?:^|(?<=[.!?:]\s))(?=[^.!?:]*rekommend)(?![^.!?:]*(?:rekommenderade|tidigare))[^.!?:]*"
    r"(?::|\b(?:följande|nedan|nedanstående)\b[^.!?:]*\.)(?=\s+\S)",
    re.IGNORECASE,
)
_INLINE_MARK = re.compile(r"(?<=\s)(?:\(?([a-h])\)|(\d{1,2})[.)]|•)\s+(?=\S)")
_LONG_PARAGRAPH = 200


def _pieces(line: str) -> list[tuple[int, int]]:
    """Where a long paragraph holds a list intro and items, the places they begin."""
    if "\t" in line or len(line) < _LONG_PARAGRAPH:
        return [(0, len(line))]
    cuts = {0}
    for intro in _INLINE_INTRO.finditer(line):
        cuts.update((intro.start(), intro.end()))
        marks = [
            m for m in _INLINE_MARK.finditer(line, intro.end()) if not _ABBREVIATIONS.search(line[: m.start()].rstrip())
        ]
        expected = None
        for mark in marks:
            key = mark[1] or mark[2] or "•"
            first = key in ("a", "1", "•")
            if first and expected is None or key == expected:
                cuts.add(mark.start())
                expected = "•" if key == "•" else chr(ord(key) + 1) if key.isalpha() else str(int(key) + 1)
                last = mark
        if expected is not None and (end := _SENTENCE_SPLIT.search(line, last.end())):
            cuts.add(end.start())  # the text after the last item's sentence is no part of it
    bounds = sorted(cuts) + [len(line)]
    out = []
    for a, b in zip(bounds, bounds[1:]):
        piece = line[a:b]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            out.append((a + lead, a + len(piece.rstrip())))
    return out


def find_recommendations(text: str, index: BodyIndex, addressee: str | None) -> list[Found]:
    """The recommendations of the text; addressee is the report's audited body (main_body of
    the text, which the caller has read for the report's details), taken for an item that
    names no body."""
    paras = paragraphs(text)
    found: list[Found] = []
    consumed: set[int] = set()
    i = 0
    while i < len(paras):
        para = paras[i]
        if _is_rec_heading(para) or _is_intro(para) or _is_table_heading(para):
            items, end = _list_after(paras, i, index, addressee)
            if items:
                found.extend(items)
                consumed.update(range(i + 1, end))
                i = end
                continue
        i += 1
    for n, para in enumerate(paras):
        if n not in consumed and not para.text.rstrip().endswith(":"):
            found.extend(_sentences(para, index, addressee))
    return _once_in_order(found)


def _is_heading(para: _Para) -> bool:
    if len(para.body) > 150:  # eight words and a page number at most; a long paragraph is not searched
        return False
    text = re.sub(r"[\s.\t]*\d*$", "", para.body)
    return 0 < len(text.split()) <= 8 and not re.search(r"[.:;,]$", text) and "\t" not in para.body.strip()


def _is_rec_heading(para: _Para) -> bool:
    body = para.body
    return (
        _is_heading(para) and bool(_REC_HEADING.search(body)) and not _VERB.search(body)
        and not _EARLIER.search(body) and not _TOC_ENTRY.search(body)
    )  # fmt: skip


def _is_intro(para: _Para) -> bool:
    """'Vi rekommenderar nämnden att:', or a sentence announcing the list: 'Vi lämnar följande rekommendationer.'"""
    text = para.text.rstrip()
    if not re.search(r"rekommend", text, re.IGNORECASE) or _EARLIER.search(text) or "\t" in text:
        return False
    announces = text.endswith(".") and len(text.split()) <= 25 and _ANNOUNCES.search(text)
    return text.endswith(":") or bool(announces)


_ANNOUNCES = re.compile(r"\b(?:följande|nedan|nedanstående)\b", re.IGNORECASE)


def _is_table_heading(para: _Para) -> bool:
    """A table's header row naming its recommendation column ("Nr | Rekommendation | Ansvarig nämnd")."""
    cells = {c.strip().casefold() for c in para.text.split("\t") if c.strip()}
    return "\t" in para.text and bool(cells & {"rekommendation", "rekommendationer"}) and cells <= _TABLE_HEADINGS


def _intro_addressee(text: str, index: BodyIndex, addressee: str | None) -> str | None:
    """'Vi rekommenderar kommunstyrelsen att:' or 'rekommendationer till nämnden:' names the list's body."""
    m = re.search(
        r"rekommend\w*\s+(?:vi\s+)?(?:därför\s+)?(?:till\s+)?(.*?)(?:\s+att)?\s*[:.]?\s*$", text, re.IGNORECASE
    )
    if m:
        for p in phrases(m[1]):
            if not is_plural(p[0]):
                return addressee if is_generic(p[0]) else resolve(p[0], index)
    return None


def _list_after(paras: list[_Para], i: int, index: BodyIndex, addressee: str | None) -> tuple[list[Found], int]:
    """The items following a heading or intro at paras[i], and where they end."""
    if _is_table_heading(paras[i]):
        return _table_items(paras, i, index, addressee)
    list_addressee = _intro_addressee(paras[i].text, index, addressee) if _is_intro(paras[i]) else None
    j = i + 1
    intros = 0
    while j < len(paras) and not paras[j].marker and "\t" not in paras[j].text and intros < 3:
        if _is_heading(paras[j]):
            return [], i + 1
        if _is_intro(paras[j]):
            list_addressee = _intro_addressee(paras[j].text, index, addressee) or list_addressee
        elif not _is_rec_heading(paras[i]) or leading_bodies(paras[j].body):
            break  # an intro with a colon is followed by the items themselves
        j += 1
        intros += 1
    owner = list_addressee or addressee
    if j < len(paras) and "\t" in paras[j].text:
        items, end = _table_items(paras, j, index, owner)
    elif j < len(paras) and paras[j].marker:
        items, end = _bullet_items(paras, j, index, owner)
    elif _is_intro(paras[j - 1]) if j > i else False:
        items, end = _body_sentences(paras, j, index, owner)
    elif j < len(paras) and _is_rec_heading(paras[i]) and leading_bodies(paras[j].body):
        # under the heading, what the bodies should do: "Kommunstyrelsen bör ... . Socialnämnden bör ..."
        items, end = _body_sentences(paras, j, index, owner, _SHOULD)
    else:
        return [], i + 1
    if list_addressee:  # the intro named the list's body
        for item in items:
            item.check_bodies = False
    return items, end


def _bullet_items(paras: list[_Para], j: int, index: BodyIndex, owner: str | None) -> tuple[list[Found], int]:
    kind = paras[j].marker
    items: list[Found] = []
    last_number = 0
    last_raw = ""
    while j < len(paras):
        para = paras[j]
        if para.marker == kind and len(para.body.split()) >= _MIN_WORDS:
            if kind == "number":
                number = int(re.match(r"\D*(\d+)", para.text)[1])
                if last_number and number != last_number + 1:
                    break
                last_number = number
            items.append(_item(para, para.body, index, owner))
            last_raw = para.body
        elif not items or not (
            para.marker == ""
            and (
                _FOOTNOTE.match(para.text)
                or _interrupts(last_raw, para)
                or _comment_between(paras, j, kind, last_number)
            )
        ):
            break
        j += 1
    return items, j


def _comment_between(paras: list[_Para], j: int, kind: str, last_number: int) -> bool:
    """One sentence of comment between two items of a list: the list goes on after it."""
    nxt = paras[j + 1] if j + 1 < len(paras) else None
    sentence = paras[j].text.rstrip().endswith((".", "!", "?"))  # not a heading
    if nxt is None or nxt.marker != kind or not sentence or len(paras[j].text.split()) > 40:
        return False
    return kind != "number" or int(re.match(r"\D*(\d+)", nxt.text)[1]) == last_number + 1


def _interrupts(last_item: str, para: _Para) -> bool:
    """A page header between two items of a list whose last item says more follows ("...,", "; och")."""
    return _is_heading(para) and bool(re.search(r"(?:[,;]|\boch|\bsamt)\s*$", last_item))


def _table_items(paras: list[_Para], j: int, index: BodyIndex, owner: str | None) -> tuple[list[Found], int]:
    """A table whose rows are recommendations: the longest cell is the text, body cells the bodies."""
    items: list[Found] = []
    while j < len(paras) and "\t" in paras[j].text:
        cells = [c.strip() for c in paras[j].text.split("\t") if c.strip()]
        if not {c.casefold() for c in cells} & _TABLE_HEADINGS:
            text = max(cells, key=len)
            if len(text.split()) >= _MIN_WORDS:
                named = [n for c in cells if c is not text for n in bodies_in(c, index, owner)]
                item = _item(paras[j], BULLET.sub("", text), index, owner)
                if named:
                    item.bodies, item.check_bodies = named, False
                items.append(item)
        j += 1
    return items, j


_SHOULD = re.compile(r"\b(?:bör|behöver|ska)\b", re.IGNORECASE)


def _body_sentences(
    paras: list[_Para], j: int, index: BodyIndex, owner: str | None, must: re.Pattern[str] | None = None
) -> tuple[list[Found], int]:
    """'Vi rekommenderar att:' followed by paragraphs of sentences that each begin with a body
    (and, where must is given, say what it should do)."""
    items: list[Found] = []
    while j < len(paras) and not paras[j].marker:
        para = paras[j]
        sentences = [s for s in _split_sentences(para.text) if leading_bodies(s[2]) and (not must or must.search(s[2]))]
        if not sentences:
            break
        for start, end, sentence in sentences:
            item = _item(para, sentence, index, owner)
            item.start, item.end = para.start + start, para.start + end
            items.append(item)
        j += 1
    return items, j


def _sentences(para: _Para, index: BodyIndex, addressee: str | None) -> list[Found]:
    """Single sentences in running text: 'Vi rekommenderar kommunstyrelsen att ...'."""
    out: list[Found] = []
    if not _VERB.search(para.text):  # most paragraphs: no sentence to split
        return out
    for start, end, sentence in _split_sentences(para.body if para.marker else para.text):
        bodies = _recommended_bodies(sentence, index, addressee)
        if bodies is None:
            continue
        offset = para.start + (len(para.text) - len(para.body) if para.marker else 0)
        check = not phrases(sentence)  # no body named anywhere in it: the report's audited body was taken
        out.append(Found(tidy(sentence), bodies, offset + start, offset + end, in_list=False, check_bodies=check))
    return out


def _recommended_bodies(sentence: str, index: BodyIndex, addressee: str | None) -> list[str] | None:
    """The bodies a sentence recommends something to, or None if it is no recommendation of the
    report: nothing follows with 'att', the auditors decline ('rekommenderar vi inte att'), or
    someone else recommends it ('Skolverket rekommenderar att planen ...')."""
    verb = _VERB.search(sentence)
    parts = re.split(r"\batt\b", sentence[verb.end() :], maxsplit=1) if verb else []
    if len(parts) < 2 or re.search(r"\b(?:inte|ej)\b", parts[0], re.IGNORECASE):
        return None
    between, after = parts
    lead = leading_bodies(after.strip())
    bodies = bodies_in(between, index, addressee) or (bodies_in(lead, index, addressee) if lead else [])
    if not bodies and verb[0].casefold().endswith("as"):  # "Förbundsstyrelsen rekommenderas att ..."
        before = leading_bodies(sentence)
        bodies = bodies_in(before, index, addressee) if before else []
    # "Vi rekommenderar", "rekommenderar vi", "Revisorerna i Ekby kommun rekommenderar".
    subject = sentence[: verb.start()].split()[-4:] + between.split()[:1]
    if not bodies and not any(w.casefold() in _RECOMMENDERS for w in subject):
        return None
    return bodies or ([addressee] if addressee else [])


def _split_sentences(text: str) -> list[tuple[int, int, str]]:
    out = []
    start = 0
    for m in _SENTENCE_SPLIT.finditer(text):
        if _ABBREVIATIONS.search(text[start : m.start()]):
            continue
        out.append((start, m.start(), text[start : m.start()]))
        start = m.end()
    out.append((start, len(text.rstrip()), text[start:].rstrip()))
    return [s for s in out if s[2].strip()]


def _item(para: _Para, text: str, index: BodyIndex, owner: str | None) -> Found:
    named = bodies_of(text, index, None)
    return Found(tidy(text), named or ([owner] if owner else []), para.start, para.end, check_bodies=not named)


def bodies_of(text: str, index: BodyIndex, owner: str | None) -> list[str]:
    """The bodies a recommendation begins with or that 'bör' do something; otherwise its list's owner."""
    lead = leading_bodies(text)
    bodies = bodies_in(lead, index, owner) if lead else []
    if not bodies:
        m = re.search(r"\bbör\s+(?P<who>.+?)\s+\w+$", text.split(",")[-1].split(" att ")[0])
        if m and (named := bodies_in(m["who"], index, owner)):
            bodies = named
    return bodies or ([owner] if owner else [])


def tidy(text: str) -> str:
    text = " ".join(text.split())
    text = re.sub(r"[\s,;]+(?:och|samt)$", "", text).rstrip(" ,;")
    if text and text[-1].isalnum() or text.endswith(")"):
        text += "."
    return text[:1].upper() + text[1:]


def core(text: str) -> str:
    """What two wordings of one recommendation share: letters only, without 'Vi rekommenderar X att',
    the bodies it begins with or a modal verb."""
    low = text.casefold()
    low = re.sub(r"^.*?\brekommenderar\b.*?\batt\b", "", low).strip()
    if lead := leading_bodies(low):
        low = low[len(lead) :].strip()
    low = re.sub(r"^(?:bör|ska|behöver)\s+", "", low)
    return re.sub(r"[^a-zåäöéü ]+", "", low)


def same_recommendation(a: str, b: str) -> bool:
    ca, cb = core(a), core(b)
    if ca.replace(" ", "") == cb.replace(" ", ""):
        return True
    # Without the verb, whose form differs between "Säkerställ", "säkerställa" and "säkerställer".
    ra, rb = (c.split(" ", 1)[-1].replace(" ", "") for c in (ca, cb))
    shorter = min(len(ra), len(rb))
    if shorter < 20:
        return False
    if _same_words(ca, cb):
        return True
    matcher = SequenceMatcher(None, ra, rb, autojunk=False)
    shared = sum(block.size for block in matcher.get_matching_blocks())
    return matcher.ratio() >= 0.85 or shared / shorter >= 0.9


def _same_words(a: str, b: str) -> bool:
    """Nearly all the words of the shorter, in any order and form ("minst tio års planeringshorisont",
    "en planeringshorisont på minst tio år"): word beginnings of the longer words are compared."""
    wa, wb = ({w[:5] for w in c.split() if len(w) > 3} for c in (a, b))
    fewer = min(len(wa), len(wb))
    return fewer >= 4 and len(wa & wb) / fewer >= 0.85


def _once_in_order(found: list[Found]) -> list[Found]:
    kept: list[Found] = []
    for item in sorted(found, key=lambda f: f.start):
        twin = next((k for k in kept if same_recommendation(k.text, item.text)), None)
        if twin:
            twin.spans.append((item.start, item.end))
            # The conclusion often says a little more than the summary; keep the fuller list wording.
            if (item.in_list, len(item.text)) > (twin.in_list, len(twin.text)):
                twin.text, twin.in_list = item.text, item.in_list
            for body in item.bodies:
                if body not in twin.bodies and not twin.bodies:
                    twin.bodies.append(body)
            continue
        item.spans = [(item.start, item.end)]
        kept.append(item)
    for number, item in enumerate(kept, 1):
        item.number = number
    return kept
