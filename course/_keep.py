"""Files kept between kernels in the user's cache folder, so a lesson's kernel need not redo work.

Each kept file lives at ``<cache>/<kind>/<version>/<name>``, where the version is a hash of
everything the file was made from: a changed input is never served from an old copy. A cache
that cannot be read or written only costs time. The folder (:func:`course.locations.cache_dir`)
is the user's own, like Python's ``__pycache__``: what is kept there is trusted as the
package's own files are.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

from course.locations import cache_dir

__all__ = ["forget", "keep", "kept", "read_kept"]


def _path(kind: str, version: str, name: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / kind / version / name


def read_kept(kind: str, version: str, name: str) -> bytes | None:
    """The kept bytes, or None when there are none (or the cache is off or unreadable)."""
    path = _path(kind, version, name)
    if path is None:
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def keep(kind: str, version: str, name: str, data: bytes, *, only_version: bool = False) -> None:
    """Keep ``data`` (written whole or not at all); with ``only_version``, drop the kind's other versions."""
    path = _path(kind, version, name)
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(data)
        os.replace(temporary, path)
    except OSError:
        return
    if only_version:
        with contextlib.suppress(OSError):
            for other in path.parent.parent.iterdir():
                if other.name != version:
                    shutil.rmtree(other, ignore_errors=True)


def forget(kind: str, version: str, name: str) -> None:
    """Remove a kept file that turned out to be damaged."""
    path = _path(kind, version, name)
    if path is not None:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)


def kept(kind: str, name: str, version: str, make: Callable[[], bytes]) -> bytes:
    """The bytes kept as ``<cache>/<kind>/<version>/<name>``, or ``make()``'s, kept for next time."""
    data = read_kept(kind, version, name)
    if data is None:
        data = make()
        keep(kind, version, name, data)
    return data
