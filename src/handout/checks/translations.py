"""Translation rules, per handout and locale: is the catalog complete, current and truthful?

Reads catalogs only through catalogs.py and translate.py (the same reader,
cache and rules a build uses), so `check` passes exactly when a build would.
Beyond what a build refuses, it finds what a build cannot see: entries left
behind by an edit of the English, obsolete entries, catalogs of deleted
handouts, and a revision date that the printed handout would show wrongly.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Iterator

from ..catalogs import CatalogLayout, handout_messages, revision_date, translation_problems
from ..errors import ERROR, WARNING, CatalogError, Issue
from ..locales import unprintable_locale
from ..model import Handout, Location
from ..translate import Translation, content_translation, load_translation
from .context import CheckContext

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_UPDATE = "run `handout i18n extract && handout i18n update`"


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _translation(ctx: CheckContext, handout_id: str) -> Translation | None:
    """The catalog as a build reads it; None when it is malformed (catalog_entries reports that)."""
    try:
        return content_translation(ctx.layout, ctx.locale, handout_id)
    except CatalogError:
        return None


def _msgids(handout: Handout) -> dict[str, Location]:
    """Each msgid the handout's template holds, with where it is first written."""
    found: dict[str, Location] = {}
    for msgid, origin, _ in handout_messages(handout):
        found.setdefault(msgid, origin)
    return found


def catalog_entries(handout: Handout, ctx: CheckContext) -> Iterator[Issue]:
    """Every string of the handout translated, not fuzzy, keeping its marks; nothing extra or obsolete."""
    try:
        translation = content_translation(ctx.layout, ctx.locale, handout.id)
    except CatalogError as error:
        yield from (Issue(ERROR, p.location, "catalog-malformed", p.message) for p in error.problems)
        return
    display, catalog = translation.display, translation.catalog
    if catalog is None:
        yield Issue(ERROR, Location(display), "catalog-missing", f"no {ctx.locale} catalog for this handout: run `handout i18n update`")
        return
    wanted = _msgids(handout)
    for msgid, origin in wanted.items():
        found = catalog.get(msgid)
        if found is None:
            yield Issue(ERROR, origin, "catalog-outdated", f'"{_short(msgid)}" is not in {display}: {_UPDATE}')
        elif not found.string:
            yield Issue(ERROR, Location(display, found.lineno), "translation-missing", f'no translation of "{_short(msgid)}"')
        elif found.fuzzy:
            yield Issue(ERROR, Location(display, found.lineno), "translation-fuzzy", f'fuzzy translation of "{_short(msgid)}": review it and clear the fuzzy flag')
        else:
            yield from (Issue(ERROR, p.location, "translation-broken", p.message) for p in translation_problems(found, display))
    for message in catalog:
        if message.id and message.id not in wanted:
            yield Issue(ERROR, Location(display, message.lineno), "catalog-outdated", f'"{_short(message.id)}" is no longer in {handout.location.file}: {_UPDATE}')
    for message in catalog.obsolete.values():
        yield Issue(WARNING, Location(display, message.lineno), "translation-obsolete", f'obsolete entry (#~) "{_short(message.id)}": delete it when its old translation is no longer needed')


def related_titles(handout: Handout, ctx: CheckContext) -> Iterator[Issue]:
    """A related handout is printed by its translated title: without one, the build fails here."""
    for index, related in enumerate(handout.related):
        title = ctx.project.title_of(related.id)
        if title is None:
            continue  # the loader reports a related id that does not load or has no readable title
        translation = _translation(ctx, related.id)
        message = translation.catalog.get(title.value) if translation and translation.catalog else None
        if message is None or not message.string or message.fuzzy:
            where = translation.display if translation else related.id
            yield Issue(ERROR, related.location, "related-title-untranslated", f"related[{index}]: the title of '{related.id}' has no usable {ctx.locale} translation in {where}, so this handout cannot be built in {ctx.locale}")


def revision_date_rule(handout: Handout, ctx: CheckContext) -> Iterator[Issue]:
    """The printed "translation revised on" date must be true: not in the future, and not
    before the last change of the English it translates (the template's POT-Creation-Date,
    which `i18n extract` rewrites only when a string changed)."""
    translation = _translation(ctx, handout.id)
    catalog = translation.catalog if translation else None
    if catalog is None or not any(m.id and m.string for m in catalog):
        return
    header = _header(ctx.layout.content_catalog(ctx.locale, handout.id), "PO-Revision-Date")
    where = Location(translation.display, header[0] if header else None)
    revised = revision_date(catalog)
    if revised is None:
        yield Issue(WARNING, where, "revision-date-missing", "PO-Revision-Date is not set: save the catalog in a PO editor, or set it to the day the translation was last checked")
        return
    if revised > ctx.today:
        yield Issue(ERROR, where, "revision-date-future", f"PO-Revision-Date {revised} is after today ({ctx.today})")
        return
    changed = _template_changed(ctx.layout, handout.id)
    if changed is not None and revised < changed:
        yield Issue(WARNING, where, "revision-date-stale", f"PO-Revision-Date {revised} is before the English last changed ({changed}, the template's POT-Creation-Date): the handout would print the older date; set it to the day the translation was checked")


def _template_changed(layout: CatalogLayout, handout_id: str) -> datetime.date | None:
    """The day of the template's POT-Creation-Date, read from its header line alone."""
    found = _header(layout.content_template(handout_id), "POT-Creation-Date")
    match = _DAY.search(found[1]) if found else None
    return datetime.date.fromisoformat(match.group()) if match else None


def _header(path: Path, header: str) -> tuple[int, str] | None:
    """(line number, line) of a catalog header, for a location and a cheap read of one value."""
    try:
        lines = path.read_text(encoding="utf-8-sig").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return next(((n, line) for n, line in enumerate(lines, 1) if line.startswith(f'"{header}:')), None)


def template_outdated(handout: Handout, ctx: CheckContext) -> Iterator[Issue]:
    """The template translators update from must hold the current English."""
    path = ctx.layout.content_template(handout.id)
    display = ctx.layout.display(path)
    if not path.is_file():
        yield Issue(ERROR, Location(display), "template-missing", "no template for this handout: run `handout i18n extract`")
        return
    try:
        template = load_translation(path, display, None).catalog
    except CatalogError as error:
        yield from (Issue(ERROR, p.location, "catalog-malformed", p.message) for p in error.problems)
        return
    written, current = {m.id for m in template if m.id}, set(_msgids(handout))
    if written != current:
        changed = len(written ^ current)
        yield Issue(WARNING, Location(display), "template-outdated", f"{changed} string(s) differ from {handout.location.file}: {_UPDATE}")


def orphan_catalogs(ctx: CheckContext, known: set[str]) -> Iterator[Issue]:
    """Catalogs (and templates) of handouts that no longer exist: translators would keep working on them."""
    folders = [(ctx.layout.locales_dir / "content", "*.pot")]
    folders += [(ctx.layout.locales_dir / locale / "LC_MESSAGES" / "content", "*.po") for locale in ctx.layout.locales()]
    for folder, pattern in folders:
        for path in sorted(folder.glob(pattern)):
            if path.stem not in known:
                yield Issue(WARNING, Location(ctx.layout.display(path)), "catalog-orphan", f"no handout content/{path.stem}.yaml any more: delete this file")


def unprintable_locales(locales: tuple[str, ...]) -> Iterator[Issue]:
    """A locale whose language name or dates the fonts cannot draw fails every build in it."""
    for locale in locales:
        reason = unprintable_locale(locale)
        if reason:
            yield Issue(ERROR, Location(f"locales/{locale}/"), "locale-unprintable", reason)
