"""A pytest plugin for the nbval run (``-p tests.nbval_fast``, as ``make notebooks`` runs it):
two costs of nbval's own process that check nothing.

1. nbval's kernel client pretty-prints every kernel message for a debug log line even when
   debug logging is off (``logger.debug("...%s", pformat(msg))`` in
   ``nbval.kernel.RunningKernel.get_message``): about 9,000 messages a run, about 3 s of it.
   The plugin gives that call a stand-in that formats only when the line is written, so a
   debug log (``--log-level=DEBUG``) still reads exactly as before.
2. Importing nbformat imports jsonschema, which imports ``rfc3987_syntax`` (installed for
   Jupyter's event schemas) only to offer an "iri" format check; it builds some forty
   grammars on import, about 1.5 s. nbformat never checks formats (its schemas use none),
   so this process does without it: jsonschema leaves the "iri" check out when the import fails.

Checked in ``tests/test_nbval_fast.py``; drop a part when nbval or jsonschema changes.
"""

from __future__ import annotations

import pprint
import sys
from typing import Any

import pytest

__all__ = ["Deferred"]

# Before anything imports jsonschema: "-p" plugins load before the installed ones (nbval).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]


class Deferred:
    """``pprint.pformat(obj)``, computed when the log line is written."""

    __slots__ = ("obj",)

    def __init__(self, obj: Any) -> None:
        self.obj = obj

    def __str__(self) -> str:
        return pprint.pformat(self.obj)


def pytest_configure(config: pytest.Config) -> None:
    import nbval.kernel

    nbval.kernel.pformat = Deferred  # type: ignore[attr-defined]
