"""The course as a website (``make site``): Jupyter Book 1 over the notebooks' stored outputs.

:func:`write_book` lays out a book's source: every lesson and exercise notebook as learners
get it (no instructor cells) with each widget in its static form, as ``make html`` shows it
(quizzes and cases with their answers in reveal blocks, a timeline on its default day);
the glossary, the references and the illustrations each as one page; and the instructor
guide (the class guide and one answer key per lesson) in a section of its own.
:func:`build_site` runs Jupyter Book on it with warnings as errors, from the stored outputs
(nothing is executed), and copies require.js and the widget manager into the site, so
every script is served from the site itself.

Launch buttons (Binder, or a JupyterHub through nbgitpuller) appear only when a
repository URL is given.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import nbformat
import yaml
from docutils.nodes import make_id  # type: ignore[import-untyped]
from nbconvert.preprocessors import TagRemovePreprocessor

from course._export import PreferStaticForms, copy_web_scripts
from course.builds import INSTRUCTOR_TAG, lesson_keys, source_notebooks
from course.content import Course
from course.render.answer_key import lesson_key_body, lesson_key_title
from course.render.class_guide import guide_body

__all__ = ["SiteError", "SiteOptions", "build_site", "jupyter_anchor", "section_id", "write_book"]

LOOK_UP = ("glossary", "references", "illustrations")
TITLE = "White spots, milia and breakouts after aesthetic treatments"
# The site's own files (the widget manager, course-site.js) go to its _static folder from a folder of
# their own: Jupyter Book would put every script found in the book's _static folder on every page.
SITE_STATIC = "_site_static"
WIDGET_SCRIPTS: dict[str, dict[str, str]] = {
    # Loaded, in this order, by pages with widgets; copied from node_modules (and written) into _static.
    "require.js": {},
    "widget-paths.js": {},
    "html-manager/embed-amd.js": {},
}
# The widget manager finds its icon fonts next to the address require.js gives its modules, by default
# the page's own folder: point its modules at _static/html-manager, where the fonts are.
_WIDGET_PATHS_JS = """/* The course website: the widget manager's modules and fonts are in _static/html-manager. */
(function () {
  var folder = document.currentScript.src.replace(/[^/]*$/, "");
  var manager = folder + "html-manager";
  require.config({paths: {"@jupyter-widgets": manager, "@jupyter-widgets/html-manager/dist": manager}});
})();
"""
# Characters that mean something in Markdown (MyST), escaped in text taken from the data.
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~$:^-])")
# A link to a heading of the same notebook, by Jupyter's anchor ("#Key-points").
_JUPYTER_ANCHOR = re.compile(r'href="#([^"]+)"')
# A citation marker's link to its entry in the lesson's reference list (course.citations):
# [3](#ref-MURRAY-VO21 "Murray G, ... 2021."). The entry is in a cell's output, which Sphinx does not read.
_CITATION_LINK = re.compile(r'\[([0-9]+)\]\(#(ref-[A-Za-z0-9-]+)(?:\s+"([^"]*)")?\)')
# A link from an output's HTML to another notebook of the course: the page it became.
_NOTEBOOK_HREF = re.compile(r'href="((?:\.\./)?(?:notebooks/|exercises/)?[A-Za-z0-9_-]+)\.ipynb(#[^"]*)?"')


class SiteError(RuntimeError):
    """The website could not be built (Jupyter Book failed, or gave a warning)."""


@dataclass(frozen=True)
class SiteOptions:
    """Where launch buttons point; without ``repo_url`` the site has none."""

    repo_url: str | None = None
    branch: str = "main"
    hub_url: str | None = None
    binder: bool = True


def jupyter_anchor(title: str) -> str:
    """A heading's anchor as Jupyter makes it ("Key points" -> "Key-points"), so the lessons' links resolve.

    Jupyter Book calls this for every heading (``myst_heading_slug_func``).
    """
    return title.strip().replace(" ", "-")


def section_id(anchor: str) -> str:
    """The id Sphinx gives the heading that Jupyter's ``anchor`` names ("Key-points" -> "key-points")."""
    return str(make_id(anchor.replace("-", " ")))


def _anchors_on(page: str, html: str) -> str:
    """``html`` with its links to headings by Jupyter's anchors pointing at those headings on ``page``."""
    return _JUPYTER_ANCHOR.sub(lambda m: f'href="{page}#{section_id(unquote(m.group(1)))}"', html)


def _text(value: str) -> str:
    """Plain text from the course data, safe in a Markdown paragraph."""
    return _MARKDOWN.sub(r"\\\1", " ".join(value.split()))


def _site_notebook(notebook: Any) -> Any:
    """What a page of the site shows: no instructor cells, each widget in its static form, links to pages."""
    copy = nbformat.from_dict(notebook)
    resources: dict[str, Any] = {}
    for step in (TagRemovePreprocessor(remove_cell_tags={INSTRUCTOR_TAG}), PreferStaticForms()):
        copy, resources = step.preprocess(copy, resources)
    for cell in copy.cells:
        if cell.cell_type == "markdown":
            cell.source = _CITATION_LINK.sub(_citation_anchor, cell.source)
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text/html" in data:
                html = data["text/html"]
                html = "".join(html) if isinstance(html, list) else html
                data["text/html"] = _NOTEBOOK_HREF.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', html)
    return copy


def _citation_anchor(marker: re.Match[str]) -> str:
    """The marker as an HTML link: the browser finds the entry's id in the reference list's output."""
    number, target, title = marker.group(1), marker.group(2), marker.group(3)
    titled = f' title="{escape(title)}"' if title else ""
    return f'<a href="#{escape(target)}"{titled}>{escape(number)}</a>'


def _page(title: str, *blocks: str) -> str:
    return "\n\n".join((f"# {_text(title)}", *blocks)) + "\n"


def _raw_html(markup: object) -> str:
    # Markup built by course.render, where every piece of text is escaped.
    return "```{raw} html\n" + str(markup) + "\n```"


def glossary_page(course: Course) -> str:
    """Every glossary term with its definition and sources, in alphabetical order: one searchable page."""
    entries = []
    for term in sorted(course.terms.values(), key=lambda t: t.term.lower()):
        cited = f" \\[{', '.join(_text(r) for r in term.refs)}\\]" if term.refs else ""
        see = [course.terms[t].term for t in term.see_also if t in course.terms]
        also = f" See also: {_text(', '.join(see))}." if see else ""
        entries.append(f"{_text(term.term)}\n: {_text(term.definition)}{cited}{also}")
    intro = "The words the lessons use, in plain language. Keys in square brackets are on the references page."
    return _page("Glossary", intro, "\n\n".join(entries))


def references_page(course: Course) -> str:
    """Every source the course cites, by key, with what of it was read: one searchable page."""
    items = []
    for ref in sorted(course.references.values(), key=lambda r: r.key):
        year = ref.year if ref.year is not None else "n.d."
        entry = f"{ref.authors} ({year}). {ref.title}. {ref.venue}. {ref.locator}."
        caveat = f" {_text(ref.caveat)}" if ref.caveat else ""
        items.append(f"- **\\[{_text(ref.key)}\\]** {_text(entry)} *Read: {_text(ref.read)}*{caveat}")
    intro = "The sources behind the course's clinical statements. *Read* says what of each source was read."
    return _page("References", intro, "\n".join(items))


def illustrations_page(pictures: Sequence[tuple[str, str, str, str]]) -> str:
    """The illustrations as (group title, row title, image path, alternative text), grouped as the atlas is."""
    blocks: list[str] = [
        "Illustrations, not photographs. Each condition is drawn on three skin-tone groups with the same shapes,"
        " so only the colour contrast changes. Values marked approximate await clinical review."
    ]
    group = row = None
    for group_title, row_title, path, alt in pictures:
        if group_title != group:
            group, row = group_title, None
            blocks.append(f"## {_text(group_title)}")
        if row_title != row:
            row = row_title
            blocks.append(f"### {_text(row_title)}")
        words = " ".join(alt.split())
        blocks.append(f":::{{figure}} {path}\n:alt: {words}\n:width: 640px\n\n{_text(words)}\n:::")
    return _page("Illustrations", *blocks)


def _write_illustrations(out: Path, course: Course) -> list[tuple[str, str, str, str]]:
    from course.appearance import alt_text, catalogue
    from course.illustrations import render_png

    folder = out / "illustrations"
    folder.mkdir(parents=True, exist_ok=True)
    pictures = []
    for item in catalogue(course):
        (folder / f"{item.id}.png").write_bytes(render_png(item, course=course))
        pictures.append((item.group_title, item.title, f"illustrations/{item.id}.png", alt_text(item, course)))
    return pictures


def home_page(course: Course) -> str:
    lessons = "\n".join(
        f"{lesson.number}. [{_text(lesson.title)}]({lesson.notebook}) ({lesson.minutes} min): {_text(lesson.summary)}"
        for lesson in course.lessons
    )
    return _page(
        TITLE,
        "An open course on why white spots, milia and breakouts appear after lip filler, microneedling,"
        " RF microneedling, laser resurfacing and chemical peels; how to tell the look-alikes apart over the days"
        " after a treatment; how to prevent them; and when a white spot is an emergency.",
        "```{important}\n**Educational use only.** This course is not medical advice and its rules are not"
        " validated for real patients. Anyone with a concern after a treatment should contact the practitioner"
        " who treated them; for vision change, facial weakness or trouble breathing, call emergency services.\n```",
        "This website is for reading, reviewing and looking things up: every quiz, case and timeline is shown in"
        " a static form, with the answers in reveal blocks. To answer the questions and keep your progress, open"
        " the lessons in JupyterLab or in learner mode.",
        "## The lessons",
        lessons,
        "## Also here",
        "- [Practice](exercises/practice-quiz.ipynb): timelines, the symptom checker, unfolding cases, picture"
        " questions.\n- [Glossary](glossary.md), [References](references.md) and [Illustrations](illustrations.md)."
        "\n- [For instructors](instructor/class-guide.md): the class guide and an answer key per lesson.",
    )


def _config(options: SiteOptions) -> dict[str, Any]:
    html: dict[str, Any] = {"use_multitoc_numbering": False, "home_page_in_navbar": True}
    config: dict[str, Any] = {
        "title": TITLE,
        "author": "The course authors",
        "copyright": "the course authors (code MIT, content CC BY 4.0)",
        "only_build_toc_files": True,
        "exclude_patterns": ["_build", "**.ipynb_checkpoints"],
        # The site shows the notebooks' stored outputs: nothing is run.
        "execute": {"execute_notebooks": "off"},
        "parse": {"myst_enable_extensions": ["colon_fence", "deflist"]},
        "html": html,
        "latex": {"latex_documents": {"targetname": "book.tex"}},
        "sphinx": {
            "config": {
                "language": "en",
                "html_static_path": [SITE_STATIC],
                "html_js_files": ["course-site.js"],
                # Jupyter Book's list without what the site does not use: copy buttons (no code is shown),
                # Thebe (live code from a CDN), intersphinx. (sphinx_comments stays: Jupyter Book always
                # sets its setting, comments are off.)
                "extensions": [
                    "sphinx_togglebutton",
                    "myst_nb",
                    "jupyter_book",
                    "sphinx_comments",
                    "sphinx_external_toc",
                    "sphinx_design",
                    "sphinx_book_theme",
                ],
                # The theme's colour mode: light unless the reader chooses (no "invalid theme mode" in the console).
                "html_context": {"default_mode": "light"},
                # The learner never sees code: the site shows what each cell shows.
                "nb_remove_code_source": True,
                # Widgets (those without a static form) render with the copies in _static, not a CDN's.
                "nb_ipywidgets_js": WIDGET_SCRIPTS,
                # The lessons link to headings by Jupyter's anchors ("#Key-points").
                "myst_heading_anchors": 4,
                "myst_heading_slug_func": "course.site.jupyter_anchor",
                "html_last_updated_fmt": None,
            }
        },
    }
    if options.repo_url:
        config["repository"] = {"url": options.repo_url, "branch": options.branch, "path_to_book": ""}
        launch: dict[str, Any] = {"notebook_interface": "jupyterlab"}
        if options.binder:
            launch["binderhub_url"] = "https://mybinder.org"
        if options.hub_url:
            launch["jupyterhub_url"] = options.hub_url
        config["launch_buttons"] = launch
    return config


def _toc(course: Course, exercises: Sequence[str], keys: Sequence[str]) -> dict[str, Any]:
    lessons = [Path(lesson.notebook).with_suffix("").as_posix() for lesson in course.lessons]
    return {
        "format": "jb-book",
        "root": "index",
        "parts": [
            {"caption": "Lessons", "chapters": [{"file": f} for f in [*lessons, "notebooks/my-progress"]]},
            {"caption": "Practice", "chapters": [{"file": f} for f in exercises]},
            {"caption": "Look things up", "chapters": [{"file": f} for f in LOOK_UP]},
            {
                "caption": "For instructors",
                "chapters": [{"file": "instructor/class-guide", "sections": [{"file": k} for k in keys]}],
            },
        ],
    }


def write_book(repo: Path, out: Path, course: Course, options: SiteOptions | None = None) -> Path:
    """Write the book's source into ``out`` (replacing it); return ``out``."""
    options = options or SiteOptions()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    exercises = []
    for path in source_notebooks(repo):
        relative = path.relative_to(repo)
        target = out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(_site_notebook(nbformat.read(path, as_version=4)), target)
        if relative.parts[0] == "exercises":
            exercises.append(relative.with_suffix("").as_posix())
    lessons_listed = {lesson.notebook for lesson in course.lessons} | {"notebooks/my-progress.ipynb"}
    unlisted = [p for p in source_notebooks(repo) if p.relative_to(repo).parts[0] == "notebooks"]
    unlisted = [p for p in unlisted if p.relative_to(repo).as_posix() not in lessons_listed]
    if unlisted:
        raise SiteError(f"notebooks not in the syllabus: {', '.join(p.name for p in unlisted)}")

    (out / "index.md").write_text(home_page(course), encoding="utf-8")
    (out / "glossary.md").write_text(glossary_page(course), encoding="utf-8")
    (out / "references.md").write_text(references_page(course), encoding="utf-8")
    (out / "illustrations.md").write_text(illustrations_page(_write_illustrations(out, course)), encoding="utf-8")

    guide = out / "instructor"
    guide.mkdir()
    intro = (
        "For instructors: outcomes in plain words, two timed schedules and how to run the room; then one answer"
        " key per lesson (its facilitation notes, every question's key and feedback, every case's decisions)."
    )
    (guide / "class-guide.md").write_text(_page("Class guide", intro, _raw_html(guide_body(course))), "utf-8")
    keys = []
    for lesson_key in lesson_keys(repo, course):
        name = f"answer-key-{Path(lesson_key.lesson.notebook).stem}"
        # The facilitation notes link to headings of their lesson: here, on the lesson's page.
        page = f"../{Path(lesson_key.lesson.notebook).with_suffix('.html').as_posix()}"
        body = _raw_html(_anchors_on(page, str(lesson_key_body(lesson_key, course))))
        (guide / f"{name}.md").write_text(_page(lesson_key_title(lesson_key), body), encoding="utf-8")
        keys.append(f"instructor/{name}")

    (out / "_config.yml").write_text(yaml.safe_dump(_config(options), sort_keys=False), encoding="utf-8")
    (out / "_toc.yml").write_text(yaml.safe_dump(_toc(course, exercises, keys), sort_keys=False), encoding="utf-8")
    _copy_scripts(out / SITE_STATIC)
    (out / SITE_STATIC / "course-site.js").write_text(_THEME_FIXES_JS, encoding="utf-8")
    return out


# On every page (html_js_files): mends what axe finds in the theme (WCAG 2.5.3 label in name,
# 4.1.2 name of the navigation's expand buttons) and in ipywidgets' slider (4.1.2, as make html does).
_THEME_FIXES_JS = """/* The course website: accessible names the theme leaves out or contradicts. */
(function () {
  function mend() {
    document.querySelectorAll('.search-button__button[aria-label]').forEach(function (button) {
      button.removeAttribute('aria-label');  /* its visible words, "Search Ctrl+K", name it */
    });
    document.querySelectorAll('.theme-switch-button svg title').forEach(function (title) {
      /* the button's own label, "Color mode", names it: its icons are decoration */
      var icon = title.parentElement;
      icon.removeAttribute('aria-labelledby');
      icon.setAttribute('aria-hidden', 'true');
      title.remove();
    });
    document.querySelectorAll('nav li.has-children > details > summary:not([aria-label])').forEach(function (summary) {
      var link = summary.parentElement.parentElement.querySelector('a');
      summary.setAttribute('aria-label', 'Pages under ' + (link ? link.textContent.trim() : 'this page'));
    });
    /* ipywidgets' static slider handle has role="slider" but no name: its visible label names it */
    document.querySelectorAll('.widget-slider').forEach(function (slider) {
      var label = slider.querySelector('.widget-label');
      var text = label ? label.textContent.trim() : '';
      slider.querySelectorAll('.noUi-handle:not([aria-label])').forEach(function (handle) {
        if (text) { handle.setAttribute('aria-label', text); }
      });
    });
  }
  new MutationObserver(mend).observe(document.documentElement, {childList: true, subtree: true});
  document.addEventListener('DOMContentLoaded', mend);
})();
"""


def _copy_scripts(static: Path, node_modules: Path | None = None) -> None:
    """require.js and the widget manager, for the site's ``_static``, so no page loads a script from a CDN."""
    try:
        copy_web_scripts(static, node_modules)
    except FileNotFoundError as missing:
        raise SiteError(str(missing)) from None
    (static / "widget-paths.js").write_text(_WIDGET_PATHS_JS, encoding="utf-8")


def build_site(source: Path, out: Path) -> Path:
    """Build the book in ``source`` with Jupyter Book, warnings as errors; the site goes to ``out``."""
    jupyter_book = Path(sys.executable).parent / "jupyter-book"
    command = [str(jupyter_book), "build", str(source), "--warningiserror", "--keep-going", "--quiet"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = result.stdout[-6000:] + result.stderr[-6000:]
        raise SiteError(f"Jupyter Book failed (exit {result.returncode}):\n{output}")
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(source / "_build" / "html", out)
    return out
