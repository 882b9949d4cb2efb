"""Launch links: Binder and nbgitpuller, for this repository or a fork."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from course.links import binder_badge, binder_link, hub_link
from tests.conftest import REPO


def test_binder_link_for_a_github_repository_opens_the_start_notebook_in_jupyterlab():
    link = binder_link("https://github.com/someone/whitespots-course.git", "main")
    assert link == (
        "https://mybinder.org/v2/gh/someone/whitespots-course/main?urlpath=lab%2Ftree%2Fnotebooks%2F00-start-here.ipynb"
    )
    assert binder_badge("https://github.com/someone/whitespots-course").startswith("[![Launch the course on Binder]")


def test_binder_link_for_other_hosts_uses_the_generic_git_provider():
    link = binder_link("https://codeberg.org/someone/course", "teaching")
    assert link.startswith("https://mybinder.org/v2/git/https%3A%2F%2Fcodeberg.org%2Fsomeone%2Fcourse/teaching?")
    assert "/v2/gl/someone%2Fcourse/" in binder_link("https://gitlab.com/someone/course")


def test_hub_link_pulls_the_repository_and_opens_the_start_notebook_inside_its_folder():
    link = hub_link("https://hub.example.org/", "https://github.com/someone/whitespots-course", "spring-class")
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://hub.example.org/hub/user-redirect/git-pull"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {
        "repo": "https://github.com/someone/whitespots-course",
        "branch": "spring-class",
        "urlpath": "lab/tree/whitespots-course/notebooks/00-start-here.ipynb",
    }
    assert "urlpath=lab%2Ftree%2F" in link  # encoded, as nbgitpuller's own link generator does
    assert unquote(link).count("?") == 1


@pytest.mark.parametrize("bad", ["github.com/someone/course", "ftp://example.org/x", "https://github.com/"])
def test_a_bad_repository_url_is_named(bad):
    with pytest.raises(ValueError, match="repository URL"):
        binder_link(bad)


def run_link(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "course", "link", *args], cwd=REPO, capture_output=True, text=True)


def test_the_command_prints_one_link_or_says_what_is_missing():
    assert (
        run_link("--binder", "https://github.com/a/b").stdout.strip().startswith("https://mybinder.org/v2/gh/a/b/main")
    )
    hub = run_link("--hub", "https://hub.example.org", "--repo", "https://github.com/a/b", "--branch", "x")
    assert hub.returncode == 0 and "git-pull?repo=" in hub.stdout
    missing = run_link("--hub", "https://hub.example.org")
    assert missing.returncode == 2 and "--repo" in missing.stderr
    bad = run_link("--binder", "not a url")
    assert bad.returncode == 2 and "https://" in bad.stderr and "Traceback" not in bad.stderr


def test_the_hub_link_opens_the_folder_nbgitpuller_makes_even_for_a_dot_git_address():
    from urllib.parse import parse_qs, urlsplit

    from course.links import hub_link

    for repo, folder in (("https://github.com/o/course.git", "course.git"), ("https://github.com/o/course/", "course")):
        query = parse_qs(urlsplit(hub_link("https://hub.example.org", repo)).query)
        assert query["urlpath"] == [f"lab/tree/{folder}/notebooks/00-start-here.ipynb"]
        assert query["repo"] == [repo]


def test_the_link_command_prints_a_binder_badge(capsys):
    from course.cli import main

    assert main(["link", "--binder", "https://github.com/o/course", "--badge"]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith(
        "[![Launch the course on Binder](https://mybinder.org/badge_logo.svg)](https://mybinder.org/v2/gh/o/course/main?urlpath="
    )


def test_learner_mode_links_open_the_start_notebook_in_voila():
    binder = binder_link("https://github.com/someone/whitespots-course", learner_mode=True)
    assert binder.endswith("?urlpath=voila%2Frender%2Fnotebooks%2F00-start-here.ipynb")
    hub = hub_link("https://hub.example.org", "https://github.com/someone/whitespots-course", learner_mode=True)
    query = {k: v[0] for k, v in parse_qs(urlsplit(hub).query).items()}
    assert query["urlpath"] == "voila/render/whitespots-course/notebooks/00-start-here.ipynb"
    printed = subprocess.run(
        [sys.executable, "-m", "course", "link", "--learner-mode", "--binder", "https://github.com/o/r"],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout.strip()
    assert printed == binder_link("https://github.com/o/r", learner_mode=True)
