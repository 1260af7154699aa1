"""Svarsmallar: one workbook per body with the recommendations it has to answer.

The committee fills in the shaded cells; everything else is locked (no password, so
nobody is stuck). A hidden key column names recommendation and body with a checksum
of the text, so rows still match after sorting; a very hidden sheet names the
register and the moment of sending, so a reply read back can be checked against it.
"""

from __future__ import annotations

import datetime as dt
import re
import zlib
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..model import CLOSED_STATUSES, STATUSES, RecommendationRow
from .styles import SharedStyles
from .workbook import set_text

MARKER = "revisionsuppfoljning-svarsmall"
INFO_SHEET = "Uppgifter"
SHEET_TITLE = "Svar"
KEY_HEADING = "Nyckel"
ROW_DEADLINE_HEADING = "Svar senast"

# (heading, width, filled in by the committee)
COLUMNS = (
    ("Granskning", 22, False),
    ("Rapportdatum", 13, False),
    ("Nr", 4, False),
    ("Rekommendation", 45, False),
    (ROW_DEADLINE_HEADING, 12, False),
    ("Nämndens svar", 45, True),
    ("Planerad åtgärd", 30, True),
    ("Klart senast", 12, True),
    ("Status enligt nämnden", 14, True),
    ("Kontaktperson", 16, True),
    (KEY_HEADING, 24, False),
)
LINE_HEIGHT = 13  # points per wrapped line at the default 11 pt font
MIN_LINES = 3  # room to write a reply even when the recommendation is short
ROW_PADDING = 4  # points, so the last wrapped line does not touch the cell border in print
HEADER_ROW = 7
INSTRUCTION = (
    "Fyll i de gula cellerna för varje rekommendation: nämndens svar, planerad åtgärd, när åtgärden "
    "ska vara klar (datum, t.ex. 2025-06-30) och status. Ändra inte de grå kolumnerna. Raderna får "
    "sorteras. Spara filen som Excel-arbetsbok (.xlsx) och skicka tillbaka den till revisionskontoret."
)
_FILL = PatternFill("solid", start_color="FFF4CC")
_LOCKED_FILL = PatternFill("solid", start_color="EDEDED")
_HEAD_FILL = PatternFill("solid", start_color="D9E1F2")
_THIN = Side(style="thin", color="B4B4B4")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_CELL = {"alignment": _WRAP, "border": _BORDER}
_FILL_IN = {**_CELL, "fill": _FILL, "protection": Protection(locked=False)}
_LOOKS = {
    "locked": {**_CELL, "fill": _LOCKED_FILL},
    "locked_date": {**_CELL, "fill": _LOCKED_FILL, "number_format": "yyyy-mm-dd"},
    "fill_in": _FILL_IN,
    "fill_in_date": {**_FILL_IN, "number_format": "yyyy-mm-dd"},
}


def _look(fill_in: bool, value: object) -> str:
    return ("fill_in" if fill_in else "locked") + ("_date" if isinstance(value, dt.date) else "")


def recommendations_text(count: int) -> str:
    """ "1 rekommendation", "4 rekommendationer": counts as the user reads them."""
    return f"{count} rekommendation" if count == 1 else f"{count} rekommendationer"


def text_checksum(text: str) -> str:
    """Six hex digits of the text with spacing and case ignored."""
    return f"{zlib.crc32(' '.join(text.casefold().split()).encode()):08x}"[:6]


def make_key(rec_id: int, body_id: int, text: str) -> str:
    return f"R{rec_id}-N{body_id}-{text_checksum(text)}"


_KEY = re.compile(r"^R(\d+)-N(\d+)-([0-9a-f]{6})$")


def parse_key(value: object) -> tuple[int, int, str] | None:
    match = _KEY.match(str(value or "").strip())
    return (int(match[1]), int(match[2]), match[3]) if match else None


def rows_to_send(all_rows: list[RecommendationRow], body_id: int, all_open: bool = False) -> list[RecommendationRow]:
    """The body's recommendations without its reply, or with all_open every one not done."""
    rows = [r for r in all_rows if body_id in r.body_ids and r.status not in CLOSED_STATUSES]
    if not all_open:
        rows = [r for r in rows if not any(s.body_id == body_id and s.received for s in r.body_states)]
    return sorted(rows, key=lambda r: (r.report_date or dt.date.min, r.report, r.number_key))


def safe_name(text: str) -> str:
    """A body's name or short form as part of a file name."""
    return re.sub(r"[^\w\-åäöÅÄÖ]+", "-", text).strip("-") or "namnd"


def default_deadline(rows: list[RecommendationRow], today: dt.date, reply_days: int) -> dt.date:
    """The "Svar senast" a sheet asks for unless the user picks one: the latest of the rows'
    own deadlines, or today + the office's reply days when none is set or all have passed."""
    deadlines = [r.reply_deadline for r in rows if r.reply_deadline and r.reply_deadline >= today]
    return max(deadlines) if deadlines else today + dt.timedelta(days=reply_days)


@dataclass(frozen=True)
class SheetHeader:
    """What the lines above the table say, and what the hidden sheet records."""

    office: str
    register_id: str
    body_id: int
    body: str
    sent_on: dt.date
    sent_at: str
    deadline: dt.date


def build_reply_workbook(header: SheetHeader, rows: list[RecommendationRow]) -> Workbook:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_TITLE
    body_id = header.body_id
    _header_block(ws, header)
    for col, (heading, width, fill_in) in enumerate(COLUMNS, start=1):
        cell = ws.cell(HEADER_ROW, col, heading)
        cell.font = Font(bold=True)
        cell.fill = _HEAD_FILL if not fill_in else PatternFill("solid", start_color="FFE699")
        cell.alignment = _WRAP
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(col)].width = width
    styles = SharedStyles(ws, **_LOOKS)
    for i, r in enumerate(rows, start=HEADER_ROW + 1):
        reply = next((q for q in r.replies if q.body_id == body_id), None)
        values = (
            r.report,
            r.report_date,
            r.label or r.number,
            r.text,
            r.reply_deadline,
            reply.text if reply else None,
            reply.action if reply else None,
            (reply.due or reply.due_text) if reply else None,
            reply.body_status if reply else None,
            reply.contact if reply else None,
            make_key(r.id, body_id, r.text),
        )
        ws.append([styles.cell(_look(fill_in, value), value) for value, (_, _, fill_in) in zip(values, COLUMNS)])
        # Spreadsheet programs do not grow rows for wrapped text on opening; give them the height.
        ws.row_dimensions[i].height = ROW_PADDING + LINE_HEIGHT * max(
            MIN_LINES, *(_lines(v, w) for v, (_, w, _) in zip(values, COLUMNS, strict=False))
        )
    ws.row_dimensions[HEADER_ROW].height = LINE_HEIGHT * 2
    last = HEADER_ROW + len(rows)
    _validations(ws, last)
    key_col = get_column_letter(len(COLUMNS))
    ws.column_dimensions[key_col].hidden = True
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    ws.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(COLUMNS) - 1)}{last}"
    # Locked cells stay locked, but sorting, filtering and resizing still work.
    ws.protection.sheet = True
    for what in ("sort", "autoFilter", "formatColumns", "formatRows"):
        setattr(ws.protection, what, False)
    _print_setup(ws)
    _info_sheet(wb, header, len(rows))
    return wb


def _lines(value: object, width: int) -> int:
    """Lines the text wraps to, breaking at spaces as spreadsheet programs do, so a word
    pushed to the next line is counted instead of being cut off in the printout."""
    if not isinstance(value, str):
        return 1
    room = max(1, int(width * 1.1))
    lines = 0
    for part in value.split("\n"):
        lines += 1
        used = 0
        # A word longer than the column breaks anywhere, so it counts as column-wide pieces.
        pieces = (word[i : i + room] for word in part.split() for i in range(0, len(word), room))
        for piece in pieces:
            need = len(piece) if used == 0 else used + 1 + len(piece)
            if need > room:
                lines += 1
                need = len(piece)
            used = need
    return max(1, lines)


def _header_block(ws, header: SheetHeader) -> None:
    ws["A1"] = "Svar på revisionens rekommendationer"
    ws["A1"].font = Font(bold=True, size=14)
    lines = (("Revisionskontor:", header.office), ("Nämnd:", header.body), ("Skickat:", header.sent_on),
             ("Svar senast:", header.deadline))  # fmt: skip
    for row, (label, value) in enumerate(lines, start=2):
        ws.cell(row, 1, label).font = Font(bold=True)
        cell = ws.cell(row, 2)
        set_text(cell, value)
        if isinstance(value, dt.date):
            cell.number_format = "yyyy-mm-dd"
        cell.alignment = Alignment(horizontal="left")
    first = _column("Nämndens svar")
    ws.merge_cells(start_row=2, start_column=first, end_row=5, end_column=_column("Kontaktperson"))
    note = ws.cell(2, first, INSTRUCTION)
    note.alignment = Alignment(wrap_text=True, vertical="top")
    note.font = Font(italic=True)


def _validations(ws, last: int) -> None:
    if last <= HEADER_ROW:
        return
    date = DataValidation(type="date", operator="between", formula1="DATE(2000,1,1)", formula2="DATE(2100,12,31)",
                          allow_blank=True, errorStyle="warning", showErrorMessage=True)  # fmt: skip
    date.errorTitle = "Datum"
    date.error = "Skriv ett datum, t.ex. 2025-06-30. Vill du ändå behålla texten, välj Ja."
    status = DataValidation(type="list", formula1='"' + ",".join(STATUSES) + '"', allow_blank=True,
                            showErrorMessage=True)  # fmt: skip
    status.errorTitle = "Status"
    status.error = "Välj en status i listan."
    due, body_status = get_column_letter(_column("Klart senast")), get_column_letter(_column("Status enligt nämnden"))
    date.add(f"{due}{HEADER_ROW + 1}:{due}{last}")
    status.add(f"{body_status}{HEADER_ROW + 1}:{body_status}{last}")
    ws.add_data_validation(date)
    ws.add_data_validation(status)


def _print_setup(ws) -> None:
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.print_options.gridLines = False
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.oddFooter.center.text = "Sida &P av &N"


def _column(heading: str) -> int:
    return next(i for i, (h, _, _) in enumerate(COLUMNS, start=1) if h == heading)


def _info_sheet(wb: Workbook, header: SheetHeader, rows: int) -> None:
    info = wb.create_sheet(INFO_SHEET)
    for row, (key, value) in enumerate(
        (("typ", MARKER), ("version", "1"), ("register", header.register_id), ("nämnd_id", str(header.body_id)),
         ("nämnd", header.body), ("skickat", header.sent_at), ("svar_senast", header.deadline.isoformat()),
         ("rader", str(rows))),
        start=1,
    ):  # fmt: skip
        info.cell(row, 1, key)
        set_text(info.cell(row, 2), value)
    info.sheet_state = "veryHidden"  # not even Excel's "Unhide" shows it
