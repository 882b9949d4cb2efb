from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture
def valid_data(tmp_path: Path) -> Path:
    """A fresh copy of the tiny valid data set, safe to break."""
    target = tmp_path / "data"
    shutil.copytree(TEST_DATA / "valid", target)
    return target
