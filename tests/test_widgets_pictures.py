"""Pictures in the live quiz and case widgets, and in what an exported page shows of them."""

from __future__ import annotations

import html
import re

from course.appearance import alt_text, picture
from course.widgets.cases import CaseExplorer
from course.widgets.quiz import show_quiz

IMG = re.compile(r'<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="([^"]*)"')


def alts(markup: str) -> list[str]:
    return [html.unescape(a) for a in IMG.findall(markup)]


def test_the_quiz_widget_shows_the_picture_above_the_stem_and_in_its_static_form(tmp_path):
    quiz = show_quiz("04-timelines-needling", ["picture-pih-a", "healing-course-a"], learner="learner-abc123",
                     progress_dir=tmp_path)  # fmt: skip
    words = alt_text(picture("pih--after-spots--D"))
    heading = quiz.current.heading.value
    assert alts(heading) == [words]
    assert heading.index("<img") < heading.index("Six weeks after microneedling")
    bundle = quiz._repr_mimebundle_()
    exported = bundle[0]["text/html"] if isinstance(bundle, tuple) else bundle["text/html"]
    assert alts(exported) == [words]  # the second question has no picture
    quiz.go_to(1)
    assert "<img" not in quiz.current.heading.value


def test_a_retry_can_bring_a_parallel_version_with_a_picture(tmp_path):
    quiz = show_quiz("07-triage-referral", ["vascular-urgent-b"], learner="learner-abc123", progress_dir=tmp_path)
    assert "<img" not in quiz.current.heading.value
    seen = []
    for _ in range(3):  # the group has four versions: a and b in words, c and d with a picture
        quiz.retry(0)
        seen.append(quiz.current.item.id)
        if quiz.current.item.picture is not None:
            break
    item = quiz.current.item
    assert item.id in ("vascular-urgent-c", "vascular-urgent-d"), seen
    assert alts(quiz.current.heading.value) == [alt_text(picture(item.picture or ""))]


def test_the_case_widget_shows_a_stage_picture_when_the_stage_appears_and_in_its_static_form():
    case = CaseExplorer("d-seeds-at-week-four")
    words = alt_text(picture("milia--surface--M"))
    assert "<img" not in case.panels[0].story.value
    assert alts(case.panels[1].story.value) == [words]
    assert case.panels[1] not in case.story.children  # shown only once the first decision is committed
    case.panels[0].choice.value = "monitor"
    case.panels[0].commit.click()
    assert case.panels[1] in case.story.children
    assert alts(case.static_html()) == [words]
