"""Read the optional `handout.toml` at the project root into a frozen ProjectConfig.

Unknown keys and wrong types are errors naming the file, the line and the key.
tomllib keeps no line numbers, so the line is found by reading the file's
table headers and `key =` lines, which is all a config of this shape needs.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from . import marks
from .errors import Problem, ProjectError
from .locales import locale_problem, normalize
from .model import Location, Text

PAGE_SIZES = ("letter", "a4")
EDITIONS = ("standard", "large-print", "bilingual")  # rows of styles.EDITIONS
PROFILES = ("office", "press")
CONFIG_NAME = "handout.toml"
CLINIC_KEYS = ("name", "address", "phone", "website", "logo", "short_url")
LOGO_FORMATS = ("PNG", "JPEG")


@dataclass(frozen=True)
class Clinic:
    """The `[clinic]` table: printed in every page's furniture (name, phone) and in the end block."""

    name: str
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    logo: Path | None = None  # absolute, checked to be a PNG or JPEG when the config was read
    short_url: str | None = None  # with {id} and {lang} still to expand

    def url_for(self, handout_id: str, lang: str) -> str | None:
        return self.short_url.format(id=handout_id, lang=lang) if self.short_url else None


@dataclass(frozen=True)
class CheckConfig:
    """[check]: the thresholds of `handout check` (defaults: AMA/NIH plain-language targets, a two-year review)."""

    english_grade_warn: float = 6  # Flesch-Kincaid grade above this warns
    english_grade_error: float = 8
    spanish_fernandez_huerta_warn: float = 70  # below this warns
    spanish_fernandez_huerta_error: float = 60
    review_warn_months: int = 24
    review_error_months: int = 36


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
    editions: tuple[str, ...] = ("standard",)
    bilingual_pair: tuple[str, str] | None = None  # None: the source and the first other locale
    clinic: Clinic | None = None
    # [values]: name -> the text a blank with `value: name` prints, as written (not translated)
    values: dict[str, Text] = field(default_factory=dict)
    check: CheckConfig = CheckConfig()
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
    if not path.exists():
        return ProjectConfig()
    if not path.is_file():  # a folder by that name is a mistake, not "no settings"
        raise ProjectError(f"{CONFIG_NAME}: not a file: handout.toml holds the project settings; remove or rename the folder")
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

    locales = page_size = pair = clinic = None
    editions = ("standard",)
    values: dict[str, Text] = {}
    check = CheckConfig()
    packets: dict[str, Packet] = {}
    for table, value in data.items():
        if table == "clinic":
            clinic = _clinic(value, root, fail) if isinstance(value, dict) else fail("", table, "must be a table [clinic]")
            continue
        if table == "values" and isinstance(value, dict):
            values = _values(value, text, fail)
            continue
        if table == "packets" and isinstance(value, dict):
            packets = _packets(value, text, fail)
            continue
        if table in ("project", "values", "check") and not isinstance(value, dict):
            fail("", table, f"must be a table [{table}]")
            continue
        if not isinstance(value, dict):  # a top-level `page_size = "a4"`
            fail("", table, f"'{table}' belongs in the [project] table: write it under [project]")
            continue
        if table == "check":
            check = _check(value, fail)
            continue
        if table not in ("project", "values"):
            fail(table, None, f"unknown table [{table}]; allowed: [project], [values], [check], [clinic], [packets.NAME]")
            continue
        for key, item in value.items():
            if key == "locales":
                if not isinstance(item, list) or not all(isinstance(x, str) for x in item) or not item:
                    fail("project", key, 'must be a list of locale codes, e.g. ["en", "es"]')
                    continue
                reasons = [reason for reason in map(locale_problem, item) if reason]
                for reason in reasons:
                    fail("project", key, reason)
                locales = () if reasons else tuple(map(normalize, item))
            elif key == "editions":
                if not isinstance(item, list) or not item or any(x not in EDITIONS for x in item):
                    fail("project", key, f"must be a list of editions from {', '.join(EDITIONS)}; found {item!r}")
                    continue
                editions = tuple(dict.fromkeys(item))
            elif key == "bilingual_pair":
                reasons = [r for r in map(locale_problem, item) if r] if _strings(item) else []
                if not _strings(item) or len(item) != 2 or item[0] == item[1]:
                    fail("project", key, f'must be two different locale codes, e.g. ["en", "es"]; found {item!r}')
                elif reasons:
                    fail("project", key, "; ".join(reasons))
                else:
                    pair = tuple(map(normalize, item))
            elif key == "page_size":
                if item not in PAGE_SIZES:
                    fail("project", key, f"must be one of {', '.join(PAGE_SIZES)}; found {item!r}")
                    continue
                page_size = item
            else:
                fail("project", key, "unknown key; allowed: locales, page_size, editions, bilingual_pair")
    if problems:
        raise ProjectError(problems)
    return ProjectConfig(locales, page_size or "letter", editions, pair, clinic, values, check, packets)


def _strings(item) -> bool:
    return isinstance(item, list) and all(isinstance(x, str) for x in item)


def _clinic(table: dict, root: Path, fail) -> Clinic | None:
    """The [clinic] table, every value a non-empty string; the logo must open as a PNG or JPEG image."""
    found: dict[str, object] = {}
    for key, item in table.items():
        if key not in CLINIC_KEYS:
            fail("clinic", key, f"unknown key; allowed: {', '.join(CLINIC_KEYS)}")
        elif not isinstance(item, str) or not item.strip():
            fail("clinic", key, "must be a non-empty string")
        elif key == "short_url" and (reason := _url_template_problem(item)):
            fail("clinic", key, reason)
        elif key == "logo":
            path = root / item
            reason = _image_problem(path)
            if reason:
                fail("clinic", key, f"{item}: {reason}")
            else:
                found[key] = path.resolve()
        else:
            found[key] = " ".join(item.split())
    if "name" not in found:
        if "name" not in table:
            fail("clinic", None, "needs a name = \"...\": it prints on every page")
        return None
    return Clinic(**found)


def _url_template_problem(template: str) -> str | None:
    try:
        url = template.format(id="x", lang="en")
    except (KeyError, IndexError, ValueError) as error:
        return f"only {{id}} and {{lang}} may appear in braces ({error})"
    if not re.match(r"https?://[^\s/]+", url):
        return f"must be an http:// or https:// address; found {template!r}"
    return None


def _image_problem(path: Path) -> str | None:
    from PIL import Image, UnidentifiedImageError

    if not path.is_file():
        return "no such file (the path is relative to the project folder)"
    try:
        with Image.open(path) as image:
            kind = image.format
            image.verify()
    except UnidentifiedImageError:
        return "not an image: use a PNG or JPEG file"
    except (OSError, SyntaxError) as error:
        return f"cannot read the image: {error}"
    if kind not in LOGO_FORMATS:
        return f"a {kind} image: use a PNG or JPEG file"
    return None


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


def _check(table: dict, fail) -> CheckConfig:
    """[check]: numbers only, and each warning threshold on the easy side of its error threshold."""
    defaults = CheckConfig()
    known = [f.name for f in fields(CheckConfig)]
    found = {}
    for key, item in table.items():
        if key not in known:
            fail("check", key, f"unknown key; allowed: {', '.join(known)}")
        elif key.endswith("_months") and (isinstance(item, bool) or not isinstance(item, int) or item < 1):
            fail("check", key, f"must be a whole number of months, at least 1; found {item!r}")
        elif isinstance(item, bool) or not isinstance(item, (int, float)) or not math.isfinite(item):
            fail("check", key, f"must be a number; found {item!r}")
        else:
            found[key] = item
    check = replace(defaults, **found)
    for warn, error, wrong in (
        ("english_grade_warn", "english_grade_error", check.english_grade_warn > check.english_grade_error),
        ("spanish_fernandez_huerta_warn", "spanish_fernandez_huerta_error", check.spanish_fernandez_huerta_warn < check.spanish_fernandez_huerta_error),
        ("review_warn_months", "review_error_months", check.review_warn_months > check.review_error_months),
    ):
        if wrong and (warn in found or error in found):
            fail("check", warn if warn in found else error, f"{warn} is {getattr(check, warn)} and {error} is {getattr(check, error)}: the warning must come before the error")
    return check


def _line_from_message(message: str) -> int | None:
    match = re.search(r"line (\d+)", message)
    return int(match.group(1)) if match else None
