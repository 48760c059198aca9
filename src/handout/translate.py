"""Take a source Handout and one locale's catalogs; give a new, translated Handout.

Nothing is mutated. A string whose translation is missing or fuzzy is a
problem located at its `content/<id>.yaml` line (and its .po line where it
has one); the handout is not built unless the user chose English fallback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from .catalogs import SOURCE_LOCALE, CatalogLayout, bundled_interface_catalog, read_catalog, revision_date, translation_problems
from .errors import CatalogError, Problem
from .model import Handout, Location, Text, map_texts


@dataclass(frozen=True)
class Translation:
    """One catalog of one locale, read and checked; catalog is None when the file does not exist."""

    locale: str
    display: str
    catalog: Catalog | None

    def lookup(self, text: Text) -> tuple[Text | None, Problem | None]:
        """The translated Text, or the problem that keeps this string from being translated."""
        short = text.value if len(text.value) <= 60 else text.value[:57] + "..."
        message = self.catalog.get(text.value) if self.catalog is not None else None
        if message is None or not message.string:
            where = f" (no catalog {self.display})" if self.catalog is None else f" (not in {self.display})" if message is None else f" ({self.display}:{message.lineno})"
            return None, Problem(text.location, self.locale, f'missing translation of "{short}"{where}')
        if message.fuzzy:
            return None, Problem(text.location, self.locale, f'fuzzy translation of "{short}" ({self.display}:{message.lineno}): review it and clear the fuzzy flag')
        return Text(message.string, Location(self.display, message.lineno)), None


def load_translation(path: Path, display: str, locale: str) -> Translation:
    """Read a catalog and check every translation in it; raise CatalogError listing every violation."""
    if not path.is_file():
        return Translation(locale, display, None)
    catalog = read_catalog(path, display, locale)
    problems = [p for message in catalog if message.id and message.string and not message.fuzzy for p in translation_problems(message, display)]
    if problems:
        raise CatalogError(problems)
    return Translation(locale, display, catalog)


def content_translation(layout: CatalogLayout, locale: str, handout_id: str) -> Translation:
    path = layout.content_catalog(locale, handout_id)
    return load_translation(path, layout.display(path), locale)


@dataclass
class _Collector:
    translation: Translation
    problems: list[Problem] = field(default_factory=list)

    def __call__(self, text: Text) -> Text:
        translated, problem = self.translation.lookup(text)
        if problem is not None:
            self.problems.append(problem)
            return text
        return translated


@dataclass(frozen=True)
class Translated:
    handout: Handout
    # Strings printed in English because the user allowed fallback (empty otherwise).
    fallbacks: tuple[Problem, ...]


def translate_handout(handout: Handout, translation: Translation, allow_fallback: bool) -> Translated:
    collect = _Collector(translation)
    revised = revision_date(translation.catalog) if translation.catalog is not None else None
    result = map_texts(handout, collect, language=translation.locale, translation_revised=revised)
    if collect.problems and not allow_fallback:
        raise CatalogError(collect.problems)
    return Translated(result, tuple(collect.problems))


class InterfaceText:
    """The interface strings of one locale, as strict as content: every string the layout
    asks for that the catalog lacks is remembered, so the build can refuse or report it."""

    def __init__(self, translation: Translation):
        self.translation = translation
        self.problems: list[Problem] = []
        self.used: list[Text] = []  # translations printed, for the glyph check

    def gettext(self, message: str) -> str:
        translated, problem = self.translation.lookup(Text(message, Location(self.translation.display)))
        if problem is None:
            self.used.append(translated)
            return translated.value
        if self.translation.catalog is None:
            problem = Problem(
                Location(self.translation.display), self.translation.locale,
                f"no interface catalog (labels, page numbers, the disclaimer): run `handout i18n init {self.translation.locale}`",
            )
        if problem not in self.problems:
            self.problems.append(problem)
        return message


class SourceText:
    """The interface strings of the source language: the msgids themselves."""

    problems: tuple[Problem, ...] = ()
    used: tuple[Text, ...] = ()  # our own English strings: always printable

    def gettext(self, message: str) -> str:
        return message


def interface_text(layout: CatalogLayout, locale: str) -> InterfaceText | SourceText:
    """The interface strings for a locale: the project's catalog, else the one shipped with handout."""
    if locale == SOURCE_LOCALE:
        return SourceText()
    path = layout.interface_catalog(locale)
    if not path.is_file():
        path = bundled_interface_catalog(locale) or path
    return InterfaceText(load_translation(path, layout.display(path), locale))
