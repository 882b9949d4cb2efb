"""The course as an installed package: ``pip install .`` (not editable) outside the repository.

The wheel ships ``data/`` inside the package (``course/_content``) and the resources;
the fast test checks pyproject.toml lists every folder that must ship, the slow one
(marked ``packaging``) builds the wheel, installs it into a fresh virtual environment
and runs the content check and a lesson from a folder outside the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
import tomllib

from tests.conftest import REPO

LESSON = "notebooks/01-skin-healing.ipynb"


def _listed_packages() -> set[str]:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert config["package-dir"] == {"course._content": "data"}
    return set(config["packages"])


def test_every_code_and_content_folder_is_shipped():
    listed = _listed_packages()
    code = {
        ".".join(folder.relative_to(REPO).parts)
        for folder in (REPO / "course").rglob("*")
        if folder.is_dir() and "__pycache__" not in folder.parts
    }
    content = {
        ".".join(("course", "_content", *folder.relative_to(REPO / "data").parts))
        for folder in (REPO / "data").rglob("*")
        if folder.is_dir()
    }
    needed = code | content | {"course", "course._content"}
    assert needed == listed, (
        f"list {sorted(needed - listed)} (and drop {sorted(listed - needed)}) in [tool.setuptools] packages"
        " of pyproject.toml, or the wheel will not ship them"
    )


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)


@pytest.mark.packaging
def test_a_wheel_installed_outside_the_repository_runs_the_course(tmp_path):
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(REPO / name, source / name)
    for name in ("course", "data"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    env = {k: v for k, v in os.environ.items() if k not in {"COURSE_DATA", "COURSE_PROGRESS_DIR", "PYTHONPATH"}}
    env.pop("XDG_DATA_HOME", None)
    home, work = tmp_path / "home", tmp_path / "work"
    (work / "notebooks").mkdir(parents=True)
    home.mkdir()

    # Built as `pip install .` builds it: in an isolated environment with the declared backend.
    built = _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(tmp_path / "dist"), str(source)], tmp_path, env
    )
    if built.returncode and "No matching distribution found for setuptools" in built.stdout + built.stderr:
        pytest.skip("building the wheel needs setuptools from the package index, which cannot be reached")
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "dist").glob("whitespots_course-*.whl")

    # A fresh environment; its dependencies are the project environment's (nothing is downloaded),
    # added as a plain path so that environment's editable install of the checkout is not seen.
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = str(venv / "bin" / "python")
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(purelib, "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    installed = _run(
        [sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", str(wheel)], work, env
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    env["HOME"] = str(home)
    where = _run(
        [
            python,
            "-c",
            "import json, course, course.locations as l; "
            "print(json.dumps([course.__file__, str(l.data_dir()), str(l.progress_dir()),"
            " sorted(p.name for p in l.resource().rglob('*') if p.is_file() and '__pycache__' not in p.parts)]))",
        ],
        work,
        env,
    )
    assert where.returncode == 0, where.stderr
    *paths, resources = json.loads(where.stdout)
    module, data, progress = map(Path, paths)
    # nbconvert's template, Voilà's template and settings (learner mode), JupyterLab's settings.
    assert resources == ["conf.json", "conf.json", "index.html.j2", "index.html.j2", "lab-overrides.json", "voila.py"]
    assert module.is_relative_to(venv) and data.is_relative_to(venv) and data.name == "_content"
    assert progress.is_relative_to(home)
    shipped = {p.relative_to(data) for p in data.rglob("*") if p.is_file() and "__pycache__" not in p.parts}
    authored = {p.relative_to(source / "data") for p in (source / "data").rglob("*") if p.is_file()}
    assert shipped == authored  # every content file, and nothing else

    # Learner mode installs from the wheel too (a hub's environment has no checkout).
    learner_mode = _run([python, "-m", "course", "install-learner-mode", "--prefix", str(tmp_path / "env")], work, env)
    assert learner_mode.returncode == 0, learner_mode.stderr
    assert (tmp_path / "env" / "share" / "jupyter" / "voila" / "templates" / "course" / "index.html.j2").exists()

    check = _run([python, "-m", "course", "check"], work, env)
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("All content is valid: ") and "question banks" in check.stdout

    # A lesson, as nbgitpuller leaves it in a learner's home: the notebooks, not the package.
    shutil.copy2(REPO / LESSON, work / LESSON)
    run_lesson = """
import json, sys, nbformat, nbclient
nb = nbformat.read(sys.argv[1], as_version=4)
nb.cells.append(nbformat.v4.new_code_cell(
    "import course, course.progress as p\\nprint(course.__file__)\\nprint(p.progress_dir())"))
nbclient.NotebookClient(nb, kernel_name="python3", timeout=300, resources={"metadata": {"path": "."}}).execute()
errors = [o.ename for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
print(json.dumps({"errors": errors, "last": nb.cells[-1].outputs[0]["text"]}))
"""
    lesson = _run([python, "-c", run_lesson, Path(LESSON).name], work / "notebooks", env)
    assert lesson.returncode == 0, lesson.stdout[-3000:] + lesson.stderr[-3000:]
    outcome = json.loads(lesson.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    kernel_module, kernel_progress = outcome["last"].split()
    assert Path(kernel_module).is_relative_to(venv)
    assert Path(kernel_progress).is_relative_to(home)
