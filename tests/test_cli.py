"""``python -m course check`` as a person runs it: exit codes and output lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import REPO


def run_check(*args: str, cwd=REPO) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "course", "check", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_check_passes_on_the_course_data():
    result = run_check()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("All content is valid:")


def test_check_passes_on_a_valid_folder(valid_data):
    result = run_check("--data", str(valid_data))
    assert result.returncode == 0, result.stdout


def test_check_lists_every_problem_one_per_line_and_exits_1(valid_data):
    (valid_data / "glossary.yaml").write_bytes(b"")
    milia = valid_data / "conditions" / "milia.yaml"
    milia.write_text(milia.read_text().replace("evidence: S", "evidence: maybe", 1))
    result = run_check("--data", str(valid_data), cwd=valid_data.parent)

    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines == [
        "data/conditions/milia.yaml:7: what_it_is[0].evidence: expected one of 'S', 'A', found text ('maybe')",
        "data/glossary.yaml:1: (file): the file is empty",
    ]
    assert "Traceback" not in result.stderr
    assert result.stderr.strip() == "2 problems found."


def test_check_output_lines_have_the_documented_shape(valid_data):
    (valid_data / "notices.yaml").write_text("id: notices\ntitle: [unclosed\n")
    result = run_check("--data", str(valid_data))
    assert result.returncode == 1
    for line in result.stdout.splitlines():
        assert re.match(r"^\S+\.yaml:\d+: \S.*: .+$", line), line


def test_check_on_a_missing_folder_fails_cleanly(tmp_path):
    result = run_check("--data", str(tmp_path / "absent"))
    assert result.returncode == 1
    assert "does not exist" in result.stdout and "Traceback" not in result.stderr


def test_unknown_command_is_a_usage_error():
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    result = subprocess.run([sys.executable, "-m", "course", "frobnicate"], env=env, capture_output=True, text=True)
    assert result.returncode == 2 and "invalid choice" in result.stderr


def test_check_reports_the_answer_length_cue_per_bank(valid_data):
    passing = run_check("--data", str(valid_data))
    assert re.search(r"01-skin-healing\s+0 of 3\s+0%", passing.stdout)
    bank = valid_data / "quizzes" / "01-skin-healing.yaml"
    text = bank.read_text(encoding="utf-8")
    text = text.replace(
        "Milia, small keratin cysts with no opening", "Milia, small and firm keratin cysts with no opening"
    )
    text = text.replace(
        "Tiny keratin cysts with no opening", "Tiny, firm cysts of keratin under the skin, with no opening"
    )
    bank.write_text(text, encoding="utf-8")
    result = run_check("--data", str(valid_data))
    assert result.returncode == 1
    assert "the keyed option is the longest in 2 of 3 single-choice and triage items (67%; limit 45%)" in result.stdout
    assert "over all banks the keyed option is the longest in 2 of 3" in result.stdout
    assert re.search(
        r"01-skin-healing\.yaml:\d+: items\[1\]\.options: the keyed option is 1\.\d\d times", result.stdout
    )
