"""One unit of batch work: a Job (one handout in one locale) and the worker function that
turns it into PDF bytes.

Workers only render: they never touch the output folder. The bytes go back to
the process that planned the build, which writes them (atomically) and keeps
the manifest, so a worker on another machine needs no shared disk for output,
and an interrupted or failed worker can never leave a partial PDF.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .catalogs import CatalogLayout, bundled_interface_catalog
from .config import Clinic
from .errors import HandoutError, Problem
from .locales import SOURCE_LOCALE
from .model import Handout, Text, all_texts


@dataclass(frozen=True)
class Job:
    """Everything one worker needs, picklable: no open files, no ReportLab objects.

    Every field is part of the job's key in the manifest (see manifest.job_key),
    so a new dimension added here (an edition, a print profile) rebuilds what it changes.
    """

    root: Path
    handout: Handout
    related: tuple[tuple[str, Text], ...]  # (id, source title) of each related handout
    locale: str
    page_size: str
    allow_fallback: bool
    output: Path
    values: dict[str, Text]  # handout.toml [values], printed on blanks that name one
    edition: str = "standard"
    profile: str = "office"
    second_locale: str | None = None  # the bilingual edition's second language
    duplex: bool = False
    clinic: Clinic | None = None

    def inputs(self) -> tuple[Path | None, ...]:
        """Every file this job reads besides the model it carries; None stands for 'no such file'.

        Files that may not exist yet are listed too, so creating one (a project's own
        interface catalog) makes the job stale.
        """
        paths: list[Path | None] = [self.root / self.handout.location.file]
        layout = CatalogLayout(self.root)
        for locale in (self.locale, self.second_locale):
            if locale is not None and locale != SOURCE_LOCALE:
                paths += [layout.content_catalog(locale, self.handout.id), layout.interface_catalog(locale)]
                paths.append(bundled_interface_catalog(locale))
                paths += [layout.content_catalog(locale, related_id) for related_id, _ in self.related]
        if self.clinic is not None and self.clinic.logo is not None:
            paths.append(self.clinic.logo)
        return tuple(paths)


@dataclass(frozen=True)
class Rendered:
    """What a worker sends back: the PDF, or why there is none."""

    pdf: bytes | None
    problems: tuple[Problem, ...] = ()  # why nothing was rendered
    fallbacks: tuple[Problem, ...] = ()  # strings printed in English by request


def prepare_worker() -> None:
    """Once per worker process: import ReportLab and parse the fonts, which every job then reuses."""
    from .fonts import load_fonts
    from .render import render_pdf  # noqa: F401  (the import is the point)

    load_fonts()


def render_job(job: Job) -> Rendered:
    """Translate, lay out and render one handout in one locale; never raises."""
    try:
        return _render(job)
    except HandoutError as error:
        problems = error.problems or (Problem(job.handout.location, "", error.text),)
    except Exception as error:  # a layout engine failure must not stop the batch
        problems = (Problem(job.handout.location, job.locale, f"could not print this handout ({type(error).__name__}: {error})"),)
    return Rendered(None, problems)


def _render(job: Job) -> Rendered:
    from .render import render_pdf

    laid = lay_out(job)
    return Rendered(render_pdf(laid.layout, laid.styles, laid.fonts), (), laid.fallbacks)


@dataclass(frozen=True)
class LaidOut:
    """One handout's checked layout, ready to render alone or in a packet."""

    layout: object  # layout.Layout (not imported at module level: ReportLab loads only where it draws)
    styles: object  # styles.Styles
    fonts: object  # fonts.FontSet
    fallbacks: tuple[Problem, ...]


def lay_out(job: Job) -> LaidOut:
    """Translate and lay out one handout (in one locale, or two for the bilingual edition), with
    every check a build makes; raise HandoutError."""
    # Imported here so that `handout --help` and the i18n commands never load ReportLab.
    from .fonts import check_glyphs, load_fonts
    from .styles import make_styles
    from .translate import Report

    report = Report()
    fonts = load_fonts()
    styles = make_styles(fonts, job.page_size, job.edition, job.profile)
    if job.second_locale is None:
        layout, texts = _laid_out(job, job.locale, styles, fonts, report)
    else:
        from .bilingual import column_styles, duplex, side_by_side

        each = styles if job.duplex else column_styles(styles)
        (layout, texts), (second, more) = (_laid_out(job, locale, each, fonts, report) for locale in (job.locale, job.second_locale))
        layout, texts = (duplex if job.duplex else side_by_side)(layout, second, styles), [*texts, *more]
    report.raise_for(job.allow_fallback)
    check_glyphs(texts, fonts)
    return LaidOut(layout, styles, fonts, tuple(report.missing))


def _laid_out(job: Job, locale: str, styles, fonts, report):
    """The layout of the job's handout in one locale, and every text the glyph check must see."""
    from .layout import layout_handout
    from .translate import content_translation, interface_text, translate_handout

    catalogs = CatalogLayout(job.root)
    handout, related_titles = job.handout, tuple(title for _, title in job.related)
    if locale != SOURCE_LOCALE:
        handout = translate_handout(handout, content_translation(catalogs, locale, handout.id), report)
        # Related handouts are listed by their own titles, from their own catalogs.
        related_titles = tuple(content_translation(catalogs, locale, i).translate(title, report) for i, title in job.related)
    interface = interface_text(catalogs, locale, report, job.allow_fallback)
    layout = layout_handout(handout, related_titles, interface, fonts, styles, job.values, job.clinic)
    return layout, [*all_texts(handout), *related_titles, *interface.used, *layout.generated]
