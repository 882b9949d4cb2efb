"""The symptom checker: its public interface, its data, and safety checks over every input.

The safety checks sweep the whole input space: every procedure, every whole day from 0 to 90
(and quarter days in the first three), and no finding, every single finding and every pair of
findings. One sweep is computed once per test run and shared by the tests that read it.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import triage
from course.content import check, default_data_dir, load_course
from course.triage import LEVELS, Match, assess
from tests.conftest import REPO

# The public interface (shared triage-interface document): these ids must never change.
INTERFACE_PROCEDURES = ("lip-filler", "microneedling", "rf-microneedling", "laser-resurfacing", "chemical-peel")
INTERFACE_FINDINGS = (
    "vision-change stroke-signs breathing-difficulty widespread-hives blanching dusky-skin net-pattern cold-skin"
    " severe-pain clustered-pustules dark-crust tingling grouped-blisters eyelid-blisters warmth spreading-redness"
    " pus honey-crusts fluctuant-lump fever burn-or-raw-area itchy-rash stinging tender-lump firm-painless-lump"
    " bluish-tinge yellow-dots-seen-before redness mild-swelling tightness pinpoint-marks bruising dryness-flaking"
    " redness-increasing scattered-pimples firm-white-bumps persistent-itchy-papules dark-patches"
    " sudden-swelling spreading-one-side slow-colour-return crusts-not-settling"
).split()

EMERGENCY_SIGNS = ("vision-change", "stroke-signs", "breathing-difficulty")
VASCULAR_SIGNS = ("blanching", "net-pattern", "dusky-skin")
DAYS = tuple(sorted({quarter / 4 for quarter in range(13)} | set(map(float, range(91)))))
RANK = {level: rank for rank, level in enumerate(LEVELS)}  # 0 is the most urgent

AssessFn = Callable[[str, float, Iterable[str]], triage.Assessment]


# --- The sweep ------------------------------------------------------------------


@dataclass
class Sweep:
    """Levels for no finding and each single finding, and every time a level went down."""

    single: dict[tuple[str, float, str | None], str]  # (procedure, day, finding or None) -> level
    drops: list[str]  # "adding X to Y lowered the level from A to B on day D after P"
    assessed: int


def sweep(assess_fn: AssessFn, procedures: Sequence[str], days: Sequence[float], findings: Sequence[str]) -> Sweep:
    """Assess every procedure x day x (no finding, each finding, each pair of findings).

    A drop is recorded whenever a larger set of findings gets a less urgent level than a
    smaller set it contains: the empty set against each single, each single against each
    pair that holds it.
    """
    single: dict[tuple[str, float, str | None], str] = {}
    drops: list[str] = []
    assessed = 0

    def dropped(procedure: str, day: float, added: str, before: Iterable[str], was: str, now: str) -> None:
        drops.append(
            f"adding {added} to {sorted(before)} lowered the level from {was} to {now} on day {day:g} after {procedure}"
        )

    for procedure in procedures:
        for day in days:
            empty = assess_fn(procedure, day, set()).level
            single[procedure, day, None] = empty
            for finding in findings:
                level = assess_fn(procedure, day, {finding}).level
                single[procedure, day, finding] = level
                if RANK[level] > RANK[empty]:
                    dropped(procedure, day, finding, (), empty, level)
            for a, b in combinations(findings, 2):
                level = assess_fn(procedure, day, {a, b}).level
                for kept, added in ((a, b), (b, a)):
                    was = single[procedure, day, kept]
                    if RANK[level] > RANK[was]:
                        dropped(procedure, day, added, [kept], was, level)
            assessed += 1 + len(findings) + len(findings) * (len(findings) - 1) // 2
    return Sweep(single, drops, assessed)


@functools.cache
def full_sweep() -> Sweep:
    return sweep(assess, triage.procedure_ids(), DAYS, triage.finding_ids())


def _levels_for(finding: str) -> list[tuple[str, float, str]]:
    return [(p, d, level) for (p, d, f), level in full_sweep().single.items() if f == finding]


# --- The interface ------------------------------------------------------------------


def test_the_interface_example():
    result = assess("lip-filler", 3, {"clustered-pustules", "dusky-skin"})
    assert result.level == "urgent"
    assert result.rules[0] in {m.id for m in result.matches if m.level == "urgent"}
    assert [RANK[m.level] for m in result.matches] == sorted(RANK[m.level] for m in result.matches)
    assert result.rules == tuple(m.id for m in result.matches)


def test_every_interface_id_is_accepted():
    assert set(INTERFACE_PROCEDURES) <= set(triage.procedure_ids())
    assert set(INTERFACE_FINDINGS) <= set(triage.finding_ids())
    for procedure in INTERFACE_PROCEDURES:
        assert assess(procedure, 0, INTERFACE_FINDINGS).level == "emergency"


def test_levels_are_ordered_most_urgent_first():
    assert LEVELS == ("emergency", "urgent", "same-day", "routine", "monitor")


def test_no_finding_means_monitor():
    for procedure in INTERFACE_PROCEDURES:
        for day in (0, 1.5, 3, 10, 90, 400):
            result = assess(procedure, day, set())
            assert (result.level, result.rules) == ("monitor", ())
            assert result.contact == triage.level_info("monitor").contact


@pytest.mark.parametrize(
    "findings",
    [
        {"pus", "redness"},
        ["pus", "redness"],
        ("redness", "pus"),
        frozenset({"pus", "redness"}),
        (f for f in ("pus", "redness")),
        {"pus": 1, "redness": 2}.keys(),
        ["pus", "pus", "redness"],
    ],
    ids=["set", "list", "tuple", "frozenset", "generator", "dict-keys", "repeats"],
)
def test_any_iterable_of_findings_is_accepted(findings):
    result = assess("microneedling", 5, findings)
    assert result.findings == frozenset({"pus", "redness"})
    assert result.level == assess("microneedling", 5, {"pus", "redness"}).level == "same-day"


def test_days_may_be_whole_fractional_or_any_real_number():
    from fractions import Fraction

    assert assess("lip-filler", 0.5, {"blanching"}).day == 0.5
    assert assess("lip-filler", Fraction(1, 2), {"blanching"}).level == "urgent"
    assert assess("lip-filler", 1000, {"blanching"}).level == "same-day"


@pytest.mark.parametrize(
    ("procedure", "day", "findings", "named", "listed"),
    [
        ("botox", 1, set(), "'botox'", "lip-filler"),
        (None, 1, set(), "None", "microneedling"),
        ("lip-filler", 1, {"milia"}, "'milia'", "firm-white-bumps"),
        ("lip-filler", 1, ["pus", 3], "3", "blanching"),
        ("lip-filler", 1, "pus", "'pus'", "blanching"),
        ("lip-filler", 1, None, "None", "blanching"),
        ("lip-filler", -1, set(), "-1", "0 upwards"),
        ("lip-filler", "3", set(), "'3'", "0 upwards"),
        ("lip-filler", None, set(), "None", "0 upwards"),
        ("lip-filler", float("nan"), set(), "nan", "0 upwards"),
        ("lip-filler", float("inf"), set(), "inf", "0 upwards"),
        ("lip-filler", True, set(), "True", "0 upwards"),
    ],
    ids=[
        "unknown-procedure",
        "no-procedure",
        "unknown-finding",
        "finding-not-text",
        "findings-one-text",
        "findings-none",
        "negative-day",
        "day-as-text",
        "day-none",
        "day-nan",
        "day-infinite",
        "day-bool",
    ],
)
def test_bad_input_names_the_value_and_lists_the_valid_ones(procedure, day, findings, named, listed):
    with pytest.raises(ValueError) as raised:
        assess(procedure, day, findings)
    message = str(raised.value)
    assert named in message
    assert listed in message


def test_an_unknown_finding_lists_every_valid_finding():
    with pytest.raises(ValueError, match="unknown finding 'air-bubble'") as raised:
        assess("lip-filler", 1, {"redness", "air-bubble"})
    assert all(finding in str(raised.value) for finding in INTERFACE_FINDINGS)


def test_the_result_is_frozen():
    result = assess("lip-filler", 1, {"blanching"})
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.level = "monitor"  # type: ignore[misc]
    assert isinstance(result.rules, tuple) and isinstance(result.findings, frozenset)


def test_the_checker_imports_no_display_library():
    code = (
        "import json, sys, course.triage\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('ipywidgets', 'matplotlib'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert json.loads(result.stdout) == []


# --- Safety over the whole input space -------------------------------------------------


def test_the_sweep_covers_every_procedure_day_and_pair():
    findings = len(triage.finding_ids())
    per_day = 1 + findings + findings * (findings - 1) // 2
    assert full_sweep().assessed == len(INTERFACE_PROCEDURES) * len(DAYS) * per_day
    assert DAYS[:5] == (0.0, 0.25, 0.5, 0.75, 1.0) and DAYS[-1] == 90.0


def test_adding_a_finding_never_lowers_the_level():
    drops = full_sweep().drops
    assert drops == [], f"{len(drops)} drops, e.g.:\n" + "\n".join(drops[:10])


@pytest.mark.parametrize("finding", EMERGENCY_SIGNS)
def test_emergency_signs_are_an_emergency_every_day_after_every_procedure(finding):
    not_emergency = [(p, d, level) for p, d, level in _levels_for(finding) if level != "emergency"]
    assert not_emergency == []


@pytest.mark.parametrize("finding", VASCULAR_SIGNS)
def test_vascular_signs_after_lip_filler_are_urgent_or_worse_on_days_0_to_3(finding):
    levels = [(d, level) for p, d, level in _levels_for(finding) if p == "lip-filler" and d <= 3]
    assert len(levels) == 13  # days 0, 0.25, ... 3
    assert [(d, level) for d, level in levels if RANK[level] > RANK["urgent"]] == []


def _red_flags() -> list[str]:
    return [f.id for _, group in triage.checklist() for f in group if f.red_flag]


def test_a_red_flag_never_yields_monitor():
    flags = _red_flags()
    assert {"vision-change", "blanching", "dusky-skin", "pus", "fever"} <= set(flags)
    monitor = [(f, p, d) for f in flags for p, d, level in _levels_for(f) if level == "monitor"]
    assert monitor == []


def test_a_red_flag_is_always_same_day_or_more_urgent():
    lower = [(f, p, d, level) for f in _red_flags() for p, d, level in _levels_for(f) if RANK[level] > RANK["same-day"]]
    assert lower == []


def test_only_expected_healing_can_yield_monitor():
    expected = {f.id for group, members in triage.checklist() if group.id == "expected-healing" for f in members}
    assert expected == {"redness", "mild-swelling", "tightness", "pinpoint-marks", "bruising", "dryness-flaking"}
    monitor = {f for (p, d, f), level in full_sweep().single.items() if level == "monitor" and f is not None}
    assert monitor <= expected


@settings(max_examples=300, deadline=None)
@given(
    procedure=st.sampled_from(INTERFACE_PROCEDURES),
    day=st.floats(min_value=0, max_value=120, allow_nan=False),
    findings=st.sets(st.sampled_from(triage.finding_ids()), max_size=8),
    extra=st.sets(st.sampled_from(triage.finding_ids()), min_size=1, max_size=4),
)
def test_more_findings_never_lower_the_level_for_random_sets(procedure, day, findings, extra):
    before = assess(procedure, day, findings)
    after = assess(procedure, day, findings | extra)
    assert RANK[after.level] <= RANK[before.level]
    assert set(before.rules) <= set(after.rules)


# --- The safety checks can fail -------------------------------------------------------


@dataclass(frozen=True)
class UnlessRule:
    """A rule with an absence condition, the mistake the rule format is designed to rule out:
    it matches like ``rule`` except when ``unless`` was ticked."""

    rule: triage.Rule
    unless: str

    def check(self, procedure: str, day: float, findings: frozenset[str]) -> Match | None:
        return None if self.unless in findings else self.rule.check(procedure, day, findings)


def test_the_monotonicity_check_catches_an_absence_condition():
    # "A pale patch, unless the lip is simply red": a plausible-sounding reading of T3.
    rules = [UnlessRule(r, "redness") if r.id == "T3" else r for r in triage.load_rules()]
    broken = functools.partial(assess, rules=rules)
    assert broken("lip-filler", 1, {"blanching"}).level == "urgent"
    assert broken("lip-filler", 1, {"blanching", "redness"}).level == "same-day"

    result = sweep(broken, ["lip-filler"], [0.0, 1.0, 10.0], ["blanching", "redness", "pus"])

    assert "adding redness to ['blanching'] lowered the level from urgent to same-day on day 1 after lip-filler" in (
        result.drops
    )
    assert all("redness" in drop and "day 10" not in drop for drop in result.drops)


def test_the_same_rules_unchanged_pass_the_same_check():
    unchanged = functools.partial(assess, rules=triage.load_rules())
    assert sweep(unchanged, ["lip-filler"], [0.0, 1.0, 10.0], ["blanching", "redness", "pus"]).drops == []


def _data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(default_data_dir(), target)
    return target


def test_rules_cannot_express_an_absence_condition(tmp_path):
    data = _data_copy(tmp_path)
    rules = data / "triage" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    text = text.replace(
        "      - any_of: [grouped-blisters, tingling]\n",
        "      - any_of: [grouped-blisters, tingling]\n        none_of: [blanching]\n",
    )
    rules.write_text(text, encoding="utf-8")
    problems = [str(p) for p in check(data)]
    assert any("none_of: unknown field" in p for p in problems), problems


def test_assess_uses_the_course_it_is_given(tmp_path):
    data = _data_copy(tmp_path)
    rules = data / "triage" / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    t16 = text.index("  - id: T16")
    text = text[:t16] + text[t16:].replace("level: monitor", "level: routine", 1)
    rules.write_text(text, encoding="utf-8")
    changed = load_course(data)
    assert assess("microneedling", 1, {"redness"}).level == "monitor"
    assert assess("microneedling", 1, {"redness"}, course=changed).level == "routine"


# --- The data --------------------------------------------------------------------


def _book():
    return triage.rule_book()


def _example_input(rule, pattern, extra_start: float = 0.0) -> tuple[str, float, set[str]]:
    procedure = "lip-filler" if rule.procedures == "all" else rule.procedures[0]
    day = max(rule.start_day, pattern.start_day or 0.0, extra_start)
    findings = set(pattern.all_of) | set(pattern.any_of[:1])
    return procedure, day, findings


def test_every_rule_and_every_pattern_is_reachable():
    for rule in _book().rules:
        for pattern in rule.match:
            procedure, day, findings = _example_input(rule, pattern)
            result = assess(procedure, day, findings)
            assert rule.id in result.rules, (rule.id, procedure, day, findings)


def test_every_escalation_is_reachable():
    escalations = 0
    for rule in _book().rules:
        for escalation in rule.escalations:
            for when in escalation.when:
                procedure, day, findings = _example_input(rule, rule.match[0], when.start_day or 0.0)
                findings |= set(when.all_of) | set(when.any_of[:1])
                match = next(m for m in assess(procedure, day, findings).matches if m.id == rule.id)
                assert match.level == escalation.level, (rule.id, day, findings)
                assert escalation.reason in match.reason
                escalations += 1
    assert escalations >= 4  # T6, T8, T11, T19


def test_each_rule_matches_only_inside_its_days():
    for rule in _book().rules:
        if rule.start_day > 0:
            procedure, _, findings = _example_input(rule, rule.match[0])
            before = assess(procedure, rule.start_day - 0.25, findings)
            assert rule.id not in before.rules, rule.id
        if rule.end_day is not None:
            procedure, _, findings = _example_input(rule, rule.match[-1])
            assert rule.id in assess(procedure, rule.end_day, findings).rules, rule.id
            assert rule.id not in assess(procedure, rule.end_day + 0.25, findings).rules, rule.id


def test_every_reference_resolves():
    references = load_course().references
    book = _book()
    cited = {key for rule in book.rules for key in rule.refs} | set(book.vascular_checklist.refs)
    assert cited <= set(references)
    for rule in book.rules:
        assert all(key in references for key in rule.refs), rule.id


def test_the_table_rules_t1_to_t22_are_all_there():
    ids = [rule.id for rule in _book().rules]
    assert ids[:22] == [f"T{n}" for n in range(1, 23)]
    added = [rule for rule in _book().rules if rule.origin == "course"]
    assert all(rule.evidence == "A" and rule.note for rule in added)


def test_rules_without_a_published_key_cite_the_fact_sheet_as_approximate():
    for rule in _book().rules:
        if rule.id in {"T2", "T6"}:
            assert rule.refs == ("FACTSHEET",) and rule.evidence == "A"
        if "FACTSHEET" in rule.refs:
            assert rule.evidence == "A", rule.id


def test_levels_use_text_shape_and_colour_together():
    infos = [triage.level_info(level) for level in LEVELS]
    assert [i.id for i in infos] == list(LEVELS)
    assert infos[0].shape == "octagon"
    assert len({i.shape for i in infos}) == len({i.colour for i in infos}) == len(LEVELS)
    assert all(i.label and i.meaning and i.contact for i in infos)
    with pytest.raises(ValueError, match=r"'soon'.*emergency, urgent, same-day, routine, monitor"):
        triage.level_info("soon")


def test_the_checklist_groups_every_finding_once():
    grouped = [f.id for _, members in triage.checklist() for f in members]
    assert sorted(grouped) == sorted(triage.finding_ids())
    assert all(members for _, members in triage.checklist())
    assert all(f.label for _, members in triage.checklist() for f in members)


_ADVICE_NEVER_GIVEN = re.compile(r"massag|squeez|lanc(e|ing)|heat (pack|pad)|apply heat|warm compress|antibiotic cream")
_NEGATION = re.compile(r"\b(do not|don't|never|not|no)\b")


def _learner_texts() -> list[tuple[str, str]]:
    texts = [("checklist", _book().vascular_checklist.intro)]
    for rule in _book().rules:
        texts += [(rule.id, rule.reason), (rule.id, rule.contact)]
        for escalation in rule.escalations:
            texts += [(rule.id, escalation.reason), (rule.id, escalation.contact or "")]
    return texts


def test_no_text_tells_the_learner_to_massage_squeeze_lance_or_apply_heat():
    offending = []
    for where, text in _learner_texts():
        for sentence in re.split(r"(?<=[.;:])\s+", text):
            hit = _ADVICE_NEVER_GIVEN.search(sentence.lower())
            if hit and not _NEGATION.search(sentence.lower()[: hit.start()]):
                offending.append((where, sentence))
    assert offending == []


def test_the_advice_check_can_fail():
    assert _ADVICE_NEVER_GIVEN.search("gently massage the lump")
    assert not _NEGATION.search("gently ")
    assert _NEGATION.search("do not ")


def test_every_contact_says_how_fast():
    timing = re.compile(r"\b(now|today|review|within|no one needs to be contacted)\b", re.IGNORECASE)
    for where, text in _learner_texts():
        if text and text in {r.contact for r in _book().rules}:
            assert timing.search(text), where


# --- The result screen ---------------------------------------------------------------


@pytest.mark.parametrize("day", [d / 4 for d in range(13)])
@pytest.mark.parametrize("findings", [set(), {"redness"}, {"bruising", "mild-swelling"}, {"yellow-dots-seen-before"}])
def test_the_vascular_checklist_comes_with_every_lip_filler_result_on_days_0_to_3(day, findings):
    result = assess("lip-filler", day, findings)
    assert set(VASCULAR_SIGNS) <= set(result.vascular_checklist)
    assert "vision-change" in result.vascular_checklist


@pytest.mark.parametrize(("procedure", "day"), [("lip-filler", 3.25), ("lip-filler", 10), ("microneedling", 1)])
def test_the_vascular_checklist_is_absent_outside_filler_days_0_to_3(procedure, day):
    assert assess(procedure, day, {"redness"}).vascular_checklist == ()


# The one rule for spots after lip filler (audit 2026-12, C1 and C2), over every quarter day
# of the first week.
FIRST_WEEK = tuple(quarter / 4 for quarter in range(29))  # 0, 0.25, ... 7
WHITE_SPOT_FAMILY = ("clustered-pustules", "grouped-blisters", "scattered-pimples", "firm-white-bumps")


@pytest.mark.parametrize("finding", WHITE_SPOT_FAMILY)
def test_every_white_spot_on_the_lip_in_the_first_week_after_filler_is_same_day_or_more_checklist_first(finding):
    lower = [
        (d, r.level) for d in FIRST_WEEK if RANK[(r := assess("lip-filler", d, {finding})).level] > RANK["same-day"]
    ]
    assert lower == []
    assert all(assess("lip-filler", d, {finding}).checklist_first for d in FIRST_WEEK)
    assert all("blanching" in assess("lip-filler", d, {finding}).vascular_checklist for d in FIRST_WEEK)


@pytest.mark.parametrize("finding", ["clustered-pustules", "grouped-blisters", "spreading-one-side"])
def test_clustered_pustules_and_grouped_blisters_after_lip_filler_are_urgent_in_days_1_to_7(finding):
    levels = {d: assess("lip-filler", d, {finding}).level for d in FIRST_WEEK if d >= 1}
    assert {d: level for d, level in levels.items() if level != "urgent"} == {}


def test_after_day_7_and_after_other_procedures_the_cold_sore_rule_gives_same_day():
    assert assess("lip-filler", 8, {"tingling", "grouped-blisters"}).level == "same-day"
    for procedure in ("microneedling", "rf-microneedling", "laser-resurfacing", "chemical-peel"):
        result = assess(procedure, 2, {"tingling", "grouped-blisters"})
        assert result.level == "same-day" and "T7" in result.rules


def test_fever_with_spreading_redness_is_urgent_on_every_day_of_every_procedure():
    lower = [
        (p, d, level)
        for p in INTERFACE_PROCEDURES
        for d in (*DAYS, 120.0, 365.0)
        if (level := assess(p, d, {"fever", "spreading-redness"}).level) not in ("urgent", "emergency")
    ]
    assert lower == []


# The minimum levels the interface gives for the findings added after the audit.
NEW_FINDING_MINIMUMS = [
    ("sudden-swelling", INTERFACE_PROCEDURES, 0, 90, "emergency"),
    ("spreading-one-side", ("lip-filler",), 0, 7, "urgent"),
    ("slow-colour-return", ("lip-filler",), 0, 3, "urgent"),
    ("slow-colour-return", INTERFACE_PROCEDURES, 0, 90, "same-day"),
    ("crusts-not-settling", ("rf-microneedling", "laser-resurfacing", "chemical-peel"), 7, 90, "same-day"),
]


@pytest.mark.parametrize(("finding", "procedures", "first", "last", "minimum"), NEW_FINDING_MINIMUMS)
def test_the_new_findings_get_at_least_the_interface_level(finding, procedures, first, last, minimum):
    days = [d for d in sorted(set(DAYS) | set(FIRST_WEEK)) if first <= d <= last]
    lower = [
        (p, d, level)
        for p in procedures
        for d in days
        if RANK[(level := assess(p, d, {finding}).level)] > RANK[minimum]
    ]
    assert lower == []


def test_a_white_spot_after_filler_brings_the_checklist_first():
    result = assess("lip-filler", 2, {"firm-white-bumps"})
    assert result.checklist_first and "T22" in result.rules
    assert RANK[result.level] <= RANK["same-day"]
    assert not assess("microneedling", 20, {"firm-white-bumps"}).checklist_first


def test_every_result_carries_the_educational_notice_and_scope_where_needed():
    notices = load_course().notices
    for findings, level in [(set(), "monitor"), ({"firm-painless-lump"}, "routine"), ({"pus"}, "same-day")]:
        result = assess("lip-filler", 20, findings)
        assert result.level == level
        names = [n.name for n in result.notices]
        assert names[0] == "educational_use" and result.notices[0].text == notices.educational_use
        assert ("scope_reminder" in names) == (level == "same-day")
    emergency = assess("microneedling", 3, {"breathing-difficulty"})
    assert {"emergency", "scope_reminder"} <= {n.name for n in emergency.notices}
    urgent = assess("lip-filler", 1, {"blanching"})
    assert "scope_reminder" in {n.name for n in urgent.notices}


def test_the_result_explains_itself():
    result = assess("lip-filler", 1, {"blanching", "severe-pain"})
    top = result.matches[0]
    assert (top.id, top.level) == ("T3", "urgent")
    assert "MURRAY-VO21" in result.refs and "injector" in result.contact
    assert result.critical and result.level_info.shape == "diamond"
    assert "T3" in result.summary() and result._repr_markdown_()


def test_an_escalation_changes_the_level_reason_and_contact():
    plain = assess("rf-microneedling", 5, {"warmth"})
    feverish = assess("rf-microneedling", 5, {"warmth", "fever"})
    assert (plain.level, feverish.level) == ("same-day", "urgent")
    assert feverish.matches[0].escalation is not None and "now" in feverish.contact


# --- Learners' answers ---------------------------------------------------------------


def test_compare_levels():
    assert triage.compare_levels("emergency", "monitor") > 0
    assert triage.compare_levels("routine", "same-day") < 0
    assert triage.compare_levels("urgent", "urgent") == 0
    assert triage.most_urgent(["routine", "urgent", "monitor"]) == "urgent"
    assert triage.most_urgent([]) == "monitor"


def test_under_triage_and_its_critical_form():
    assert triage.is_under_triage("same-day", "urgent")
    assert not triage.is_under_triage("emergency", "urgent")
    assert not triage.is_under_triage("urgent", "urgent")
    assert triage.is_critical_under_triage("same-day", "urgent")
    assert triage.is_critical_under_triage("urgent", "emergency")
    assert not triage.is_critical_under_triage("monitor", "same-day")
    assert not triage.is_critical_under_triage("emergency", "urgent")


def test_grade_level():
    assert triage.grade_level("urgent", "urgent") == triage.LevelGrade("urgent", "urgent", "correct", 0, False)
    assert triage.grade_level("emergency", "same-day").verdict == "over"
    under = triage.grade_level("routine", "emergency")
    assert (under.verdict, under.steps, under.critical, under.correct) == ("under", 3, True, False)
    with pytest.raises(ValueError, match="unknown chosen level 'asap'"):
        triage.grade_level("asap", "urgent")


# --- The course's cases (curriculum section 7) ---------------------------------------


@pytest.mark.parametrize(
    ("procedure", "day", "findings", "level"),
    [
        ("lip-filler", 3, {"clustered-pustules", "dusky-skin", "net-pattern", "severe-pain"}, "urgent"),  # A
        ("lip-filler", 1, {"tingling"}, "same-day"),  # B, day 1
        ("lip-filler", 2, {"tingling", "grouped-blisters"}, "urgent"),  # B, day 2 (audit C1)
        ("lip-filler", 14, {"yellow-dots-seen-before"}, "routine"),  # C
        ("microneedling", 28, {"firm-white-bumps"}, "routine"),  # D
        ("microneedling", 3, {"scattered-pimples"}, "routine"),  # E, day 3
        ("microneedling", 7, {"scattered-pimples", "severe-pain", "spreading-redness"}, "urgent"),  # E, worse
        ("microneedling", 7, {"scattered-pimples", "redness-increasing"}, "same-day"),  # E, worse
        ("rf-microneedling", 5, {"severe-pain", "warmth", "honey-crusts"}, "same-day"),  # F without fever
        ("rf-microneedling", 5, {"severe-pain", "warmth", "honey-crusts", "fever"}, "urgent"),  # F as written
        ("microneedling", 21, {"persistent-itchy-papules"}, "same-day"),  # G
        ("microneedling", 10, {"dark-patches"}, "routine"),  # I
        ("lip-filler", 0, {"blanching", "severe-pain"}, "urgent"),  # J
        ("lip-filler", 0, {"blanching", "vision-change"}, "emergency"),  # J, eye involved
    ],
)
def test_the_course_cases_get_the_expected_level(procedure, day, findings, level):
    assert assess(procedure, day, findings).level == level
