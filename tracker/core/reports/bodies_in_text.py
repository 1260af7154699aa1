"""Bodies as Swedish report text names them: "kommunstyrelsen", "Social- och
arbetsmarknadsnämnden", "tekniska nämnden", "förbundsledningen", and "nämnden" meaning
the body the report is addressed to."""

from __future__ import annotations

import re
from collections import Counter

from ..bodies import BodyIndex

_L = "A-Za-zÅÄÖåäöÉéÜü"
_HEAD = r"(?i:nämnd(?:en)?|styrelse(?:n)?|direktion(?:en)?|fullmäktige|ledning(?:en)?|förbundschef(?:en)?)"
# "Social- och arbetsmarknadsnämnden", "Barn-, utbildnings- och kulturnämnden", "tekniska nämnden",
# "styrelsen i Ekby Energi AB" (a company's board, named with its company).
# "samtliga nämnder", "nämnderna": every committee of the register.
_PLURAL = r"(?i:(?:samtliga|alla|övriga)\s+)?(?i:nämnder(?:na)?)"
BODY_PHRASE = re.compile(
    rf"(?<![{_L}-])(?:"
    rf"(?i:styrelsen)\s+i\s+(?:[A-ZÅÄÖ][{_L}-]*\s+){{1,4}}AB\b"
    rf"|{_PLURAL}"
    rf"|(?:[{_L}]+-(?:,\s*[{_L}]+-)*\s+(?:och|&)\s+)?[{_L}]*{_HEAD}"
    rf"|[{_L}]+a\s+(?i:nämnd(?:en)?|styrelse(?:n)?|utskott(?:et)?)"
    rf")(?![{_L}])"
)
GENERIC = {"nämnden", "nämnd", "styrelsen", "styrelse", "ledningen", "ledning"}
# Words ending like a body that name no body a recommendation can be addressed to.
# National authorities a report quotes ("enligt Socialstyrelsen") are no body of the municipality.
_NOT_BODIES = {
    "arbetslöshetsnämnd", "arbetslöshetsnämnden", "ledning", "ledningen", "styrning", "samtliga nämnden",
    "socialstyrelsen", "länsstyrelsen", "transportstyrelsen", "rikspolisstyrelsen", "överklagandenämnden",
}  # fmt: skip
_RECIPIENTS = ("fullmäktige",)
_MAIN_HINTS = re.compile(
    rf"(?:(?:granska[rt]?|granskningen|bedöma|syfte\w*)\s+(?:är\s+att\s+granska\s+)?(?:om|att|hur|huruvida)\s+"
    rf"|(?:rekommendationer|rapporten|synpunkter)\s+(?:som\s+vi\s+önskar\s+lämna\s+)?till\s+)"
    rf"(?P<body>{BODY_PHRASE.pattern})",
    re.IGNORECASE,
)


def definite_name(phrase: str) -> str:
    """'socialnämnd' -> 'Socialnämnden', 'tekniska nämnden' -> 'Tekniska nämnden'."""
    name = " ".join(phrase.split())
    low = name.casefold()
    for indefinite, ending in (("nämnd", "en"), ("styrelse", "n"), ("direktion", "en"), ("ledning", "en"),
                               ("förbundschef", "en"), ("utskott", "et")):  # fmt: skip
        if low.endswith(indefinite):
            name += ending
            break
    return name[:1].upper() + name[1:]


def is_plural(phrase: str) -> bool:
    return " ".join(phrase.split()).casefold().endswith(("nämnder", "nämnderna"))


def committees(index: BodyIndex) -> list[str]:
    """What "samtliga nämnder" names: the register's committees, or those words for the user to replace."""
    return [b.name for b in index.bodies if "nämnd" in b.name.casefold()] or ["Samtliga nämnder"]


def is_generic(phrase: str) -> bool:
    return " ".join(phrase.split()).casefold() in GENERIC


def phrases(text: str) -> list[re.Match[str]]:
    return [m for m in BODY_PHRASE.finditer(text) if m[0].casefold() not in _NOT_BODIES and not _is_word_part(m[0])]


def _is_word_part(phrase: str) -> bool:
    # "samverkansledningen" or "verksamhetsledning" are not bodies; förbundsledningen is.
    low = phrase.casefold()
    return low.endswith(("ledning", "ledningen")) and not low.startswith(("förbunds", "kommunlednings"))


_MAIN_BODY_SPAN = 100_000


def main_body(text: str, index: BodyIndex) -> str | None:
    """The body a report is addressed to: named where the report says whom it audits or
    to whom it recommends, otherwise the body it names most often. The first thirty pages
    or so tell: a long report's appendices would only make the search slow."""
    text = text[:_MAIN_BODY_SPAN]
    for m in _MAIN_HINTS.finditer(text):
        phrase = m["body"]
        ordinary = not is_generic(phrase) and not is_plural(phrase)
        if ordinary and phrase.casefold() not in _NOT_BODIES and not _is_word_part(phrase):
            return resolve(phrase, index)
    counts: Counter[str] = Counter()
    for m in phrases(text):
        if not is_generic(m[0]) and not is_plural(m[0]) and not m[0].casefold().endswith(_RECIPIENTS):
            counts[resolve(m[0], index)] += 1
    return counts.most_common(1)[0][0] if counts else None


def resolve(phrase: str, index: BodyIndex) -> str:
    """The register's name for a body phrase, or the phrase as a new body's name."""
    name = definite_name(phrase)
    if body := index.find(name) or index.find(phrase):
        return body.name
    return name


def bodies_in(segment: str, index: BodyIndex, addressee: str | None) -> list[str]:
    """Every body a phrase of the segment names, generic ones read as the addressee."""
    found: list[str] = []
    for m in phrases(segment):
        if is_plural(m[0]):
            found += [name for name in committees(index) if name not in found]
            continue
        name = addressee if is_generic(m[0]) else resolve(m[0], index)
        if name and name not in found:
            found.append(name)
    for body in index.bodies:  # short forms and other spellings the register knows ("KS")
        for spelling in [body.short_name or "", *body.spellings]:
            named = len(spelling) >= 2 and re.search(rf"(?<!\w){re.escape(spelling)}(?!\w)", segment)
            if named and body.name not in found:
                found.append(body.name)
    return found


_LEADING = re.compile(
    rf"^(?P<names>(?:{BODY_PHRASE.pattern})(?:\s*,\s*(?:{BODY_PHRASE.pattern}))*"
    rf"(?:\s+(?:och|samt)\s+(?:{BODY_PHRASE.pattern}))?)\s+(?!och\b|samt\b)[{_L}]",
    re.IGNORECASE,
)


def leading_bodies(sentence: str) -> str | None:
    """The bodies a sentence begins with ("Kommunstyrelsen och socialnämnden säkerställer ...")."""
    m = _LEADING.match(sentence.strip())
    if not m or all(p[0].casefold() in _NOT_BODIES for p in BODY_PHRASE.finditer(m["names"])):
        return None
    return m["names"]
