"""Read `content/<id>.yaml` files into Handouts, checking them against the content contract.

Takes a path, gives a Handout or a ContentError that lists every problem in
the file with its line and key path. yaml_nodes.py gives the node tree (so
every string keeps its line); this module checks it against the format and
builds the model. Characters the bundled fonts
cannot draw are refused here too (glyphs.py reads the fonts without ReportLab).
"""

from __future__ import annotations

import datetime
import difflib
import re
from pathlib import Path
from typing import Callable, TypeVar

import yaml

from . import marks
from .errors import ContentError, Problem, ProjectError
from .glyphs import cannot_print
from .yaml_nodes import compose
from .model import (
    CALL_LEVELS,
    CALLOUT_KINDS,
    REVIEW_STATUSES,
    Blank,
    Blanks,
    Block,
    Bullets,
    Callout,
    CallLevel,
    Handout,
    Location,
    Paragraph,
    Project,
    Related,
    Review,
    Section,
    Source,
    Steps,
    Term,
    Terms,
    Text,
    ValueName,
)

MAX_FILE_BYTES = 1024 * 1024
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_ID_LENGTH = 64
BLOCK_KINDS = ("bullets", "steps", "terms", "callout", "blanks")
KEY_POINTS = (3, 5)  # fewest and most: a box a reader takes in at a glance
VALUE_NAME = re.compile(r"[a-z][a-z0-9_]*")  # a key of [values] in handout.toml
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_NULL = "tag:yaml.org,2002:null"
T = TypeVar("T")


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _kind_of(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping (key: value)"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == _NULL:
        return "nothing"
    return f"text '{node.value}'"


class _Reader:
    """Walks one file's nodes, turning them into model values and collecting problems."""

    def __init__(self, file: str):
        self.file = file
        self.problems: list[Problem] = []

    def at(self, node: yaml.Node | int) -> Location:
        return Location(self.file, node if isinstance(node, int) else _line(node))

    def fail(self, node: yaml.Node | int, key: str, message: str) -> None:
        self.problems.append(Problem(self.at(node), key, message))

    def mapping(
        self, node: yaml.Node, key: str, required: tuple[str, ...], optional: tuple[str, ...] = ()
    ) -> dict[str, yaml.Node] | None:
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, key, f"expected a mapping with {', '.join(required + optional)}; found {_kind_of(node)}")
            return None
        allowed = required + optional
        found: dict[str, yaml.Node] = {}
        for key_node, value in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, key, f"a key must be a plain word; found {_kind_of(key_node)}")
                continue
            name = str(key_node.value)
            path = f"{key}.{name}" if key else name
            if name in found:
                self.fail(key_node, path, "duplicate key (the first one would be lost)")
            elif name not in allowed:
                hint = difflib.get_close_matches(name, allowed, n=1)
                suggestion = f"; did you mean '{hint[0]}'?" if hint else f"; allowed: {', '.join(allowed)}"
                self.fail(key_node, path, f"unknown key '{name}'{suggestion}")
            else:
                found[name] = value
        for name in required:
            if name not in found:
                path = f"{key}.{name}" if key else name
                self.fail(node, path, "required key is missing")
        return found

    def sequence(self, node: yaml.Node, key: str, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, key, f"expected a list of {what}; found {_kind_of(node)}")
            return []
        if not node.value:
            self.fail(node, key, f"the list is empty: give at least one {what[:-1] if what.endswith('s') else what}")
        return list(node.value)

    def scalar(self, node: yaml.Node, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.fail(node, key, f"expected text; found {_kind_of(node)}")
            return None
        if node.tag == _NULL:  # `title:`, `title: ~`, `- null` (only plain scalars resolve to null)
            self.fail(node, key, "is empty")
            return None
        # The raw scalar, not YAML's guess at a type: "yes", "1.10" and "2025" stay as written.
        value = marks.fold(node.value)
        reason = marks.too_long(value, title=key == "title") or marks.unprintable(value)
        if reason:
            self.fail(node, key, reason)
            return None
        # Checked here, with the key, so that `handout check` refuses what the build would.
        for message in cannot_print(value):
            self.fail(node, key, message)
        return value

    def text(self, node: yaml.Node, key: str) -> Text | None:
        value = self.scalar(node, key)
        if value is None:
            return None
        try:
            marks.parse(value)
        except marks.MarkError as error:
            self.fail(node, key, str(error))
            return None
        return Text(value, self.at(node))

    def texts(self, node: yaml.Node, key: str, what: str) -> tuple[Text, ...]:
        items = (self.text(item, f"{key}[{i}]") for i, item in enumerate(self.sequence(node, key, what)))
        return tuple(t for t in items if t is not None)


def _read_block(r: _Reader, node: yaml.Node, key: str) -> Block | None:
    if isinstance(node, yaml.ScalarNode):
        text = r.text(node, key)
        return None if text is None else Paragraph(text)
    if not isinstance(node, yaml.MappingNode):
        r.fail(node, key, f"expected a paragraph (text) or one of {', '.join(BLOCK_KINDS)}; found {_kind_of(node)}")
        return None
    kinds = [str(k.value) for k, _ in node.value]
    if len(kinds) != 1:
        r.fail(node, key, f"a block has exactly one kind ({', '.join(BLOCK_KINDS)}); found {', '.join(kinds) or 'none'}")
        return None
    kind, value = kinds[0], node.value[0][1]
    path = f"{key}.{kind}"
    if kind in ("bullets", "steps"):
        items = r.texts(value, path, "items")
        return (Bullets if kind == "bullets" else Steps)(items) if items else None
    if kind == "terms":
        terms = []
        for i, item in enumerate(r.sequence(value, path, "terms")):
            fields = r.mapping(item, f"{path}[{i}]", ("term", "text"))
            if fields is not None and len(fields) == 2:
                term, text = r.text(fields["term"], f"{path}[{i}].term"), r.text(fields["text"], f"{path}[{i}].text")
                if term and text:
                    terms.append(Term(term, text))
        return Terms(tuple(terms)) if terms else None
    if kind == "callout":
        fields = r.mapping(value, path, ("kind", "text"), ("title",))
        if fields is None:
            return None
        callout_kind = r.scalar(fields["kind"], f"{path}.kind") if "kind" in fields else None
        if callout_kind is not None and callout_kind not in CALLOUT_KINDS:
            r.fail(fields["kind"], f"{path}.kind", f"unknown callout kind '{callout_kind}': use {', '.join(CALLOUT_KINDS)}")
            callout_kind = None
        text = r.text(fields["text"], f"{path}.text") if "text" in fields else None
        title = r.text(fields["title"], f"{path}.title") if "title" in fields else None
        if callout_kind and text:
            return Callout(callout_kind, text, title)
        return None
    if kind == "blanks":
        blanks = (_read_blank(r, item, f"{path}[{i}]") for i, item in enumerate(r.sequence(value, path, "blanks")))
        items = tuple(b for b in blanks if b is not None)
        return Blanks(items) if items else None
    r.fail(node.value[0][0], key, f"unknown block kind '{kind}'" + _suggest(kind, BLOCK_KINDS))
    return None


def _suggest(name: str, choices: tuple[str, ...]) -> str:
    hint = difflib.get_close_matches(name, choices, n=1)
    return f"; did you mean '{hint[0]}'?" if hint else f"; use {', '.join(choices)}"


def _read_blank(r: _Reader, node: yaml.Node, key: str) -> Blank | None:
    fields = r.mapping(node, key, ("label",), ("after", "value"))
    if fields is None:
        return None
    label = r.text(fields["label"], f"{key}.label") if "label" in fields else None
    after = r.text(fields["after"], f"{key}.after") if "after" in fields else None
    value = None
    if "value" in fields:
        name = r.scalar(fields["value"], f"{key}.value")
        if name is not None and not VALUE_NAME.fullmatch(name):
            r.fail(fields["value"], f"{key}.value", f"'{name}' is not a value name: use a key of [values] in handout.toml (lowercase letters, digits and _, e.g. labor_phone)")
        elif name is not None:
            value = ValueName(name, r.at(fields["value"]))
    return Blank(label, after, value) if label else None  # with a problem recorded, the file is refused anyway


def _read_key_points(r: _Reader, node: yaml.Node) -> tuple[Text, ...]:
    items = r.texts(node, "key_points", "key points")
    fewest, most = KEY_POINTS
    count = len(node.value) if isinstance(node, yaml.SequenceNode) else None
    if count and not fewest <= count <= most:
        r.fail(node, "key_points", f"give {fewest} to {most} key points; found {count} (keep only what a reader must remember)")
    return items


def _read_when_to_call(r: _Reader, node: yaml.Node) -> tuple[CallLevel, ...]:
    fields = r.mapping(node, "when_to_call", (), CALL_LEVELS)
    if fields is None:
        return ()
    if not fields and not node.value:
        r.fail(node, "when_to_call", f"give at least one level: {', '.join(CALL_LEVELS)} (or leave when_to_call out)")
    levels = []
    for level in CALL_LEVELS:  # printed most urgent first, whatever order the file uses
        if level in fields:
            items = r.texts(fields[level], f"when_to_call.{level}", "warning signs")
            if items:
                levels.append(CallLevel(level, items))
    return tuple(levels)


def _read_sections(r: _Reader, node: yaml.Node) -> tuple[Section, ...]:
    sections = []
    for i, item in enumerate(r.sequence(node, "sections", "sections")):
        key = f"sections[{i}]"
        fields = r.mapping(item, key, ("heading", "blocks"))
        if fields is None:
            continue
        heading = r.text(fields["heading"], f"{key}.heading") if "heading" in fields else None
        blocks = []
        if "blocks" in fields:
            for j, block in enumerate(r.sequence(fields["blocks"], f"{key}.blocks", "blocks")):
                read = _read_block(r, block, f"{key}.blocks[{j}]")
                if read is not None:
                    blocks.append(read)
        if heading and blocks:
            sections.append(Section(heading, tuple(blocks)))
    return tuple(sections)


def _read_date(r: _Reader, node: yaml.Node, key: str) -> datetime.date | None:
    value = r.scalar(node, key)
    if value is None:
        return None
    if _DATE.fullmatch(value):
        try:
            date = datetime.date.fromisoformat(value)
        except ValueError as error:
            r.fail(node, key, f"'{value}' is not a real date ({error})")
            return None
        if date.year < 1900:
            r.fail(node, key, f"'{value}' is not a plausible review date")
            return None
        return date
    r.fail(node, key, f"'{value}' is not a date: write it as YYYY-MM-DD, e.g. 2025-03-14")
    return None


def _read_review(r: _Reader, node: yaml.Node) -> Review | None:
    fields = r.mapping(node, "review", ("date",), ("status", "by"))
    if fields is None:
        return None
    status, status_location = "approved", None
    if "status" in fields:
        status = r.scalar(fields["status"], "review.status")
        status_location = r.at(fields["status"])
        if status is not None and status not in REVIEW_STATUSES:
            r.fail(fields["status"], "review.status", f"unknown status '{status}'" + _suggest(status, REVIEW_STATUSES))
    date = _read_date(r, fields["date"], "review.date") if "date" in fields else None
    by = r.texts(fields["by"], "review.by", "reviewers") if "by" in fields else ()
    if status == "approved" and "by" not in fields:
        r.fail(node, "review.by", "required key is missing: an approved handout names at least one reviewer (or set status: draft or sample)")
    return Review(date, by, status, status_location, r.at(fields["date"])) if date and status else None


def _read_source(r: _Reader, node: yaml.Node) -> Source | None:
    fields = r.mapping(node, "source", (), ("publisher", "url"))
    if fields is None:
        return None
    publisher = r.text(fields["publisher"], "source.publisher") if "publisher" in fields else None
    url = r.scalar(fields["url"], "source.url") if "url" in fields else None
    if url is not None:
        try:
            marks.check_link_target(url)
        except marks.MarkError as error:
            r.fail(fields["url"], "source.url", str(error))
            url = None
    url = Text(url, r.at(fields["url"])) if url is not None else None
    if not fields:
        r.fail(node, "source", "give a publisher, a url, or both (or leave source out)")
    return Source(publisher, url)


def _read_id(r: _Reader, node: yaml.Node, stem: str, other_files: dict[str, str]) -> str | None:
    value = r.scalar(node, "id")
    if value is None:
        return None
    if id_problem(value):
        r.fail(node, "id", id_problem(value))
    elif value != stem and value in other_files:
        r.fail(node, "id", f"duplicate id '{value}': {other_files[value]} already has it (the id must equal the file name '{stem}')")
    elif value != stem:
        r.fail(node, "id", f"'{value}' differs from the file name '{stem}.yaml': they must be the same")
    return value


def id_problem(value: str) -> str | None:
    """Why a handout id is unusable, or None."""
    if ID_PATTERN.fullmatch(value) and len(value) <= MAX_ID_LENGTH:
        return None
    return f"'{value}' is not a valid id: use lowercase letters, digits and single hyphens, at most {MAX_ID_LENGTH} characters"


def load_handout(path: Path, display: str | None = None, other_files: dict[str, str] | None = None) -> Handout:
    """Read one handout file; raise ContentError naming every problem in it.

    other_files maps the ids of the project's other handout files to their paths,
    so that a copied file that kept its old id is reported as a duplicate.
    """
    display = display or str(path)
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_FILE_BYTES else None
    except OSError as error:
        raise ContentError([Problem(Location(display), "", f"cannot read the file: {error.strerror}")]) from None
    if data is None:
        raise ContentError([Problem(Location(display), "", f"the file is {size:,} bytes; a handout may be at most 1 MiB")])
    return parse_handout(data, display, path.stem, other_files or {})


def parse_handout(data: bytes, display: str, stem: str, other_files: dict[str, str]) -> Handout:
    """Turn a handout file's bytes into a Handout; `stem` is the file name the id must equal."""
    r = _Reader(display)
    root = compose(data, lambda line, message: r.fail(line, "", message))
    if root is None and not r.problems:
        r.fail(1, "", "the file is empty: a handout needs id, title, summary, sections and review")
    if r.problems:
        raise ContentError(r.problems)
    fields = r.mapping(root, "", ("id", "title", "summary", "sections", "review"), ("also_called", "key_points", "when_to_call", "related", "references", "source", "questions"))
    if fields is None:
        raise ContentError(r.problems)

    def get(name: str, read: Callable[[yaml.Node], T], default: T | None = None) -> T | None:
        return read(fields[name]) if name in fields else default

    handout_id = get("id", lambda n: _read_id(r, n, stem, other_files))
    title = get("title", lambda n: r.text(n, "title"))
    summary = get("summary", lambda n: r.text(n, "summary"))
    sections = get("sections", lambda n: _read_sections(r, n), ())
    review = get("review", lambda n: _read_review(r, n))
    also_called = get("also_called", lambda n: r.texts(n, "also_called", "names"), ())
    references = get("references", lambda n: r.texts(n, "references", "references"), ())
    related = get("related", lambda n: _read_related(r, n), ())
    source = get("source", lambda n: _read_source(r, n))
    key_points = get("key_points", lambda n: _read_key_points(r, n), ())
    when_to_call = get("when_to_call", lambda n: _read_when_to_call(r, n), ())
    questions = get("questions", lambda n: r.texts(n, "questions", "questions"), ())
    if r.problems:
        raise ContentError(sorted(r.problems, key=lambda p: p.location.line or 0), title)
    return Handout(
        id=handout_id,
        title=title,
        summary=summary,
        sections=sections,
        review=review,
        location=Location(r.file),
        also_called=also_called,
        related=related,
        references=references,
        source=source,
        key_points=key_points,
        when_to_call=when_to_call,
        questions=questions,
    )


def _read_related(r: _Reader, node: yaml.Node) -> tuple[Related, ...]:
    related = []
    seen = set()
    for i, item in enumerate(r.sequence(node, "related", "handout ids")):
        value = r.scalar(item, f"related[{i}]")
        if value is None:
            continue
        if value in seen:
            r.fail(item, f"related[{i}]", f"'{value}' is listed twice")
            continue
        seen.add(value)
        related.append(Related(value, r.at(item)))
    return tuple(related)


def load_project(root: Path) -> Project:
    """Load every `content/*.yaml`; a broken file is kept aside with its problems, never fatal to the rest."""
    content = root / "content"
    if not content.is_dir():
        raise ProjectError(f"{root}: no content/ folder here; run handout in a project folder or pass --project DIR")
    handouts: dict[str, Handout] = {}
    files, broken, titles = {}, {}, {}
    try:
        paths = sorted(content.iterdir())
    except OSError as error:
        raise ProjectError(f"{content}: cannot read the folder: {error.strerror}") from None
    for path in paths:
        name = path.relative_to(root).as_posix()
        if path.name.startswith(".") or path.suffix.lower() not in (".yaml", ".yml"):
            continue  # editor backups, macOS "._" files, notes: not handouts
        if path.suffix != ".yaml":
            broken[path.name] = (Problem(Location(name), "", "handout files end in .yaml (lowercase): rename it"),)
        elif not path.is_file():
            broken[path.stem] = (Problem(Location(name), "", "not a regular file"),)
        else:
            files[path.stem] = name
    if not files and not broken:
        raise ProjectError(f"{content}: no handouts here yet: create one with `handout new ID`")
    for stem, display in files.items():
        others = {k: v for k, v in files.items() if k != stem}
        try:
            handout = load_handout(root / display, display, others)
        except ContentError as error:
            broken[stem] = error.problems
            if error.title is not None:
                titles[stem] = error.title
            continue
        handouts[stem] = handout
    _check_links(handouts, broken, titles)
    return Project(handouts, broken, titles)


def _check_links(handouts: dict[str, Handout], broken: dict[str, tuple[Problem, ...]], titles: dict[str, Text]) -> None:
    """Related ids must name another handout of the project; a handout that breaks this is set
    aside, its title kept for the handouts that list it."""
    for handout_id, handout in list(handouts.items()):
        problems = []
        for i, rel in enumerate(handout.related):
            if rel.id == handout.id:
                problems.append(Problem(rel.location, f"related[{i}]", "a handout cannot be related to itself"))
            elif rel.id not in handouts and rel.id not in broken:
                known = difflib.get_close_matches(rel.id, list(handouts), n=1)
                hint = f"; did you mean '{known[0]}'?" if known else ""
                problems.append(Problem(rel.location, f"related[{i}]", f"no handout '{rel.id}' in content/{hint}"))
        if problems:
            broken[handout_id] = tuple(problems)
            titles[handout_id] = handouts.pop(handout_id).title
