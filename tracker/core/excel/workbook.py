"""Opening workbooks from outside safely, and writing cells that stay text.

Every sheet the program reads comes through `open_workbook`, which refuses what is
not an .xlsx/.xlsm before openpyxl parses it, and every sheet it writes goes through
`save_workbook`, so writing is atomic.
"""

from __future__ import annotations

import io
import itertools
import posixpath
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.cell.cell import Cell
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_to_tuple
from openpyxl.utils.escape import unescape
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml import DEFUSEDXML

from ..atomic_file import atomic_paths
from ..characters import clean_text
from ..errors import UserError, os_reason
from ..numbers import thousands
from ..progress import Ticker

# openpyxl parses with defusedxml when it is installed; without it, entity attacks
# (billion laughs, external entities) would reach the XML parser.
if not DEFUSEDXML:  # pragma: no cover - a broken install
    raise ImportError("defusedxml must be installed so that workbooks from outside are parsed safely")

MAX_UNCOMPRESSED = 400 * 1024 * 1024  # bytes of XML we agree to parse
MAX_RATIO = 200  # uncompressed/compressed: far above real sheets (about 10-20)
# openpyxl keeps every cell in memory (about 400 bytes each): this bounds it near 1 GB.
MAX_CELLS = 2_000_000
_CHUNK = 1 << 20
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _refuse(path: Path, message: str) -> UserError:
    return UserError(f"{message} Inget har ändrats.", file=path)


def read_file(path: Path) -> bytes:
    """The file's bytes, read once: every check and the read itself see these, so a file
    replaced between the checks and the read cannot slip past them."""
    try:
        with path.open("rb") as f:
            return f.read()
    except FileNotFoundError as exc:
        raise _refuse(path, "Filen finns inte.") from exc
    except IsADirectoryError as exc:
        raise _refuse(path, "Det är en mapp, inte en fil.") from exc
    except PermissionError as exc:
        raise _refuse(path, "Du har inte behörighet att läsa filen.") from exc
    except MemoryError as exc:
        raise _refuse(path, "Filen är för stor för att läsas in.") from exc
    except OSError as exc:
        raise _refuse(path, f"Filen kan inte läsas ({os_reason(exc)}).") from exc


def check_file(path: Path, data: bytes | None = None) -> bytes:
    """Refuse files openpyxl should never see, with a message saying what the file is.
    Returns the bytes checked (read here unless given)."""
    data = read_file(path) if data is None else data
    size, head = len(data), data[: 1 << 20]
    if size == 0:
        raise _refuse(path, "Filen är tom (0 byte).")
    if head.startswith(_OLE_MAGIC):
        if _ENCRYPTED_MARK in head:
            raise _refuse(
                path,
                "Arbetsboken är lösenordsskyddad. Öppna den i Excel, ta bort lösenordet "
                "(Arkiv → Info → Skydda arbetsbok) och spara den igen.",
            )
        raise _refuse(
            path,
            "Filen är en äldre Excel-fil (.xls). Öppna den i Excel och spara den som "
            "Excel-arbetsbok (.xlsx), och läs sedan in den igen.",
        )
    if not head.startswith(b"PK"):
        kind = "text (till exempel CSV)" if _looks_like_text(head) else "inte en Excel-arbetsbok"
        raise _refuse(
            path, f"Filen är {kind}, fast den heter {path.suffix or 'utan filändelse'}. Spara den som .xlsx i Excel."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise _refuse(path, "Filen är skadad eller inte fullständig (avbruten kopiering?). Be om en ny kopia.") from exc
    if b"opendocument" in mimetype:
        raise _refuse(path, "Filen är ett OpenDocument-kalkylark (.ods). Spara den som .xlsx och läs in den igen.")
    if "xl/workbook.bin" in names:
        raise _refuse(path, "Filen är en binär Excel-arbetsbok (.xlsb). Spara den som .xlsx och läs in den igen.")
    if "xl/workbook.xml" not in names:
        raise _refuse(path, "Filen är ett zip-arkiv men ingen Excel-arbetsbok.")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNCOMPRESSED or (total > 50 * 1024 * 1024 and total / packed > MAX_RATIO):
        raise _refuse(
            path,
            f"Arbetsboken packas upp till {total // (1024 * 1024)} MB, vilket är orimligt för ett kalkylark "
            "(en så kallad zip-bomb eller en skadad fil). Den läses inte in.",
        )
    return data


def _looks_like_text(head: bytes) -> bool:
    try:
        head[:4096].decode("utf-8")
    except UnicodeDecodeError:
        try:
            head[:4096].decode("cp1252")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head[:4096]


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, read the way openpyxl reads it."""
    parser = WorkbookParser(archive, "xl/workbook.xml", keep_links=False)
    parser.parse()
    parts = {}
    for sheet, rel in parser.find_sheets():
        # openpyxl has already resolved the target against the workbook part.
        parts[sheet.name] = posixpath.normpath(rel.target).lstrip("/")
    return parts


def _odd_cells(stream: Any) -> tuple[set[str], dict[str, str]]:
    """Cells holding a formula without a saved result (a file written by a program that
    does not calculate: with data_only they would read as empty), and cells holding an
    Excel error value (#REF!, #N/A), told apart from text that merely reads like one."""
    uncached, errors = set(), {}
    for _, elem in iterparse(stream, events=("end",)):
        tag = elem.tag.rsplit("}", 1)[-1]
        if tag == "c":
            children = {child.tag.rsplit("}", 1)[-1]: child for child in elem}
            value = children.get("v")
            if "f" in children and (value is None or not (value.text or "").strip()):
                uncached.add(elem.get("r", ""))
            elif elem.get("t") == "e":
                errors[elem.get("r", "")] = (value.text or "").strip() if value is not None else "#VALUE!"
            elem.clear()
        elif tag == "row":
            elem.clear()
    return uncached, errors


@dataclass
class Scan:
    """What a pass over the sheets' XML found, per sheet name."""

    uncached: dict[str, set[str]] = field(default_factory=dict)
    errors: dict[str, dict[str, str]] = field(default_factory=dict)  # coordinate -> error value
    merged: dict[str, list[str]] = field(default_factory=dict)
    # The last row any cell names and a bound on its last column (at least Z), 1-based,
    # styled empty cells included.
    extent: dict[str, tuple[int, int]] = field(default_factory=dict)
    # Why calamine would read some value otherwise than openpyxl, if it would (never shown).
    calamine_differs: str | None = None


_ODD_MARKS = (b"<f", b":f>", b":f ", b't="e"', b"t='e'")
_ROOT = re.compile(rb"<(\w+:)?(?:worksheet|sst)\b")
_DECLARED = re.compile(rb"""\s*<\?xml[^>]*encoding=["']([^"']+)""")
_LONGEST_TAG = 8 << 20  # bytes kept from one chunk to the next while a tag or a text runs on
_SPACES = (b" ", b"\n", b"\r", b"\t")


@dataclass(frozen=True)
class _Tags:
    """The scan's patterns for a part whose tags are written plain (<c>) or with one
    prefix (<x:c>): each begins with its literal tag, which re finds fast."""

    merge: re.Pattern[bytes]
    cell_row: re.Pattern[bytes]
    wide_cell: re.Pattern[bytes]  # a cell beyond column Z
    # A number calamine reads otherwise than openpyxl in a date-styled cell (outside
    # 1900-01-01..9999-12-31: negative, seven digits, an exponent).
    odd_number: re.Pattern[bytes]
    text_open: bytes
    text_close: bytes


def _tags(prefix: bytes) -> _Tags:
    p = re.escape(prefix)
    return _Tags(
        merge=re.compile(b"<" + p + rb'mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"'),
        cell_row=re.compile(b"<" + p + rb'c r="[A-Z]{1,3}([0-9]{1,7})"'),
        wide_cell=re.compile(b"<" + p + rb'c r="([A-Z]{2,3})[0-9]'),
        odd_number=re.compile(b"<" + p + rb"v>(?:-|[0-9]{7}|[0-9.]*[eE])"),
        text_open=b"<" + prefix + b"t>",
        text_close=b"</" + prefix + b"t>",
    )


_PLAIN_TAGS = _tags(b"")


def _tags_of(head: bytes) -> _Tags:
    root = _ROOT.search(head)
    return _tags(root[1]) if root and root[1] else _PLAIN_TAGS


def _trimmed_text(piece: bytes, tags: _Tags) -> bool:
    """Whether a text has white space at an end without xml:space="preserve" on its <t>:
    calamine trims it, openpyxl keeps it."""
    if any(tags.text_open + space in piece for space in _SPACES):
        return True
    for space in _SPACES:
        end = piece.find(space + tags.text_close)
        while end != -1:
            if piece.startswith(tags.text_open, piece.rfind(b"<", 0, end)):
                return True
            end = piece.find(space + tags.text_close, end + 1)
    return False


def _parts(member: Any) -> Iterator[bytes]:
    """The part in pieces that each end at the start of a tag (the next piece begins with
    that same "<"), so no tag, and no text between two tags, is cut between pieces."""
    tail = b""
    while chunk := member.read(_CHUNK):
        window = tail + chunk
        cut = window.rfind(b"<")
        if cut <= 0:  # inside one long text: wait for its end, up to a limit
            if len(window) <= _LONGEST_TAG:
                tail = window
                continue
            cut = len(window) - 1
        yield window[: cut + 1]
        tail = window[cut:]
    if tail:
        yield tail


def _not_utf8(head: bytes) -> bool:
    """Whether a part is in another encoding than UTF-8 (calamine then reads no cells)."""
    head = head[:200]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    declared = _DECLARED.match(head)
    return bool(declared) and declared[1].lower().replace(b"-", b"") != b"utf8"


def scan_sheets(path: Path, data: bytes) -> Scan:
    """Count the cells of every sheet (refusing more than MAX_CELLS), find formulas
    without a saved result, error values, the merged ranges, the cells' extent and what
    calamine would read otherwise, streaming the XML so memory stays small."""
    scan = Scan()
    cells = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            for name, part in sheet_parts(archive).items():
                if part not in names:
                    continue
                with archive.open(part) as member:
                    cells, odd = _scan_sheet(path, name, _parts(member), scan, cells)
                if odd:
                    with archive.open(part) as member:
                        scan.uncached[name], scan.errors[name] = _odd_cells(member)
            for part in names:
                if scan.calamine_differs is None and part.lower().endswith("sharedstrings.xml"):
                    with archive.open(part) as member:
                        for _ in _calamine_checked(scan, "shared strings", _parts(member)):
                            if scan.calamine_differs:
                                break
    except UserError:
        raise
    except Exception as exc:  # a damaged part
        if _caused_by_entities(exc):
            raise _refuse_xml(path) from exc
        raise _refuse(path, "Arbetsboken kunde inte läsas; den är skadad eller inte en riktig Excel-fil.") from exc
    return scan


def _scan_sheet(path: Path, name: str, pieces: Iterator[bytes], scan: Scan, cells: int) -> tuple[int, bool]:
    """One sheet's part into the scan; returns the cells counted so far and whether the
    sheet has formulas or error values (which _odd_cells then finds)."""
    odd = False
    refs: set[bytes] = set()
    rows, columns, placed, counted = 0, 26, 0, 0  # columns A-Z are not looked at one by one
    for piece, tags in _calamine_checked(scan, name, pieces):
        found = piece.count(b"<c ") + piece.count(b":c ") + piece.count(b"<c>") + piece.count(b":c>")
        cells += found
        counted += found
        if cells > MAX_CELLS:
            raise _refuse(
                path,
                f"Arbetsboken har fler än {thousands(MAX_CELLS)} celler"
                + " och är för stor för att läsas in. Dela upp den, eller ta bort blad och "
                "kolumner som inte behövs.",
            )
        odd = odd or any(mark in piece for mark in _ODD_MARKS)
        refs.update(tags.merge.findall(piece))
        if numbers := tags.cell_row.findall(piece):
            placed += len(numbers)
            rows = max(rows, *map(int, set(numbers)))
        if wide := set(tags.wide_cell.findall(piece)):
            columns = max(columns, *(column_index_from_string(c.decode()) for c in wide))
    if placed < counted:
        scan.calamine_differs = scan.calamine_differs or f"{name}: cells without an address calamine can read"
    scan.merged[name] = sorted(r.decode() for r in refs)
    scan.extent[name] = (rows, columns if rows else 0)
    return cells, odd


def _calamine_checked(scan: Scan, name: str, pieces: Iterator[bytes]) -> Iterator[tuple[bytes, _Tags]]:
    """The pieces, each with the patterns for its part's tags, noting in the scan when
    calamine would read something in them otherwise than openpyxl."""
    head = next(pieces, b"")
    tags = _tags_of(head[:1000])
    if scan.calamine_differs is None and _not_utf8(head):
        scan.calamine_differs = f"{name}: not UTF-8"
    for piece in itertools.chain((head,), pieces):
        if scan.calamine_differs is None and (tags.odd_number.search(piece) or _trimmed_text(piece, tags)):
            scan.calamine_differs = f"{name}: a number or text calamine reads otherwise"
        yield piece, tags


def _caused_by_entities(exc: BaseException | None) -> bool:
    """openpyxl wraps the parser's error in a ValueError of its own; look down the chain."""
    while exc is not None:
        if isinstance(exc, DefusedXmlException):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def _refuse_xml(path: Path) -> UserError:
    return _refuse(
        path,
        "Arbetsboken innehåller XML-definitioner (DTD eller entiteter) som Excel aldrig skriver; "
        "den kan vara gjord för att skada och läses inte in. Be avsändaren spara den på nytt i Excel.",
    )


def read_checked(path: Path) -> tuple[bytes, Scan]:
    """The file's bytes, refused unless they are a workbook fit to read, and their scan."""
    data = check_file(path)
    return data, scan_sheets(path, data)


def open_workbook(path: Path | str, *, stream: bool = False, checked: tuple[bytes, Scan] | None = None) -> Workbook:
    """Open an .xlsx/.xlsm for reading values (cached formula results, no macros).

    The file is read once; the checks and openpyxl see the same bytes. Normal mode by
    default, so `cell_value` sees merged cells. With stream=True the sheets are read
    row by row (read-only mode, about a third faster) with the declared size reset,
    since it may be short; read them with `read_sheet` and close the workbook
    afterwards. Memory is bounded by MAX_CELLS, counted before openpyxl parses. The
    workbook gets `scan` (formulas without a result, error cells, merged ranges per sheet).
    `checked` is what read_checked gave for this path, when the caller has it already.
    """
    path = Path(path)
    data, scan = checked or read_checked(path)
    try:
        with warnings.catch_warnings():
            # openpyxl warns in English about what it skips (validation, odd dates);
            # the odd dates surface as error cells, which cell_value explains.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(
                io.BytesIO(data), read_only=stream, data_only=True, keep_vba=False, keep_links=False
            )
            for ws in workbook.worksheets if stream else ():
                ws.reset_dimensions()  # the declared size may be short: read every row there is
    except MemoryError as exc:
        raise _refuse(path, "Arbetsboken är för stor för att läsas in.") from exc
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        if _caused_by_entities(exc):
            raise _refuse_xml(path) from exc
        raise _refuse(path, "Arbetsboken kunde inte läsas; den är skadad eller inte en riktig Excel-fil.") from exc
    workbook.scan = scan
    workbook.source_path = path
    return workbook


def _problem(scan: Scan, sheet: str, coordinate: str, value: Any) -> str | None:
    """Why a cell's value is unknown, or None when it is what it says."""
    if coordinate in scan.uncached.get(sheet, ()):
        return "Cellen har en formel utan sparat resultat (filen är inte sparad i Excel)."
    if coordinate in scan.errors.get(sheet, {}):
        return f"Cellen innehåller Excel-felet {scan.errors[sheet][coordinate]}."
    if value == "#VALUE!":  # openpyxl's stand-in for a date serial no calendar holds
        return "Cellen är formaterad som datum, men talet ligger utanför de datum Excel kan visa."
    return None


@dataclass
class SheetRead:
    """A sheet's values, sized by the cells that hold values, and the cells whose value
    is unknown ((row, column), 0-based, -> why), which read as empty."""

    rows: list[list[Any]]
    problems: dict[tuple[int, int], str]
    far_cell: str | None = None  # the first value right of READ_COLUMNS, which is not read


# Columns read per row. No register has a heading that far out, and a hostile file with
# a value at XFD in every row would otherwise keep 128 KB per row (3 000 rows: 400 MB).
READ_COLUMNS = 1024
_BAD_DATE = re.compile(r"Cell ([A-Z]+[0-9]+) is marked as a date")


def read_sheet(ws: Worksheet, ticker: Ticker | None = None) -> SheetRead:
    """Every row's values up to its last value, and no empty rows after the last: a
    styled empty cell at XFD1048576 costs nothing. Text reads as Excel shows it. A
    streamed sheet is parsed here, so its damage is refused here."""
    path = getattr(ws.parent, "source_path", None)
    scan: Scan = getattr(ws.parent, "scan", Scan())
    ticker = ticker or Ticker(None)
    rows = UsedRows()
    far_cell = None
    try:
        with warnings.catch_warnings(record=True) as caught:
            # openpyxl's English warning is the only place that names a date serial out
            # of range (it reads as "#VALUE!", as an error would); it never reaches stderr.
            warnings.simplefilter("always")
            for r in ws.iter_rows(values_only=True):
                ticker.tick()
                end = len(r)
                while end and r[end - 1] is None:
                    end -= 1
                if end > READ_COLUMNS:
                    far_cell = far_cell or f"{get_column_letter(end)}{rows.read + 1}"
                    end = READ_COLUMNS
                    while end and r[end - 1] is None:
                        end -= 1
                # Text as Excel shows it: openpyxl leaves Excel's escapes (_x001B_) as they stand.
                rows.add([unescape(v) if v.__class__ is str and "_x" in v else v for v in r[:end]])
    except UserError:
        raise  # Avbryt
    except Exception as exc:  # openpyxl raises many kinds for a damaged sheet
        if _caused_by_entities(exc):
            raise _refuse_xml(path) from exc
        raise _refuse(path, f"Bladet ”{ws.title}” kunde inte läsas; filen är skadad.") from exc
    bad_dates = {m[1] for w in caught if (m := _BAD_DATE.match(str(w.message)))}
    return SheetRead(rows.rows, mark_problems(scan, ws.title, rows.rows, bad_dates), far_cell)


class UsedRows:
    """A sheet's rows as they are read, each cut after its last value: empty rows are
    kept only where a row with a value follows them."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []
        self.read = 0  # rows read, the empty ones after the last value included
        self._empty_run = 0

    def add(self, cells: list[Any]) -> None:
        self.read += 1
        if not cells:
            self._empty_run += 1
            return
        self.rows.extend([] for _ in range(self._empty_run))
        self._empty_run = 0
        self.rows.append(cells)


def mark_problems(scan: Scan, sheet: str, rows: list[list[Any]], bad_dates: set[str]) -> dict[tuple[int, int], str]:
    """Empty every cell of the sheet whose value is unknown (the scan's errors and
    formulas without a result, and `bad_dates`: date serials no calendar holds) and
    say why, per (row, column), 0-based."""
    problems = {}
    for coordinate in {*scan.uncached.get(sheet, ()), *scan.errors.get(sheet, {}), *bad_dates}:
        row, column = coordinate_to_tuple(coordinate)
        why = _problem(scan, sheet, coordinate, "#VALUE!" if coordinate in bad_dates else None)
        if why and column <= READ_COLUMNS:
            problems[(row - 1, column - 1)] = why
            rows.extend([] for _ in range(row - len(rows)))  # a row of nothing but unknown cells
            if column <= len(rows[row - 1]):
                rows[row - 1][column - 1] = None
    return problems


def used_size(ws: Worksheet) -> tuple[int, int]:
    """Rows and columns up to the last cell holding a value. A sheet's own max_row and
    max_column count styled empty cells: one at A1048576 made reading take 30 s and 2 GB."""
    rows = columns = 0
    for (row, column), cell in ws._cells.items():
        if cell.value is not None:
            rows, columns = max(rows, row), max(columns, column)
    return rows, columns


def cell_value(ws: Worksheet, row: int, column: int) -> Any:
    """The value a person sees in a cell. A cell inside a merged range shows the range's
    first cell; an error (#REF!, #N/A), a formula without a saved result or a date
    serial outside Excel's calendar raises a UserError naming file, sheet, row and
    column, since its value is unknown."""
    cell = ws.cell(row=row, column=column)
    if type(cell).__name__ == "MergedCell":
        for merged in ws.merged_cells.ranges:
            if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
                cell = ws.cell(row=merged.min_row, column=merged.min_col)
                break
    scan: Scan = getattr(ws.parent, "scan", Scan())
    value = cell.value
    if cell.data_type == "e" or (value is None and cell.coordinate in scan.uncached.get(ws.title, ())):
        why = _problem(scan, ws.title, cell.coordinate, value)
        raise UserError(
            f"{why} Rätta den i Excel, spara och läs in igen.",
            file=getattr(ws.parent, "source_path", None),
            sheet=ws.title,
            row=row,
            column=get_column_letter(column),
        )
    return value


def sheet_text(value: str) -> str:
    """A cell's text as Excel shows it, cleaned: Excel writes characters XML cannot hold
    as escapes (_x001B_, _x000A_), which openpyxl leaves as they stand."""
    return clean_text(unescape(value) if "_x" in value else value)


def set_text(cell: Cell, value: Any) -> None:
    """Write a value; text is always text, never a formula, whatever it begins with."""
    if isinstance(value, str):
        value = clean_text(value)  # text stored before cleaning existed must still export
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(FORMULA_STARTS):
            # Excel keeps a quote-prefixed cell as text even when someone edits it.
            cell.quotePrefix = True


def neutralise_formulas(workbook: Workbook) -> None:
    """Make every cell that would be a formula, or starts like one, plain text: the
    program writes data, and text from outside must never run in someone's Excel."""
    for ws in workbook.worksheets:
        for cell in ws._cells.values():
            if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS)):
                set_text(cell, str(cell.value))


def workbook_bytes(workbook: Workbook) -> bytes:
    """The workbook saved in memory: openpyxl writing straight to a full disk leaves its
    zip half-closed, and Python then prints "Exception ignored in ZipFile.__del__"."""
    neutralise_formulas(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def save_workbook(workbook: Workbook, path: Path | str) -> None:
    """Write atomically, with no formulas in any sheet."""
    save_workbooks([(workbook, Path(path))])


def save_workbooks(books: list[tuple[Workbook, Path]]) -> None:
    """Write every workbook, or none of them (atomic_paths)."""
    with atomic_paths([path for _, path in books]) as temps:
        for (workbook, _), tmp in zip(books, temps):
            tmp.write_bytes(workbook_bytes(workbook))
