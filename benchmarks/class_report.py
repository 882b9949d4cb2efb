"""Benchmark: ``python -m course class-report`` on a large class.

Generates exported progress files for a class (by default 500 learners, each answering
every item of every question bank once, graded by :func:`course.quiz.grade` and stored
with :func:`course.progress.record`), then times the command that merges them into the
gradebook, item analysis and HTML report, as an instructor runs it (a fresh process:
imports, reading and checking every file, statistics, plots, writing).

    .venv/bin/python benchmarks/class_report.py [--learners 500] [--keep DIR]

Target (issue "Running a class"): at most 5 s for 500 learners.

The learners are simulated: each has an ability, each item a difficulty, and a learner
answers an item right with a logistic probability of the difference (otherwise a random
answer, which may still be right), at a certainty that follows the ability. Tests use
:func:`make_class` too (``tests/test_class_report.py``).
"""

from __future__ import annotations

import argparse
import math
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_S = 5.0
REPO = Path(__file__).resolve().parent.parent


def key_answer(item):  # type: ignore[no-untyped-def]
    """The full-marks answer to ``item``."""
    if item.type == "single-choice":
        return next(o.id for o in item.options if o.correct)
    if item.type == "multi-select":
        return [o.id for o in item.options if o.correct]
    if item.type == "ordering":
        return [s.id for s in item.steps]
    if item.type == "matching":
        return {p.id: p.match for p in item.pairs}
    if item.type == "day-window":
        w = item.window
        return w.start_day if w.answer_form == "day" else [w.start_day, w.end_day]
    if item.type == "triage":
        if item.options:
            return {"level": item.triage.level, "recipient": next(o.id for o in item.options if o.correct)}
        return item.triage.level
    return "A reflection in my own words."


def random_answer(item, rng: random.Random):  # type: ignore[no-untyped-def]
    """A random valid answer to ``item`` (it may happen to be right)."""
    from course.models import TRIAGE_LEVELS
    from course.quiz import matching_choices

    if item.type == "single-choice":
        return rng.choice(item.options).id
    if item.type == "multi-select":
        return [o.id for o in rng.sample(item.options, rng.randint(1, len(item.options)))]
    if item.type == "ordering":
        return [s.id for s in rng.sample(item.steps, len(item.steps))]
    if item.type == "matching":
        return {p.id: rng.choice(matching_choices(item)) for p in item.pairs}
    if item.type == "day-window":
        first = rng.randint(0, 20)
        return first if item.window.answer_form == "day" else [first, first + rng.randint(0, 14)]
    if item.type == "triage":
        level = rng.choice(TRIAGE_LEVELS)
        return {"level": level, "recipient": rng.choice(item.options).id} if item.options else level
    return "Something I noticed."


def make_class(folder: Path, learners: int, seed: int = 0, share: float = 1.0) -> list[Path]:
    """Write ``learners`` exports into ``folder``; each answers a ``share`` of the items. Returns the files."""
    import course.progress as pg
    from course.content import load_course
    from course.quiz import grade

    rng = random.Random(seed)
    items = [(bank.id, item) for bank in load_course().banks for item in bank.items if item.status != "retired"]
    hardness = {item.id: rng.gauss(0, 1) for _, item in items}
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(learners):
        ability = rng.gauss(0.5, 1)
        progress = pg.new_progress(f"learner-{n:06x}{rng.getrandbits(24):06x}")
        for bank_id, item in items:
            if rng.random() > share:
                continue
            right = rng.random() < 1 / (1 + math.exp(-(ability - hardness[item.id])))
            answer = key_answer(item) if right else random_answer(item, rng)
            auto = item.type != "free-text"
            certainty = min(3, max(1, round(2 + ability / 2 + rng.gauss(0, 0.7)))) if auto else None
            progress = pg.record(progress, bank_id, grade(item, answer, certainty), attempt=1)
        path = folder / pg.export_name(progress)
        path.write_text(pg.export_progress(progress), encoding="utf-8")
        files.append(path)
    return files


def _children_cpu() -> float:
    """User and system CPU seconds used so far by finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=500, help="learners in the class (default 500)")
    parser.add_argument("--keep", metavar="DIR", help="write the exports and the report here and keep them")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        root = Path(args.keep) if args.keep else Path(scratch)
        started = time.perf_counter()
        files = make_class(root / "exports", args.learners)
        made = time.perf_counter() - started
        responses = sum(f.read_text(encoding="utf-8").count('"bank_id"') for f in files)
        print(f"generated {len(files)} exports ({responses} answers) in {made:.1f} s")

        command = [sys.executable, "-m", "course", "class-report", *map(str, files), "--out", str(root / "report")]
        timings, cpu = [], []
        for _ in range(3):
            started, used = time.perf_counter(), _children_cpu()
            done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
            timings.append(time.perf_counter() - started)
            cpu.append(_children_cpu() - used)
            if done.returncode != 0:
                print(done.stdout, done.stderr, file=sys.stderr)
                return 1
        print(done.stdout.strip().splitlines()[0])
        best, worst = min(timings), max(timings)
        print(
            f"class-report, {len(files)} learners, fresh process: best {best:.2f} s, worst {worst:.2f} s"
            f" (target <= {TARGET_S:.0f} s); CPU time best {min(cpu):.2f} s (less affected by other jobs)"
            f" on {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
        )
        return 0 if worst <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
