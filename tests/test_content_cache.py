"""A load that passed is kept between kernels, and never hides a changed or broken file."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from course import content
from course.content import ContentError, load_course
from tests.conftest import REPO


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COURSE_CACHE_DIR", str(folder))
    content._load_cached.cache_clear()  # as a new kernel: nothing loaded in this process yet
    yield folder
    content._load_cached.cache_clear()


def fresh_load(data: Path) -> content.Course:
    """What a new kernel gets: the in-process copy is gone, the kept one is not."""
    content._load_cached.cache_clear()
    return load_course(data)


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(path: Path) -> None:
        raise AssertionError(f"{path} was parsed again")

    monkeypatch.setattr(content, "load_yaml", fail)


def test_a_second_kernel_gets_the_same_course_without_parsing(cache, valid_data, monkeypatch):
    first = fresh_load(valid_data)
    assert len(list(cache.glob("content/*/documents.pickle"))) == 1
    no_parsing(monkeypatch)
    second = fresh_load(valid_data)
    assert second == first
    assert second.procedures["lip-filler"].title == first.procedures["lip-filler"].title
    assert second.data_dir == valid_data.resolve()


def test_a_changed_file_is_read_again(cache, valid_data):
    fresh_load(valid_data)
    path = valid_data / "procedures" / "lip-filler.yaml"
    path.write_text(path.read_text().replace("title: Lip filler", "title: Lip augmentation", 1))
    assert fresh_load(valid_data).procedures["lip-filler"].title.startswith("Lip augmentation")
    assert len(list(cache.glob("content/*"))) == 1, "an old version is dropped when a new one is kept"


def test_a_broken_file_is_reported_even_after_a_good_load(cache, valid_data):
    fresh_load(valid_data)
    path = valid_data / "procedures" / "lip-filler.yaml"
    path.write_text(path.read_text().replace("title:", "titel:", 1))
    with pytest.raises(ContentError) as raised:
        fresh_load(valid_data)
    assert "lip-filler.yaml:" in str(raised.value)


def test_a_new_file_is_read(cache, valid_data):
    fresh_load(valid_data)
    (valid_data / "conditions" / "stray.yml").write_text("id: stray\n")
    with pytest.raises(ContentError, match=r"stray\.yml:1: \(file\): name YAML files with \.yaml"):
        fresh_load(valid_data)


def test_a_damaged_kept_copy_costs_only_time(cache, valid_data):
    first = fresh_load(valid_data)
    (kept,) = cache.glob("content/*/documents.pickle")
    kept.write_bytes(b"not a pickle")
    assert fresh_load(valid_data) == first
    assert kept.read_bytes() != b"not a pickle", "a good copy replaces the damaged one"


def test_with_the_cache_off_nothing_is_kept(tmp_path, valid_data, monkeypatch):
    monkeypatch.setenv("COURSE_CACHE_DIR", "off")
    content._load_cached.cache_clear()
    assert fresh_load(valid_data).procedures
    content._load_cached.cache_clear()


def test_an_unwritable_cache_costs_only_time(tmp_path, valid_data, monkeypatch):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("COURSE_CACHE_DIR", str(blocked))
    assert fresh_load(valid_data).procedures
    content._load_cached.cache_clear()


def test_the_hash_covers_every_module_that_reads_the_files():
    """A module the loader imports is in the hash, so editing it reads the files again."""
    code = (
        "import json, sys\nfrom course.content import load_course\nload_course()\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('course'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    not_reading = {"course", "course.locations", "course._keep"}  # where files are, not what they mean
    assert set(json.loads(result.stdout)) - not_reading == set(content._LOADER_MODULES)
