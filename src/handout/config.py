"""Read the optional `handout.toml` at the project root into a frozen ProjectConfig.

Unknown keys and wrong types are errors naming the file, the line and the key.
tomllib keeps no line numbers, so the line is found by reading the file's
table headers and `key =` lines, which is all a config of this shape needs.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import marks
from .errors import Problem, ProjectError
from .locales import locale_problem, normalize
from .model import Location, Text

PAGE_SIZES = ("letter", "a4")
CONFIG_NAME = "handout.toml"
# Keys the contract names that this version does not print yet: refused, not ignored,
# so nobody believes a clinic name or a packet was printed when it was not.
_NOT_YET = {"clinic", "check", "project.editions", "project.bilingual_pair"}


@dataclass(frozen=True)
class Packet:
    """[packets.NAME]: handouts printed together as one PDF, in this order, under this title."""

    name: str
    title: Text
    handouts: tuple[str, ...]
    location: Location  # the `handouts =` line, where an unknown id is reported


@dataclass(frozen=True)
class ProjectConfig:
    locales: tuple[str, ...] | None = None  # None: English plus every locale with catalogs
    page_size: str = "letter"
    # [values]: name -> the text a blank with `value: name` prints, as written (not translated)
    values: dict[str, Text] = field(default_factory=dict)
    packets: dict[str, Packet] = field(default_factory=dict)  # by name


def _line_of(text: str, table: str, key: str | None) -> int | None:
    current = ""
    for number, line in enumerate(text.split("\n"), 1):
        header = re.match(r"\s*\[\s*([^\]]+?)\s*\]", line)
        if header:
            current = header.group(1)
            if key is None and current == table:
                return number
            continue
        if key is not None and current == table and re.match(rf"\s*{re.escape(key)}\s*[=.]", line):
            return number
    return None


def load_config(root: Path) -> ProjectConfig:
    path = root / CONFIG_NAME
    if not path.is_file():
        return ProjectConfig()
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise ProjectError(f"{CONFIG_NAME}: cannot read the file: {error.strerror}") from None
    except UnicodeDecodeError:
        raise ProjectError(f"{CONFIG_NAME}: the file is not UTF-8 text; save it as UTF-8") from None
    problems: list[Problem] = []

    def fail(table: str, key: str | None, message: str) -> None:
        # `key = ...` in the table, else a sub-table header `[table.key]`, else the table's header
        dotted = f"{table}.{key}" if table and key else key or table
        line = _line_of(text, table, key) or _line_of(text, dotted, None) or _line_of(text, table, None)
        name = ".".join(x for x in (table, key) if x)
        problems.append(Problem(Location(CONFIG_NAME, line), name, message))

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = getattr(error, "lineno", None) or _line_from_message(str(error))
        raise ProjectError([Problem(Location(CONFIG_NAME, line), "", f"not valid TOML: {error}")]) from None

    locales = page_size = None
    values: dict[str, Text] = {}
    packets: dict[str, Packet] = {}
    for table, value in data.items():
        if table in _NOT_YET:
            fail(table, None, f"[{table}] is not supported by this version of handout yet; remove it")
            continue
        if table == "values" and isinstance(value, dict):
            values = _values(value, text, fail)
            continue
        if table == "packets" and isinstance(value, dict):
            packets = _packets(value, text, fail)
            continue
        if table in ("project", "values") and not isinstance(value, dict):
            fail("", table, f"must be a table [{table}]")
            continue
        if not isinstance(value, dict):  # a top-level `page_size = "a4"`
            fail("", table, f"'{table}' belongs in the [project] table: write it under [project]")
            continue
        if table not in ("project", "values"):
            fail(table, None, f"unknown table [{table}]; allowed: [project], [values], [packets.NAME]")
            continue
        for key, item in value.items():
            if f"project.{key}" in _NOT_YET:
                fail("project", key, "is not supported by this version of handout yet; remove it")
            elif key == "locales":
                if not isinstance(item, list) or not all(isinstance(x, str) for x in item) or not item:
                    fail("project", key, 'must be a list of locale codes, e.g. ["en", "es"]')
                    continue
                reasons = [reason for reason in map(locale_problem, item) if reason]
                for reason in reasons:
                    fail("project", key, reason)
                locales = () if reasons else tuple(map(normalize, item))
            elif key == "page_size":
                if item not in PAGE_SIZES:
                    fail("project", key, f"must be one of {', '.join(PAGE_SIZES)}; found {item!r}")
                    continue
                page_size = item
            else:
                fail("project", key, "unknown key; allowed: locales, page_size")
    if problems:
        raise ProjectError(problems)
    return ProjectConfig(locales=locales, page_size=page_size or "letter", values=values, packets=packets)


def _packets(tables: dict, text: str, fail) -> dict[str, Packet]:
    """[packets.NAME] tables, each with a title and a non-empty list of handout ids (checked against
    content/ when a packet is built, where the handouts are known)."""
    from .load import id_problem

    packets = {}
    for name, table in tables.items():
        where = f"packets.{name}"
        if not isinstance(table, dict):
            fail("packets", name, f"must be a table [packets.{name}] with title and handouts")
            continue
        found: list[tuple[str | None, str]] = []
        reason = id_problem(name)
        if reason:
            found.append((None, f"the packet name {reason} (it names the PDF)"))
        found += [(key, "unknown key; allowed: title, handouts") for key in sorted(set(table) - {"title", "handouts"})]
        title, handouts = table.get("title"), table.get("handouts")
        if not isinstance(title, str) or not marks.fold(title):
            found.append(("title" if "title" in table else None, 'needs a title in quotes, e.g. title = "Your first visit"'))
        elif marks.unprintable(marks.fold(title)):
            found.append(("title", marks.unprintable(marks.fold(title))))
        if not isinstance(handouts, list) or not handouts or not all(isinstance(h, str) for h in handouts):
            found.append(("handouts" if "handouts" in table else None, 'needs a list of handout ids, e.g. handouts = ["preterm-labor"]'))
        for key, message in found:
            fail(where, key, message)
        if not found:
            title_at = Location(CONFIG_NAME, _line_of(text, where, "title"))
            packets[name] = Packet(name, Text(marks.fold(title), title_at), tuple(handouts), Location(CONFIG_NAME, _line_of(text, where, "handouts")))
    return packets


def _values(table: dict, text: str, fail) -> dict[str, Text]:
    """[values]: short texts a blank prints filled in (a phone number, a unit's name), printed as written."""
    values = {}
    for key, item in table.items():
        if not isinstance(item, str):
            fail("values", key, f'must be text in quotes, e.g. {key} = "555-0142"; found {type(item).__name__}')
            continue
        folded = marks.fold(item)
        reason = "is empty: leave the key out to print a line to write on" if not folded else marks.unprintable(folded)
        if reason:
            fail("values", key, reason)
            continue
        values[key] = Text(folded, Location(CONFIG_NAME, _line_of(text, "values", key)))
    return values


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
