"""Load and validate everything in ``data/``.

>>> from course.content import load_course
>>> course = load_course()
>>> course.procedures["lip-filler"].title
'Lip filler (hyaluronic acid)'

Every YAML file is parsed with PyYAML's safe loader, checked against the
dataclass of its kind (:mod:`course.models`), and then every cross-reference
(reference keys, condition ids, procedure ids, glossary terms) is resolved.
Any problem raises :class:`ContentError`, whose message lists each problem as
``path:line: field: message``.

Every lesson's kernel loads the content, so a load that passed is kept between kernels
(:mod:`course._keep`) under a hash of every data file and of the code that reads them: the
next kernel unpickles it in milliseconds instead of parsing and validating again. Any change
to a file makes a new hash, so the files are read and checked again; :func:`check` always
reads them.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import importlib.util
import pickle
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from course import locations, models
from course._keep import forget, keep, read_kept
from course._schema import LinkUse, validate
from course._yaml import LineDict, load_yaml

__all__ = ["ContentError", "Course", "Problem", "check", "default_data_dir", "load_course"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, located by file, line and field path."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


class ContentError(ValueError):
    """The course data is invalid. ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(sorted(problems))
        lines = [str(p) for p in self.problems]
        count = len(lines)
        head = f"{count} problem{'s' if count != 1 else ''} in the course data:\n" if count > 1 else ""
        super().__init__(head + "\n".join(lines))


def _own_id(obj: Any) -> list[str]:
    return [obj.id]


@dataclass(frozen=True)
class Kind:
    """One kind of content: where its files live, which dataclass they hold,
    and which ids they define for other files to link to."""

    name: str
    pattern: str  # glob relative to the data folder
    model: type
    file_is_id: bool  # the file name (without .yaml) must equal the document's id
    # Link kind (as in ``Link("...")``) -> the ids a valid document defines.
    defines: Mapping[str, Callable[[Any], Iterable[str]]] = field(default_factory=dict)
    # Rules that need other documents: (document, {kind name: valid documents})
    # -> (field, message) pairs, reported at the line of that field's link.
    cross_check: Callable[[Any, dict[str, tuple[Any, ...]]], Iterable[tuple[str, str]]] | None = None
    # Link kind -> the ids that the valid documents of this kind define together (one
    # document's ids may depend on another's, as a picture drawn with another subject's views).
    defines_across: Mapping[str, Callable[[tuple[Any, ...]], Iterable[str]]] = field(default_factory=dict)


KINDS: tuple[Kind, ...] = (
    Kind(
        "references",
        "references.yaml",
        models.ReferenceList,
        True,
        {"reference": lambda d: [r.key for r in d.references]},
    ),
    Kind("notices", "notices.yaml", models.Notices, True),
    Kind("regions", "settings/regions.yaml", models.RegionList, True, models.REGION_LIST_DEFINES),
    Kind(
        "syllabus",
        "syllabus.yaml",
        models.Syllabus,
        True,
        {
            "objective": lambda d: [o.id for lesson in d.lessons for o in lesson.objectives],
            "lesson": lambda d: [lesson.id for lesson in d.lessons],
        },
    ),
    Kind("glossary", "glossary.yaml", models.Glossary, True, {"term": lambda d: [t.id for t in d.terms]}),
    Kind("condition", "conditions/*.yaml", models.Condition, True, {"condition": _own_id}),
    Kind(
        "procedure",
        "procedures/*.yaml",
        models.Procedure,
        True,
        {"procedure": _own_id, "phase": lambda d: [p.id for p in d.phases]},
    ),
    Kind("quiz", "quizzes/*.yaml", models.QuestionBank, True, {"quiz": _own_id}, models.bank_problems),
    Kind("findings", "triage/findings.yaml", models.FindingList, True, models.FINDING_LIST_DEFINES),
    Kind("triage-rules", "triage/rules.yaml", models.RuleBook, True, models.RULE_BOOK_DEFINES),
    Kind("triage-levels", "triage/levels.yaml", models.ActionLevelList, True),
    Kind("skin", "skin.yaml", models.SkinModel, True),
    Kind("roles", "triage/roles.yaml", models.RoleList, True, models.ROLE_LIST_DEFINES),
    Kind("case", "cases/*.yaml", models.Case, True, {"case": _own_id}),
    Kind("client-cards", "client-cards.yaml", models.ClientCardSet, True, models.CLIENT_CARD_DEFINES),
    Kind(
        "appearance",
        "appearance/*.yaml",
        models.AppearanceSheet,
        True,
        models.APPEARANCE_DEFINES,
        models.appearance_problems,
        models.APPEARANCE_DEFINES_ACROSS,
    ),
    Kind("aftercare", "aftercare/*.yaml", models.AftercareSheet, True, cross_check=models.aftercare_problems),
    # New kinds of content go here (one line each; see docs in README "For authors").
)
REQUIRED_SINGLETONS = ("references", "notices", "syllabus", "glossary")


def default_data_dir() -> Path:
    """The course's ``data/`` folder (``COURSE_DATA`` overrides it): see :mod:`course.locations`."""
    return locations.data_dir()


@dataclass(frozen=True)
class Course:
    """All validated course content, looked up by id."""

    data_dir: Path
    references: Mapping[str, models.Reference]
    conditions: Mapping[str, models.Condition]
    procedures: Mapping[str, models.Procedure]
    terms: Mapping[str, models.Term]
    lessons: tuple[models.Lesson, ...]
    notices: models.Notices
    documents: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)

    def of_kind(self, kind: str) -> tuple[Any, ...]:
        """Every validated document of ``kind`` (a name in :data:`KINDS`), in file order."""
        if kind not in {k.name for k in KINDS}:
            raise ValueError(f"unknown kind of content {kind!r}; valid kinds: {', '.join(k.name for k in KINDS)}")
        return self.documents.get(kind, ())

    # Typed accessors: what callers use instead of of_kind() and its Any.

    @property
    def banks(self) -> tuple[models.QuestionBank, ...]:
        """Every question bank, in file order."""
        return self.of_kind("quiz")

    @property
    def cases(self) -> tuple[models.Case, ...]:
        """Every unfolding case, in file order."""
        return self.of_kind("case")

    def bank(self, bank_id: str) -> models.QuestionBank:
        """The question bank ``bank_id``; ``KeyError`` listing the valid ids if there is none."""
        bank: models.QuestionBank = _one(self.banks, bank_id, "question bank")
        return bank

    def case(self, case_id: str) -> models.Case:
        """The case ``case_id``; ``KeyError`` listing the valid ids if there is none."""
        case: models.Case = _one(self.cases, case_id, "case")
        return case

    @property
    def rule_book(self) -> models.RuleBook | None:
        """The symptom checker's rules and vascular checklist (None in a data folder without them)."""
        return next(iter(self.of_kind("triage-rules")), None)

    @property
    def findings(self) -> models.FindingList | None:
        return next(iter(self.of_kind("findings")), None)

    @property
    def roles(self) -> models.RoleList | None:
        return next(iter(self.of_kind("roles")), None)

    @property
    def client_cards(self) -> models.ClientCardSet | None:
        return next(iter(self.of_kind("client-cards")), None)

    @property
    def aftercare_sheets(self) -> tuple[models.AftercareSheet, ...]:
        """Every client aftercare sheet (one per procedure), in file order."""
        return self.of_kind("aftercare")


def _one(documents: tuple[Any, ...], wanted: str, what: str) -> Any:
    for document in documents:
        if document.id == wanted:
            return document
    raise KeyError(f"no {what} '{wanted}'; valid ids: {', '.join(d.id for d in documents) or '(none)'}")


@dataclass
class _Loaded:
    kind: Kind
    path: Path
    shown: str
    obj: Any
    links: list[LinkUse] = field(default_factory=list)
    id_line: int = 1


def _shown(path: Path) -> str:
    """The path as a person would type it: relative to the working folder if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _kind_for(data_dir: Path, path: Path) -> Kind | None:
    relative = path.relative_to(data_dir)
    for kind in KINDS:
        if relative.match(kind.pattern) and len(relative.parts) == len(Path(kind.pattern).parts):
            return kind
    return None


def _files(data_dir: Path) -> list[Path]:
    """Every file the loader looks at, in the order it reads them."""
    return sorted(p for p in data_dir.rglob("*") if p.is_file() and not p.name.startswith("."))


def _read_all(data_dir: Path) -> tuple[list[_Loaded], list[Problem]]:
    problems: list[Problem] = []
    loaded: list[_Loaded] = []
    if not data_dir.is_dir():
        return [], [Problem(_shown(data_dir), 1, "(folder)", "the data folder does not exist")]
    for path in _files(data_dir):
        shown = _shown(path)
        if path.suffix == ".yml":
            problems.append(Problem(shown, 1, "(file)", "name YAML files with .yaml, not .yml"))
            continue
        if path.suffix != ".yaml":
            continue
        kind = _kind_for(data_dir, path)
        if kind is None:
            known = ", ".join(k.pattern for k in KINDS)
            problems.append(Problem(shown, 1, "(file)", f"not a known kind of content; expected one of: {known}"))
            continue
        document, yaml_problems = load_yaml(path)
        problems += [Problem(shown, p.line, "(file)", p.message) for p in yaml_problems]
        if document is None:
            continue
        obj, issues, links = validate(document, kind.model)
        problems += [Problem(shown, i.line, i.field, i.message) for i in issues]
        id_line = document.key_lines.get("id", 1) if isinstance(document, LineDict) else 1
        if obj is None:
            # Still resolve the ids it names, so one run reports everything.
            loaded.append(_Loaded(kind, path, shown, None, links, id_line))
            continue
        if kind.file_is_id and obj.id != path.stem:
            problems.append(
                Problem(
                    shown,
                    document.value_lines["id"] if isinstance(document, LineDict) else 1,
                    "id",
                    f"'{obj.id}' does not match the file name;"
                    f" name the file {obj.id}.yaml or change the id to '{path.stem}'",
                )
            )
        loaded.append(_Loaded(kind, path, shown, obj, links, id_line))
    return loaded, problems


def _cross_check(loaded: list[_Loaded]) -> list[Problem]:
    problems: list[Problem] = []
    by_kind: dict[str, list[_Loaded]] = {}
    for item in loaded:
        by_kind.setdefault(item.kind.name, []).append(item)

    # Ids must be unique within a kind (files can disagree with each other).
    for items in by_kind.values():
        first: dict[str, _Loaded] = {}
        for item in items:
            if item.obj is None:
                continue
            if item.obj.id in first:
                problems.append(
                    Problem(
                        item.shown,
                        item.id_line,
                        "id",
                        f"duplicate id '{item.obj.id}' (also in {first[item.obj.id].shown})",
                    )
                )
            else:
                first[item.obj.id] = item

    known: dict[str, set[str]] = {}
    broken_kinds: set[str] = set()
    for item in loaded:
        for link_kind, ids in item.kind.defines.items():
            table = known.setdefault(link_kind, set())
            if item.obj is not None:
                table.update(ids(item.obj))
            elif item.kind.file_is_id and link_kind == item.kind.name:
                # An invalid one-per-file document still defines its id.
                table.add(item.path.stem)
            else:
                # Its file is broken, so every use of this kind would look
                # unknown; the file's own problems are the ones worth reading.
                broken_kinds.add(link_kind)
    for kind in KINDS:
        items = by_kind.get(kind.name, [])
        for link_kind, ids_across in kind.defines_across.items():
            known.setdefault(link_kind, set()).update(ids_across(tuple(i.obj for i in items if i.obj is not None)))
            if any(i.obj is None for i in items):
                broken_kinds.add(link_kind)

    references = {r.key: r for item in by_kind.get("references", []) if item.obj for r in item.obj.references}
    for item in loaded:
        for use in item.links:
            table = known.get(use.kind, set())
            if use.value not in table and use.kind not in broken_kinds:
                problems.append(Problem(item.shown, use.line, use.field, _unknown(use.kind, use.value, table)))
        if item.obj is not None:
            problems += _sourced_values_cite_sources(item, references)
    documents = {name: tuple(i.obj for i in items if i.obj is not None) for name, items in by_kind.items()}
    for item in loaded:
        if item.obj is not None and item.kind.cross_check is not None:
            lines = {use.field: use.line for use in item.links}
            for name, message in item.kind.cross_check(item.obj, documents):
                problems.append(Problem(item.shown, _line_near(name, lines, item.id_line), name, message))
    return problems


#: Link kinds with too many ids to list in a message: the closest ones are named instead.
_LONG_LISTS = {"picture": "python -m course atlas draws them all, with their ids"}


def _unknown(kind: str, value: str, table: set[str]) -> str:
    """The message for a link to an id that ``table`` (the known ids of ``kind``) lacks."""
    if kind in _LONG_LISTS and table:
        close = difflib.get_close_matches(value, sorted(table), n=4, cutoff=0.4) or sorted(table)[:4]
        return f"unknown {kind} '{value}'; the closest of {len(table)}: {', '.join(close)} ({_LONG_LISTS[kind]})"
    return f"unknown {kind} '{value}'; known: {', '.join(sorted(table)) or '(none defined)'}"


def _line_near(name: str, lines: Mapping[str, int], default: int) -> int:
    """The line of field ``name``, or of the first link inside it or its nearest parent."""
    path = name
    while path:
        if path in lines:
            return lines[path]
        inside = [line for field_, line in lines.items() if field_.startswith((path + ".", path + "["))]
        if inside:
            return min(inside)
        path = path.rpartition(".")[0] if "." in path else ""
    return default


def _sourced_values_cite_sources(item: _Loaded, references: Mapping[str, models.Reference]) -> list[Problem]:
    """A value tagged S must cite at least one published source, not only the course's own notes."""
    problems = []
    seen: set[tuple[int, str]] = set()
    by_field: dict[str, list[LinkUse]] = {}
    for use in item.links:
        if use.kind == "reference":
            owner = use.field.rsplit(".refs", 1)[0]
            by_field.setdefault(owner, []).append(use)
    for owner, uses in by_field.items():
        evidence = _evidence_at(item.obj, owner)
        kinds = {references[u.value].kind for u in uses if u.value in references}
        if evidence == "S" and kinds == {"course"} and (uses[0].line, owner) not in seen:
            seen.add((uses[0].line, owner))
            problems.append(
                Problem(
                    item.shown,
                    uses[0].line,
                    f"{owner}.refs",
                    "a sourced (S) value must cite a published source, not only the course's notes;"
                    " tag it A or cite the source",
                )
            )
    return problems


def _evidence_at(obj: Any, path: str) -> str | None:
    """Follow a field path such as ``onset[1]`` to an object and return its evidence tag."""
    current = obj
    for part in path.replace("]", "").split("."):
        name, _, index = part.partition("[")
        current = getattr(current, name, None)
        if index:
            current = current[int(index)] if current is not None else None
        if current is None:
            return None
    return getattr(current, "evidence", None)


def _collect(directory: Path) -> tuple[list[_Loaded], list[Problem]]:
    loaded, problems = _read_all(directory)
    problems += _cross_check(loaded)
    if directory.is_dir():
        present = {item.kind.name for item in loaded if item.obj is not None}
        for kind in KINDS:
            path = directory / kind.pattern
            if kind.name in REQUIRED_SINGLETONS and kind.name not in present and not path.exists():
                problems.append(Problem(_shown(path), 1, "(file)", f"missing: the course needs {kind.pattern}"))
    return loaded, sorted(set(problems))


def check(data_dir: Path | str | None = None) -> list[Problem]:
    """Validate every file and cross-reference under ``data_dir``; return the problems."""
    directory = Path(data_dir) if data_dir is not None else default_data_dir()
    return _collect(directory)[1]


def load_course(data_dir: Path | str | None = None) -> Course:
    """Load and validate all content; raise :class:`ContentError` listing every problem."""
    directory = Path(data_dir) if data_dir is not None else default_data_dir()
    return _load_cached(directory.resolve())


@functools.lru_cache(maxsize=4)
def _load_cached(directory: Path) -> Course:
    return _assemble(directory, _valid_documents(directory))


#: The modules that read and validate the files: a change to one changes what a load gives.
_LOADER_MODULES = ("course.content", "course.models", "course._schema", "course._yaml")
#: Bump when the kept form changes in a way the code hash would not show.
_KEPT_FORMAT = 1
_KEPT_KIND, _KEPT_NAME = "content", "documents.pickle"


def _content_version(directory: Path) -> str:
    """A hash of every file the loader reads, the loader's code, and what the pickle depends on."""
    digest = hashlib.sha256(f"{_KEPT_FORMAT} {sys.version} {yaml.__version__}".encode())
    for module in _LOADER_MODULES:
        spec = importlib.util.find_spec(module)
        assert spec is not None and spec.origin is not None
        digest.update(Path(spec.origin).read_bytes())
    for path in _files(directory):
        data = path.read_bytes()
        digest.update(f"\0{path.relative_to(directory).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()[:24]


def _valid_documents(directory: Path) -> list[tuple[str, Any]]:
    """Every valid document as (kind name, object): kept from an earlier load of the same files,
    or read, validated (raising :class:`ContentError`) and kept."""
    try:
        version = _content_version(directory) if directory.is_dir() else None
    except OSError:  # a file vanished while hashing: read the files and report what is there
        version = None
    if version is not None and (blob := read_kept(_KEPT_KIND, version, _KEPT_NAME)) is not None:
        try:
            documents: list[tuple[str, Any]] = pickle.loads(blob)
            return documents
        except Exception:  # a damaged copy: read the files instead, and keep a good one
            forget(_KEPT_KIND, version, _KEPT_NAME)
    loaded, problems = _collect(directory)
    if problems:
        raise ContentError(problems)
    documents = [(item.kind.name, item.obj) for item in loaded if item.obj is not None]
    if version is not None:
        blob = pickle.dumps(documents, protocol=pickle.HIGHEST_PROTOCOL)
        keep(_KEPT_KIND, version, _KEPT_NAME, blob, only_version=True)
    return documents


def _assemble(directory: Path, documents: list[tuple[str, Any]]) -> Course:
    single = {kind: obj for kind, obj in documents if kind in REQUIRED_SINGLETONS}

    def table(kind: str) -> Mapping[str, Any]:
        return MappingProxyType({obj.id: obj for name, obj in documents if name == kind})

    return Course(
        data_dir=directory,
        references=MappingProxyType({r.key: r for r in single["references"].references}),
        conditions=table("condition"),
        procedures=table("procedure"),
        terms=MappingProxyType({t.id: t for t in single["glossary"].terms}),
        lessons=single["syllabus"].lessons,
        notices=single["notices"],
        documents=MappingProxyType({k.name: tuple(obj for name, obj in documents if name == k.name) for k in KINDS}),
    )
