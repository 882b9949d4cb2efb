"""The ``python -m course`` command line, for instructors, authors and CI.

``python -m course check [--data DIR]`` validates every data file and every
cross-reference. It prints each problem as ``path:line: field: message`` and
exits 1, or prints a one-line summary and exits 0. It never prints a
traceback for bad data: bad data is the author's to fix, not a crash.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from course.content import ContentError, Course, check, default_data_dir, load_course
from course.models import CUE_LIMIT_ALL, CUE_LIMIT_BANK, CUE_MAX_RATIO, cue_stats


def _cmd_check(args: argparse.Namespace) -> int:
    data_dir = Path(args.data) if args.data else default_data_dir()
    problems = check(data_dir)
    if problems:
        for problem in problems:
            print(problem)
        count = len(problems)
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return 1
    try:
        course = load_course(data_dir)
    except ContentError as err:  # pragma: no cover - check() and load agree
        print(err)
        return 1
    uncited = _notebook_problems(course)
    if uncited:
        for line in uncited:
            print(line)
        print(f"{len(uncited)} citation problem{'s' if len(uncited) != 1 else ''} in the notebooks.", file=sys.stderr)
        return 1
    disagreements = _checker_disagreements(course)
    if disagreements:
        for disagreement in disagreements:
            print(disagreement)
        count = len(disagreements)
        print(
            f"{count} disagreement{'s' if count != 1 else ''} with the symptom checker.",
            file=sys.stderr,
        )
        return 1
    counts = {
        "references": len(course.references),
        "conditions": len(course.conditions),
        "procedures": len(course.procedures),
        "glossary terms": len(course.terms),
        "lessons": len(course.lessons),
    }
    counts["triage rules"] = sum(len(book.rules) for book in course.of_kind("triage-rules"))
    counts["question banks"] = len(course.of_kind("quiz"))
    counts["cases"] = len(course.of_kind("case"))
    counts["aftercare sheets"] = len(course.aftercare_sheets)
    print("All content is valid: " + ", ".join(f"{n} {label}" for label, n in counts.items()) + ".")
    _print_cue_figures(course)
    return 0


def _notebook_problems(course: Course) -> list[str]:
    """Citation problems in the lessons and exercises beside the data (none in an installed wheel)."""
    from course.citations import notebook_problems

    root = course.data_dir.parent
    problems: list[str] = []
    for folder in ("notebooks", "exercises"):
        for path in sorted((root / folder).glob("*.ipynb")):
            problems += notebook_problems(path, course.references, f"{folder}/{path.name}")
    return problems


def _cmd_cite(args: argparse.Namespace) -> int:
    from course.citations import cite_notebook

    course = load_course()
    for name in args.notebooks:
        changed = cite_notebook(Path(name), course.references)
        print(f"{name}: {'citations numbered' if changed else 'unchanged'}")
    return 0


def _checker_disagreements(course: Course) -> list[str]:
    """Quiz keys, case stages and aftercare sheets whose level differs from the symptom checker's: one rule
    everywhere."""
    if not course.of_kind("triage-rules"):
        return []  # a partial data folder (an author's draft) has no checker to agree with
    from course.aftercare import sheet_problems
    from course.cases import expected_level_problems
    from course.quiz import checker_key_problems

    problems = [p for bank in course.of_kind("quiz") for p in checker_key_problems(bank, course)]
    problems += [p for case in course.of_kind("case") for p in expected_level_problems(case, course)]
    return problems + [p for sheet in course.aftercare_sheets for p in sheet_problems(sheet, course)]


def _print_cue_figures(course: Course) -> None:
    """How often the keyed option is the longest, per bank and over all (limits in course.models)."""
    stats = [cue_stats(bank) for bank in sorted(course.of_kind("quiz"), key=lambda b: b.id)]
    if not stats:
        return
    print(
        f"Keyed option is the longest (single-choice and triage items; limits {CUE_LIMIT_BANK:.0%} per bank,"
        f" {CUE_LIMIT_ALL:.0%} over all, keyed at most {CUE_MAX_RATIO} x the longest distractor):"
    )
    for s in stats:
        print(f"  {s.bank:<28} {s.longest:>3} of {s.items:<3} {s.share:>4.0%}")
    counted = sum(s.items for s in stats)
    longest = sum(s.longest for s in stats)
    print(f"  {'all banks':<28} {longest:>3} of {counted:<3} {longest / counted if counted else 0:>4.0%}")


def _cmd_environment(args: argparse.Namespace) -> int:
    from course._environment import environment_for

    sys.stdout.write(environment_for(Path(args.repo)))
    return 0


def _cmd_execute(args: argparse.Namespace) -> int:
    from course._notebooks import execute_in_place

    for name in args.notebooks:
        seconds = execute_in_place(Path(name))
        print(f"executed {name} in {seconds:.1f} s")
    return 0


def _cmd_export_html(args: argparse.Namespace) -> int:
    from course._export import export_site

    try:
        pages = export_site([Path(n) for n in args.notebooks], Path(args.out))
    except FileNotFoundError as err:
        print(err, file=sys.stderr)
        return 1
    for page in pages:
        print(page)
    return 0


def _cmd_atlas(args: argparse.Namespace) -> int:
    from course.illustrations import write_atlas

    out = Path(args.out)
    pngs = write_atlas(out, seed=args.seed)
    print(f"wrote {len(pngs)} illustrations and {out / 'index.html'}")
    return 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from course.stats import lesson_stats, stats_table

    course = load_course()
    print(stats_table([lesson_stats(lesson.number, course) for lesson in course.lessons if lesson.objectives]))
    return 0


def _cmd_link(args: argparse.Namespace) -> int:
    from course.links import binder_badge, binder_link, hub_link

    try:
        if args.binder and not args.hub:
            if args.badge:
                print(binder_badge(args.binder, args.branch))
            else:
                print(binder_link(args.binder, args.branch, learner_mode=args.learner_mode))
        elif args.hub and args.repo and not args.binder:
            print(hub_link(args.hub, args.repo, args.branch, learner_mode=args.learner_mode))
        else:
            print("Give --binder REPO_URL, or --hub URL together with --repo URL.", file=sys.stderr)
            return 2
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    return 0


def _cmd_class_report(args: argparse.Namespace) -> int:
    from datetime import datetime, timezone

    from course.class_report import build_report, write_tables
    from course.render.class_report import report_html

    course = load_course(Path(args.data) if args.data else None)
    report = build_report(args.exports, course)
    for note in report.skipped:
        print(f"skipped {note.name}: {note.reason}", file=sys.stderr)
    for note in report.merged:
        print(f"merged {note.name}: {note.reason}", file=sys.stderr)
    if not report.learners:
        print("No usable progress export: nothing to report.", file=sys.stderr)
        return 1
    out = Path(args.out)
    written = write_tables(report, out)
    page = out / "report.html"
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    page.write_text(report_html(report, course, stamp), encoding="utf-8")
    print(
        f"{len(report.learners)} learners from {report.files_read} files ({len(report.skipped)} skipped,"
        f" {len(report.merged)} merged): {page}"
    )
    for path in written:
        print(f"  {path}")
    return 0


def _cmd_build(args: argparse.Namespace) -> int:
    from course.builds import build, lesson_keys
    from course.render.answer_key import write_answer_keys
    from course.render.class_guide import write_class_guide

    repo, out = Path(args.repo), Path(args.out or f"build/{args.kind}")
    written = build(args.kind, repo, out)
    if args.kind == "instructor":
        course = load_course(Path(args.data) if args.data else None)
        written += write_answer_keys(list(lesson_keys(repo, course)), out, course)
        written.append(write_class_guide(out, course))
    print(f"{args.kind} build: {len(written)} files in {out}")
    return 0


def _cmd_handouts(args: argparse.Namespace) -> int:
    from course._pdf import write_handouts

    out = Path(args.out)
    written = write_handouts(out, load_course(Path(args.data) if args.data else None), pdf=not args.html_only)
    print(f"wrote {len(written)} handout files in {out}")
    return 0


def _cmd_slides(args: argparse.Namespace) -> int:
    from course.render.slides import write_decks

    out = Path(args.out)
    decks = write_decks(Path(args.repo), out, load_course(Path(args.data) if args.data else None))
    print(
        f"wrote {len(decks)} slide decks in {out} (open {out / decks[0].name} in a browser)" if decks else "no slides"
    )
    return 0


def _cmd_install_learner_mode(args: argparse.Namespace) -> int:
    from course.learner_mode import install

    for path in install(Path(args.prefix) if args.prefix else None):
        print(f"installed {path}")
    return 0


def _cmd_site(args: argparse.Namespace) -> int:
    from course.site import SiteError, SiteOptions, build_site, write_book

    options = SiteOptions(repo_url=args.repo_url, branch=args.branch, hub_url=args.hub)
    if args.hub and not args.repo_url:
        print("--hub needs --repo-url: the repository nbgitpuller pulls.", file=sys.stderr)
        return 2
    course = load_course(Path(args.data) if args.data else None)
    try:
        source = write_book(Path(args.repo), Path(args.source), course, options)
        site = build_site(source, Path(args.out))
    except SiteError as err:
        print(err, file=sys.stderr)
        return 1
    print(f"website in {site} (open {site / 'index.html'}); its source in {source}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m course",
        description="Tools for the white-spots course: validate content and more.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check_parser = commands.add_parser(
        "check",
        help="validate every data file and cross-reference",
        description="Validate every data file and cross-reference.",
    )
    check_parser.add_argument("--data", metavar="DIR", help="the data folder to check (default: the course's data/)")
    check_parser.set_defaults(handler=_cmd_check)

    env_parser = commands.add_parser(
        "environment", help="print Binder's environment.yml, rendered from requirements.txt"
    )
    env_parser.add_argument("--repo", default=".", help="the repository folder (default: here)")
    env_parser.set_defaults(handler=_cmd_environment)

    exec_parser = commands.add_parser(
        "execute", help="run notebooks on a fresh kernel and store their outputs in place"
    )
    exec_parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK")
    exec_parser.set_defaults(handler=_cmd_execute)

    html_parser = commands.add_parser(
        "export-html", help="export notebooks to static HTML that works offline (needs `npm ci` first)"
    )
    html_parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK")
    html_parser.add_argument("--out", default="build/html", help="output folder (default: build/html)")
    html_parser.set_defaults(handler=_cmd_export_html)

    stats_parser = commands.add_parser(
        "stats", help="per lesson: words to read, checks, widgets, new terms and an estimated time"
    )
    stats_parser.set_defaults(handler=_cmd_stats)
    cite_parser = commands.add_parser(
        "cite",
        help="turn [KEY] references in notebooks into numbered markers (and renumber them after edits)",
    )
    cite_parser.add_argument("notebooks", nargs="+", metavar="NOTEBOOK")
    cite_parser.set_defaults(handler=_cmd_cite)

    atlas_parser = commands.add_parser(
        "atlas", help="draw every illustration of the field guide as PNG, with an index.html contact sheet"
    )
    atlas_parser.add_argument("--out", default="build/atlas", help="output folder (default: build/atlas)")
    atlas_parser.add_argument("--seed", type=int, default=0, help="the seed of the drawings (default: 0)")
    atlas_parser.set_defaults(handler=_cmd_atlas)

    link_parser = commands.add_parser(
        "link",
        help="print the link that opens the start notebook on Binder or, through nbgitpuller, on a JupyterHub",
        description="Print a link that opens the course's start notebook. Give --binder REPO_URL, or --hub URL"
        " with --repo URL.",
    )
    link_parser.add_argument("--binder", metavar="REPO_URL", help="the repository Binder should build")
    link_parser.add_argument(
        "--badge", action="store_true", help="with --binder: print a Markdown 'launch Binder' badge for a README"
    )
    link_parser.add_argument("--hub", metavar="URL", help="the JupyterHub's address")
    link_parser.add_argument("--repo", metavar="URL", help="the repository nbgitpuller pulls (with --hub)")
    link_parser.add_argument("--branch", default="main", help="the branch (default: main)")
    link_parser.add_argument(
        "--learner-mode", action="store_true", help="open the start notebook in Voila (no code) instead of JupyterLab"
    )
    link_parser.set_defaults(handler=_cmd_link)

    report_parser = commands.add_parser(
        "class-report",
        help="merge learners' exported progress into a gradebook, item analysis and an HTML report",
        description="Merge learners' exported progress files (progress-learner-....json) into a CSV gradebook,"
        " item analysis, objectives met, critical errors and one offline HTML report. Files that cannot be"
        " used are reported by name with the reason and skipped; no input file is changed.",
    )
    report_parser.add_argument("exports", nargs="+", metavar="EXPORT", help="exported progress files")
    report_parser.add_argument("--out", required=True, metavar="DIR", help="the folder to write the report into")
    report_parser.add_argument("--data", metavar="DIR", help="the course content (default: the course's own)")
    report_parser.set_defaults(handler=_cmd_class_report)

    build_parser_ = commands.add_parser(
        "build",
        help="the student build (instructor cells removed, outputs cleared) or the instructor build (answer keys)",
    )
    build_parser_.add_argument("kind", choices=("student", "instructor"), help="which build")
    build_parser_.add_argument("--out", metavar="DIR", help="the folder to write (default: build/KIND)")
    build_parser_.add_argument("--repo", default=".", metavar="DIR", help="the course checkout (default: .)")
    build_parser_.add_argument("--data", metavar="DIR", help="the course content (default: the course's own)")
    build_parser_.set_defaults(handler=_cmd_build)

    handouts_parser = commands.add_parser(
        "handouts",
        help="print the field guide, timeline and aftercare sheets, triage and SBAR cards, quiz papers to PDF"
        " (A4 and Letter)",
    )
    handouts_parser.add_argument("--out", default="build/handouts", metavar="DIR", help="default: build/handouts")
    handouts_parser.add_argument("--html-only", action="store_true", help="write the HTML pages, not the PDFs")
    handouts_parser.add_argument("--data", metavar="DIR", help="the course content (default: the course's own)")
    handouts_parser.set_defaults(handler=_cmd_handouts)

    slides_parser = commands.add_parser("slides", help="one reveal.js deck per lesson, from its cells tagged `slides`")
    slides_parser.add_argument("--out", default="build/slides", metavar="DIR", help="default: build/slides")
    slides_parser.add_argument("--repo", default=".", metavar="DIR", help="the course checkout (default: .)")
    slides_parser.add_argument("--data", metavar="DIR", help="the course content (default: the course's own)")
    slides_parser.set_defaults(handler=_cmd_slides)

    install_parser = commands.add_parser(
        "install-learner-mode",
        help="put Voila's settings and the course's template into this environment (make and postBuild do this)",
    )
    install_parser.add_argument("--prefix", metavar="DIR", help="the environment (default: the running Python's)")
    install_parser.set_defaults(handler=_cmd_install_learner_mode)

    site_parser = commands.add_parser(
        "site",
        help="the course as a website with search (Jupyter Book, from the stored outputs), in build/site",
        description="Build the course website: every lesson and exercise from its stored outputs, the glossary,"
        " references and illustrations, and the instructor guide. Launch buttons only with --repo-url.",
    )
    site_parser.add_argument("--out", default="build/site", metavar="DIR", help="default: build/site")
    site_parser.add_argument(
        "--source", default="build/site-source", metavar="DIR", help="the book's source (default: build/site-source)"
    )
    site_parser.add_argument("--repo", default=".", metavar="DIR", help="the course checkout (default: .)")
    site_parser.add_argument("--data", metavar="DIR", help="the course content (default: the course's own)")
    site_parser.add_argument("--repo-url", metavar="URL", help="the repository launch buttons open (Binder, hub)")
    site_parser.add_argument("--branch", default="main", help="the repository's branch (default: main)")
    site_parser.add_argument("--hub", metavar="URL", help="a JupyterHub for launch buttons (with --repo-url)")
    site_parser.set_defaults(handler=_cmd_site)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except BrokenPipeError:  # the reader went away (``python -m course stats | head``): not an error
        sys.stderr.close()
        return 0
