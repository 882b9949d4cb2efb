"""What every course widget shares: a static form for pages without a kernel."""

from __future__ import annotations

from typing import Any


class StaticForm:
    """Mixin for an ipywidgets container that also shows itself as static HTML and text.

    A live notebook shows the widget; an exported page, nbviewer or a notebook opened
    without a kernel shows ``static_html()``, and a terminal shows ``repr()``. A subclass
    only writes ``static_html`` (built by ``course.render``) and ``__repr__``.
    """

    def static_html(self) -> str:
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
        data = {**data, "text/html": self.static_html(), "text/plain": repr(self)}
        return (data, metadata) if isinstance(bundle, tuple) else data
