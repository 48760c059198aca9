"""Turn a handout file's bytes into a YAML node tree, safely: the first stage of loading.

Takes bytes, gives the composed nodes (which keep their lines) or None, after
reporting each problem as (line, message) through `fail`. Anchors, aliases,
tags, deep nesting and invisible line breaks are refused from the event
stream before libyaml's recursive composer sees them; the schema itself is
load.py's business.
"""

from __future__ import annotations

import re
from typing import Callable

import yaml

Fail = Callable[[int, str], None]
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_DEPTH = 32  # far deeper than any handout; libyaml's composer recurses and can crash on deeper input
_STANDARD_TAG = "tag:yaml.org,2002:"
_LINE_SEPARATORS = {"\x85": "next line", "\u2028": "line separator", "\u2029": "paragraph separator"}
_LINE_SEPARATOR = re.compile(f"[{''.join(_LINE_SEPARATORS)}]")


def compose(data: bytes, fail: Fail) -> yaml.Node | None:
    """The file's node tree, or None with the problem recorded.

    The event stream is read first (cheap: a handout is small) to refuse
    anchors, tags and deep nesting before libyaml's recursive composer sees them.
    """
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        fail(line, f"the file is not UTF-8 text (byte 0x{data[error.start]:02X}); save it as UTF-8")
        return None
    if _line_separators_found(source, fail):
        return None
    try:
        try:
            if not _events_allowed(source, _Loader, fail):
                return None
        except yaml.YAMLError:
            # libyaml scans ahead and may stop at its own limits (deep nesting) before our
            # check sees the events; the pure-Python parser streams them, so a broken file
            # is read again with it to see whether one of our rules is what it breaks.
            if _Loader is not yaml.SafeLoader and _python_parser_finds_a_rule_broken(source, fail):
                return None
            raise
        return yaml.compose(source, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        if mark and _char_at(source, mark) == "\t":
            fail(line, f"a tab character at column {mark.column + 1}: YAML allows only spaces here; replace the tab with spaces")
        else:
            fail(line, f"not valid YAML: {error.problem or error.context}")
    except yaml.reader.ReaderError as error:
        line = source[: error.position].count("\n") + 1
        fail(line, f"character U+{error.character:04X} is not allowed in a YAML file (a control character?)")
    except yaml.YAMLError as error:
        fail(1, f"not valid YAML: {error}")
    return None


def _line_separators_found(source: str, fail: Fail) -> bool:
    """Record each line break YAML sees but editors do not show; say whether there was one.

    YAML ends a line at U+0085, U+2028 and U+2029, so a parse error after one is
    reported lines away from the real line, naming neither the character nor its place.
    """
    found_all = list(_LINE_SEPARATOR.finditer(source))
    for found in found_all:
        character = found.group()
        fail(
            source.count("\n", 0, found.start()) + 1,
            f"character U+{ord(character):04X} ({_LINE_SEPARATORS[character]}) is not allowed: YAML reads it as a line break; replace it with a space",
        )
    return bool(found_all)


def _python_parser_finds_a_rule_broken(source: str, fail: Fail) -> bool:
    try:
        return not _events_allowed(source, yaml.SafeLoader, fail)
    except yaml.YAMLError:
        return False


def _char_at(source: str, mark: yaml.Mark) -> str:
    lines = source.split("\n")
    return lines[mark.line][mark.column : mark.column + 1] if mark.line < len(lines) else ""


def _events_allowed(source: str, loader: type, fail: Fail) -> bool:
    """Read the event stream; record the first anchor, tag or too-deep nesting and say False."""
    depth = 0
    for event in yaml.parse(source, Loader=loader):
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            fail(line, "YAML anchors and aliases (&name, *name) are not allowed: write the text out")
            return False
        tag = getattr(event, "tag", None)
        if tag:  # every explicit tag, `!!str` too: the loader reads text as written without one
            shown = "!!" + tag[len(_STANDARD_TAG) :] if tag.startswith(_STANDARD_TAG) else tag
            fail(line, f"YAML tags such as '{shown}' are not allowed: write plain text")
            return False
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        if depth > MAX_DEPTH:
            fail(line, f"lists and mappings are nested more than {MAX_DEPTH} levels deep")
            return False
    return True
