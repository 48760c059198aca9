"""Locale codes, spelled one way: take what a user or a folder says (`es-MX`, `es_419`,
`ES`) and give the code gettext writes (`es_MX`), the BCP 47 tag a PDF carries
(`es-MX`), and the locale folders a project has.

Babel's `Locale.parse` does the parsing, so any locale Babel knows works and
two spellings of one locale can never become two catalogs. The words Babel
makes for a locale (its own name, its long dates) live here too, so the
layout prints them and `i18n init` can refuse a locale whose script the
fonts lack, both from one place.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date

from .glyphs import coverage, describe, script_of

SOURCE_LOCALE = "en"
TEMPLATES_FOLDER = "content"  # locales/content/ holds the handout templates, not a locale


class LocaleCodeError(ValueError):
    """The code names no locale Babel knows; the message says so in words a user can act on."""


def parse_locale(code: str) -> Locale:
    try:
        # Babel reads gettext's underscore; BCP 47 writes a hyphen (es-MX): accept both.
        return Locale.parse(code.strip().replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        raise LocaleCodeError(f"'{code}' is not a locale code Babel knows (e.g. es, es_MX, es-419, vi)") from None


def normalize(code: str) -> str:
    """The code as gettext and the catalog folders write it: `ES` -> `es`, `es-mx` -> `es_MX`."""
    return str(parse_locale(code))


def locale_problem(code: str) -> str | None:
    """Why a locale code is unusable, or None."""
    try:
        parse_locale(code)
    except LocaleCodeError as error:
        return str(error)
    return None


def bcp47(locale: str) -> str:
    """The language tag of a PDF's /Lang: `es_MX` -> `es-MX`, `zh_Hant_TW` -> `zh-Hant-TW`."""
    return normalize(locale).replace("_", "-")


def language_name(locale: str) -> str:
    """The language's name in itself, capitalised as a running head prints it: `es` -> Español."""
    parsed = Locale.parse(locale)
    name = parsed.get_display_name(parsed) or locale
    return name[:1].upper() + name[1:]


def long_date(date: datetime.date, locale: str) -> str:
    return format_date(date, format="long", locale=locale)


def generated_words(locale: str) -> list[tuple[str, str]]:
    """(what, words) a handout prints in the locale that no translator writes: its language
    name and its long dates (one per month, since month names differ)."""
    dates = (long_date(datetime.date(2025, month, 28), locale) for month in range(1, 13))
    return [("language name", language_name(locale)), *(("long date", date) for date in dates)]


def unprintable_locale(locale: str) -> str | None:
    """Why no handout can be printed in the locale, or None: every page prints the language's
    name and its dates, so a script the fonts lack fails every build in it."""
    for what, words in generated_words(locale):
        lacking = coverage().cannot_draw(words)
        if lacking:
            shown = ", ".join(f"U+{ord(ch):04X} {describe(ch)}" for ch in lacking[:3])
            return (
                f"'{locale}' cannot be printed: the handout fonts have no {script_of(lacking)} characters "
                f"(its {what} '{words}' needs {shown}); they draw Latin, Greek, Cyrillic and Vietnamese"
            )
    return None


def fallbacks(locale: str) -> list[str]:
    """The locale, then the less specific ones it can borrow from: `es_MX` -> es_MX, es."""
    parsed = parse_locale(locale)
    chain = [str(parsed)]
    if parsed.script and parsed.territory:
        chain.append(f"{parsed.language}_{parsed.script}")
    if parsed.script or parsed.territory:
        chain.append(parsed.language)
    return chain


def find_locale_folders(locales_dir: Path) -> tuple[list[str], list[str]]:
    """(locales with a catalog folder, problems): a folder under locales/ that is not named as
    a locale (`es-419`, `ES`, `xx`) is named, never silently skipped, so no translation is lost.
    The source language is not a translation: its folder is left alone."""
    if not locales_dir.is_dir():
        return [], []
    found, problems = [], []
    for folder in sorted(locales_dir.iterdir()):
        if not folder.is_dir() or folder.name.startswith(".") or folder.name == TEMPLATES_FOLDER:
            continue
        try:
            code = normalize(folder.name)
        except LocaleCodeError:
            # Folder names use gettext's underscore, so the examples do too (es_419, never es-419).
            problems.append(f"locales/{folder.name}/: not a locale folder: '{folder.name}' is not a locale code Babel knows; name locale folders as gettext writes them (e.g. es, es_MX, es_419, vi)")
            continue
        if code != folder.name:
            problems.append(f"locales/{folder.name}/: locale folders are named as gettext writes them: rename it to locales/{code}/")
        elif not (folder / "LC_MESSAGES").is_dir():
            problems.append(f"locales/{folder.name}/: has no LC_MESSAGES/ folder: create its catalogs with `handout i18n init {code}`")
        elif code != SOURCE_LOCALE:
            found.append(code)
    return found, problems
