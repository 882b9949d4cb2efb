"""Benchmark: loading the content, running each lesson, and nbval against the empty-kernel floor.

Every lesson and every test kernel loads the course content first, so its cost is paid
once per notebook. This script times, in one run on this machine:

1. ``load_course()`` in a fresh Python process (import of the package included), from the
   copy an earlier kernel kept and with nothing kept;
2. a second full load and validation in the same process (``check()``, no cache);
3. each notebook executed top to bottom on a fresh kernel (into a temporary copy);
4. strict nbval over every notebook, run as ``make notebooks`` runs it, against the floor:
   the same number of fresh kernels each running one empty cell (three rounds, median ratio).

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


def fresh_load_seconds(kept: bool = True) -> float:
    """``load_course()`` in a new process, as a lesson's kernel does it: from the copy an earlier
    kernel kept, or (``kept=False``, the cache off) reading and validating every file."""
    code = (
        "import time; t = time.perf_counter()\n"
        "from course.content import load_course; load_course()\n"
        "print(time.perf_counter() - t)"
    )
    env = {**os.environ} if kept else {**os.environ, "COURSE_CACHE_DIR": "off"}
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True, check=True)
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
    """Seconds for ``count`` fresh kernels, each running one empty cell, started and stopped as
    nbval does (stopped at once: a graceful shutdown sometimes waits seconds, which nbval never
    pays, and made this floor vary from 9 s to 17 s between runs)."""
    import nbformat
    from nbclient import NotebookClient

    started = time.perf_counter()
    for _ in range(count):
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("pass")])
        NotebookClient(notebook, timeout=60, kernel_name="python3", shutdown_kernel="immediate").execute()
    return time.perf_counter() - started


def _make_variable(name: str) -> str:
    """A variable's value as the Makefile sets it (``NAME = value`` on one line)."""
    for line in (REPO / "Makefile").read_text().splitlines():
        key, equals, value = line.partition("=")
        if equals and key.strip() == name:
            return value.strip()
    raise LookupError(f"the Makefile sets no {name}")


def nbval_seconds() -> float:
    """Seconds for strict nbval over every notebook, run as ``make notebooks`` runs it."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", "course"], cwd=REPO, check=True)
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "COURSE_PROGRESS_DIR": scratch, "COURSE_LEARNER": "learner-abc123"}  # as make notebooks
        command = [sys.executable, *_make_variable("NBVAL").split(), "-q"]  # as make notebooks runs it
        started = time.perf_counter()
        subprocess.run([*command, *map(str, NOTEBOOKS)], cwd=REPO, env=env, check=True, capture_output=True)
        return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--skip-nbval", action="store_true", help="leave out the nbval runs (the slowest part)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of floor and nbval (default 3)")
    args = parser.parse_args(argv)
    print(f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} cores")
    failed = []

    def report(name: str, seconds: float, target: float, unit: str = "s") -> None:
        ok = seconds <= target
        failed.extend([] if ok else [name])
        print(f"  {name:<40} {seconds:7.2f} {unit}   target <= {target:g} {unit}   {'ok' if ok else 'OVER'}")

    fresh = sorted(fresh_load_seconds() for _ in range(3))[1]
    report("load_course(), fresh process (median of 3)", fresh, TARGETS["fresh load"])
    cold = sorted(fresh_load_seconds(kept=False) for _ in range(3))[1]
    report("  the same with nothing kept (cache off)", cold, TARGETS["fresh load"])
    report("full reload in the same process", later_load_seconds(), TARGETS["later load"])
    for path in NOTEBOOKS:
        report(f"run {path.relative_to(REPO)}", lesson_seconds(path), TARGETS["lesson"])
    if not args.skip_nbval:
        # This machine's speed drifts by a third over minutes: each round times the floor and
        # nbval back to back, and the median round's ratio is the result.
        ratios = []
        for number in range(1, args.rounds + 1):
            floor = empty_kernel_floor(len(NOTEBOOKS))
            nbval = nbval_seconds()
            ratios.append(nbval / floor)
            print(f"  round {number}: floor ({len(NOTEBOOKS)} empty kernels) {floor:.1f} s, nbval {nbval:.1f} s")
        median = sorted(ratios)[len(ratios) // 2]
        report(f"nbval / empty-kernel floor (median of {args.rounds})", median, TARGETS["nbval / floor"], unit="x")
    print("all targets met" if not failed else f"over target: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
