"""Fixtures for the JupyterHub test: Chromium as in the browser tests, and what a hub needs.

Without Chromium, git or configurable-http-proxy (``npm ci``) the test skips and says what
is missing; under CI (CI=true) it fails instead.
"""

from __future__ import annotations

import shutil

import pytest

from tests.browser.conftest import browser, require  # noqa: F401  (the same Chromium fixture)
from tests.hub.harness import CHP


@pytest.fixture(scope="session")
def hub_tools() -> None:
    require(shutil.which("git") is not None, "git is not installed; on Debian or Ubuntu: sudo apt-get install git")
    require(CHP.exists(), "configurable-http-proxy is not installed: run `npm ci` (needs Node.js)")
