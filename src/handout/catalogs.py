"""Gettext catalogs with Babel: templates from handouts and from our own code, reading,
checking, updating and counting the `.po` files a translator edits.

Takes Handouts and the project's `locales/` folder; gives Babel Catalogs, files
on disk and located problems. Every message keeps its origin
(`content/<id>.yaml:<line>`) and a comment saying where the string stands.
The `.po` files are the only source of truth: builds read them directly.
"""

from __future__ import annotations

import datetime
import io
import re
import string
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from . import __version__, marks
from .errors import CatalogError, ContentError, Problem, ProjectError
from .files import write_atomically
from .glyphs import cannot_print
from .locales import fallbacks, find_locale_folders
from .model import Handout, Location, translatable_texts

INTERFACE_DOMAIN = "handout"
PACKAGE_DIR = Path(__file__).resolve().parent
_PO_WIDTH = 76
_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: .*\\n"\n', re.MULTILINE)


@dataclass(frozen=True)
class CatalogLayout:
    """Where a project's catalogs live (content-format.md, "A project")."""

    root: Path

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    def interface_template(self) -> Path:
        return self.locales_dir / f"{INTERFACE_DOMAIN}.pot"

    def content_template(self, handout_id: str) -> Path:
        return self.locales_dir / "content" / f"{handout_id}.pot"

    def interface_catalog(self, locale: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / f"{INTERFACE_DOMAIN}.po"

    def content_catalog(self, locale: str, handout_id: str) -> Path:
        return self.locales_dir / locale / "LC_MESSAGES" / "content" / f"{handout_id}.po"

    def display(self, path: Path) -> str:
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def locales(self) -> list[str]:
        """Every locale with a catalog folder, in a stable order; the source language is not one.

        A folder that is not a locale, or a locales/ folder that cannot be read, is a
        ProjectError: silently skipping it would leave a translation unprinted.
        """
        try:
            found, problems = find_locale_folders(self.locales_dir)
        except OSError as error:
            raise ProjectError(f"{self.locales_dir}: cannot read the folder: {error.strerror}") from None
        if problems:
            raise ProjectError("\n".join(problems))
        return found


def bundled_catalogs_folders() -> list[Path]:
    """Where bundled_interface_catalog looks: the installed package's locales/, or the checkout's."""
    return [folder for folder in (PACKAGE_DIR / "locales", PACKAGE_DIR.parents[1] / "locales") if folder.is_dir()]


def bundled_interface_catalog(locale: str) -> Path | None:
    """The interface catalog that comes with handout, used when a project has none: inside the
    installed package, or in the source checkout's locales/ for an editable install. A regional
    variant (es_MX) borrows its language's catalog (es) when handout ships none of its own."""
    for code in fallbacks(locale):
        for locales in bundled_catalogs_folders():
            path = locales / code / "LC_MESSAGES" / f"{INTERFACE_DOMAIN}.po"
            if path.is_file():
                return path
    return None


# -- templates ---------------------------------------------------------------


def _new_catalog(locale: str | None = None) -> Catalog:
    return Catalog(
        locale=locale,
        project="handout",
        version=__version__,
        charset="utf-8",
        fuzzy=False,
        header_comment="# Translations of handout patient handouts.\n#",
    )


def handout_messages(handout: Handout) -> Iterator[tuple[str, Location, str]]:
    """(msgid, origin, context) for every translatable string, in reading order."""
    for context, text in translatable_texts(handout):
        yield text.value, text.location, context


def handout_template(handout: Handout) -> Catalog:
    catalog = _new_catalog()
    for msgid, origin, context in handout_messages(handout):
        location = (origin.file, origin.line)
        existing = catalog.get(msgid)
        if existing is None:
            catalog.add(msgid, locations=[location], auto_comments=[context])
        else:
            # The same sentence twice in one handout is one entry: translated once, used everywhere.
            existing.locations.append(location)
            existing.auto_comments.append(context)
    return catalog


def interface_template() -> Catalog:
    """The strings our own code prints (headings, labels, the disclaimer), from `_()` calls.

    Locations name the file without a line (gettext's --add-location=file), so
    editing code above a string does not rewrite every interface catalog.
    """
    catalog = _new_catalog()
    found = extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords={"_": None, "ngettext": (1, 2)},
        comment_tags=("Translators:",),
    )
    for filename, lineno, message, comments, context in found:
        location = (f"handout/{filename}", None)
        existing = catalog.get(message, context)
        if existing is None:
            catalog.add(message, locations=[location], auto_comments=comments, context=context)
        elif location not in existing.locations:
            existing.locations.append(location)
    return catalog


def po_bytes(catalog: Catalog, **options) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=_PO_WIDTH, include_previous=True, **options)
    return buffer.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write unless only the POT-Creation-Date differs, so re-extracting leaves git diffs clean.

    A file that cannot be written is a CatalogError naming it (not the temporary file beside it).
    """
    try:
        if path.is_file() and _CREATION_DATE.sub(b"", path.read_bytes()) == _CREATION_DATE.sub(b"", data):
            return False
        write_atomically(path, data)
    except OSError as error:
        raise CatalogError([Problem(Location(str(path)), "", f"cannot write the file: {error.strerror}")]) from None
    return True


# -- reading -----------------------------------------------------------------


# Only the escapes Babel reads back (\\ \" \n \t \r): `\a` would print as a backslash and a letter.
_PO_STRING = r'"(?:[^"\\]|\\[\\"ntr])*"'
_UNKNOWN_ESCAPE = re.compile(r'\\[^\\"ntr]')
_PO_LINE = re.compile(rf"(?:(?:#~ )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?{_PO_STRING}[ \t]*|#.*|[ \t]*")
_PREVIOUS = re.compile(rf"#\| (?:msgid )?({_PO_STRING})")
_CHARSET = re.compile(r"charset=([\w.:-]+)", re.IGNORECASE)
_HEADER_DATE = re.compile(r'"(PO-Revision-Date|POT-Creation-Date):\s*(.*?)\s*(?:\\n)?"')
_DATE_VALUE = re.compile(r"(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})(?:[+-]\d{4})?")


def po_syntax_problems(text: str, display: str) -> list[Problem]:
    """Lines that are not PO syntax. Babel's reader is lenient (`msgstr Notez` reads as "ote"),
    and a garbled string must never reach a patient, so every line is checked first."""
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        if _PO_LINE.fullmatch(line.rstrip("\r")):
            continue
        escape = _UNKNOWN_ESCAPE.search(line) if not line.startswith("#") else None
        if escape:
            message = f"unknown escape '{escape.group()}': write \\\\ for a backslash (only \\n, \\t, \\r, \\\" and \\\\ are read)"
        else:
            message = f"malformed catalog: this line is not PO syntax: {line.strip()[:60]}"
        problems.append(Problem(Location(display, number), "", message))
    return problems


def _header_problems(text: str, display: str) -> list[Problem]:
    """A header Babel would refuse or misread, located at its own line (not at the first entry)."""
    problems = []
    for number, line in enumerate(text.split("\n"), 1):
        charset = _CHARSET.search(line) if line.startswith('"Content-Type') else None
        if charset and charset.group(1).lower() not in ("utf-8", "utf8", "charset"):
            problems.append(Problem(Location(display, number), "", f"the header says charset={charset.group(1)}, but catalogs are read as UTF-8: save the file as UTF-8 and set charset=UTF-8"))
        date = _HEADER_DATE.match(line)
        if date and "YEAR" not in date.group(2) and not _real_date(date.group(2)):
            problems.append(Problem(Location(display, number), date.group(1), f"'{date.group(2)}' is not a real date and time: write YYYY-MM-DD HH:MM+ZZZZ (your PO editor sets it when you save)"))
    return problems


def _real_date(value: str) -> bool:
    match = _DATE_VALUE.fullmatch(value)
    if match is None:
        return False
    try:
        datetime.datetime(*map(int, match.groups()))
    except ValueError:
        return False
    return True


def _previous_msgids(text: str) -> dict[int, str]:
    """msgid line -> the previous source text from its `#| msgid` lines.

    Babel's reader turns those lines into translator comments, which would
    lose the "what changed" hint on the next update; we keep them instead.
    """
    found, pending = {}, []
    for number, line in enumerate(text.split("\n"), 1):
        match = _PREVIOUS.fullmatch(line.rstrip())
        if match:
            pending.append(unescape(match.group(1)))
        elif line.startswith("msgid ") and pending:
            found[number] = "".join(pending)
            pending = []
        elif not line.startswith("#"):
            pending = []
    return found


def _entry_problems(text: str, display: str) -> list[Problem]:
    """Entries a handout catalog never uses, each named for what it is: a msgid given twice
    (Babel would silently keep one of the two translations), a plural entry, a msgctxt
    (handout looks strings up without a context, so that entry would never be found)."""
    seen: dict[tuple[str, str], int] = {}
    problems = []
    lines = text.split("\n")
    context = ""
    for number, line in enumerate(lines, 1):
        if line.startswith("msgctxt "):
            context = line
            problems.append(Problem(Location(display, number), "msgctxt", "handout catalogs use no msgctxt, so this entry would never be found: remove the msgctxt line"))
        elif line.startswith("msgid_plural "):
            problems.append(Problem(Location(display, number - 1), "msgid_plural", "plural entries are not used in handout catalogs: remove this one"))
        elif line.startswith("msgid "):
            pieces = [line[len("msgid ") :].strip()]
            for more in lines[number:]:
                if not more.startswith('"'):
                    break
                pieces.append(more.strip())
            key = (context, "".join(unescape(p) for p in pieces))
            context = ""
            if key in seen:
                problems.append(Problem(Location(display, number), "msgid", f"this msgid is already at line {seen[key]}: keep one entry"))
            else:
                seen[key] = number
    return problems


def read_catalog(path: Path, display: str, locale: str | None = None) -> Catalog:
    """Read a UTF-8 .po/.pot file; a malformed one is a CatalogError at its line, never a traceback."""

    def fail(line: int | None, message: str) -> CatalogError:
        return CatalogError([Problem(Location(display, line), "", message)])

    try:
        data = path.read_bytes()
    except OSError as error:
        raise fail(None, f"cannot read the catalog: {error.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise fail(data[: error.start].count(b"\n") + 1, "the catalog is not UTF-8 text: save it as UTF-8") from None
    problems = po_syntax_problems(text, display) or _header_problems(text, display) + _entry_problems(text, display)
    if problems:
        raise CatalogError(problems)
    try:
        # Lines given as text: Babel does not decode them again by the header's charset.
        catalog = read_po(io.StringIO(text), locale=locale, abort_invalid=True, charset="utf-8")
    except PoFileError as error:
        raise fail(error.lineno, f"malformed catalog: {error}") from None
    except (ValueError, LookupError) as error:
        raise fail(None, f"malformed catalog: {error}") from None
    catalog.charset = "utf-8"  # what was read; a template's charset=CHARSET placeholder would break .mo writing
    previous = _previous_msgids(text)
    for message in catalog:
        if message.lineno in previous:
            message.previous_id = [previous[message.lineno]]
            message.user_comments = [c for c in message.user_comments if not c.startswith("|")]
    return catalog


def revision_date(catalog: Catalog) -> datetime.date | None:
    """The PO-Revision-Date a translator's tool set, or None while it is still the template placeholder."""
    raw = dict(catalog.mime_headers).get("PO-Revision-Date", "")
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", raw)
    return datetime.date(*map(int, match.groups())) if match else None


def translation_problems(message: Message, display: str) -> list[Problem]:
    """A translation must keep its source's marks, link targets, numbers and placeholders,
    and hold only characters the fonts can draw (named at its line, as the check reports them)."""
    where = Location(display, message.lineno)
    try:
        source = marks.signature(message.id)
    except marks.MarkError:
        return []  # the source is checked where it is written
    reason = marks.too_long(message.string, marks.MAX_TRANSLATION_LENGTH) or marks.unprintable(marks.fold(message.string))
    if reason:
        return [Problem(where, "msgstr", f"the translation {reason}")]
    try:
        target = marks.signature(message.string)
    except marks.MarkError as error:
        return [Problem(where, "msgstr", str(error))]
    if source.placeholders and target.placeholders is not None:
        # Each piece between placeholders is printed as its own marked text (layout.fill),
        # so a mark may not run across a placeholder.
        for literal, name, *_ in string.Formatter().parse(message.string):
            try:
                marks.parse(literal)
            except marks.MarkError:
                return [Problem(where, "msgstr", f"a mark or link runs across {{{name}}}: close it before the placeholder and open it again after it, as the source does")]

    def listed(values) -> str:
        return ", ".join(values) or "none"

    problems = [Problem(where, "msgstr", f"the translation has a {lack}") for lack in cannot_print(marks.fold(message.string))]
    if (source.bold, source.italic) != (target.bold, target.italic):
        problems.append(Problem(where, "msgstr", f"the source has {source.bold} bold and {source.italic} italic runs; the translation has {target.bold} and {target.italic}"))
    if source.links != target.links:
        problems.append(Problem(where, "msgstr", f"links differ: the source links to {listed(source.links)}; the translation to {listed(target.links)}"))
    if source.numbers != target.numbers:
        problems.append(Problem(where, "msgstr", f"numbers differ: the source has {listed(source.numbers)}; the translation has {listed(target.numbers)}"))
    if source.placeholders and source.placeholders != target.placeholders:
        found = "braces that are not simple {name} placeholders" if target.placeholders is None else listed("{%s}" % p for p in target.placeholders)
        wanted = listed("{%s}" % p for p in source.placeholders)
        problems.append(Problem(where, "msgstr", f"placeholders differ: the source has {wanted}; the translation has {found}"))
    return problems


# -- maintenance (the i18n commands) ----------------------------------------


def extract_templates(layout: CatalogLayout, handouts: Iterable[Handout]) -> list[Path]:
    """Write the interface template and one template per handout; return the files that changed."""
    changed = []
    targets = [(layout.interface_template(), interface_template())]
    targets += [(layout.content_template(h.id), handout_template(h)) for h in handouts]
    for path, catalog in targets:
        if write_if_changed(path, po_bytes(catalog, omit_header=False)):
            changed.append(path)
    return changed


def init_locale(layout: CatalogLayout, locale: str, templates: dict[Path, Catalog]) -> list[Path]:
    """Create the catalogs of a new locale from the templates; keep any that already exist."""
    created = []
    for target, template in templates.items():
        if target.exists():
            continue
        bundled = bundled_interface_catalog(locale) if target == layout.interface_catalog(locale) else None
        catalog = read_catalog(bundled, str(bundled), locale) if bundled else _new_catalog(locale)
        catalog.update(template, update_header_comment=False)
        catalog.fuzzy = False
        write_if_changed(target, po_bytes(catalog))
        created.append(target)
    return created


def update_catalog(target: Path, template: Catalog, locale: str, display: str) -> bool:
    """Merge a template into a catalog: changed sources turn fuzzy, removed ones obsolete."""
    catalog = read_catalog(target, display, locale)
    previous = {m.id: m.previous_id for m in catalog if m.fuzzy and m.previous_id}
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    for message in catalog:
        # `#|` must show the English the msgstr translates. Babel forgets it for an entry that
        # is still fuzzy, and for a fuzzy entry whose source changed again it names the
        # in-between English, which was never translated: carry the original along instead.
        if message.fuzzy:
            key = message.previous_id[0] if message.previous_id else message.id
            if key in previous:
                message.previous_id = previous[key]
    catalog.fuzzy = False  # the header, not a message: Babel marks new headers fuzzy
    return write_if_changed(target, po_bytes(catalog))


@dataclass(frozen=True)
class CatalogStats:
    locale: str
    name: str
    translated: int
    fuzzy: int
    missing: int
    broken: int  # translated, but breaking a rule a build enforces (marks, links, numbers...)


def count(template: Catalog, catalog: Catalog | None, locale: str, name: str, display: str) -> CatalogStats:
    translated = fuzzy = missing = broken = 0
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id) if catalog is not None else None
        if found is None or not found.string:
            missing += 1
        elif found.fuzzy:
            fuzzy += 1
        elif translation_problems(found, display):
            broken += 1
        else:
            translated += 1
    return CatalogStats(locale, name, translated, fuzzy, missing, broken)


# -- pybabel extractor -------------------------------------------------------


def extract(fileobj, keywords, comment_tags, options):
    """Babel extraction method for handout YAML (`handout = handout.catalogs:extract`).

    Yields (lineno, funcname, message, comments) as pybabel expects, so a
    mapping file line `[handout: content/**.yaml]` extracts handout content.
    A broken handout is reported the way pybabel reports a source file it cannot
    use (`file:line: error: ...` on stderr) and gives no messages; the others are extracted.
    """
    from .load import parse_handout

    name = Path(getattr(fileobj, "name", "handout.yaml"))
    data = fileobj.read()
    try:
        handout = parse_handout(data if isinstance(data, bytes) else data.encode("utf-8"), name.as_posix(), name.stem, {})
    except ContentError as error:
        for problem in error.problems:
            key = f" {problem.key}:" if problem.key else ""
            sys.stderr.write(f"{problem.location}: error:{key} {problem.message}\n")
        return
    for msgid, origin, context in handout_messages(handout):
        yield origin.line, None, msgid, [context]
