"""Take a source Handout and one locale's catalogs; give a new, translated Handout.

Nothing is mutated. A string whose translation is missing or fuzzy is a
problem located at its `content/<id>.yaml` line (and its .po line where it
has one): the handout is not built unless the user chose English fallback.
A translation that breaks its source's marks, links, numbers or placeholders
is an error at its .po line, fallback or not.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from babel.messages.catalog import Catalog

from .catalogs import (
    CatalogLayout,
    bundled_interface_catalog,
    read_catalog,
    revision_date,
    translation_problems,
)
from .errors import CatalogError, Problem
from .locales import SOURCE_LOCALE
from .marks import fold
from .model import Handout, Location, Text, map_texts


NO_CATALOG = "no catalog for this handout: run `handout i18n extract && handout i18n update`"


def _in_order(problems: Iterable[Problem]) -> list[Problem]:
    """Each problem once, by file and line: the order a reader fixes them in."""
    return sorted(dict.fromkeys(problems), key=lambda p: (p.location.file, p.location.line or 0))


@dataclass
class Report:
    """What translating found: strings without a usable translation, and translations that are wrong."""

    errors: list[Problem] = field(default_factory=list)
    # each string without a usable translation -> the catalog whose absence is the reason, or None;
    # every string is kept (fallback lists and counts them) but a missing catalog fails once
    _missing: dict[Problem, str | None] = field(default_factory=dict)

    def miss(self, problem: Problem, absent_catalog: str | None = None) -> None:
        self._missing.setdefault(problem, absent_catalog)

    @property
    def missing(self) -> list[Problem]:
        """The strings printed in English under fallback, each once, in line order."""
        return _in_order(self._missing)

    def raise_for(self, allow_fallback: bool) -> None:
        problems = list(self.errors)
        if not allow_fallback:
            absent = dict.fromkeys(c for c in self._missing.values() if c is not None)
            problems += [Problem(Location(c), "", NO_CATALOG) for c in absent]
            problems += [p for p, c in self._missing.items() if c is None]
        if problems:
            raise CatalogError(_in_order(problems))


@dataclass(frozen=True)
class Translation:
    """One catalog of one locale; catalog is None when the file does not exist."""

    locale: str
    display: str
    catalog: Catalog | None

    def translate(self, text: Text, report: Report) -> Text:
        """The translated Text; the source Text (and an entry in the report) when there is none."""
        short = text.value if len(text.value) <= 60 else text.value[:57] + "..."
        message = self.catalog.get(text.value) if self.catalog is not None else None
        if message is None or not message.string:
            where = f"no catalog {self.display}" if self.catalog is None else f"not in {self.display}" if message is None else f"{self.display}:{message.lineno}"
            absent = self.display if self.catalog is None else None
            report.miss(Problem(text.location, self.locale, f'missing translation of "{short}" ({where})'), absent)
            return text
        if message.fuzzy:
            report.miss(Problem(text.location, self.locale, f'fuzzy translation of "{short}" ({self.display}:{message.lineno}): review it and clear the fuzzy flag'))
            return text
        errors = translation_problems(message, self.display)
        if errors:
            report.errors.extend(errors)
            return text
        return Text(fold(message.string), Location(self.display, message.lineno))


def load_translation(path: Path, display: str, locale: str) -> Translation:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return Translation(locale, display, None)
    return _read_translation(path, display, locale, stat.st_mtime_ns, stat.st_size)


def forget_catalogs() -> None:
    _read_translation.cache_clear()


@functools.lru_cache(maxsize=512)
def _read_translation(path: Path, display: str, locale: str, mtime_ns: int, size: int) -> Translation:
    """A batch worker reads each catalog once, not once per handout that shows its title.
    The file's time and size are part of the key, so an edited catalog is read again."""
    return Translation(locale, display, read_catalog(path, display, locale))


def content_translation(layout: CatalogLayout, locale: str, handout_id: str) -> Translation:
    path = layout.content_catalog(locale, handout_id)
    return load_translation(path, layout.display(path), locale)


def translate_handout(handout: Handout, translation: Translation, report: Report) -> Handout:
    revised = revision_date(translation.catalog) if translation.catalog is not None else None
    return map_texts(handout, lambda text: translation.translate(text, report), language=translation.locale, translation_revised=revised)


class InterfaceText:
    """The interface strings of one locale, as strict as content: what the layout asks for and
    the catalog lacks goes into the report, so the build can refuse or report it."""

    def __init__(self, translation: Translation, report: Report, allow_fallback: bool = False):
        self.translation = translation
        self.report = report
        self.allow_fallback = allow_fallback
        self.used: list[Text] = []  # translations printed, for the glyph check

    def gettext(self, message: str) -> str:
        if self.translation.catalog is None:
            problem = Problem(
                Location(self.translation.display), self.translation.locale,
                f"no interface catalog (labels, page numbers, the disclaimer): run `handout i18n init {self.translation.locale}`",
            )
            self.report.miss(problem)
            return message
        source = Text(message, Location(self.translation.display))
        translated = self.translation.translate(source, self.report)
        if translated is not source:
            self.used.append(translated)
        return translated.value

    def in_english(self) -> int:
        """Without fallback a missing string fails the build, so nothing is printed in English."""
        return len(self.report.missing) if self.allow_fallback else 0


class SourceText:
    """The interface strings of the source language: the msgids themselves."""

    used: tuple[Text, ...] = ()  # our own English strings: always printable

    def gettext(self, message: str) -> str:
        return message

    def in_english(self) -> int:
        return 0  # English is the language asked for, not a fallback


def interface_text(layout: CatalogLayout, locale: str, report: Report, allow_fallback: bool = False) -> InterfaceText | SourceText:
    """The interface strings for a locale: the project's catalog, else the one shipped with handout.
    With allow_fallback, the strings printed in English are counted for the note on the first page."""
    if locale == SOURCE_LOCALE:
        return SourceText()
    path = layout.interface_catalog(locale)
    if not path.is_file():
        path = bundled_interface_catalog(locale) or path
    return InterfaceText(load_translation(path, layout.display(path), locale), report, allow_fallback)
