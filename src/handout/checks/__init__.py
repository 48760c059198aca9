"""`handout check`: the quality gate a clinic runs before printing and CI runs on every change.

Takes a project folder and CheckOptions; gives a CheckReport of Issues (error,
warning, info) and readability scores per handout and language. Rules are
small pure functions `rule(handout, ctx) -> Iterable[Issue]` listed in the
registries below; adding one is adding a function to a list. Nothing here
imports ReportLab, so a check of a hundred handouts takes a fraction of a second.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from ..build import BuildOptions, resolve_locales
from ..catalogs import CatalogLayout
from ..locales import SOURCE_LOCALE
from ..config import load_config
from ..errors import ERROR, INFO, LEVELS, WARNING, CatalogError, Issue, ProjectError
from ..load import load_project
from ..model import Handout
from ..translate import Report, content_translation, translate_handout
from . import content, review, translations
from .context import CheckContext
from .readability import Scores, language_of, readability_issues, score_handout

Rule = Callable[[Handout, CheckContext], Iterable[Issue]]

# Rules on the source handout, whatever the locales checked.
HANDOUT_RULES: tuple[Rule, ...] = (
    content.duplicate_headings,
    content.no_references,
    review.review_date,
    review.review_status,
)
# Rules on the source handout once a project translates (it has locales/ with catalogs).
TEMPLATE_RULES: tuple[Rule, ...] = (translations.template_outdated,)
# Rules per handout and translated locale (ctx.locale).
LOCALE_RULES: tuple[Rule, ...] = (
    translations.catalog_entries,
    translations.related_titles,
    translations.revision_date_rule,
)


@dataclass(frozen=True)
class CheckOptions:
    project: Path = Path(".")
    handout_ids: tuple[str, ...] = ()  # default: every handout
    locales: tuple[str, ...] = ()  # default: as for build
    today: datetime.date | None = None  # default: the clock's date
    strict: bool = False  # warnings count as errors
    allow_unreviewed: bool = False  # an unapproved review.status is information, not a warning


@dataclass(frozen=True)
class HandoutResult:
    id: str
    file: str
    # locale -> issues; the key None holds what concerns the handout in every language
    issues: dict[str | None, tuple[Issue, ...]]
    scores: dict[str, Scores | None] = field(default_factory=dict)  # locale -> readability

    def all_issues(self) -> Iterable[Issue]:
        for found in self.issues.values():
            yield from found


@dataclass(frozen=True)
class CheckReport:
    today: datetime.date
    locales: tuple[str, ...]
    strict: bool
    handouts: tuple[HandoutResult, ...]
    project_issues: tuple[Issue, ...]

    def counts(self) -> dict[str, int]:
        found = [*self.project_issues, *(i for h in self.handouts for i in h.all_issues())]
        return {level: sum(1 for i in found if i.level == level) for level in LEVELS}

    @property
    def exit_code(self) -> int:
        counts = self.counts()
        return 1 if counts[ERROR] or (self.strict and counts[WARNING]) else 0


def _check_locale(handout: Handout, ctx: CheckContext) -> tuple[list[Issue], Scores | None]:
    issues = [i for rule in LOCALE_RULES for i in rule(handout, ctx)]
    language = language_of(ctx.locale)
    if language is None:
        return issues, None
    try:
        translation = content_translation(ctx.layout, ctx.locale, handout.id)
    except CatalogError:
        return issues, None
    report = Report()
    translated = translate_handout(handout, translation, report)
    if translation.catalog is None or report.missing or report.errors:
        issues.append(Issue(INFO, handout.location, "readability-skipped", f"readability in {ctx.locale} is measured once every string is translated"))
        return issues, None
    scores = score_handout(translated, language)
    return issues + list(readability_issues(scores, ctx.config)), scores


def check_handout(handout: Handout, ctx: CheckContext, locales: tuple[str, ...]) -> HandoutResult:
    issues: dict[str | None, tuple[Issue, ...]] = {}
    translating = any(locale != SOURCE_LOCALE for locale in locales)
    rules = HANDOUT_RULES + (TEMPLATE_RULES if translating else ())
    issues[None] = tuple(i for rule in rules for i in rule(handout, ctx))
    scores: dict[str, Scores | None] = {}
    for locale in locales:
        if locale == SOURCE_LOCALE:
            found = score_handout(handout, language_of(locale))
            scores[locale], issues[locale] = found, tuple(readability_issues(found, ctx.config))
        else:
            found_issues, scores[locale] = _check_locale(handout, replace(ctx, locale=locale))
            issues[locale] = tuple(found_issues)
    return HandoutResult(handout.id, handout.location.file, issues, scores)


def run_checks(options: CheckOptions) -> CheckReport:
    root = options.project.resolve()
    config = load_config(root)
    project = load_project(root)
    layout = CatalogLayout(root)
    locales = resolve_locales(BuildOptions(locales=options.locales), config.locales, layout)
    known = set(project.handouts) | set(project.broken)
    unknown = [i for i in options.handout_ids if i not in known]
    if unknown:
        raise ProjectError("\n".join(f"content/{i}.yaml: no such handout" for i in unknown))
    today = options.today or datetime.date.today()
    ctx = CheckContext(today, config.check, project, layout, options.allow_unreviewed)
    results = []
    for handout_id in dict.fromkeys(options.handout_ids or sorted(known)):
        handout = project.handouts.get(handout_id)
        if handout is None:
            problems = project.broken[handout_id]
            file = problems[0].location.file if problems else f"content/{handout_id}.yaml"
            results.append(HandoutResult(handout_id, file, {None: tuple(content.loader_issues(problems))}))
        else:
            results.append(check_handout(handout, ctx, locales))
    project_issues = tuple(translations.unprintable_locales(locales))
    project_issues += () if options.handout_ids else tuple(translations.orphan_catalogs(ctx, known))
    return CheckReport(today, locales, options.strict, tuple(results), project_issues)
