"""The nbval plugin skips work that checks nothing, and changes nothing else."""

from __future__ import annotations

import inspect
import json
import logging
import pprint
import subprocess
import sys
from pathlib import Path
from queue import Empty

import nbformat
import nbval.kernel
import pytest

from tests import nbval_fast
from tests.conftest import REPO

MESSAGE = {"header": {"msg_type": "stream"}, "content": {"name": "stdout", "text": "x" * 50}, "parent": {"id": 1}}


class FakeClient:
    def get_iopub_msg(self, timeout=None):
        return MESSAGE

    def get_shell_msg(self, timeout=None):
        raise Empty


@pytest.fixture
def kernel(monkeypatch):
    monkeypatch.setattr(nbval.kernel, "pformat", nbval_fast.Deferred)
    running = object.__new__(nbval.kernel.RunningKernel)  # no real kernel: only get_message is used
    running.kc = FakeClient()
    return running


def test_nbval_still_formats_every_message():
    """The plugin's reason (if this fails, nbval has changed: check whether the plugin can go)."""
    assert 'logger.debug("Kernel message (%s):\\n%s", stream, pformat(msg))' in inspect.getsource(
        nbval.kernel.RunningKernel.get_message
    )


def test_no_formatting_when_debug_is_off(kernel, monkeypatch, caplog):
    def fail(obj):
        raise AssertionError("formatted a message nobody logs")

    monkeypatch.setattr(nbval_fast.pprint, "pformat", fail)
    caplog.set_level(logging.INFO, logger="nbval")
    assert kernel.get_message("iopub") is MESSAGE
    assert caplog.records == []


def test_the_debug_log_reads_as_before(kernel, caplog):
    caplog.set_level(logging.DEBUG, logger="nbval")
    assert kernel.get_message("iopub") is MESSAGE
    assert caplog.messages == [f"Kernel message (iopub):\n{pprint.pformat(MESSAGE)}"]


def test_the_plugin_is_in_place_in_a_run(tmp_path):
    check = tmp_path / "test_it.py"
    check.write_text(
        "import jsonschema, nbformat, nbval.kernel, pytest\n\ndef test_it():\n"
        "    assert nbval.kernel.pformat.__name__ == 'Deferred'\n"
        "    assert 'iri' not in jsonschema.FormatChecker.checkers\n"
        f"    notebook = nbformat.read({str(REPO / 'notebooks' / '00-start-here.ipynb')!r}, as_version=4)\n"
        "    nbformat.validate(notebook)  # still checked: a broken notebook still fails\n"
        "    notebook.cells[0]['cell_type'] = 'not-a-cell'\n"
        "    with pytest.raises(nbformat.ValidationError):\n"
        "        nbformat.validate(notebook)\n"
    )
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(check)]
    assert subprocess.run([*command, "-p", "tests.nbval_fast"], cwd=REPO, capture_output=True).returncode == 0
    assert subprocess.run(command, cwd=REPO, capture_output=True).returncode == 1, "without it"


def formats(schema):
    """Every JSON-schema "format" keyword in a schema (not properties that are named "format")."""
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == "format" and isinstance(value, str):
                yield value
            elif key != "properties":
                yield from formats(value)
            else:
                for sub in value.values():
                    yield from formats(sub)
    elif isinstance(schema, list):
        for item in schema:
            yield from formats(item)


def test_nbformat_checks_no_formats():
    """Why leaving the "iri" check out changes nothing: no notebook schema names a format."""
    folder = Path(nbformat.__file__).parent
    schemas = sorted(folder.glob("v*/nbformat.v*.schema.json"))
    assert len(schemas) >= 5
    for path in schemas:
        assert list(formats(json.loads(path.read_text()))) == [], path.name
