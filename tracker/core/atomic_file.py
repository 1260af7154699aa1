"""Files the program writes appear whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .errors import UserError


@contextlib.contextmanager
def atomic_path(target: Path | str) -> Iterator[Path]:
    """Yield a temporary path beside `target`; when the block succeeds it is renamed
    over `target`, so a failure (disk full, no permission) never leaves half a file
    or destroys the old one."""
    target = Path(target)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=target.suffix, dir=target.parent)
    except OSError as exc:
        raise UserError(f"Filen kan inte skrivas i {target.parent} ({exc.strerror}).", file=target) from exc
    os.close(fd)
    tmp = Path(tmp_name)
    # mkstemp makes the file private (0600); an export is shared like any saved file.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield tmp
        with tmp.open("rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        raise UserError(
            f"Filen kunde inte sparas ({exc.strerror}); en tidigare fil med samma namn är orörd.", file=target
        ) from exc
    finally:
        tmp.unlink(missing_ok=True)
