"""The class guide (instructor build): outcomes in plain words, two timed schedules, and how to run the room."""

from __future__ import annotations

from pathlib import Path

from course.class_guide import OUTCOMES, SCHEDULES, day_minutes, schedule
from course.content import Course
from course.render._html import Markup, tag
from course.render.pages import format_minutes

__all__ = ["guide_body", "guide_html", "write_class_guide"]

_CSS = Markup(
    "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1a1a1a;line-height:1.5;"
    "margin:1.5em auto;padding:0 1em;max-width:62em}table{border-collapse:collapse;margin:0.5em 0}"
    "th,td{border:1px solid #999;padding:0.25em 0.5em;text-align:left;vertical-align:top}th{background:#eee}"
    "td:nth-child(1),td:nth-child(3){white-space:nowrap}caption{text-align:left;font-weight:bold}"
)

_SHORT_OF_TIME = (
    "Keep the must-pass material whatever you cut: the emergency signs, the blocked-vessel checklist and whom to"
    " contact (lessons 3 and 7).",
    "Set the worked and faded examples of each lesson as homework; run one case together instead.",
    "Lessons 1, 4, 5 and 6 work as self-study before or after the class; their quizzes save progress the same way.",
    "In lesson 8, run two parts of the mixed check instead of five and discuss the must-pass items answered wrongly.",
)

_GROUP_WORK = (
    "Unfolding cases in pairs (exercises/unfolding-cases.ipynb): each pair commits to a decision at every stage"
    " before the next day of the story opens, then pairs compare.",
    "Think-pair-share in lesson 3: one partner argues 'cold sore', the other 'blocked vessel', using only the"
    " clues; both then agree on the action, which is the same whichever they believe.",
    "Look and decide (exercises/picture-quiz.ipynb) on a projector: the class votes, then checks what else to"
    " look for besides colour.",
    "Myth critique in lesson 6: groups take one claim from a consumer article and find what the evidence says.",
    "SBAR handover in lesson 7: one learner phones, another plays the practitioner; swap roles.",
)

_ROOM = (
    (
        "JupyterHub",
        "each learner logs in and clicks one nbgitpuller link; see docs/instructor-hub.md for the hub"
        " recipe and the memory a learner needs.",
    ),
    (
        "Laptops",
        "each learner runs `make start` once in a copy of the course (Python 3 and make; no internet"
        " needed after setup).",
    ),
    (
        "Binder",
        "`python -m course link --binder <repository address>` prints the link. Nothing is kept after a"
        " Binder session: ask learners to use Export progress before they close the tab.",
    ),
)

_BEFORE = (
    "Set the region (COURSE_REGION=uk, ie, us, ca or au) so notices, the triage card and results give your local"
    " emergency number; check the numbers against data/settings/regions.yaml's sources.",
    "Publish the student build (`make student`) to the branch learners pull: it has no instructor notes.",
    "Print the handouts (`make handouts`) and open the slides (`make slides`); read each lesson's answer key here.",
    "After the class: collect the exported progress files and run `python -m course class-report`.",
)


def _list(items: tuple[str, ...]) -> Markup:
    return tag("ul", [tag("li", item) for item in items])


def _clock(minutes: int) -> str:
    return f"{9 + minutes // 60:02d}:{minutes % 60:02d}"


def _schedule(name: str, course: Course) -> Markup:
    title = SCHEDULES[name][0]
    days = schedule(name, course)
    parts: list[Markup] = [tag("h3", title)]
    for number, day in enumerate(days, start=1):
        rows = []
        start = 0
        for slot in day:
            rows.append(
                tag(
                    "tr",
                    tag("td", _clock(start)),
                    tag("td", slot.title),
                    tag("td", f"{slot.minutes} min"),
                    tag("td", slot.note),
                )
            )
            start += slot.minutes
        teaching, total = day_minutes(day, teaching_only=True), day_minutes(day)
        caption = (f"Day {number} of {len(days)}: " if len(days) > 1 else "") + (
            f"{format_minutes(teaching)} of teaching, {format_minutes(total)} with breaks, from 09:00"
        )
        parts.append(
            tag(
                "table",
                tag("caption", caption),
                tag("thead", tag("tr", [tag("th", h) for h in ("Start", "What", "Time", "Notes")])),
                tag("tbody", rows),
            )
        )
    return Markup("").join(parts)


def guide_body(course: Course) -> Markup:
    """The guide's sections, under its title (the course website shows them in its own page)."""
    tagged: dict[str, list[str]] = {code: [] for code in OUTCOMES}
    for lesson in course.lessons:
        for outcome in lesson.outcomes:
            tagged.setdefault(str(outcome), []).append(str(lesson.number))
    outcomes = tag(
        "table",
        tag("thead", tag("tr", tag("th", "Code"), tag("th", "In plain words"), tag("th", "Lessons"))),
        tag(
            "tbody",
            [tag("tr", tag("td", c), tag("td", w), tag("td", ", ".join(tagged[c]))) for c, w in OUTCOMES.items()],
        ),
    )
    return Markup("").join(
        (
            tag(
                "p", "For instructors. Lesson times come from the syllabus; the lesson answer keys are in answer-keys/."
            ),
            tag("h2", "Learning outcomes"),
            outcomes,
            tag(
                "p",
                "The syllabus tags each lesson with these outcomes. The course is not accredited, delivers no unit"
                " of any qualification and claims no mapping to one.",
            ),
            tag("h2", "Schedules"),
            _schedule("one-day", course),
            _schedule("two-day", course),
            tag("h2", "When you are short of time"),
            _list(_SHORT_OF_TIME),
            tag("h2", "Group activities"),
            _list(_GROUP_WORK),
            tag("h2", "Preparing the room"),
            tag("ul", [tag("li", tag("strong", f"{name}: "), words) for name, words in _ROOM]),
            tag("h2", "Before and after the class"),
            _list(_BEFORE),
        )
    )


def guide_html(course: Course) -> str:
    """The whole guide as one page."""
    body = tag("main", tag("h1", "Class guide"), guide_body(course))
    head = tag("head", tag("meta", charset="utf-8"), tag("title", "Class guide"), tag("style", _CSS))
    return "<!DOCTYPE html>\n" + str(tag("html", head, tag("body", body), lang="en-GB")) + "\n"


def write_class_guide(out: Path, course: Course) -> Path:
    """Write ``class-guide.html`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    page = out / "class-guide.html"
    page.write_text(guide_html(course), encoding="utf-8")
    return page
