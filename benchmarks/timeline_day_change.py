"""Benchmark: from a day change to the fully updated timeline view.

Measures, in the kernel, the time from setting the day slider to the moment
every part of the view (chart with its day marker and alt text, the day's
lists, the table) holds the new day's content. The chart image itself is
drawn once per procedure and cached; a day change moves the marker over it.
A first draw per procedure (a cache miss) is reported separately.

    .venv/bin/python benchmarks/timeline_day_change.py [--changes 400]

Target: a median of at most 50 ms on a 2-core machine.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time

TARGET_MS = 50.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=400, help="day changes to time per procedure")
    args = parser.parse_args(argv)

    from course.content import load_course
    from course.widgets.timeline import TimelineExplorer, render_chart

    procedures = sorted(load_course().procedures)
    first_draws = []
    for procedure in procedures:
        started = time.perf_counter()
        render_chart(procedure)
        first_draws.append((time.perf_counter() - started) * 1000)

    timings = []
    for procedure in procedures:
        explorer = TimelineExplorer(procedure, day=0)
        # Scrub like a learner: half days early on, then whole days, forwards and back.
        days = [d / 2 for d in range(1, 181)] + [float(d) for d in range(90, -1, -1)]
        for index in range(args.changes):
            day = days[index % len(days)]
            if explorer.day.value == day:
                continue
            started = time.perf_counter()
            explorer.day.value = day
            timings.append((time.perf_counter() - started) * 1000)
            assert f"Day {day:g}" in explorer.chart.value  # the view really changed

    median = statistics.median(timings)
    p90 = statistics.quantiles(timings, n=10)[-1]
    print(f"machine: {platform.machine()}, Python {platform.python_version()}, {len(timings)} day changes")
    print(f"day change -> updated view: median {median:.1f} ms, 90th percentile {p90:.1f} ms", end="")
    print(f" (target <= {TARGET_MS:.0f} ms)")
    print(f"first draw of a procedure's chart (once, then cached): median {statistics.median(first_draws):.0f} ms")
    return 0 if median <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
