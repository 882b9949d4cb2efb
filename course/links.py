"""Links that open the course's start notebook: on Binder, or on a JupyterHub through nbgitpuller.

A fork gets its own links by passing its own repository URL::

    python -m course link --binder https://github.com/OWNER/REPO
    python -m course link --hub https://hub.example.org --repo https://github.com/OWNER/REPO --branch main

``--learner-mode`` opens the start notebook in Voilà (``voila/render/...``) instead of JupyterLab.

Pure string building: nothing here contacts the network.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode, urlsplit

__all__ = ["START_NOTEBOOK", "binder_badge", "binder_link", "hub_link"]

START_NOTEBOOK = "notebooks/00-start-here.ipynb"
_BINDER = "https://mybinder.org/v2"
#: Where a link opens a notebook: JupyterLab, or learner mode (Voilà, no code).
_OPEN_IN = {False: "lab/tree/", True: "voila/render/"}


def _repo_parts(repo_url: str) -> tuple[str, str, str]:
    """(host, owner/name path, name) of a repository URL, with any .git suffix removed."""
    parts = urlsplit(repo_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(
            f"repository URL must start with https:// (got {repo_url!r}), e.g. https://github.com/OWNER/REPO"
        )
    path = re.sub(r"\.git$", "", parts.path.strip("/"))
    if not path:
        raise ValueError(f"repository URL {repo_url!r} names no repository, e.g. https://github.com/OWNER/REPO")
    return parts.netloc.lower(), path, path.rsplit("/", 1)[-1]


def binder_link(repo_url: str, branch: str = "main", notebook: str = START_NOTEBOOK, learner_mode: bool = False) -> str:
    """The Binder URL that builds ``repo_url`` at ``branch`` and opens ``notebook`` in JupyterLab (or Voilà)."""
    host, path, _ = _repo_parts(repo_url)
    target = f"?urlpath={quote(_OPEN_IN[learner_mode] + notebook, safe='')}"
    ref = quote(branch, safe="")
    if host == "github.com" and path.count("/") == 1:
        return f"{_BINDER}/gh/{path}/{ref}{target}"
    if host == "gitlab.com":
        return f"{_BINDER}/gl/{quote(path, safe='')}/{ref}{target}"
    return f"{_BINDER}/git/{quote(f'https://{host}/{path}', safe='')}/{ref}{target}"


def binder_badge(repo_url: str, branch: str = "main") -> str:
    """A Markdown "launch Binder" badge for the README (the badge image is Binder's own)."""
    return f"[![Launch the course on Binder](https://mybinder.org/badge_logo.svg)]({binder_link(repo_url, branch)})"


def hub_link(
    hub_url: str, repo_url: str, branch: str = "main", notebook: str = START_NOTEBOOK, learner_mode: bool = False
) -> str:
    """The nbgitpuller link: pulls ``repo_url`` into the learner's home on the hub, then opens ``notebook``
    in JupyterLab (or, with ``learner_mode``, in Voilà).

    nbgitpuller clones into a folder named after the repository, so the notebook's path is
    prefixed with it; a second click pulls new commits and merges them with the learner's
    own changes.
    """
    hub = urlsplit(hub_url.strip())
    if hub.scheme not in ("http", "https") or not hub.netloc:
        raise ValueError(f"hub URL must start with https:// (got {hub_url!r}), e.g. https://hub.example.org")
    _repo_parts(repo_url)  # checks the address
    # nbgitpuller names the folder after the address's last part as it is (".git" included).
    folder = urlsplit(repo_url.strip()).path.rstrip("/").rsplit("/", 1)[-1]
    query = urlencode(
        {"repo": repo_url.strip(), "branch": branch, "urlpath": f"{_OPEN_IN[learner_mode]}{folder}/{notebook}"},
        quote_via=quote,
    )
    base = f"{hub.scheme}://{hub.netloc}{hub.path.rstrip('/')}"
    return f"{base}/hub/user-redirect/git-pull?{query}"
