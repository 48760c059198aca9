"""Take BuildOptions; plan one job per (handout, locale), run them (in parallel when
there are several) and write `dist/<lang>/<id>.pdf` atomically. Give a BuildReport.

A handout that fails fails alone: every other job still runs, and the report
carries each failure's located problems.
"""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from .catalogs import CatalogLayout
from .config import Clinic, load_config
from .errors import EXIT_FAILED, HandoutError, Problem, ProjectError
from .files import write_atomically
from .load import load_project
from .locales import SOURCE_LOCALE, LocaleCodeError, normalize
from .model import Blanks, Handout, Project, Text, all_texts


@dataclass(frozen=True)
class BuildOptions:
    project: Path = Path(".")
    out: Path | None = None  # default: <project>/dist
    handout_ids: tuple[str, ...] = ()  # default: every handout
    locales: tuple[str, ...] = ()  # default: handout.toml, else English plus every locale with catalogs
    page_size: str | None = None  # default: handout.toml, else letter
    allow_fallback: bool = False
    jobs: int | None = None  # default: one worker per CPU
    editions: tuple[str, ...] = ()  # default: handout.toml, else standard
    profile: str = "office"  # office | press
    pair: tuple[str, str] | None = None  # bilingual edition; default: handout.toml, else the first two locales
    duplex: bool = False  # bilingual: one language per side of the sheet instead of side by side
    require_approved: bool = False  # refuse handouts whose review.status is not approved


@dataclass(frozen=True)
class JobResult:
    handout_id: str
    locale: str | None  # None: the content itself is broken, so no locale was tried
    output: Path | None
    problems: tuple[Problem, ...] = ()  # why nothing was written
    fallbacks: tuple[Problem, ...] = ()  # strings printed in English by request
    # PDFs of an earlier build removed because they no longer match the sources
    removed: tuple[Path, ...] = ()

    @property
    def ok(self) -> bool:
        return self.output is not None


@dataclass(frozen=True)
class BuildReport:
    results: tuple[JobResult, ...]
    seconds: float
    # PDFs in the output folder whose handout no longer exists in content/
    orphans: tuple[Path, ...] = ()
    warnings: tuple[Problem, ...] = ()  # printed, but nothing was refused for them

    @property
    def built(self) -> tuple[JobResult, ...]:
        return tuple(r for r in self.results if r.ok)

    @property
    def failed(self) -> tuple[JobResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def exit_code(self) -> int:
        return EXIT_FAILED if self.failed else 0


@dataclass(frozen=True)
class Job:
    """Everything one worker needs, picklable: no open files, no ReportLab objects."""

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


def resolve_locales(options: BuildOptions, configured: tuple[str, ...] | None, layout: CatalogLayout) -> tuple[str, ...]:
    given = options.locales or configured or (SOURCE_LOCALE, *layout.locales())
    problems, locales = [], []
    for code in given:
        try:
            locale = normalize(code)  # `--locale ES`, `es-MX`: the folder names gettext writes
        except LocaleCodeError as error:
            problems.append(str(error))
            continue
        locales.append(locale)
        if locale != SOURCE_LOCALE and not (layout.locales_dir / locale / "LC_MESSAGES").is_dir():
            problems.append(f"no catalogs for locale '{locale}' in locales/{locale}/LC_MESSAGES/: run `handout i18n init {locale}` first")
    if problems:
        raise ProjectError("\n".join(problems))
    return tuple(dict.fromkeys(locales))


@dataclass(frozen=True)
class Plan:
    jobs: list[Job]
    failed: list[JobResult]  # known before any job runs: handouts whose content is broken
    orphans: tuple[Path, ...]
    warnings: tuple[Problem, ...] = ()


def plan(options: BuildOptions) -> Plan:
    root = options.project.resolve()
    config = load_config(root)
    project = load_project(root)
    layout = CatalogLayout(root)
    locales = resolve_locales(options, config.locales, layout)
    known = set(project.handouts) | set(project.broken)
    unknown = [i for i in options.handout_ids if i not in known]
    if unknown:
        raise ProjectError("\n".join(f"content/{i}.yaml: no such handout" for i in unknown))
    wanted = options.handout_ids or tuple(sorted(known))
    out = _output_folder((options.out or root / "dist").resolve())
    page_size = options.page_size or config.page_size
    editions = options.editions or config.editions
    if (options.pair or options.duplex) and "bilingual" not in editions:
        raise ProjectError("--pair and --duplex shape the bilingual edition: add --edition bilingual")
    pair = _pair(options.pair or config.bilingual_pair, locales, layout) if "bilingual" in editions else None
    # (edition, first locale, second locale or None) for every PDF of one handout
    variants = [(e, locale, None) for e in editions if e != "bilingual" for locale in locales]
    variants += [("bilingual", pair[0], pair[1])] if pair else []
    jobs, failed, warnings = [], [], []
    for handout_id in dict.fromkeys(wanted):
        handout = project.handouts.get(handout_id)
        related, problems = _related(handout, project) if handout else ((), project.broken[handout_id])
        targets = {v: output_path(out, handout_id, *v) for v in variants}
        if handout and options.require_approved and not handout.review.approved:
            problems += (_not_approved(handout),)
        if handout:
            warnings += _unset_values(handout, config.values)
        if problems:
            failed.append(JobResult(handout_id, None, None, problems, removed=_remove(targets.values())))
            continue
        for (edition, locale, second), target in targets.items():
            jobs.append(Job(root, handout, related, locale, page_size, options.allow_fallback, target, config.values,
                            edition, options.profile, second, options.duplex, config.clinic))
    orphans = () if options.handout_ids else tuple(
        pdf for locale in locales for pdf in sorted((out / locale).glob("*.pdf")) if pdf.stem not in known
    )
    return Plan(jobs, failed, orphans, tuple(warnings))


def _not_approved(handout: Handout) -> Problem:
    status = handout.review.status
    return Problem(handout.review.status_location, "review.status", f"is '{status}', and --require-approved builds only handouts a clinician approved (status: approved, with review.by)")


def _unset_values(handout: Handout, values: dict[str, Text]) -> list[Problem]:
    """Blanks naming a value handout.toml does not set print an empty line: say so, a typo must not go unnoticed."""
    return [
        Problem(blank.value.location, f"sections[{i}].blocks[{j}].blanks[{k}].value", f"'{blank.value.name}' is not set in [values] of handout.toml: an empty line to write on is printed")
        for i, section in enumerate(handout.sections)
        for j, block in enumerate(section.blocks)
        if isinstance(block, Blanks)
        for k, blank in enumerate(block.items)
        if blank.value and blank.value.name not in values
    ]


def output_path(out: Path, handout_id: str, edition: str, locale: str, second: str | None = None) -> Path:
    """dist/<lang>/<id>.pdf, dist/<lang>/large-print/<id>.pdf, dist/bilingual/<a>-<b>/<id>.pdf."""
    if second is not None:
        return out / "bilingual" / f"{locale}-{second}" / f"{handout_id}.pdf"
    folder = out / locale if edition == "standard" else out / locale / edition
    return folder / f"{handout_id}.pdf"


def _pair(pair: tuple[str, str] | None, locales: tuple[str, ...], layout: CatalogLayout) -> tuple[str, str]:
    """The bilingual edition's two languages: as asked, else the source and the first other locale built."""
    if pair is None:
        others = [x for x in locales if x != SOURCE_LOCALE] or list(layout.locales())
        if not others:
            raise ProjectError("the bilingual edition needs a second language: give --pair en,es or bilingual_pair in handout.toml")
        pair = (SOURCE_LOCALE, others[0])
    resolved = resolve_locales(BuildOptions(locales=pair), None, layout)
    if len(resolved) != 2:
        raise ProjectError(f"the bilingual pair {', '.join(pair)} names one language twice")
    return resolved


def _remove(paths) -> tuple[Path, ...]:
    """Delete PDFs that no longer match their sources, so nobody prints an outdated handout."""
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        removed.append(path)
    return tuple(removed)


def _output_folder(out: Path) -> Path:
    """Fail once, before any work, when the output folder cannot be written."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ProjectError(f"{out}: cannot create the output folder: {error.strerror}") from None
    if not os.access(out, os.W_OK | os.X_OK):
        raise ProjectError(f"{out}: the output folder is not writable")
    return out


def _related(handout: Handout, project: Project) -> tuple[tuple[tuple[str, Text], ...], tuple[Problem, ...]]:
    found, problems = [], []
    for index, rel in enumerate(handout.related):
        if rel.id in project.handouts:
            found.append((rel.id, project.handouts[rel.id].title))
        else:
            problems.append(Problem(rel.location, f"related[{index}]", f"the related handout content/{rel.id}.yaml has errors, so its title is unknown: fix it first"))
    return tuple(found), tuple(problems)


def run_job(job: Job) -> JobResult:
    """Translate, lay out, render and write one handout in one locale; never raises."""
    try:
        return _run(job)
    except HandoutError as error:
        problems = error.problems or (Problem(job.handout.location, "", error.text),)
    except Exception as error:  # a layout engine failure must not stop the batch
        problems = (Problem(job.handout.location, job.locale, f"could not print this handout ({type(error).__name__}: {error})"),)
    return JobResult(job.handout.id, job.locale, None, problems, removed=_remove([job.output]))


def _run(job: Job) -> JobResult:
    # Imported here so that `handout --help` and the i18n commands never load ReportLab.
    from .fonts import check_glyphs, load_fonts
    from .render import render_pdf
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
    write_atomically(job.output, render_pdf(layout, styles, fonts))
    return JobResult(job.handout.id, job.locale, job.output, (), tuple(report.missing))


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


def _ignore_interrupts() -> None:
    """Workers leave Ctrl-C to the parent, which stops the pool and reports once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_jobs(jobs: list[Job], workers: int | None) -> Iterable[JobResult]:
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(jobs) <= 2:
        yield from map(run_job, jobs)
        return
    pool = ProcessPoolExecutor(max_workers=min(workers, len(jobs)), initializer=_ignore_interrupts)
    try:
        yield from pool.map(run_job, jobs, chunksize=max(1, len(jobs) // (workers * 4)))
    finally:
        pool.shutdown(cancel_futures=True)


def build(options: BuildOptions, progress: Callable[[JobResult], None] | None = None) -> BuildReport:
    """Build every requested handout in every requested locale; raise ProjectError only when nothing can be built."""
    from .translate import forget_catalogs

    started = time.perf_counter()
    forget_catalogs()  # catalogs are cached within one build, never across builds
    planned = plan(options)
    results = list(planned.failed)
    for result in run_jobs(planned.jobs, options.jobs):
        results.append(result)
        if progress is not None:
            progress(result)
    return BuildReport(tuple(results), time.perf_counter() - started, planned.orphans, planned.warnings)
