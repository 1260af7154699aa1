"""Opening workbooks from outside safely, and writing cells that stay text.

Every sheet the program reads comes through `open_workbook`, which refuses what is
not an .xlsx/.xlsm before openpyxl parses it, and every sheet it writes goes through
`save_workbook`, so writing is atomic.
"""

from __future__ import annotations

import gc
import posixpath
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import openpyxl
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from openpyxl.cell.cell import Cell
from openpyxl.reader.workbook import WorkbookParser
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.xml import DEFUSEDXML

from ..atomic_file import atomic_path
from ..errors import UserError
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


def check_file(path: Path) -> None:
    """Refuse files openpyxl should never see, with a message saying what the file is."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(1 << 20)
    except FileNotFoundError as exc:
        raise _refuse(path, "Filen finns inte.") from exc
    except OSError as exc:
        raise _refuse(path, f"Filen kan inte läsas ({exc.strerror}).") from exc
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
        with zipfile.ZipFile(path) as archive:
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


def _looks_like_text(head: bytes) -> bool:
    try:
        head[:4096].decode("utf-8")
    except UnicodeDecodeError:
        try:
            head[:4096].decode("cp1252")
        except UnicodeDecodeError:
            return False
    return b"\x00" not in head[:4096]


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> its XML part, read the way openpyxl reads it."""
    parser = WorkbookParser(archive, "xl/workbook.xml", keep_links=False)
    parser.parse()
    parts = {}
    for sheet, rel in parser.find_sheets():
        # openpyxl has already resolved the target against the workbook part.
        parts[sheet.name] = posixpath.normpath(rel.target).lstrip("/")
    return parts


def _uncached_formulas(stream: Any) -> set[str]:
    """Cells holding a formula without a saved result (a file written by a program
    that does not calculate): with data_only they would read as empty."""
    found = set()
    for _, elem in iterparse(stream, events=("end",)):
        tag = elem.tag.rsplit("}", 1)[-1]
        if tag == "c":
            children = {child.tag.rsplit("}", 1)[-1]: child for child in elem}
            value = children.get("v")
            if "f" in children and (value is None or not (value.text or "").strip()):
                found.add(elem.get("r", ""))
            elem.clear()
        elif tag == "row":
            elem.clear()
    return found


_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def scan_sheets(path: Path) -> tuple[dict[str, set[str]], dict[str, list[str]]]:
    """Count the cells of every sheet (refusing more than MAX_CELLS), find formulas
    without a saved result and the merged ranges, streaming the XML so memory stays small."""
    uncached: dict[str, set[str]] = {}
    merged: dict[str, list[str]] = {}
    cells = 0
    try:
        with zipfile.ZipFile(path) as archive:
            for name, part in _sheet_parts(archive).items():
                if part not in archive.namelist():
                    continue
                has_formula = False
                tail = b""
                refs: set[bytes] = set()
                with archive.open(part) as member:
                    while chunk := member.read(_CHUNK):
                        window = tail + chunk
                        cells += chunk.count(b"<c ") + chunk.count(b":c ")
                        has_formula = has_formula or b"<f" in window or b":f>" in window or b":f " in window
                        refs.update(_MERGE.findall(window))
                        tail = chunk[-64:]  # long enough to hold a <mergeCell> cut by the chunking
                        if cells > MAX_CELLS:
                            raise _refuse(
                                path,
                                f"Arbetsboken har fler än {MAX_CELLS:,} celler".replace(",", " ")
                                + " och är för stor för att läsas in. Dela upp den, eller ta bort blad och "
                                "kolumner som inte behövs.",
                            )
                if has_formula:
                    with archive.open(part) as member:
                        uncached[name] = _uncached_formulas(member)
                merged[name] = sorted(r.decode() for r in refs)
    except UserError:
        raise
    except Exception as exc:  # a damaged part
        if _caused_by_entities(exc):
            raise _refuse_xml(path) from exc
        raise _refuse(path, "Arbetsboken kunde inte läsas; den är skadad eller inte en riktig Excel-fil.") from exc
    return uncached, merged


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


def open_workbook(path: Path | str, *, stream: bool = False) -> Workbook:
    """Open an .xlsx/.xlsm for reading values (cached formula results, no macros).

    Normal mode by default, so `cell_value` sees merged cells. With stream=True the
    sheets are read row by row (read-only mode, about a third faster) with the declared
    size reset, since it may be short; read them with `sheet_values` and close the
    workbook afterwards. Memory is bounded by MAX_CELLS, counted before openpyxl parses.
    The workbook gets `uncached_formulas` ({sheet name: {"C5", ...}}), which
    `cell_value` uses to refuse such cells, and `merged_ranges` ({sheet name: ["A5:A6", ...]}).
    """
    path = Path(path)
    check_file(path)
    uncached, merged = scan_sheets(path)
    try:
        with warnings.catch_warnings():
            # openpyxl warns in English about what it skips (validation, odd dates);
            # the odd dates surface as error cells, which cell_value explains.
            warnings.simplefilter("ignore")
            workbook = openpyxl.load_workbook(path, read_only=stream, data_only=True, keep_vba=False, keep_links=False)
            for ws in workbook.worksheets if stream else ():
                ws.reset_dimensions()  # the declared size may be short: read every row there is
    except MemoryError as exc:
        raise _refuse(path, "Arbetsboken är för stor för att läsas in.") from exc
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        if _caused_by_entities(exc):
            raise _refuse_xml(path) from exc
        raise _refuse(path, "Arbetsboken kunde inte läsas; den är skadad eller inte en riktig Excel-fil.") from exc
    workbook.uncached_formulas = uncached
    workbook.merged_ranges = merged
    workbook.source_path = path
    return workbook


def sheet_values(ws: Worksheet, ticker: Ticker | None = None) -> list[list[Any]]:
    """Every row's values; a streamed sheet is parsed here, so its damage is refused here."""
    path = getattr(ws.parent, "source_path", None)
    ticker = ticker or Ticker(None)
    rows = []
    try:
        for r in ws.iter_rows(values_only=True):
            rows.append(list(r))
            ticker.tick()
        return rows
    except UserError:
        raise  # Avbryt
    except Exception as exc:  # openpyxl raises many kinds for a damaged sheet
        if _caused_by_entities(exc):
            raise _refuse_xml(path) from exc
        raise _refuse(path, f"Bladet ”{ws.title}” kunde inte läsas; filen är skadad.") from exc


def cell_value(ws: Worksheet, row: int, column: int) -> Any:
    """The value a person sees in a cell. A cell inside a merged range shows the range's
    first cell; an error (#REF!, #N/A) or a formula without a saved result raises a
    UserError naming file, sheet, row and column, since its value is unknown."""
    cell = ws.cell(row=row, column=column)
    if type(cell).__name__ == "MergedCell":
        for merged in ws.merged_cells.ranges:
            if merged.min_row <= row <= merged.max_row and merged.min_col <= column <= merged.max_col:
                cell = ws.cell(row=merged.min_row, column=merged.min_col)
                break
    where = {
        "file": getattr(ws.parent, "source_path", None),
        "sheet": ws.title,
        "row": row,
        "column": get_column_letter(column),
    }
    if cell.data_type == "e":
        raise UserError(
            f"Cellen innehåller Excel-felet {cell.value}. Rätta formeln eller skriv in värdet, spara och läs in igen.",
            **where,
        )
    if cell.value is None and cell.coordinate in getattr(ws.parent, "uncached_formulas", {}).get(ws.title, ()):
        raise UserError(
            "Cellen har en formel utan sparat resultat (filen är inte sparad i Excel). "
            "Öppna filen i Excel, spara den och läs in den igen.",
            **where,
        )
    return cell.value


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a workbook is read or built, or an import
    written: openpyxl makes an object per cell (each pointing back at its sheet), and as
    objects pile up the collector walks every one alive again and again, a quarter of a
    20,000-row export. Nothing is kept alive longer; the next collection frees it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def clean_text(value: str) -> str:
    """Text without invisible characters: control characters (except tab and line breaks),
    zero-width and direction marks, which make equal-looking keys and names differ."""
    return "".join(ch for ch in value if ch in "\t\n" or unicodedata.category(ch) not in ("Cc", "Cf")).strip()


def set_text(cell: Cell, value: Any) -> None:
    """Write a value; text is always text, never a formula, whatever it begins with."""
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


def save_workbook(workbook: Workbook, path: Path | str) -> None:
    """Write atomically, with no formulas in any sheet."""
    neutralise_formulas(workbook)
    with atomic_path(Path(path)) as tmp:
        workbook.save(tmp)
