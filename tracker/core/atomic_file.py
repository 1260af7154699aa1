"""Files the program writes appear whole or not at all, and are checked before they
replace anything."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from .errors import UserError, os_reason

Verify = Callable[[Path], None]  # raises UserError when the written file is not whole


def _temporary(target: Path) -> Path:
    try:
        # A short name of its own: the target's full name plus a suffix could be too long.
        fd, name = tempfile.mkstemp(prefix=f".{target.stem[:40]}-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise UserError(f"Filen kan inte skrivas i {target.parent} ({os_reason(exc)}).", file=target) from exc
    os.close(fd)
    # mkstemp makes the file private (0600); an export is shared like any saved file.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(name, 0o666 & ~umask)
    return Path(name)


@contextlib.contextmanager
def atomic_paths(targets: Sequence[Path | str], verify: Verify | None = None) -> Iterator[list[Path]]:
    """Yield a temporary path beside each target. When the block succeeds, each file is
    checked (`verify`, then synced to disk) and only then are all renamed over their
    targets; if anything fails (disk full, no permission, a file not whole) no target
    is replaced, or the ones already replaced are put back: all of them or none."""
    targets = [Path(t) for t in targets]
    temps: list[Path] = []
    asides: list[tuple[Path, Path | None]] = []  # (target, its old file moved aside, or None)
    current = targets[0] if targets else None
    try:
        for target in targets:
            temps.append(_temporary(target))
        yield temps
        for target, tmp in zip(targets, temps):
            current = target
            if verify is not None:
                verify(tmp)
            with tmp.open("rb+") as f:
                os.fsync(f.fileno())
        for target, tmp in zip(targets, temps):
            current = target
            aside = None
            if target.exists():
                aside = _temporary(target)
                os.replace(target, aside)
            asides.append((target, aside))
            os.replace(tmp, target)
    except OSError as exc:
        _put_back(asides)
        raise UserError(_failed(targets, f"Filen kunde inte sparas ({os_reason(exc)})."), file=current) from exc
    except UserError as exc:
        _put_back(asides)
        raise UserError(_failed(targets, exc.message), file=current) from exc
    except BaseException:
        _put_back(asides)
        raise
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)
        for _, aside in asides:  # committed: the old files go
            if aside is not None:
                aside.unlink(missing_ok=True)


def _put_back(asides: list[tuple[Path, Path | None]]) -> None:
    for target, aside in reversed(asides):
        with contextlib.suppress(OSError):
            if aside is not None:
                os.replace(aside, target)
            else:
                target.unlink()
    asides.clear()


def _failed(targets: list[Path], why: str) -> str:
    if len(targets) == 1:
        return f"{why} En tidigare fil med samma namn är orörd."
    return f"{why} Ingen av de {len(targets)} filerna sparades; tidigare filer med samma namn är orörda."


@contextlib.contextmanager
def atomic_path(target: Path | str, verify: Verify | None = None) -> Iterator[Path]:
    """atomic_paths for one file."""
    with atomic_paths([target], verify) as [tmp]:
        yield tmp


def check_pdf(path: Path) -> None:
    """A PDF is whole when it begins as one and ends with its trailer (%%EOF): a PDF
    writer on a full disk leaves a short or empty file without a word."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            head = f.read(8)
            f.seek(max(0, size - 1024))
            tail = f.read()
    except OSError as exc:
        raise UserError(f"PDF-filen kunde inte kontrolleras ({os_reason(exc)}).") from exc
    if size < 64 or not head.startswith(b"%PDF-") or b"%%EOF" not in tail:
        raise UserError(f"PDF-filen blev inte hel ({size} byte; disken kan vara full). Frigör utrymme och försök igen.")
