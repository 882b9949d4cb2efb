"""YAML loading that remembers where every value came from.

``yaml.safe_load`` forgets line numbers, but a learner-facing error has to say
``data/conditions/milia.yaml:41: onset[2].end_day: ...``. This loader is
PyYAML's SafeLoader (so the same safe subset of YAML) whose mappings and
sequences keep the line of each key and item. Duplicate keys, which PyYAML
silently resolves by keeping the last one, are reported instead. Parsing uses
libyaml's C parser when PyYAML has it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml


class LineDict(dict[str, object]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]
    value_lines: dict[str, int]


class LineList(list[object]):
    """A sequence that knows its own line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


@dataclass(frozen=True)
class YamlProblem:
    line: int
    message: str


# libyaml's C parser (PyYAML's CSafeLoader) is several times faster than the pure-Python
# one and still gives every node its start mark, so line numbers are the same. PyYAML
# built without libyaml falls back to the Python parser.
_Base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_Base):  # type: ignore[valid-type, misc]  # a base chosen at import time
    """SafeLoader whose containers carry line numbers; duplicate keys are recorded."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.duplicate_keys: list[YamlProblem] = []

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> LineDict:
        mapping = LineDict()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        mapping.value_lines = {}
        self.flatten_mapping(node)
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in mapping:
                self.duplicate_keys.append(YamlProblem(key_node.start_mark.line + 1, f"duplicate key '{key}'"))
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
            mapping.value_lines[key] = value_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> LineList:
        seq = LineList(self.construct_object(child, deep=True) for child in node.value)
        seq.line = node.start_mark.line + 1
        seq.item_lines = [child.start_mark.line + 1 for child in node.value]
        return seq


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def load_yaml(path: Path) -> tuple[object, list[YamlProblem]]:
    """Read ``path`` as UTF-8 YAML; return the document and any problems found.

    A document is returned only when the file could be parsed; problems that
    make the file unreadable (bad bytes, malformed YAML, nothing in it) come
    back with ``None`` as the document.
    """
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        return None, [YamlProblem(line, f"not valid UTF-8 (byte 0x{raw[err.start]:02x}); save the file as UTF-8")]
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        return None, [YamlProblem(1, "the file is empty")]
    loader = _LineLoader(text)
    try:
        document = loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = err.problem or "malformed YAML"
        return None, [YamlProblem(line, f"malformed YAML: {what}")]
    except yaml.YAMLError as err:  # pragma: no cover - PyYAML always marks its errors
        return None, [YamlProblem(1, f"malformed YAML: {err}")]
    finally:
        loader.dispose()
    return document, list(loader.duplicate_keys)
