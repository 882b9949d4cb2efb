from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True, scope="session")
def own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The tests keep content and drawings in a folder of their own, not in the user's cache
    (a developer's ``COURSE_CACHE_DIR``, such as ``off``, still wins)."""
    folder = tmp_path_factory.mktemp("course-cache")
    before = os.environ.get("COURSE_CACHE_DIR")
    os.environ.setdefault("COURSE_CACHE_DIR", str(folder))
    yield folder
    if before is None:
        os.environ.pop("COURSE_CACHE_DIR", None)


@pytest.fixture
def valid_data(tmp_path: Path) -> Path:
    """A fresh copy of the tiny valid data set, safe to break."""
    target = tmp_path / "data"
    shutil.copytree(TEST_DATA / "valid", target)
    return target


_BLOCK_END = re.compile(r"</(li|h\d|p|ul|ol|dl|dt|dd|section|div|td|th|tr|title|summary|caption)>|<br>")


def text_of(markup: str) -> str:
    """What a reader sees: tags removed (block ends become spaces), entities decoded, whitespace folded."""
    spaced = _BLOCK_END.sub(" ", markup)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", spaced))).strip()
