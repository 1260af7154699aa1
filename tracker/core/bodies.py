"""Responsible bodies by any name: full names, short forms and other spellings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# "och" joins two bodies, except in compounds like "Social- och arbetsmarknadsnämnden".
_SPLIT = re.compile(r"\s*[,;/&+\n]\s*|(?<!-)\s+(?:och|samt)\s+", re.IGNORECASE)


@dataclass
class Body:
    id: int
    name: str
    short_name: str | None = None
    email: str | None = None
    spellings: list[str] = field(default_factory=list)


def name_key(name: str) -> str:
    """Compare names ignoring case, punctuation, spacing and the definite ending."""
    words = re.sub(r"[^\wåäöéü-]+", " ", name.casefold()).replace("-", " ").split()
    if words and words[-1].endswith(("nämnden", "styrelsen", "fullmäktige", "chefen")):
        last = words[-1]
        words[-1] = last[:-1] if last.endswith("fullmäktige") else last[:-2]
    return " ".join(words)


def split_names(cell: str | None) -> list[str]:
    """Several bodies in one cell: 'KS, SN', 'KS och SAN', 'KS/BUN', 'KS & TN'."""
    if not cell:
        return []
    return [part.strip(" .") for part in _SPLIT.split(str(cell)) if part and part.strip(" .")]


class BodyIndex:
    """Finds a body by its name, short form or one of its other spellings."""

    def __init__(self, bodies: Iterable[Body], lookup: dict[str, str] | None = None) -> None:
        self.bodies = list(bodies)
        self._by_key: dict[str, Body] = {}
        for body in self.bodies:
            for spelling in [body.name, *body.spellings]:
                self._by_key.setdefault(name_key(spelling), body)
        for body in self.bodies:
            if body.short_name:
                self._by_key.setdefault(name_key(body.short_name), body)
        # A workbook's own lookup sheet (short form -> full name), used when the
        # register does not know the short form yet.
        self._lookup = {name_key(k): v for k, v in (lookup or {}).items()}

    def find(self, name: str) -> Body | None:
        key = name_key(name)
        if not key:
            return None
        if body := self._by_key.get(key):
            return body
        if full := self._lookup.get(key):
            return self._by_key.get(name_key(full))
        return None

    def resolve_name(self, name: str) -> str:
        """The name to use for a body: the register's, the lookup sheet's, or as written."""
        if body := self.find(name):
            return body.name
        return self._lookup.get(name_key(name), name.strip())
