"""The program's own files (icons, the PDF font, the handbook), installed as the package
tracker.resources (pyproject.toml maps it to this folder). Find them with file(), which
goes through importlib.resources, never by a path from the source tree."""

from importlib.resources import files
from pathlib import Path


def file(name: str) -> Path:
    """A resource as a path on disk ("icons/app.svg"); Qt and the launcher want paths. The
    package is always a real folder (a wheel, an editable install, the built app)."""
    path = Path(str(files(__name__).joinpath(name)))
    if not path.is_file():
        raise FileNotFoundError(f"resource {name} is missing from the installation")
    return path
