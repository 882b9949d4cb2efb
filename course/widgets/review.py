""" "Review now": the questions due for spaced review, as quizzes, lesson by lesson.

The clock: "now" is the time of day, unless the ``COURSE_NOW`` environment variable
holds an ISO 8601 time (such as ``2026-03-11T10:00:00Z``; a time without a zone is
read as UTC). Set it before starting Jupyter to see what review will offer on a later
day: for tests, and for an instructor showing a class how review works.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import datetime, timezone

import ipywidgets as widgets

from course.content import Course, load_course
from course.progress import check_learner_id, current_learner_id, load_progress
from course.render import review as render
from course.review import plan
from course.widgets._base import StaticForm
from course.widgets._common import WIDGET_CLASS, style_widget
from course.widgets.quiz import QuizWidget

#: At most this many questions at one sitting.
REVIEW_LIMIT = 10
#: The environment variable that sets "now" for review (an ISO 8601 time; UTC if it names no zone).
NOW_ENV_VAR = "COURSE_NOW"


def review_clock(environ: Mapping[str, str] | None = None) -> datetime:
    """ "Now" for review: ``$COURSE_NOW`` when set (see the module notes), else the current UTC time."""
    text = (os.environ if environ is None else environ).get(NOW_ENV_VAR, "").strip()
    if not text:
        return datetime.now(timezone.utc)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{NOW_ENV_VAR}={text!r} is not an ISO 8601 time such as 2026-03-11T10:00:00Z;"
            f" unset {NOW_ENV_VAR} to use the current time"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=timezone.utc)


class ReviewNow(StaticForm, widgets.VBox):
    """The due questions of :func:`course.review.plan`, one quiz per lesson, with certainty ratings."""

    def __init__(
        self,
        course: Course,
        learner: str | None = None,
        progress_dir: str | os.PathLike[str] | None = None,
        now: datetime | None = None,
    ) -> None:
        learner = check_learner_id(learner) if learner is not None else current_learner_id(progress_dir, create=False)
        progress = load_progress(learner, progress_dir).progress if learner is not None else None
        answers = progress.responses if progress is not None else ()
        moment = now or review_clock()
        banks = {bank.id: bank for bank in course.banks}
        self.plan = plan(answers, course.banks, moment, REVIEW_LIMIT)
        self.summary = widgets.HTML(str(render.summary(self.plan, banks, moment, bool(answers))))
        self.quizzes = [
            QuizWidget(banks[bank_id], course, ids, learner, "formative", True, progress_dir)
            for bank_id, ids in self.plan.by_bank().items()
        ]
        super().__init__(
            [style_widget(), widgets.HTML(str(render.heading())), self.summary, *self.quizzes],
            layout=widgets.Layout(max_width="64em"),
        )
        self.add_class(WIDGET_CLASS)

    def static_html(self) -> str:
        return str(render.static_form())

    def __repr__(self) -> str:
        return f"Review now: {len(self.plan.due)} question(s) due (needs a live kernel)"


def show_review(
    learner: str | None = None,
    *,
    data_dir: str | os.PathLike[str] | None = None,
    progress_dir: str | os.PathLike[str] | None = None,
    now: datetime | None = None,
) -> ReviewNow:
    """The questions due for review now.

    ``data_dir``, ``progress_dir`` and ``now`` are for tests; without ``now``, the time is
    ``$COURSE_NOW`` when set, else the current time (:func:`review_clock`).
    """
    course = load_course(os.fspath(data_dir) if data_dir is not None else None)
    return ReviewNow(course, learner, progress_dir, now)
