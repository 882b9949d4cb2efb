"""The pure functions the symptom checker's view relies on: roles, labels, the procedure, the critical reason."""

from __future__ import annotations

import pytest

from course.content import load_course
from course.triage import (
    assess,
    check_procedure,
    checklist,
    critical_reason,
    finding_labels,
    get_role,
    grade_level,
    level_info,
    roles,
)


def test_finding_labels_cover_the_whole_checklist():
    labels = finding_labels()
    assert list(labels) == [f.id for _, findings in checklist() for f in findings]
    assert labels["dusky-skin"].startswith("A grey, blue-grey or dusky area")


def test_roles_and_an_unknown_role():
    course = load_course()
    assert roles(course=course)[0].id == "beauty-therapist"
    assert get_role("injector", course=course).id == "injector"
    with pytest.raises(ValueError, match="unknown role 'nurse'; valid roles: beauty-therapist, "):
        get_role("nurse", course=course)


def test_check_procedure_names_the_valid_ones():
    assert check_procedure("lip-filler") == "lip-filler"
    with pytest.raises(ValueError, match="unknown procedure 'lips'; valid procedures: chemical-peel, "):
        check_procedure("lips")


def test_the_critical_reason_names_both_levels_and_the_most_urgent_rule():
    result = assess("lip-filler", 3, ["clustered-pustules", "dusky-skin"])
    assert grade_level("monitor", result.level).critical
    reason = critical_reason(result, "monitor")
    given, need = level_info("monitor").label, level_info(result.level).label
    assert reason == f"You chose “{given}”, but this needs “{need}”. {result.matches[0].reason}"
