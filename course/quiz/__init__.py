"""Grading, shuffling, retries and certainty-based marking for question banks, and the quiz session.

Pure Python: no ipywidgets, no matplotlib, and no HTML. Every text this
package returns is plain text taken from the bank or written here; a view
must escape it like any other data. The modules:

* :mod:`course.quiz.types`: :class:`Result`, :class:`Feedback` and the answer errors;
* :mod:`course.quiz.grading`: :func:`grade` and :data:`GRADERS`, one grader per question type;
* :mod:`course.quiz.certainty`: certainty-based marking and calibration;
* :mod:`course.quiz.selection`: seeded order, the items of a sitting, parallel versions, must-pass items;
* :mod:`course.quiz.session`: :class:`QuizSession`, a quiz in progress (what the quiz widget shows);
* :mod:`course.quiz.checks`: the bank's triage keys against the symptom checker.

A question type is one entry per layer, never a branch on ``item.type``: its payload
rule in :data:`course.models.PAYLOAD_RULES`, its grader (with the options a class report
counts) in :data:`GRADERS`, its answer controls in
:data:`course.widgets.quiz.ANSWER_CONTROLS`, its markup (instruction, printable form,
key, feedback) in :data:`course.render.quiz.QUESTION_MARKUP`, and its answering minutes
in :data:`course.stats.ITEM_MINUTES`. Each piece
of feedback names the part of the answer it is about (:data:`FeedbackPart`).

Answers, by item type, are the JSON-friendly values a widget collects:

================  ==============================================================
single-choice     an option id, e.g. ``"milia"``
multi-select      the selected option ids, e.g. ``["white", "firm"]``
ordering          every step id once, in the learner's order
matching          ``{pair id: chosen answer text}`` for every pair
day-window        a day (``7``) for ``answer_form: day``; ``[first, last]`` for ``range``
triage            a level (``"urgent"``), or ``{"level": ..., "recipient": option id}``
                  when the item also asks whom to contact (it has ``options``)
free-text         the learner's text
================  ==============================================================

Empty answers raise :class:`NoAnswer`, a ``ValueError`` whose message says in
plain words what is missing ("Choose an action level."). An empty submission
is not an attempt: it is never scored and never saved, and the view shows the
message next to the question. Answers that name something the item does not
have raise :class:`InvalidAnswer`, a ``ValueError`` naming the bad value and
listing the valid ones; that is a bug in the caller, not a learner's mistake.

Scoring (curriculum section 9.8):

* single-choice: 1 or 0;
* multi-select: ``all-or-nothing`` (1 or 0), or ``partial``: correct selections
  minus wrong selections, floored at 0, out of the number of correct options;
* ordering: one mark per neighbouring pair in the right order (out of steps - 1);
  the feedback is that of the first step out of place;
* matching: one mark per pair, with feedback on every pair;
* day-window: 1 or 0, within ``tolerance_days`` of the window's ends;
* triage: 1 for the right level; over-triage loses a quarter per level of extra
  urgency (a minor deduction); under-triage scores 0, and under-triage of an
  emergency or urgent presentation is flagged ``critical``, apart from the score.
  If the item asks whom to contact, that is one more mark;
* free-text: not auto-scored. A non-empty answer is "submitted" (1 of 1) and
  the model answer and rubric come back as feedback.
"""

from course.quiz.certainty import (
    CBM_BEST_RANGE,
    CBM_MARKS,
    Calibration,
    CertaintyLevel,
    RatedAnswer,
    calibrate,
    cbm_mark,
)
from course.quiz.checks import checker_key_problems
from course.quiz.grading import GRADERS, Grader, grade, is_auto_scored
from course.quiz.selection import (
    draw_items,
    find_bank,
    item_order,
    lesson_complete,
    matching_choices,
    must_pass_slots,
    next_parallel_item,
    open_must_pass,
    presentation_order,
    seed_for,
    select_items,
)
from course.quiz.session import (
    MODES,
    Mode,
    Next,
    Outcome,
    QuizSession,
    QuizStatus,
    SaveAnswer,
    SlotState,
    Stage,
    check_mode,
    level_labels,
)
from course.quiz.types import (
    FEEDBACK_PARTS,
    AlreadyAnswered,
    Feedback,
    FeedbackPart,
    InvalidAnswer,
    JSONValue,
    NoAnswer,
    Result,
)

__all__ = [
    "CBM_BEST_RANGE",
    "CBM_MARKS",
    "FEEDBACK_PARTS",
    "GRADERS",
    "MODES",
    "AlreadyAnswered",
    "Calibration",
    "CertaintyLevel",
    "Feedback",
    "FeedbackPart",
    "Grader",
    "InvalidAnswer",
    "JSONValue",
    "Mode",
    "Next",
    "NoAnswer",
    "Outcome",
    "QuizSession",
    "QuizStatus",
    "RatedAnswer",
    "Result",
    "SaveAnswer",
    "SlotState",
    "Stage",
    "calibrate",
    "cbm_mark",
    "check_mode",
    "checker_key_problems",
    "draw_items",
    "find_bank",
    "grade",
    "is_auto_scored",
    "item_order",
    "lesson_complete",
    "level_labels",
    "matching_choices",
    "must_pass_slots",
    "next_parallel_item",
    "open_must_pass",
    "presentation_order",
    "seed_for",
    "select_items",
]
