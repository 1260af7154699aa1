"""Opening workbooks from outside safely, and writing cells that stay text.

Every sheet the program reads comes through `open_workbook`, which refuses what is
not an .xlsx/.xlsm before openpyxl parses it, and every sheet it writes goes through
`save_workbook`, so writing is atomic.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.cell.cell import Cell
from openpyxl.workbook.workbook import Workbook
from openpyxl.xml import DEFUSEDXML

from ..atomic_file import atomic_path
from ..errors import UserError

# openpyxl parses with defusedxml when it is installed; without it, entity attacks
# (billion laughs, external entities) would reach the XML parser.
if not DEFUSEDXML:  # pragma: no cover - a broken install
    raise ImportError("defusedxml must be installed so that workbooks from outside are parsed safely")

MAX_UNCOMPRESSED = 400 * 1024 * 1024  # bytes of XML we agree to parse
MAX_RATIO = 200  # uncompressed/compressed: far above real sheets (about 10-20)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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


def open_workbook(path: Path | str) -> Workbook:
    """Open an .xlsx/.xlsm for reading values (cached formula results, no macros).

    Normal (not read-only) mode: read-only mode trusts the sheet's declared size and
    would silently drop rows beyond it, and cannot see merged cells.
    """
    path = Path(path)
    check_file(path)
    try:
        return openpyxl.load_workbook(path, data_only=True, keep_vba=False, keep_links=False)
    except MemoryError as exc:
        raise _refuse(path, "Arbetsboken är för stor för att läsas in.") from exc
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise _refuse(
            path, f"Arbetsboken kunde inte läsas; den är skadad eller inte en riktig Excel-fil ({type(exc).__name__})."
        ) from exc


def set_text(cell: Cell, value: Any) -> None:
    """Write a value; text is always text, never a formula, whatever it begins with."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if value.startswith(_FORMULA_STARTS):
            # Excel keeps a quote-prefixed cell as text even when someone edits it.
            cell.quotePrefix = True


def save_workbook(workbook: Workbook, path: Path | str) -> None:
    with atomic_path(Path(path)) as tmp:
        workbook.save(tmp)
