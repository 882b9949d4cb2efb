"""Validate parsed YAML against the frozen dataclasses in :mod:`course.models`.

The dataclasses *are* the schema: their type hints say which fields exist and
what each holds, and ``Annotated`` markers add the constraints a type cannot
express (an id pattern, a day range, a link to another kind of content). One
walk over a document collects every problem, with the line it came from,
rather than stopping at the first, so ``python -m course check`` can list
them all.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import types
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin, get_type_hints

from course._yaml import LineDict, LineList


@dataclass(frozen=True)
class Pattern:
    """The string must match ``regex`` in full; ``hint`` says what that means."""

    regex: str
    hint: str


@dataclass(frozen=True)
class Range:
    """A number from ``low`` to ``high`` inclusive (``None`` leaves a side open)."""

    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Link:
    """The value is the id of another piece of content (``kind`` names which)."""

    kind: str


@dataclass(frozen=True)
class Unique:
    """Items of this sequence must differ in the attribute ``attr``."""

    attr: str


@dataclass(frozen=True)
class NonEmpty:
    """The sequence must have at least one item."""


@dataclass(frozen=True)
class Issue:
    """One problem in one document, located by field path and line."""

    line: int
    field: str
    message: str


@dataclass(frozen=True)
class LinkUse:
    """A place where a document names another piece of content by id."""

    kind: str
    value: str
    line: int
    field: str


class _Walk:
    def __init__(self) -> None:
        self.issues: list[Issue] = []
        self.links: list[LinkUse] = []

    def fail(self, line: int, field: str, message: str) -> None:
        self.issues.append(Issue(line, field or "(top level)", message))


_INVALID = object()


def _describe(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return f"a true/false value ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text ('{shown}')"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__


def _type_name(tp: Any) -> str:
    origin = get_origin(tp)
    if origin is Annotated:
        return _type_name(get_args(tp)[0])
    if tp is str:
        return "text"
    if tp is bool:
        return "true or false"
    if tp is int:
        return "a whole number"
    if tp is float:
        return "a number"
    if origin is Literal:
        return "one of " + ", ".join(repr(a) for a in get_args(tp))
    if origin in (tuple, list):
        return "a list"
    if dataclasses.is_dataclass(tp):
        return "a mapping"
    if origin in (Union, types.UnionType):
        return " or ".join(_type_name(a) for a in get_args(tp) if a is not type(None))
    return str(tp)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


# A type without ``Annotated``, its marks, origin, arguments, whether it is a dataclass, and
# for an optional type (one type or None) that type with the marks.
_Unpacked = tuple[Any, tuple[Any, ...], Any, tuple[Any, ...], bool, Any]
_UNPACKED: dict[int, tuple[Any, _Unpacked]] = {}


def _unpack(tp: Any) -> _Unpacked:
    """What :func:`_check` needs to know about ``tp``, worked out once per type object.

    Keyed by identity (hashing a typing alias costs as much as unpacking it): a large
    file checks the same few types many thousand times. The cache holds each type it
    keys, so an id is never reused while it is in the cache.
    """
    known = _UNPACKED.get(id(tp))
    if known is not None and known[0] is tp:
        return known[1]
    base, marks = tp, ()
    if get_origin(tp) is Annotated:
        base, *extra = get_args(tp)
        marks = tuple(extra)
    origin, args = get_origin(base), get_args(base)
    inner = None
    if origin in (Union, types.UnionType):
        non_none = [o for o in args if o is not type(None)]
        if len(non_none) == 1:
            inner = Annotated[(non_none[0], *marks)] if marks else non_none[0]
    unpacked = (base, marks, origin, args, isinstance(base, type) and dataclasses.is_dataclass(base), inner)
    _UNPACKED[id(tp)] = (tp, unpacked)
    return unpacked


def _check(walk: _Walk, value: Any, tp: Any, path: str, line: int) -> Any:
    """Return the converted value, or ``_INVALID`` after recording why."""
    tp, marks, origin, args, is_dataclass, inner = _unpack(tp)
    if tp is Any:  # any value at all (a stored answer); the model's _problems() may say more
        return value

    if origin in (Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        if inner is not None:
            return _check(walk, value, inner, path, line)
        for option in args:
            if option is type(None):
                continue
            trial = _Walk()
            result = _check(trial, value, option, path, line)
            if result is not _INVALID:
                walk.links.extend(trial.links)
                return result
        walk.fail(line, path, f"expected {_type_name(tp)}, found {_describe(value)}")
        return _INVALID

    if value is None:
        walk.fail(line, path, f"expected {_type_name(tp)}, found nothing (null)")
        return _INVALID

    if is_dataclass:
        return _check_dataclass(walk, value, tp, path, line)

    if origin is Literal:
        allowed = args
        if value not in allowed or isinstance(value, bool) != any(isinstance(a, bool) for a in allowed):
            walk.fail(line, path, f"expected one of {', '.join(map(repr, allowed))}, found {_describe(value)}")
            return _INVALID
        return value

    if origin is tuple:
        return _check_sequence(walk, value, tp, marks, path, line)

    if tp is str:
        if not isinstance(value, str):
            walk.fail(line, path, f"expected text, found {_describe(value)}")
            return _INVALID
        if not value.strip():
            walk.fail(line, path, "is empty; write the text or remove the field")
            return _INVALID
        value = value.strip()
    elif tp is bool:
        if not isinstance(value, bool):
            walk.fail(line, path, f"expected true or false, found {_describe(value)}")
            return _INVALID
    elif tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            walk.fail(line, path, f"expected a whole number, found {_describe(value)}")
            return _INVALID
    elif tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            walk.fail(line, path, f"expected a number, found {_describe(value)}")
            return _INVALID
        value = float(value)
    else:  # pragma: no cover - a model uses a type this module does not know
        raise TypeError(f"unsupported schema type {tp!r} at {path}")

    for mark in marks:
        if isinstance(mark, Pattern) and not re.fullmatch(mark.regex, value):
            walk.fail(line, path, f"'{value}' is not {mark.hint}")
            return _INVALID
        if isinstance(mark, Range):
            if (mark.low is not None and value < mark.low) or (mark.high is not None and value > mark.high):
                low = "" if mark.low is None else f"{mark.low:g}"
                high = "" if mark.high is None else f"{mark.high:g}"
                span = f"from {low} to {high}" if low and high else (f"at least {low}" if low else f"at most {high}")
                walk.fail(line, path, f"{value:g} is out of range; expected a value {span}")
                return _INVALID
        if isinstance(mark, Link):
            walk.links.append(LinkUse(mark.kind, value, line, path))
    return value


def _check_sequence(walk: _Walk, value: Any, tp: Any, marks: tuple[Any, ...], path: str, line: int) -> Any:
    if not isinstance(value, list):
        walk.fail(line, path, f"expected a list, found {_describe(value)}")
        return _INVALID
    args = get_args(tp)
    item_tp = args[0]
    lines = value.item_lines if isinstance(value, LineList) else [line] * len(value)
    items = []
    ok = True
    for index, (item, item_line) in enumerate(zip(value, lines, strict=True)):
        converted = _check(walk, item, item_tp, f"{path}[{index}]", item_line)
        ok = ok and converted is not _INVALID
        items.append(converted)
    for mark in marks:
        if isinstance(mark, NonEmpty) and not value:
            walk.fail(line, path, "must list at least one item")
            ok = False
        if isinstance(mark, Unique):
            # Compare the raw values, so a duplicate is reported even when
            # the item has other problems too.
            seen: dict[Any, int] = {}
            for index, raw in enumerate(value):
                is_mapping = isinstance(raw, dict)
                key = raw.get(mark.attr) if is_mapping else raw
                if key is None or isinstance(key, (dict, list)):
                    continue
                if key in seen:
                    walk.fail(
                        lines[index],
                        f"{path}[{index}]" + (f".{mark.attr}" if is_mapping else ""),
                        f"duplicate {mark.attr} '{key}' (first used at {path}[{seen[key]}])",
                    )
                    ok = False
                else:
                    seen[key] = index
    return tuple(items) if ok else _INVALID


@functools.cache
def _shape(cls: type) -> tuple[dict[str, Any], dict[str, dataclasses.Field[Any]]]:
    """A dataclass's resolved type hints and fields, worked out once per class (resolving
    string annotations is most of the cost of a load when done per value)."""
    return get_type_hints(cls, include_extras=True), {f.name: f for f in dataclasses.fields(cls)}


def _check_dataclass(walk: _Walk, value: Any, cls: type, path: str, line: int) -> Any:
    if not isinstance(value, dict):
        walk.fail(line, path, f"expected a mapping of fields, found {_describe(value)}")
        return _INVALID
    hints, fields = _shape(cls)
    key_lines = value.key_lines if isinstance(value, LineDict) else {}
    value_lines = value.value_lines if isinstance(value, LineDict) else {}
    own_line = value.line if isinstance(value, LineDict) else line

    kwargs: dict[str, Any] = {}
    ok = True
    for key in value:
        if key not in fields:
            known = ", ".join(fields)
            walk.fail(
                key_lines.get(key, own_line), _join(path, key), f"unknown field; the fields of this kind are: {known}"
            )
            ok = False
    for name, field in fields.items():
        if name not in value:
            required = field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING
            if required:
                walk.fail(own_line, _join(path, name), "missing required field")
                ok = False
            continue
        converted = _check(walk, value[name], hints[name], _join(path, name), value_lines.get(name, own_line))
        if converted is _INVALID:
            ok = False
        else:
            kwargs[name] = converted
    if not ok:
        return _INVALID
    obj = cls(**kwargs)
    # Cross-field rules (start before end, ...) live on the model as
    # ``_problems()`` returning (field name, message) pairs.
    problems = getattr(obj, "_problems", None)
    if problems is not None:
        for name, message in problems():
            walk.fail(value_lines.get(name, own_line), _join(path, name), message)
            ok = False
    return obj if ok else _INVALID


def validate(document: Any, cls: type, line: int = 1) -> tuple[Any, list[Issue], list[LinkUse]]:
    """Build ``cls`` from ``document``; return (object or None, issues, links)."""
    walk = _Walk()
    result = _check(walk, document, cls, "", line)
    return (None if result is _INVALID else result), walk.issues, walk.links
