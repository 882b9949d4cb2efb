"""Class results: made-up exports (course.progress.record of course.quiz.grade on real items) merged into
a gradebook, item analysis, objectives met, critical errors and an HTML report; bad files reported, not fatal."""

from __future__ import annotations

import csv
import importlib.util
import json
import math
import re
import statistics
from pathlib import Path

import pytest

import course.progress as pg
from course.class_report import PRIVACY_NOTE, build_report, point_biserial
from course.cli import main
from course.content import load_course
from course.quiz import grade
from tests.conftest import REPO
from tests.test_imports import VIEW_LIBRARIES, loaded

COURSE = load_course()
BANK = next(b for b in COURSE.banks if b.id == "01-skin-healing")
ITEMS = ["phase-of-sign-a", "phase-of-sign-b", "phase-timing-a", "milia-origin-a"]

_spec = importlib.util.spec_from_file_location("class_report_benchmark", REPO / "benchmarks" / "class_report.py")
assert _spec is not None and _spec.loader is not None
benchmark = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchmark)


def _key(item_id: str) -> str:
    return next(o.id for o in BANK.item(item_id).options if o.correct)


def _wrong(item_id: str) -> str:
    return next(o.id for o in BANK.item(item_id).options if not o.correct)


def _learner(number: int, pattern: str, certainty: int | None = None) -> pg.Progress:
    """A learner answering ITEMS right (1) or wrong (0) as ``pattern`` says."""
    progress = pg.new_progress(f"learner-{number:06x}")
    for item_id, right in zip(ITEMS, pattern, strict=True):
        answer = _key(item_id) if right == "1" else _wrong(item_id)
        progress = pg.record(progress, BANK.id, grade(BANK.item(item_id), answer, certainty), attempt=1)
    return progress


def _write(folder: Path, progress: pg.Progress, name: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / (name or pg.export_name(progress))
    path.write_text(pg.export_progress(progress), encoding="utf-8")
    return path


# Five learners, four items: the worked example of the tests below.
PATTERNS = ["1111", "1110", "1010", "0100", "0000"]


@pytest.fixture
def small_class(tmp_path: Path) -> list[Path]:
    files = [_write(tmp_path / "in", _learner(n, p)) for n, p in enumerate(PATTERNS[:-1], start=1)]
    files.append(_write(tmp_path / "in", _learner(5, PATTERNS[-1], certainty=3)))  # wrong everywhere, fully sure
    return files


def test_difficulty_and_discrimination_match_a_hand_computation(small_class):
    report = build_report(small_class, COURSE)
    items = {i.item_id: i for i in report.items if i.bank_id == BANK.id}
    # Difficulty: the proportion right.
    assert [items[i].difficulty for i in ITEMS] == [0.6, 0.6, 0.6, 0.2]
    assert [items[i].answered for i in ITEMS] == [5, 5, 5, 5]
    # Discrimination of the first item, by hand: right 1,1,1,0,0; rest scores (other three items,
    # as a proportion) 3/3, 2/3, 1/3, 1/3, 0/3. Means right 2/3 and wrong 1/6, population sd 0.33993,
    # p = 0.6: (2/3 - 1/6) / 0.33993 * sqrt(0.24) = 0.7206.
    assert items[ITEMS[0]].discrimination == pytest.approx(0.7206, abs=1e-4)
    for index, item_id in enumerate(ITEMS):
        right = [p[index] == "1" for p in PATTERNS]
        rest = [(p.count("1") - (p[index] == "1")) / 3 for p in PATTERNS]
        assert items[item_id].discrimination == pytest.approx(statistics.correlation([float(r) for r in right], rest))
    # Options chosen: the keyed option by those right, the first distractor by the others.
    first = {c.id: (c.count, c.keyed) for c in items[ITEMS[0]].choices}
    assert first[_key(ITEMS[0])] == (3, True) and first[_wrong(ITEMS[0])] == (2, False)
    # Confident but wrong: only the fifth learner rated certainty, at 3, and was wrong everywhere.
    assert [items[i].confident_wrong for i in ITEMS] == [1, 1, 1, 1]
    # Items nobody answered have no statistics, and reflections never get any.
    untouched = next(i for i in report.items if i.item_id == "phase-timing-b")
    assert untouched.answered == 0 and untouched.difficulty is None and untouched.discrimination is None
    reflection = next(i for i in report.items if i.item_type == "free-text")
    assert reflection.difficulty is None and reflection.discrimination is None


def test_point_biserial_is_missing_when_everyone_or_no_one_is_right():
    assert point_biserial([True, True, True], [0.1, 0.5, 0.9]) is None
    assert point_biserial([False, False], [0.1, 0.5]) is None
    assert point_biserial([True, False], [0.5, 0.5]) is None
    assert point_biserial([True, False], [1.0, 0.0]) == pytest.approx(1.0)


def test_the_gradebook_has_one_row_per_pseudonym_and_objectives_use_summarise(small_class, tmp_path):
    assert main(["class-report", *map(str, small_class), "--out", str(tmp_path / "out")]) == 0
    with (tmp_path / "out" / "gradebook.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["pseudonym"] for r in rows] == [f"learner-{n:06x}" for n in range(1, 6)]
    assert [r["items_answered"] for r in rows] == ["4"] * 5
    assert [r["score"] for r in rows] == [str(p.count("1")) for p in PATTERNS]
    assert [r["max_score"] for r in rows] == ["4"] * 5
    report = build_report(small_class, COURSE)
    dashboards = [pg.summarise(pg.import_progress(f.read_bytes()), COURSE.banks) for f in small_class]
    assert [r["objectives_met"] for r in rows] == [str(d.objectives_met) for d in dashboards]
    assert [r["must_pass_open"] for r in rows] == [str(len(d.must_pass_open)) for d in dashboards]
    # L1.O1 is met by answering two of its items right: learners 1, 2 and 3 (and nobody else).
    met = {o.objective_id: o.met for o in report.objectives}
    assert met["L1.O1"] == 3 and met["L2.O1"] == 0
    with (tmp_path / "out" / "items.csv").open(encoding="utf-8") as handle:
        first = next(r for r in csv.DictReader(handle) if r["item"] == ITEMS[0])
    assert first["difficulty"] == "0.600" and first["discrimination_point_biserial"] == "0.721"


def _triage_item() -> tuple[str, object]:
    for bank in COURSE.banks:
        for item in bank.items:
            if item.type == "triage" and item.triage is not None and item.triage.level == "emergency":
                return bank.id, item
    raise AssertionError("no emergency triage item")


def test_critical_under_triage_is_listed_by_item_and_first_to_re_teach(small_class, tmp_path):
    bank_id, item = _triage_item()
    answer = benchmark.key_answer(item)
    too_low = {**answer, "level": "monitor"} if isinstance(answer, dict) else "monitor"
    result = grade(item, too_low)
    assert result.critical
    progress = pg.record(pg.new_progress("learner-c0ffee"), bank_id, result, attempt=1)
    progress = pg.record(progress, bank_id, grade(item, answer), attempt=2)  # right on the retry
    files = [*small_class, _write(tmp_path / "in", progress)]
    report = build_report(files, COURSE)
    (critical,) = report.critical_items
    assert (critical.bank_id, critical.item_id) == (bank_id, item.id)
    assert critical.critical_responses == 1 and critical.critical_learners == ("learner-c0ffee",)
    assert critical.correct == 1  # the latest answer counts for difficulty; the error still counts here
    assert report.reteach[0].kind == "critical" and report.reteach[0].target == f"{bank_id}/{item.id}"
    assert main(["class-report", *map(str, files), "--out", str(tmp_path / "out")]) == 0
    rows = list(csv.DictReader((tmp_path / "out" / "critical-errors.csv").open(encoding="utf-8")))
    assert rows == [
        {"bank": bank_id, "item": item.id, "critical_answers": "1", "learners": "1", "pseudonyms": "learner-c0ffee"}
    ]


def test_the_re_teach_list_names_weak_objectives_and_hard_items(small_class):
    report = build_report(small_class, COURSE)
    kinds = {(r.kind, r.target) for r in report.reteach}
    assert ("item", f"{BANK.id}/{ITEMS[3]}") in kinds  # 1 of 5 right
    assert ("item", f"{BANK.id}/{ITEMS[0]}") not in kinds  # 3 of 5 right
    assert ("objective", "L1.O2") in kinds  # nobody answered two of its items right
    assert ("objective", "L1.O1") not in kinds


def _bad_files(folder: Path, good: Path) -> dict[str, str]:
    """Every kind of file that must be skipped, with a word its reason must contain."""
    folder.mkdir(parents=True, exist_ok=True)
    doc = json.loads(good.read_text(encoding="utf-8"))
    bad: dict[str, str] = {}

    def put(name: str, text: str, reason: str) -> None:
        (folder / name).write_text(text, encoding="utf-8")
        bad[name] = reason

    put("not-json.json", "{this is not json", "malformed")
    put("a-list.json", "[1, 2, 3]", "malformed")
    put("with-a-name.json", json.dumps({**doc, "learner_id": "Jane Smith"}), "malformed")
    put("newer.json", json.dumps({**doc, "schema_version": 99}), "newer version")
    other = json.loads(json.dumps(doc))
    other["learner_id"] = "learner-0a0a0a"
    other["responses"][0]["bank_id"] = "knitting-basics"
    put("other-course.json", json.dumps(other), "another course")
    unknown = json.loads(json.dumps(doc))
    unknown["learner_id"] = "learner-0b0b0b"
    unknown["responses"][1]["item_id"] = "no-such-item"
    put("unknown-item.json", json.dumps(unknown), "another course")
    edited = json.loads(json.dumps(doc))
    edited["learner_id"] = "learner-0c0c0c"
    wrong = next(r for r in edited["responses"] if not r["correct"])
    wrong.update(score=1.0, correct=True)  # a wrong answer marked right by hand
    put("edited-score.json", json.dumps(edited), "edited by hand")
    answer = json.loads(json.dumps(doc))
    answer["learner_id"] = "learner-0d0d0d"
    answer["responses"][0]["answer"] = "an-option-the-item-does-not-have"
    put("edited-answer.json", json.dumps(answer), "edited by hand")
    huge = json.loads(json.dumps(doc))
    huge["learner_id"] = "learner-0e0e0e"
    put("huge-number.json", json.dumps(huge).replace('"max_score": 1.0', '"max_score": 1' + "0" * 400, 1), "malformed")
    put("deep.json", "[" * 100_000 + "]" * 100_000, "malformed")
    (folder / "a-folder.json").mkdir()
    bad["a-folder.json"] = "not a file"
    bad["missing.json"] = "could not be read"
    return bad


def test_bad_files_are_reported_by_name_and_skipped_and_no_file_is_changed(small_class, tmp_path, capsys):
    bad = _bad_files(tmp_path / "bad", small_class[3])  # learner 4 has right and wrong answers
    copy = tmp_path / "bad" / "copy-of-learner-1.json"
    copy.write_bytes(small_class[0].read_bytes())
    more = pg.record(
        pg.import_progress(small_class[1].read_bytes()), BANK.id, grade(BANK.item("phase-timing-b"), "hours"), 1
    )
    later = _write(tmp_path / "bad", more, "learner-2-later.json")
    inputs = [*small_class, *(tmp_path / "bad" / name for name in bad), copy, later, small_class[0]]
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in inputs if p.is_file()}

    assert main(["class-report", *map(str, inputs), "--out", str(tmp_path / "out")]) == 0
    report = build_report(inputs, COURSE)
    reasons = {Path(n.name).name: n.reason for n in report.skipped}
    for name, word in bad.items():
        assert word in reasons[name], (name, reasons[name])
    assert "duplicate" in reasons[copy.name] and "duplicate" in reasons[small_class[0].name]
    assert [Path(n.name).name for n in report.merged] == [later.name]
    assert len(report.learners) == 5  # the five learners, nobody from a skipped file
    second = next(r for r in report.learners if r.learner_id == "learner-000002")
    assert second.items_answered == 5 and second.files == (str(small_class[1]), str(later))
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in before} == before
    err = capsys.readouterr().err
    for name in bad:
        assert f"skipped {tmp_path / 'bad' / name}: " in err
    skipped = list(csv.DictReader((tmp_path / "out" / "skipped-files.csv").open(encoding="utf-8")))
    assert len(skipped) == len(bad) + 2


def test_no_usable_file_is_an_error_not_a_crash(tmp_path, capsys):
    broken = tmp_path / "broken.json"
    broken.write_text("nonsense", encoding="utf-8")
    assert main(["class-report", str(broken), "--out", str(tmp_path / "out")]) == 1
    assert "No usable progress export" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_the_html_report_is_one_offline_file_with_pseudonyms_only(small_class, tmp_path):
    bank_id, item = _triage_item()
    answer = benchmark.key_answer(item)
    low = {**answer, "level": "routine"} if isinstance(answer, dict) else "routine"
    progress = pg.record(pg.new_progress("learner-c0ffee"), bank_id, grade(item, low), attempt=1)
    files = [*small_class, _write(tmp_path / "in", progress)]
    assert main(["class-report", *map(str, files), "--out", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    images = re.findall(r"<img [^>]*>", page)
    assert len(images) == 3  # difficulty against discrimination, objectives met, options on the weakest items
    for image in images:
        assert 'src="data:image/png;base64,' in image and re.search(r'alt="[^"]{40,}"', image)
    assert not re.search(r'(src|href)="(?!data:)', page)  # nothing fetched from anywhere
    assert "What to re-teach" in page and "Critical under-triage" in page
    assert PRIVACY_NOTE.split(":")[0] in page and "keep that list yourself, outside the course" in page
    assert "Educational use only" in page and "Scope of practice" in page  # urgency levels are shown
    learners = set(re.findall(r"learner-[0-9a-f]+", page))
    assert learners == {f"learner-{n:06x}" for n in range(1, 6)} | {"learner-c0ffee", "learner-7f3a9c"}


def test_class_report_logic_loads_no_display_library():
    assert loaded("course.class_report", VIEW_LIBRARIES) == []


def test_the_benchmark_class_is_analysed_correctly(tmp_path):
    files = benchmark.make_class(tmp_path / "class", learners=24, seed=3, share=0.7)
    report = build_report(files, COURSE)
    assert len(report.learners) == 24 and not report.skipped
    latest: dict[str, dict[tuple[str, str], dict]] = {}
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        latest[doc["learner_id"]] = {(r["bank_id"], r["item_id"]): r for r in doc["responses"]}
    totals = {
        lid: (
            sum(r["score"] for r in rs.values() if r["auto_scored"]),
            sum(r["max_score"] for r in rs.values() if r["auto_scored"]),
        )
        for lid, rs in latest.items()
    }
    checked = 0
    for item in report.items:
        key = (item.bank_id, item.item_id)
        answers = {lid: rs[key] for lid, rs in latest.items() if key in rs}
        assert item.answered == len(answers)
        if not item.auto_scored or not answers:
            continue
        right = [r["correct"] for r in answers.values()]
        assert item.difficulty == pytest.approx(sum(right) / len(right))
        rest = [(totals[lid][0] - r["score"]) / (totals[lid][1] - r["max_score"]) for lid, r in answers.items()]
        if len(set(right)) == 2 and len(set(rest)) > 1:
            expected = statistics.correlation([float(x) for x in right], rest)
            assert item.discrimination == pytest.approx(expected)
            checked += 1
        assert not math.isnan(item.difficulty)
    assert checked > 100
    gradebook = {r.learner_id: r for r in report.learners}
    for lid, (score, max_score) in totals.items():
        assert gradebook[lid].score == pytest.approx(score) and gradebook[lid].max_score == pytest.approx(max_score)
