"""Drawings kept between kernels: every lesson's kernel would otherwise draw the same pictures again.

A kept drawing lives in the user's cache directory (:mod:`course._keep`)
under a fingerprint of everything it depends on (the drawing code, the content it is drawn
from, the drawing libraries' versions), so a changed drawing is never served from an old
copy. A cache that cannot be read or written only costs time.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
from importlib import metadata
from pathlib import Path

from course._keep import kept
from course.content import load_course

__all__ = ["fingerprint", "kept"]

_LIBRARIES = ("matplotlib", "numpy", "pillow")


@functools.cache
def fingerprint(modules: tuple[str, ...], data_globs: tuple[str, ...]) -> str:
    """A short hash of the modules' sources (found, not imported), the content files, and the libraries."""
    digest = hashlib.sha256()
    for module in modules:
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None
        digest.update(Path(spec.origin).read_bytes())
    data = load_course().data_dir
    for pattern in data_globs:
        for path in sorted(data.glob(pattern)):
            digest.update(str(path.relative_to(data)).encode() + b"\0" + path.read_bytes())
    digest.update(" ".join(metadata.version(name) for name in _LIBRARIES).encode())
    return digest.hexdigest()[:20]
