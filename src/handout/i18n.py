"""The project-level translation commands (`handout i18n ...`): take a project folder,
run catalogs.py over every handout and locale, give the files touched or the stats.

A broken handout does not stop the others: its problems are raised after the
rest of the work is done.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from .catalogs import (
    INTERFACE_DOMAIN,
    CatalogLayout,
    CatalogStats,
    count,
    extract_templates,
    handout_template,
    init_locale,
    interface_template,
    read_catalog,
    translation_problems,
    update_catalog,
)
from .errors import CatalogError, ContentError, Problem, ProjectError
from .load import load_project
from .locales import SOURCE_LOCALE, LocaleCodeError, normalize, unprintable_locale
from .model import Location, Project
from .translate import content_translation


def _project(root: Path) -> tuple[Project, CatalogLayout]:
    root = root.resolve()
    return load_project(root), CatalogLayout(root)


def _raise_broken(project: Project, catalog_problems: list[Problem] | None = None) -> None:
    """After the work that could be done: every broken handout and catalog, in one error."""
    problems = [p for found in project.broken.values() for p in found]
    if catalog_problems:
        raise CatalogError(problems + catalog_problems)
    if problems:
        raise ContentError(problems)


def _templates(project: Project, layout: CatalogLayout, locale: str) -> dict[Path, Catalog]:
    """Each catalog of a locale with the template it follows, built from the current sources."""
    templates = {layout.interface_catalog(locale): interface_template()}
    for handout in project.handouts.values():
        templates[layout.content_catalog(locale, handout.id)] = handout_template(handout)
    return templates


def extract(root: Path) -> list[Path]:
    project, layout = _project(root)
    changed = extract_templates(layout, project.handouts.values())
    _raise_broken(project)
    return changed


def init(root: Path, locale: str) -> list[Path]:
    try:
        locale = normalize(locale)
    except LocaleCodeError as error:
        raise ProjectError(str(error)) from None
    if locale == SOURCE_LOCALE:
        raise ProjectError(f"'{locale}' is the source language: it needs no catalogs")
    unprintable = unprintable_locale(locale)
    if unprintable:
        raise ProjectError(unprintable)
    project, layout = _project(root)
    created = init_locale(layout, locale, _templates(project, layout, locale))
    _raise_broken(project)
    return created


def update(root: Path) -> list[Path]:
    """Merge current templates into every locale's catalogs, creating catalogs for new handouts."""
    project, layout = _project(root)
    changed, problems = [], []
    for locale in layout.locales():
        for target, template in _templates(project, layout, locale).items():
            # One malformed or unwritable catalog is reported; the others are still updated.
            try:
                if not target.exists():
                    changed += init_locale(layout, locale, {target: template})
                elif update_catalog(target, template, locale, layout.display(target)):
                    changed.append(target)
            except CatalogError as error:
                problems.extend(error.problems)
    _raise_broken(project, problems)
    return changed


def compile_catalogs(root: Path) -> list[Path]:
    """Check every catalog as a build would and write a .mo for other gettext tools;
    a catalog with problems gets no .mo, and its problems are raised after the rest are written."""
    layout = CatalogLayout(root.resolve())
    written, problems = [], []
    for locale in layout.locales():
        for po in sorted((layout.locales_dir / locale / "LC_MESSAGES").rglob("*.po")):
            display = layout.display(po)
            try:
                catalog = read_catalog(po, display, locale)
            except CatalogError as error:
                problems.extend(error.problems)
                continue
            found = [p for m in catalog if m.id and m.string and not m.fuzzy for p in translation_problems(m, display)]
            if found:
                problems.extend(found)
                continue
            mo = po.with_suffix(".mo")
            try:
                with mo.open("wb") as handle:
                    write_mo(handle, catalog, use_fuzzy=False)
            except OSError as error:
                problems.append(Problem(Location(layout.display(mo)), "", f"cannot write the file: {error.strerror}"))
                continue
            written.append(mo)
    if problems:
        raise CatalogError(problems)
    return written


def stats(root: Path) -> list[CatalogStats]:
    """One row per catalog; a handout's row also counts the titles of its related handouts
    (printed from their own catalogs) as missing while they are, since its build fails on them."""
    project, layout = _project(root)
    rows = []
    for locale in layout.locales():
        for target, template in _templates(project, layout, locale).items():
            catalog = read_catalog(target, layout.display(target), locale) if target.exists() else None
            name = INTERFACE_DOMAIN if target == layout.interface_catalog(locale) else target.stem
            row = count(template, catalog, locale, name, layout.display(target))
            if name in project.handouts:
                row = replace(row, missing=row.missing + _untranslated_related(project, layout, locale, name))
            rows.append(row)
    return rows


def _untranslated_related(project: Project, layout: CatalogLayout, locale: str, handout_id: str) -> int:
    missing = 0
    for related in project.handouts[handout_id].related:
        title = project.title_of(related.id)
        if title is None:
            continue  # a related handout without a readable title is reported by the loader
        catalog = content_translation(layout, locale, related.id).catalog
        message = catalog.get(title.value) if catalog is not None else None
        missing += message is None or not message.string or message.fuzzy
    return missing
