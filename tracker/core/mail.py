"""E-mail drafts: the office's templates filled in for one body, as a message with a
plain-text and an HTML part and the body's reply sheet attached, saved as an .eml file
that Outlook and Thunderbird open as a draft to send (X-Unsent: 1).

Templates use $placeholders ($nämnd, $svar_senast, ...), Python's string.Template with
Swedish letters allowed in names; $$ is a dollar sign."""

from __future__ import annotations

import datetime as dt
import html
import re
import string
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.utils import formataddr, formatdate, getaddresses, make_msgid
from pathlib import Path

from .dates import long_swedish
from .errors import UserError

XLSX_TYPE = ("application", "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
REMINDER_PREFIX = "Påminnelse:"

PLACEHOLDERS = {
    "kontor": "revisionskontorets namn",
    "kommun": "kommunen",
    "kontaktperson": "kontaktpersonen",
    "epost": "kontorets e-post",
    "telefon": "kontorets telefon",
    "nämnd": "nämndens namn",
    "svar_senast": "datum då svaret ska ha kommit",
    "antal": "antal rekommendationer, t.ex. ”3 rekommendationer”",
    "rekommendationer": "listan över rekommendationerna",
}
_LIST = "rekommendationer"


class MailTemplate(string.Template):
    idpattern = r"[_a-zåäö][_a-zåäö0-9]*"


def check_template(text: str, where: str) -> MailTemplate:
    """The template, or a UserError naming the line of a lone $ or an unknown placeholder."""
    template = MailTemplate(text)
    for match in template.pattern.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        name = match.group("named") or match.group("braced")
        if match.group("invalid") is not None:
            raise UserError(f"{where}, rad {line}: ett ensamt $-tecken. Skriv $$ för ett dollartecken, "
                            f"eller en av platshållarna {_known()}.")  # fmt: skip
        if name is not None and name not in PLACEHOLDERS:
            raise UserError(f"{where}, rad {line}: okänd platshållare ${name}. Kända platshållare: {_known()}.")
    return template


def _known() -> str:
    return ", ".join(f"${p}" for p in PLACEHOLDERS)


_ADDRESS = re.compile(r"^[^@\s<>()\[\],;:\"]+@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\".]{2,}$")


def check_addresses(text: str | None, where: str) -> list[str]:
    """The addresses in a field ('a@x.se; b@x.se', 'Namn <a@x.se>'), ready for a To: header;
    a UserError naming the field and the address that is not one."""
    if not text or not text.strip():
        return []
    parts = [p.strip() for p in re.split(r"[;\n]", text) if p.strip()]
    found = []
    for part in parts:
        pairs = getaddresses([part])
        if not pairs or any(not _ADDRESS.match(addr) for _, addr in pairs):
            raise UserError(f"{where}: ”{part}” är ingen giltig e-postadress (skriv till exempel namn@kommun.se).")
        found += [formataddr(pair) for pair in pairs]
    return found


@dataclass(frozen=True)
class MailItem:
    """One recommendation in a letter: what is asked for and since when it is due."""

    report: str
    number: int
    text: str
    kind: str  # "svar" or "åtgärd"
    deadline: dt.date | None
    days_late: int | None = None

    def line(self) -> str:
        what = "svar" if self.kind == "svar" else "planerad åtgärd klar"
        due = f"{what} senast {long_swedish(self.deadline)}" if self.deadline else what + " begärs"
        if self.days_late and self.days_late > 0:
            due += f", {self.days_late} {'dag' if self.days_late == 1 else 'dagar'} sedan"
        return f"{self.report}, nr {self.number}: {self.text} ({due})"


@dataclass(frozen=True)
class Letter:
    subject: str
    plain: str
    html: str


def render(subject: str, body: str, values: dict[str, str], items: list[MailItem], *, reminder: bool) -> Letter:
    """Fill the templates (checked with check_template). A template line whose placeholders all came out empty (no
    telephone set) is left out instead of leaving a blank line in the signature."""
    plain_values = {**values, _LIST: "\n".join(f"• {item.line()}" for item in items)}
    subject_text = " ".join(MailTemplate(subject).substitute(plain_values).split())
    if reminder and not subject_text.startswith(REMINDER_PREFIX):
        subject_text = f"{REMINDER_PREFIX} {subject_text}"
    lines = [
        line
        for line in body.rstrip().split("\n")
        if not (line.strip() and "$" in line and not MailTemplate(line).substitute(values, **{_LIST: "x"}).strip())
    ]
    plain = MailTemplate("\n".join(lines)).substitute(plain_values) + "\n"
    return Letter(subject_text, plain, _html(lines, values, items))


def _html(lines: list[str], values: dict[str, str], items: list[MailItem]) -> str:
    escaped = {k: html.escape(v) for k, v in values.items()}
    inline = html.escape("; ".join(item.line() for item in items))
    parts, paragraph = [], []
    for line in [*lines, ""]:
        if line.strip():
            paragraph.append(line)
            continue
        if [p.strip() for p in paragraph] == [f"${_LIST}"]:
            parts.append(_items_table(items))
        elif paragraph:
            text = "<br>\n".join(html.escape(p) for p in paragraph)
            parts.append(f"<p>{MailTemplate(text).substitute(escaped, **{_LIST: inline})}</p>")
        paragraph = []
    return (
        '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"></head>\n'
        '<body style="font-family: Calibri, Arial, sans-serif; font-size: 11pt;">\n'
        + "\n".join(parts)
        + "\n</body></html>\n"
    )


def _items_table(items: list[MailItem]) -> str:
    cell = 'style="border: 1px solid #b4b4b4; padding: 4px 6px; vertical-align: top; text-align: left;"'
    head = "".join(f"<th {cell}>{h}</th>" for h in ("Granskning", "Nr", "Rekommendation", "Gäller", "Senast"))
    rows = []
    for item in items:
        late = f" ({item.days_late} dagar sedan)" if item.days_late and item.days_late > 0 else ""
        due = (long_swedish(item.deadline) if item.deadline else "") + late
        what = "Svar" if item.kind == "svar" else "Planerad åtgärd"
        cells = (item.report, str(item.number), item.text, what, due)
        rows.append("<tr>" + "".join(f"<td {cell}>{html.escape(c)}</td>" for c in cells) + "</tr>")
    return f'<table style="border-collapse: collapse;">\n<tr>{head}</tr>\n' + "\n".join(rows) + "\n</table>"


def build_draft(sender: tuple[str, str], to: list[str], letter: Letter, sheet: bytes, sheet_name: str) -> EmailMessage:
    """A draft to send: To the body's addresses (empty when it has none), From the office."""
    msg = EmailMessage()
    msg["Subject"] = letter.subject
    if sender[1]:
        msg["From"] = formataddr(sender)
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=True)
    msg["Message-ID"] = make_msgid(domain=sender[1].rpartition("@")[2] or None)
    msg["X-Unsent"] = "1"
    msg.set_content(letter.plain)
    msg.add_alternative(letter.html, subtype="html")
    maintype, subtype = XLSX_TYPE
    msg.add_attachment(sheet, maintype=maintype, subtype=subtype, filename=sheet_name)
    return msg


def write_draft(msg: EmailMessage, path: Path) -> None:
    # CRLF line ends, as mail programs expect of a message file.
    path.write_bytes(msg.as_bytes(policy=policy.SMTP))
