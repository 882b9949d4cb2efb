"""Class results: learners' exported progress files merged into a gradebook and an item analysis.

``python -m course class-report EXPORTS... --out DIR`` (an instructor's tool) reads the
files learners exported (``progress-<learner id>.json``), checks each one, and works out:

* a gradebook, one row per pseudonym: items answered, score, must-pass items still open,
  objectives met (:func:`course.progress.summarise`, the course's one definition);
* per item: difficulty (the proportion of learners whose latest answer is fully correct),
  discrimination (the *corrected item-rest point-biserial*: the correlation between being
  right on this item and the learner's score on every other item they answered, as a
  proportion of its maximum), how often each option or level was chosen, and how many
  learners were wrong while fully sure (certainty 3 of 3);
* per objective: how many learners met it;
* every critical under-triage error (an emergency or urgent presentation triaged too low),
  by item, over every attempt;
* what to re-teach: critical errors first, then objectives most of the class has not met,
  then items most of the class got wrong; items whose discrimination is negative are
  listed for review (a key or wording problem is likelier than a teaching one).

Counting uses each learner's latest answer to the current version of each item, as the
progress dashboard does. Free-text reflections are submitted, not marked: they count for
"items answered" and objectives, never for scores or item statistics.

Files are only read. A file is skipped, and reported by name with the reason, when it is
not an export of this course's progress (malformed JSON, wrong fields, a newer version),
names question banks or items this course does not have (another course), or holds a
result that grading its stored answer with :func:`course.quiz.grade` does not give
(edited by hand). The same learner in several files: the files are merged (every answer
kept, exact duplicates once), and a file that adds nothing to the ones before it is
skipped as a duplicate; both are reported.

Pure logic: no ipywidgets, no matplotlib, no HTML (:mod:`course.render.class_report` draws
the report).
"""

from __future__ import annotations

import csv
import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from course.content import Course
from course.models import QuestionBank, QuizItem
from course.progress import NewerVersionError, Progress, ProgressError, Response, import_progress, merge, summarise
from course.quiz import GRADERS, grade, is_auto_scored

__all__ = [
    "CONFIDENT",
    "LOW_DISCRIMINATION",
    "MAX_EXPORT_BYTES",
    "MIN_ANSWERS",
    "PRIVACY_NOTE",
    "RETEACH_BELOW",
    "Choice",
    "ClassReport",
    "ItemAnalysis",
    "LearnerRow",
    "Note",
    "ObjectiveResult",
    "Reteach",
    "build_report",
    "point_biserial",
    "write_tables",
]

#: A file larger than this is not a progress export (a learner's file is a few hundred kilobytes).
MAX_EXPORT_BYTES = 5_000_000
#: The certainty rating that means "fully sure" (of 1, 2, 3).
CONFIDENT = 3
#: Re-teach an objective met, or an item answered correctly, by fewer than this share of learners.
RETEACH_BELOW = 0.5
#: An item is judged (difficulty, re-teach list) only once this many learners answered it.
MIN_ANSWERS = 3
#: Below this discrimination an item is listed for review.
LOW_DISCRIMINATION = 0.0

#: What the report says about names (printed on it).
PRIVACY_NOTE = (
    "This report holds pseudonyms only (such as learner-7f3a9c): the course never asks for or stores"
    " a name or an email. If you need to know who is who, ask each learner for their pseudonym (the"
    " start notebook shows it, and it is in the name of their export file, progress-learner-….json)"
    " and keep that list yourself, outside the course: for example in your institution's gradebook or"
    " a file only you can open. Do not add names to this report or to the export files, and delete the"
    " list when the course is over."
)


@dataclass(frozen=True)
class Note:
    """A file that was skipped (or merged), by name, with the reason in plain words."""

    name: str
    reason: str


@dataclass(frozen=True)
class LearnerRow:
    """One row of the gradebook."""

    learner_id: str
    role: str | None
    files: tuple[str, ...]
    items_answered: int
    score: float
    max_score: float
    must_pass_open: int
    objectives_met: int
    objectives: int

    @property
    def percent(self) -> float | None:
        """The score as a percentage of the marks available on the items answered (None if none)."""
        return 100 * self.score / self.max_score if self.max_score else None


@dataclass(frozen=True)
class Choice:
    """How many learners chose one option (or level) of an item, in their latest answer."""

    id: str
    label: str
    count: int
    keyed: bool  # the (or a) correct choice


@dataclass(frozen=True)
class ItemAnalysis:
    """The statistics of one item over the class."""

    bank_id: str
    item_id: str
    item_type: str
    stem: str
    objective_ids: tuple[str, ...]
    must_pass: bool
    auto_scored: bool
    answered: int  # learners with an answer to the current version
    correct: int  # of those, fully correct
    difficulty: float | None  # proportion correct (None: not marked, or nobody answered)
    discrimination: float | None  # corrected item-rest point-biserial (None: not computable)
    choices: tuple[Choice, ...]
    confident_wrong: int  # latest answer wrong at certainty 3
    critical_responses: int  # critical under-triage errors, every attempt counted
    critical_learners: tuple[str, ...]  # pseudonyms of the learners who made one
    section: str | None = None

    @property
    def key(self) -> str:
        return f"{self.bank_id}/{self.item_id}"


@dataclass(frozen=True)
class ObjectiveResult:
    """How many learners met one objective."""

    objective_id: str
    text: str
    met: int
    learners: int

    @property
    def share(self) -> float:
        return self.met / self.learners if self.learners else 0.0


@dataclass(frozen=True)
class Reteach:
    """One entry of the "what to re-teach" list."""

    kind: Literal["critical", "objective", "item", "review"]
    target: str  # an item key (bank/item) or an objective id
    what: str  # what to go over, in plain words
    reason: str  # the figures that put it on the list


@dataclass(frozen=True)
class ClassReport:
    """Everything the report shows."""

    learners: tuple[LearnerRow, ...]
    items: tuple[ItemAnalysis, ...]
    objectives: tuple[ObjectiveResult, ...]
    reteach: tuple[Reteach, ...]
    skipped: tuple[Note, ...]
    merged: tuple[Note, ...]
    files_read: int
    discrimination_method: str = field(
        default="corrected item-rest point-biserial correlation (item right or not against the learner's"
        " proportion score on every other item they answered)"
    )

    @property
    def critical_items(self) -> tuple[ItemAnalysis, ...]:
        """Items with critical under-triage errors, most errors first."""
        found = [i for i in self.items if i.critical_responses]
        return tuple(sorted(found, key=lambda i: (-len(i.critical_learners), -i.critical_responses, i.key)))


# --- Reading and checking the files --------------------------------------------------------


@dataclass
class _Learner:
    progress: Progress
    files: list[str]


class _Checker:
    """Checks every response of an export against this course, grading each stored answer once."""

    def __init__(self, banks: Sequence[QuestionBank]) -> None:
        self.items: dict[tuple[str, str], QuizItem] = {(b.id, i.id): i for b in banks for i in b.items}
        self.bank_ids = {b.id for b in banks}
        self._graded: dict[tuple[str, str, str], tuple[float, float, bool, bool, bool] | str] = {}

    def problem(self, progress: Progress) -> str | None:
        """Why the export cannot be used, or None."""
        for response in progress.responses:
            where = f"{response.bank_id}/{response.item_id}"
            item = self.items.get((response.bank_id, response.item_id))
            if item is None:
                if response.bank_id not in self.bank_ids:
                    return (
                        f"from another course: it answers question bank '{response.bank_id}', which this course has not"
                    )
                return f"from another course: it answers item '{where}', which this course has not"
            if response.item_version > item.version:
                return (
                    f"from another version of the course: it answers version {response.item_version} of '{where}';"
                    f" this course has version {item.version}"
                )
            if response.item_version < item.version:
                continue  # an answer to an older version: kept, not counted, and its key may have changed
            expected = self._grade(item, response)
            if isinstance(expected, str):
                return f"edited by hand: the stored answer to '{where}' is not one the item accepts ({expected})"
            score, max_score, correct, critical, auto_scored = expected
            stored = (response.score, response.max_score, response.correct, response.critical, response.auto_scored)
            if not (
                math.isclose(score, stored[0], abs_tol=1e-9)
                and math.isclose(max_score, stored[1], abs_tol=1e-9)
                and (correct, critical, auto_scored) == stored[2:]
            ):
                return (
                    f"edited by hand: the stored result for '{where}' (score {response.score:g} of"
                    f" {response.max_score:g}, {'correct' if response.correct else 'not correct'}) is not what"
                    f" its stored answer gets (score {score:g} of {max_score:g},"
                    f" {'correct' if correct else 'not correct'})"
                )
            if response.confidence is not None and not auto_scored:
                return f"edited by hand: '{where}' is a reflection, which is never rated for certainty"
        return None

    def _grade(self, item: QuizItem, response: Response) -> tuple[float, float, bool, bool, bool] | str:
        # repr tells apart every JSON value (text, numbers, true, lists, records) as parsed.
        key = (response.bank_id, response.item_id, repr(response.answer))
        if key not in self._graded:
            try:
                result = grade(item, response.answer)
            except (ValueError, TypeError, ArithmeticError) as err:  # not an answer to this item
                self._graded[key] = str(err) or type(err).__name__
            else:
                self._graded[key] = (
                    result.score,
                    result.max_score,
                    result.correct,
                    result.critical,
                    result.auto_scored,
                )
        return self._graded[key]


def _response_keys(progress: Progress) -> set[str]:
    return {json.dumps(r.__dict__, sort_keys=True, default=str) for r in progress.responses}


def _read(paths: Sequence[Path], checker: _Checker) -> tuple[dict[str, _Learner], list[Note], list[Note], int]:
    learners: dict[str, _Learner] = {}
    skipped: list[Note] = []
    merged: list[Note] = []
    seen_paths: dict[Path, str] = {}
    read = 0
    for path in paths:
        name = str(path)
        try:
            resolved = path.resolve()
            if resolved in seen_paths:
                skipped.append(Note(name, f"duplicate: the same file was given twice (as {seen_paths[resolved]})"))
                continue
            seen_paths[resolved] = name
            if path.is_dir():
                skipped.append(Note(name, "not a file (a folder)"))
                continue
            size = path.stat().st_size
            if size > MAX_EXPORT_BYTES:
                skipped.append(Note(name, f"too large ({size:,} bytes) to be a progress export"))
                continue
            data = path.read_bytes()
        except OSError as err:
            skipped.append(Note(name, f"could not be read: {err.strerror or err}"))
            continue
        read += 1
        try:
            progress = import_progress(data)
        except NewerVersionError as err:
            skipped.append(Note(name, f"from a newer version of the course (progress file version {err.version})"))
            continue
        except ProgressError as err:
            skipped.append(Note(name, f"malformed: {err}"))
            continue
        except (ValueError, TypeError, ArithmeticError, RecursionError) as err:  # numbers or nesting out of bounds
            skipped.append(Note(name, f"malformed: it cannot be read as a progress export ({type(err).__name__})"))
            continue
        problem = checker.problem(progress)
        if problem is not None:
            skipped.append(Note(name, problem))
            continue
        known = learners.get(progress.learner_id)
        if known is None:
            learners[progress.learner_id] = _Learner(progress, [name])
            continue
        if _response_keys(progress) <= _response_keys(known.progress):
            skipped.append(
                Note(name, f"duplicate: {progress.learner_id} again, with nothing new after {', '.join(known.files)}")
            )
            continue
        known.progress = merge(known.progress, progress)
        known.files.append(name)
        merged.append(
            Note(name, f"{progress.learner_id} again: merged with {', '.join(known.files[:-1])} (every answer kept)")
        )
    return learners, skipped, merged, read


# --- The statistics --------------------------------------------------------------------------


def point_biserial(flags: Sequence[bool], scores: Sequence[float]) -> float | None:
    """The point-biserial correlation of right/wrong ``flags`` with ``scores`` (None if either is constant).

    The Pearson correlation of the 0/1 flags with the scores: (M1 - M0) / s * sqrt(p q),
    where M1 and M0 are the mean scores of those right and wrong, s the (population)
    standard deviation of all scores and p the proportion right.
    """
    n = len(flags)
    if n != len(scores) or n < 2:
        return None
    right = [s for f, s in zip(flags, scores, strict=True) if f]
    wrong = [s for f, s in zip(flags, scores, strict=True) if not f]
    if not right or not wrong:
        return None
    mean = sum(scores) / n
    sd = math.sqrt(sum((s - mean) ** 2 for s in scores) / n)
    if sd == 0:
        return None
    p = len(right) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / sd * math.sqrt(p * (1 - p))


def _choices(item: QuizItem, answers: Iterable[object]) -> tuple[Choice, ...]:
    grader = GRADERS[item.type]
    counts: dict[str, int] = {}
    for answer in answers:
        for chosen in grader.chosen(item, answer):
            counts[chosen] = counts.get(chosen, 0) + 1
    return tuple(Choice(o.id, o.label, counts.get(o.id, 0), o.keyed) for o in grader.options(item))


def _latest(progress: Progress, versions: Mapping[tuple[str, str], int]) -> dict[tuple[str, str], Response]:
    latest: dict[tuple[str, str], Response] = {}
    for response in progress.responses:
        key = (response.bank_id, response.item_id)
        if versions.get(key) == response.item_version:
            latest[key] = response
    return latest


def build_report(paths: Sequence[str | os.PathLike[str]], course: Course) -> ClassReport:
    """Read, check and merge the exports at ``paths`` and work out the class's results."""
    banks = course.banks
    checker = _Checker(banks)
    learners, skipped, merged, read = _read([Path(p) for p in paths], checker)
    versions = {(b.id, i.id): i.version for b in banks for i in b.items}
    live = [(b, i) for b in banks for i in b.items if i.status != "retired"]
    ordered = sorted(learners)

    rows = []
    latest_by_learner: dict[str, dict[tuple[str, str], Response]] = {}
    met_by_objective: dict[str, int] = {}
    objective_ids: list[str] = []
    for learner_id in ordered:
        entry = learners[learner_id]
        latest = _latest(entry.progress, versions)
        latest_by_learner[learner_id] = latest
        dashboard = summarise(entry.progress, banks)
        if not objective_ids:
            objective_ids = [status.objective_id for status in dashboard.objectives]
        for status in dashboard.objectives:
            met_by_objective[status.objective_id] = met_by_objective.get(status.objective_id, 0) + status.met
        marked = [r for r in latest.values() if r.auto_scored]
        rows.append(
            LearnerRow(
                learner_id=learner_id,
                role=entry.progress.role,
                files=tuple(entry.files),
                items_answered=dashboard.answered_items,
                score=sum(r.score for r in marked),
                max_score=sum(r.max_score for r in marked),
                must_pass_open=len(dashboard.must_pass_open),
                objectives_met=dashboard.objectives_met,
                objectives=len(dashboard.objectives),
            )
        )
    totals = {row.learner_id: (row.score, row.max_score) for row in rows}

    critical: dict[tuple[str, str], list[str]] = {}
    for learner_id in ordered:
        for response in learners[learner_id].progress.responses:
            if response.critical:
                critical.setdefault((response.bank_id, response.item_id), []).append(learner_id)

    items = []
    for bank, item in live:
        key = (bank.id, item.id)
        answers = [(lid, latest_by_learner[lid][key]) for lid in ordered if key in latest_by_learner[lid]]
        auto = is_auto_scored(item)
        correct = sum(r.correct for _, r in answers)
        flags: list[bool] = []
        rest: list[float] = []
        for learner_id, response in answers:
            score, max_score = totals[learner_id]
            if auto and max_score - response.max_score > 0:
                flags.append(response.correct)
                rest.append((score - response.score) / (max_score - response.max_score))
        errors = critical.get(key, [])
        items.append(
            ItemAnalysis(
                bank_id=bank.id,
                item_id=item.id,
                item_type=item.type,
                stem=item.stem,
                objective_ids=item.objective_ids,
                must_pass=item.must_pass,
                auto_scored=auto,
                answered=len(answers),
                correct=correct if auto else 0,
                difficulty=correct / len(answers) if auto and answers else None,
                discrimination=point_biserial(flags, rest) if auto else None,
                choices=_choices(item, (r.answer for _, r in answers)),
                confident_wrong=sum(r.confidence == CONFIDENT and not r.correct for _, r in answers),
                critical_responses=len(errors),
                critical_learners=tuple(dict.fromkeys(errors)),
                section=item.section,
            )
        )

    texts = {o.id: o.text for lesson in course.lessons for o in lesson.objectives}
    objectives = tuple(
        ObjectiveResult(o, texts.get(o, ""), met_by_objective.get(o, 0), len(ordered)) for o in objective_ids
    )
    report = ClassReport(
        learners=tuple(rows),
        items=tuple(items),
        objectives=objectives,
        reteach=(),
        skipped=tuple(skipped),
        merged=tuple(merged),
        files_read=read,
    )
    return replace(report, reteach=_reteach(report))


def _reteach(report: ClassReport) -> tuple[Reteach, ...]:
    entries = [
        Reteach(
            "critical",
            item.key,
            f"Triage of: {item.stem}",
            f"{len(item.critical_learners)} learner(s) chose a level that could delay care"
            f" ({item.critical_responses} critical under-triage answer(s))",
        )
        for item in report.critical_items
    ]
    weak_objectives = sorted(
        (o for o in report.objectives if o.learners and o.share < RETEACH_BELOW),
        key=lambda o: (o.share, o.objective_id),
    )
    entries += [
        Reteach("objective", o.objective_id, o.text or o.objective_id, f"met by {o.met} of {o.learners} learners")
        for o in weak_objectives
    ]
    judged = [i for i in report.items if i.difficulty is not None and i.answered >= MIN_ANSWERS]
    hard = sorted((i for i in judged if i.difficulty is not None and i.difficulty < RETEACH_BELOW), key=_by_difficulty)
    entries += [
        Reteach(
            "item",
            i.key,
            i.stem,
            f"{i.correct} of {i.answered} right (difficulty {i.difficulty:.2f})"
            + (f"; {i.confident_wrong} wrong while fully sure" if i.confident_wrong else ""),
        )
        for i in hard
    ]
    review = sorted(
        (i for i in judged if i.discrimination is not None and i.discrimination < LOW_DISCRIMINATION),
        key=lambda i: (i.discrimination, i.key),
    )
    entries += [
        Reteach(
            "review",
            i.key,
            i.stem,
            f"discrimination {i.discrimination:.2f}: learners doing well elsewhere got it wrong more often;"
            " check the key and the wording",
        )
        for i in review
    ]
    return tuple(entries)


def _by_difficulty(item: ItemAnalysis) -> tuple[float, str]:
    return (item.difficulty if item.difficulty is not None else 1.0, item.key)


# --- Writing the tables ----------------------------------------------------------------------


def _number(value: float | None, digits: int = 3) -> str:
    return "" if value is None else f"{value:.{digits}f}"


def write_tables(report: ClassReport, out: Path) -> list[Path]:
    """Write the CSV files (gradebook, items, objectives, critical errors, skipped files) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    tables: dict[str, tuple[list[str], list[list[object]]]] = {
        "gradebook.csv": (
            [
                "pseudonym",
                "role",
                "items_answered",
                "score",
                "max_score",
                "percent",
                "must_pass_open",
                "objectives_met",
                "objectives",
                "files",
            ],
            [
                [
                    r.learner_id,
                    r.role or "",
                    r.items_answered,
                    f"{r.score:g}",
                    f"{r.max_score:g}",
                    _number(r.percent, 1),
                    r.must_pass_open,
                    r.objectives_met,
                    r.objectives,
                    "; ".join(r.files),
                ]
                for r in report.learners
            ],
        ),
        "items.csv": (
            [
                "bank",
                "item",
                "type",
                "must_pass",
                "answered",
                "correct",
                "difficulty",
                "discrimination_point_biserial",
                "confident_wrong",
                "critical_errors",
                "choices",
            ],
            [
                [
                    i.bank_id,
                    i.item_id,
                    i.item_type,
                    "yes" if i.must_pass else "no",
                    i.answered,
                    i.correct if i.auto_scored else "",
                    _number(i.difficulty),
                    _number(i.discrimination),
                    i.confident_wrong,
                    i.critical_responses,
                    "; ".join(f"{c.id}{'*' if c.keyed else ''}={c.count}" for c in i.choices),
                ]
                for i in report.items
            ],
        ),
        "objectives.csv": (
            ["objective", "learners_met", "learners", "text"],
            [[o.objective_id, o.met, o.learners, o.text] for o in report.objectives],
        ),
        "critical-errors.csv": (
            ["bank", "item", "critical_answers", "learners", "pseudonyms"],
            [
                [i.bank_id, i.item_id, i.critical_responses, len(i.critical_learners), " ".join(i.critical_learners)]
                for i in report.critical_items
            ],
        ),
        "skipped-files.csv": (
            ["file", "reason"],
            [[n.name, n.reason] for n in report.skipped],
        ),
    }
    written = []
    for name, (header, rows) in tables.items():
        path = out / name
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows(rows)
        written.append(path)
    return written
