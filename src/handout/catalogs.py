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
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import PoFileError, read_po, write_po

from . import __version__, marks
from .config import valid_locale
from .errors import CatalogError, Problem
from .model import Handout, Location, translatable_texts

SOURCE_LOCALE = "en"
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
        """Every locale with a catalog folder, in a stable order; the source language is not one."""
        if not self.locales_dir.is_dir():
            return []
        found = []
        for folder in sorted(self.locales_dir.iterdir()):
            if (folder / "LC_MESSAGES").is_dir() and folder.name != SOURCE_LOCALE and valid_locale(folder.name) is None:
                found.append(folder.name)
        return found


def bundled_interface_catalog(locale: str) -> Path | None:
    """The interface catalog shipped inside the installed package, used when a project has none."""
    path = PACKAGE_DIR / "locales" / locale / "LC_MESSAGES" / f"{INTERFACE_DOMAIN}.po"
    return path if path.is_file() else None


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
    """The strings our own code prints (headings, labels, the disclaimer), from `_()` calls."""
    catalog = _new_catalog()
    found = extract_from_dir(
        str(PACKAGE_DIR),
        method_map=[("**.py", "python")],
        keywords={"_": None, "ngettext": (1, 2)},
        comment_tags=("Translators:",),
    )
    for filename, lineno, message, comments, context in found:
        catalog.add(message, locations=[(f"handout/{filename}", lineno)], auto_comments=comments, context=context)
    return catalog


def po_bytes(catalog: Catalog, **options) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=_PO_WIDTH, include_previous=True, **options)
    return buffer.getvalue()


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write unless only the POT-Creation-Date differs, so re-extracting leaves git diffs clean."""
    if path.is_file() and _CREATION_DATE.sub(b"", path.read_bytes()) == _CREATION_DATE.sub(b"", data):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)
    return True


# -- reading -----------------------------------------------------------------


_PO_STRING = r'"(?:[^"\\]|\\.)*"'
_PO_LINE = re.compile(rf"(?:(?:#~ )?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?{_PO_STRING}[ \t]*|#.*|[ \t]*")


def po_syntax_problems(text: str, display: str) -> list[Problem]:
    """Lines that are not PO syntax. Babel's reader is lenient (`msgstr Notez` reads as "ote"),
    and a garbled string must never reach a patient, so every line is checked first."""
    return [
        Problem(Location(display, number), "", f"malformed catalog: this line is not PO syntax: {line.strip()[:60]}")
        for number, line in enumerate(text.splitlines(), 1)
        if not _PO_LINE.fullmatch(line)
    ]


def read_catalog(path: Path, display: str, locale: str | None = None) -> Catalog:
    """Read a .po/.pot file; a malformed one is a CatalogError at its line, never a traceback."""
    try:
        data = path.read_bytes()
        problems = po_syntax_problems(data.decode("utf-8"), display)
        if problems:
            raise CatalogError(problems)
        return read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as error:
        raise CatalogError([Problem(Location(display, error.lineno), "", f"malformed catalog: {error}")]) from None
    except (UnicodeDecodeError, ValueError) as error:
        raise CatalogError([Problem(Location(display), "", f"malformed catalog: {error}")]) from None
    except OSError as error:
        raise CatalogError([Problem(Location(display), "", f"cannot read the catalog: {error.strerror}")]) from None


def revision_date(catalog: Catalog) -> datetime.date | None:
    """The PO-Revision-Date a translator's tool set, or None while it is still the template placeholder."""
    raw = dict(catalog.mime_headers).get("PO-Revision-Date", "")
    match = re.match(r"(\d{4})-(\d{2})-(\d{2})", raw)
    return datetime.date(*map(int, match.groups())) if match else None


def translation_problems(message: Message, display: str) -> list[Problem]:
    """A translation must keep its source's marks, link targets and numbers."""
    where = Location(display, message.lineno)
    try:
        source = marks.signature(message.id)
    except marks.MarkError:
        return []  # the source is checked where it is written
    try:
        target = marks.signature(message.string)
    except marks.MarkError as error:
        return [Problem(where, "msgstr", str(error))]
    problems = []
    if (source.bold, source.italic) != (target.bold, target.italic):
        problems.append(Problem(where, "msgstr", f"the source has {source.bold} bold and {source.italic} italic runs; the translation has {target.bold} and {target.italic}"))
    if source.links != target.links:
        problems.append(Problem(where, "msgstr", f"links differ: the source links to {', '.join(source.links) or 'nothing'}; the translation to {', '.join(target.links) or 'nothing'}"))
    if source.placeholders != target.placeholders:
        problems.append(Problem(where, "msgstr", f"placeholders differ: the source has {', '.join(source.placeholders) or 'none'}; the translation has {', '.join(target.placeholders) or 'none'}"))
    if source.numbers != target.numbers:
        problems.append(Problem(where, "msgstr", f"numbers differ: the source has {', '.join(source.numbers) or 'none'}; the translation has {', '.join(target.numbers) or 'none'}"))
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
    catalog.update(template, no_fuzzy_matching=False, update_header_comment=False, keep_user_comments=True)
    catalog.fuzzy = False  # the header, not a message: Babel marks new headers fuzzy
    return write_if_changed(target, po_bytes(catalog))


@dataclass(frozen=True)
class CatalogStats:
    locale: str
    name: str
    translated: int
    fuzzy: int
    missing: int


def count(template: Catalog, catalog: Catalog | None, locale: str, name: str) -> CatalogStats:
    translated = fuzzy = missing = 0
    for message in template:
        if not message.id:
            continue
        found = catalog.get(message.id) if catalog is not None else None
        if found is None or not found.string:
            missing += 1
        elif found.fuzzy:
            fuzzy += 1
        else:
            translated += 1
    return CatalogStats(locale, name, translated, fuzzy, missing)


# -- pybabel extractor -------------------------------------------------------


def extract(fileobj, keywords, comment_tags, options):
    """Babel extraction method for handout YAML (`handout = handout.catalogs:extract`).

    Yields (lineno, funcname, message, comments) as pybabel expects, so a
    mapping file line `[handout: content/**.yaml]` extracts handout content.
    """
    from .load import parse_handout

    name = Path(getattr(fileobj, "name", "handout.yaml"))
    data = fileobj.read()
    handout = parse_handout(data if isinstance(data, bytes) else data.encode("utf-8"), name.as_posix(), name.stem, {})
    for msgid, origin, context in handout_messages(handout):
        yield origin.line, None, msgid, [context]
