"""Benchmark: loading the content, running each lesson, and nbval against the empty-kernel floor.

Every lesson and every test kernel loads the course content first, so its cost is paid
once per notebook. This script times, in one run on this machine:

1. ``load_course()`` in a fresh Python process (import of the package included);
2. a second full load and validation in the same process (``check()``, no cache);
3. each notebook executed top to bottom on a fresh kernel (into a temporary copy);
4. strict nbval over every notebook, against the floor: the same number of fresh kernels
   each running one empty cell.

    .venv/bin/python benchmarks/content_and_kernels.py [--skip-nbval]

Targets (issue "One home for each thing"): 1 at most 0.5 s, 2 at most 0.3 s, each lesson
at most 5 s, and nbval at most 2.0 times the floor.
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((REPO / "notebooks").glob("*.ipynb")) + sorted((REPO / "exercises").glob("*.ipynb"))
TARGETS = {"fresh load": 0.5, "later load": 0.3, "lesson": 5.0, "nbval / floor": 2.0}


def fresh_load_seconds() -> float:
    code = (
        "import time; t = time.perf_counter()\n"
        "from course.content import load_course; load_course()\n"
        "print(time.perf_counter() - t)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return float(out.stdout)


def later_load_seconds() -> float:
    from course.content import check, load_course

    load_course()
    started = time.perf_counter()
    problems = check()  # reads and validates every file again: no cache
    assert not problems, problems
    return time.perf_counter() - started


def lesson_seconds(path: Path) -> float:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    with tempfile.TemporaryDirectory() as scratch:
        started = time.perf_counter()
        client.execute(env={**os.environ, "COURSE_PROGRESS_DIR": scratch, "COURSE_LEARNER": "learner-abc123"})
        return time.perf_counter() - started


def empty_kernel_floor(count: int) -> float:
    """Seconds for ``count`` fresh kernels, each running one empty cell, as nbval starts them."""
    import nbformat
    from nbclient import NotebookClient

    started = time.perf_counter()
    for _ in range(count):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
        NotebookClient(notebook, timeout=60, kernel_name="python3").execute()
    return time.perf_counter() - started


def nbval_seconds() -> float:
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "COURSE_PROGRESS_DIR": scratch, "COURSE_LEARNER": "learner-abc123"}  # as make notebooks
        command = [sys.executable, "-m", "pytest", "--nbval", "--nbval-current-env", "-p", "no:cacheprovider", "-q"]
        started = time.perf_counter()
        subprocess.run([*command, *map(str, NOTEBOOKS)], cwd=REPO, env=env, check=True, capture_output=True)
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--skip-nbval", action="store_true", help="leave out the nbval run (the slowest part)")
    args = parser.parse_args(argv)
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores")
    failed = []

    def report(name: str, seconds: float, target: float, unit: str = "s") -> None:
        ok = seconds <= target
        failed.extend([] if ok else [name])
        print(f"  {name:<40} {seconds:7.2f} {unit}   target <= {target:g} {unit}   {'ok' if ok else 'OVER'}")

    fresh = sorted(fresh_load_seconds() for _ in range(3))[1]
    report("load_course(), fresh process (median of 3)", fresh, TARGETS["fresh load"])
    report("full reload in the same process", later_load_seconds(), TARGETS["later load"])
    for path in NOTEBOOKS:
        report(f"run {path.relative_to(REPO)}", lesson_seconds(path), TARGETS["lesson"])
    if not args.skip_nbval:
        floor = empty_kernel_floor(len(NOTEBOOKS))
        nbval = nbval_seconds()
        print(f"  empty-kernel floor for {len(NOTEBOOKS)} notebooks: {floor:.1f} s; nbval: {nbval:.1f} s")
        report("nbval / empty-kernel floor", nbval / floor, TARGETS["nbval / floor"], unit="x")
    print("all targets met" if not failed else f"over target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
