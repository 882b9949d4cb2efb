"""The test suite's own rules: warnings from the course's code are errors, markers are declared."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import REPO


def test_a_warning_raised_in_course_code_fails_the_test():
    # A warning is attributed to the module whose code calls warnings.warn (its __name__).
    code = compile("import warnings\nwarnings.warn('something is off', UserWarning)", "<course code>", "exec")
    with pytest.raises(UserWarning, match="something is off"):
        exec(code, {"__name__": "course.render._html"})


def test_an_undeclared_marker_is_an_error(tmp_path):
    probe = tmp_path / "test_probe.py"
    probe.write_text("import pytest\n\n@pytest.mark.slowish\ndef test_x():\n    pass\n", encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-c",
            str(REPO / "pyproject.toml"),
            str(probe),
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "'slowish' not found in `markers` configuration option" in result.stdout + result.stderr
