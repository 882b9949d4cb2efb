"""Benchmark: render every illustration of the field guide at the lesson size.

Each picture is drawn into a fresh figure at the lesson size (640 × 380 px, 100 dpi) and stored
as a palette PNG, as ``python -m course atlas`` does. One warm-up picture is drawn first (loading
the course data and fonts is not a picture's cost); then each picture is rendered ``--repeats``
times and its median time is reported, with its PNG size.

    .venv/bin/python benchmarks/illustrations.py [--repeats 3]

Targets: every picture in at most 300 ms, every PNG at most 150 KB.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time

TARGET_MS = 300.0
TARGET_KB = 150.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="renders per picture (the median is reported)")
    args = parser.parse_args(argv)

    from course.appearance import catalogue
    from course.illustrations import DPI, FIGSIZE, render_png

    pictures = catalogue()
    render_png(pictures[0])  # warm-up: data, fonts, caches
    rows: list[tuple[str, float, float]] = []
    for item in pictures:
        timings = []
        size = 0
        for _ in range(max(args.repeats, 1)):
            started = time.perf_counter()
            png = render_png(item)
            timings.append((time.perf_counter() - started) * 1000)
            size = len(png)
        rows.append((item.id, statistics.median(timings), size / 1024))

    width = max(len(name) for name, _, _ in rows)
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {len(rows)} illustrations")
    print(f"lesson size: {round(FIGSIZE[0] * DPI)} × {round(FIGSIZE[1] * DPI)} px at {DPI} dpi, palette PNG")
    print(f"{'illustration':<{width}}  {'render ms':>9}  {'PNG KB':>7}")
    for name, ms, kb in rows:
        flag = "  <- over target" if ms > TARGET_MS or kb > TARGET_KB else ""
        print(f"{name:<{width}}  {ms:>9.0f}  {kb:>7.1f}{flag}")
    slowest = max(rows, key=lambda row: row[1])
    largest = max(rows, key=lambda row: row[2])
    print(f"worst render: {slowest[1]:.0f} ms ({slowest[0]}); target <= {TARGET_MS:.0f} ms")
    print(f"largest PNG: {largest[2]:.1f} KB ({largest[0]}); target <= {TARGET_KB:.0f} KB")
    print(f"median render: {statistics.median(r[1] for r in rows):.0f} ms")
    return 0 if slowest[1] <= TARGET_MS and largest[2] <= TARGET_KB else 1


if __name__ == "__main__":
    sys.exit(main())
