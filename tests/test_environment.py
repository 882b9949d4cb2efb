"""requirements.txt is the one place pins live; Binder's environment.yml must agree."""

from __future__ import annotations

import re

import pytest
import yaml

from course._environment import read_pins, render_environment
from tests.conftest import REPO


def test_environment_yml_is_rendered_from_requirements_txt():
    expected = render_environment((REPO / "requirements.txt").read_text(encoding="utf-8"))
    actual = (REPO / "environment.yml").read_text(encoding="utf-8")
    assert actual == expected, (
        "environment.yml is out of date: run `make lock` (or `python -m course environment > environment.yml`)"
    )


def test_environment_yml_pins_the_same_versions():
    env = yaml.safe_load((REPO / "environment.yml").read_text(encoding="utf-8"))
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert sorted(pip_section) == sorted(read_pins((REPO / "requirements.txt").read_text(encoding="utf-8")))


def test_every_direct_dependency_is_pinned_in_requirements_txt():
    pins = {
        p.split("==")[0].lower().replace("_", "-"): p.split("==")[1]
        for p in read_pins((REPO / "requirements.txt").read_text())
    }
    for line in (REPO / "requirements.in").read_text().splitlines():
        line = line.split("#")[0].strip()
        if not line:
            continue
        name, _, version = line.partition("==")
        assert pins.get(name.lower().replace("_", "-")) == version, (
            f"{name} in requirements.in disagrees with requirements.txt"
        )


def test_a_drifted_pin_is_caught():
    text = (REPO / "requirements.txt").read_text(encoding="utf-8")
    drifted = re.sub(r"^(pyyaml|PyYAML)==.*$", "PyYAML==0.0.1", text, flags=re.MULTILINE)
    assert render_environment(drifted) != (REPO / "environment.yml").read_text(encoding="utf-8")


def test_a_loose_requirement_is_refused():
    with pytest.raises(ValueError, match=re.escape("requirements.txt:2: 'numpy>=2' is not an exact pin")):
        read_pins("pyyaml==6.0.3\nnumpy>=2\n")


def test_binder_installs_the_course_itself():
    post_build = (REPO / "postBuild").read_text()
    assert "pip install" in post_build and "-e ." in post_build
