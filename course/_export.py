"""Export notebooks to static HTML that works offline, widgets included.

nbconvert's HTML loads require.js and the widget manager from a CDN. The
course must run offline, so the export points both at local copies (the npm
packages ``requirejs`` and ``@jupyter-widgets/html-manager``, installed by
``npm ci`` into ``node_modules/``) copied next to the pages.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

from nbconvert import HTMLExporter
from nbconvert.preprocessors import Preprocessor

from course import locations

TEMPLATES = locations.resource("nbconvert")
ASSETS = "assets"
REQUIRE_JS = f"{ASSETS}/require.js"
WIDGET_RENDERER = f"{ASSETS}/html-manager/embed-amd.js"


def default_node_modules() -> Path:
    return Path(__file__).resolve().parent.parent / "node_modules"


def copy_assets(out_dir: Path, node_modules: Path | None = None) -> None:
    """Copy require.js and the widget manager into ``out_dir/assets``."""
    copy_web_scripts(out_dir / ASSETS, node_modules)


def copy_web_scripts(target: Path, node_modules: Path | None = None) -> None:
    """Copy require.js and the widget manager (``html-manager/``) into ``target``, from the local
    npm packages, so no page loads them from a CDN; FileNotFoundError if ``npm ci`` has not run."""
    modules = node_modules or default_node_modules()
    require = modules / "requirejs" / "require.js"
    manager = modules / "@jupyter-widgets" / "html-manager" / "dist"
    missing = [str(p) for p in (require, manager) if not p.exists()]
    if missing:
        raise FileNotFoundError(
            f"local web assets are missing ({', '.join(missing)}); run `npm ci` in the repository first"
        )
    target.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(require, target / "require.js")
    shutil.copytree(manager, target / "html-manager", dirs_exist_ok=True)


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class PreferStaticForms(Preprocessor):
    """Show the course's static form of a widget, not the widget, in an exported page.

    Without a kernel a quiz cannot grade, a case cannot reveal its next stage
    and a timeline cannot move its day. The course's widgets therefore also
    offer a static HTML form (every question with its answer in a reveal
    block, every case stage, the timeline's default day); an output that has
    both keeps only the static form. Widgets without one (the start notebook's
    practice slider) are still rendered by the widget manager.
    """

    def preprocess_cell(self, cell: Any, resources: dict[str, Any], index: int) -> tuple[Any, dict[str, Any]]:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_VIEW in data and "text/html" in data:
                del data[WIDGET_VIEW]
        return cell, resources


def exporter() -> HTMLExporter:
    html = HTMLExporter(template_name="course", extra_template_basedirs=[str(TEMPLATES)])
    html.register_preprocessor(PreferStaticForms(), enabled=True)
    html.require_js_url = REQUIRE_JS
    html.widget_renderer_url = WIDGET_RENDERER
    return html


# A link to another notebook of the course ("01-skin-healing.ipynb",
# "../exercises/unfolding-cases.ipynb#Case-A") points at its page in the flat site.
_NOTEBOOK_LINK = re.compile(r'href="(?:\.\./)?(?:notebooks/|exercises/)?([A-Za-z0-9_-]+)\.ipynb(#[^"]*)?"')


def link_pages(html: str) -> str:
    return _NOTEBOOK_LINK.sub(lambda m: f'href="{m.group(1)}.html{m.group(2) or ""}"', html)


def export_html(notebook: Path, out_dir: Path) -> Path:
    """Write ``notebook`` as ``out_dir/<name>.html`` from its stored outputs; return the path."""
    body, _ = exporter().from_filename(str(notebook))
    body = link_pages(body)
    out_dir.mkdir(parents=True, exist_ok=True)
    page = out_dir / f"{notebook.stem}.html"
    page.write_text(body, encoding="utf-8")
    return page


def export_site(notebooks: list[Path], out_dir: Path, node_modules: Path | None = None) -> list[Path]:
    """Export every notebook plus the assets they need into ``out_dir``."""
    copy_assets(out_dir, node_modules)
    return [export_html(nb, out_dir) for nb in notebooks]
