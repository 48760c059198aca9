"""Take BuildOptions; plan one job per (handout, locale), render the stale ones on an
executor, write `dist/<lang>/<id>.pdf` atomically and keep the output folder's
manifest. Give a BuildReport.

This module orchestrates; the pieces live in their own modules: jobs.py (what a
worker renders), executors.py (where), manifest.py (what is up to date),
lock.py (one build per output folder). A handout that fails fails alone, and so
does a PDF that cannot be written: every other job still runs, and the report
carries each failure's located problems. Ctrl-C ends the run at once with the
manifest true to what was written.
"""

from __future__ import annotations

import dataclasses
import os
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from .catalogs import CatalogLayout
from .config import EDITIONS, ProjectConfig, load_config
from .errors import EXIT_FAILED, EXIT_INTERRUPTED, Problem, ProjectError
from .executors import make_executor
from .files import write_atomically
from .jobs import Job, Rendered, prepare_worker, render_job
from .load import load_project
from .locales import SOURCE_LOCALE, LocaleCodeError, normalize
from .lock import output_lock
from .manifest import (
    MANIFEST_NAME,
    Digests,
    Entry,
    Snapshot,
    environment,
    fingerprint,
    manifest_problem,
    read_manifest,
    read_snapshot,
    tree_key,
    up_to_date,
    write_manifest,
)
from .model import Blanks, Handout, Location, Project, Text


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
    force: bool = False  # render every job, up to date or not
    executor: str = "local"  # local (a process pool) | dask
    scheduler: str | None = None  # a dask.distributed scheduler address; None: a LocalCluster


# Options that choose which jobs run and where, never what a PDF looks like: left out
# of the manifest key, so `-j 4` or building one id does not make every PDF stale.
# Every other option, including ones added later, is part of the key.
_NOT_IN_KEY = ("project", "out", "handout_ids", "locales", "jobs", "force", "executor", "scheduler")
# For the whole-build shortcut the selection matters too (ids, locales): only how jobs run does not.
_NOT_IN_SOURCES_KEY = ("jobs", "force", "executor", "scheduler")


@dataclass(frozen=True)
class JobResult:
    handout_id: str
    locale: str | None  # None: the content itself is broken, so no locale was tried
    output: Path | None
    problems: tuple[Problem, ...] = ()  # why nothing was written
    fallbacks: tuple[Problem, ...] = ()  # strings printed in English by request
    # PDFs of an earlier build removed because they no longer match the sources
    removed: tuple[Path, ...] = ()
    up_to_date: bool = False  # not rendered: the manifest shows nothing it depends on changed

    @property
    def ok(self) -> bool:
        return self.output is not None


@dataclass(frozen=True)
class Removed:
    """An output an earlier build wrote whose handout or locale no longer exists."""

    path: Path
    source: str  # what it was made from, e.g. "gone [es]"


@dataclass(frozen=True)
class BuildReport:
    results: tuple[JobResult, ...]
    seconds: float
    # PDFs in the output folder that handout did not write and whose handout is not in content/
    orphans: tuple[Path, ...] = ()
    warnings: tuple[Problem, ...] = ()  # printed, but nothing was refused for them
    removed: tuple[Removed, ...] = ()
    interrupted: bool = False  # Ctrl-C: the results are what finished before it

    @property
    def built(self) -> tuple[JobResult, ...]:
        return tuple(r for r in self.results if r.ok and not r.up_to_date)

    @property
    def up_to_date(self) -> tuple[JobResult, ...]:
        return tuple(r for r in self.results if r.up_to_date)

    @property
    def failed(self) -> tuple[JobResult, ...]:
        return tuple(r for r in self.results if not r.ok)

    @property
    def exit_code(self) -> int:
        return EXIT_INTERRUPTED if self.interrupted else EXIT_FAILED if self.failed else 0


class Progress(Protocol):
    """Told how many jobs there are, then of each one as it finishes (or is found up to date)."""

    def start(self, total: int) -> None: ...

    def advance(self, result: JobResult) -> None: ...


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
    out: Path
    jobs: list[Job]
    # known before any job runs: handouts whose content is broken, with the files they would have written
    failed: list[tuple[JobResult, tuple[Path, ...]]]
    orphans: tuple[Path, ...]
    # every output the project makes (all handouts, the project's and the requested locales):
    # a file the manifest names that is not here belongs to a handout or locale that is gone
    expected: frozenset[Path]
    config: ProjectConfig
    warnings: tuple[Problem, ...] = ()


def plan(options: BuildOptions) -> Plan:
    """What to build, from the sources alone: nothing is read from or written to the output folder but its listing."""
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
            failed.append((JobResult(handout_id, None, None, problems), tuple(targets.values())))
            continue
        for (edition, locale, second), path in targets.items():
            jobs.append(Job(root, handout, related, locale, page_size, options.allow_fallback, path, config.values,
                            edition, options.profile, second, options.duplex, config.clinic))
    # Every edition of the project's locales stays, even when this run builds fewer: only the
    # outputs of a handout or a locale that is gone are removed.
    project_locales = {*(config.locales or (SOURCE_LOCALE, *layout.locales())), *locales}
    kept = [(e, locale, None) for e in EDITIONS if e != "bilingual" for locale in project_locales]
    kept += [("bilingual", a, b) for a in project_locales for b in project_locales if a != b]
    expected = frozenset(output_path(out, i, *v) for i in known for v in [*kept, *variants])
    orphans = () if options.handout_ids else tuple(
        pdf for locale in locales for pdf in sorted((out / locale).glob("*.pdf")) if pdf.stem not in known
    )
    return Plan(out, jobs, failed, orphans, expected, config, tuple(warnings))


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
        except OSError:
            continue  # not there, or not a file (a folder where the PDF should be): nothing to remove
        removed.append(path)
    return tuple(removed)


def _output_folder(out: Path) -> Path:
    """Fail once, before any work, when the output folder cannot be written."""
    if out.exists() and not out.is_dir():
        raise ProjectError(f"{out}: the output folder is a file, not a folder: choose another --out")
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
        title = project.title_of(rel.id)
        if title is not None:
            found.append((rel.id, title))
        else:
            problems.append(Problem(rel.location, f"related[{index}]", f"the related handout content/{rel.id}.yaml has errors and its title cannot be read, so it cannot be listed: fix its title first"))
    return tuple(found), tuple(problems)


def build(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """Build every requested handout in every requested locale that is not up to date.

    Raise ProjectError only when nothing can be built. Ctrl-C does not raise: the
    report says `interrupted` and holds what finished before it.
    """
    from .translate import forget_catalogs

    started = time.perf_counter()
    forget_catalogs()  # catalogs are cached within one build, never across builds
    executor = make_executor(options.executor, options.jobs, options.scheduler, prepare_worker)
    # Taken before anything is read: a source edited during this build makes the next one look again.
    sources = _sources_key(options)
    unchanged = _unchanged(options, sources, progress, started)
    if unchanged is not None:
        return unchanged
    planned = plan(options)
    out = planned.out
    with output_lock(out):
        entries = read_manifest(out)
        unusable = manifest_problem(out)
        warnings = planned.warnings + (
            (Problem(Location(str(out / MANIFEST_NAME)), "", f"{unusable}: every PDF is rendered again; it is replaced at the end of this build"),)
            if unusable else ()
        )
        removed = _remove_unwanted(out, entries, planned.expected)
        results: list[JobResult] = []
        for result, targets in planned.failed:
            results.append(dataclasses.replace(result, removed=_forget(out, targets, entries)))
        keys = job_keys(planned, options)
        stale, fresh = [], []
        for job in planned.jobs:
            if options.force or not up_to_date(out, _name(out, job.output), keys[job.output], entries):
                stale.append(job)
            else:
                fresh.append(JobResult(job.handout.id, job.locale, job.output, up_to_date=True))
        if progress is not None:
            progress.start(len(planned.failed) + len(planned.jobs))
            for result in [*results, *fresh]:
                progress.advance(result)
        results += fresh
        interrupted = False
        try:
            for index, rendered in executor.run(render_job, stale):
                result = _store(out, stale[index], rendered, keys, entries)
                results.append(result)
                if progress is not None:
                    progress.advance(result)
        except KeyboardInterrupt:
            interrupted = True
        finally:
            orphans = tuple(path for path in planned.orphans if path.exists())  # not ours: named, never deleted
            clean = not (interrupted or orphans or planned.warnings) and all(r.ok for r in results) and len(results) == len(planned.jobs)
            jobs = tuple((_name(out, job.output), job.handout.id, job.locale) for job in planned.jobs)
            write_manifest(out, entries, snapshot=Snapshot(sources, jobs) if clean else None)
    results.sort(key=lambda r: (r.handout_id, r.locale or ""))
    return BuildReport(tuple(results), time.perf_counter() - started, orphans, warnings, removed, interrupted)


def _sources_key(options: BuildOptions) -> str:
    """A key of every file a build of this project can read, and of the options: equal keys, same build."""
    from .catalogs import bundled_catalogs_folders

    root = options.project.resolve()
    folders = [root / "content", root / "locales", *bundled_catalogs_folders()]
    files = [path for folder in folders for path in folder.rglob("*") if path.is_file()]
    chosen = {f.name: getattr(options, f.name) for f in dataclasses.fields(options) if f.name not in _NOT_IN_SOURCES_KEY}
    return tree_key([*files, root / "handout.toml"], environment(), chosen)


def _unchanged(options: BuildOptions, sources: str, progress: Progress | None, started: float) -> BuildReport | None:
    """The report of a build with nothing to do, without loading the project: the sources are those
    of the last clean build and every PDF it wrote is intact. None when there may be work."""
    out = (options.out or options.project.resolve() / "dist").resolve()
    snapshot = None if options.force else read_snapshot(out)
    if snapshot is None or snapshot.key != sources:
        return None
    with output_lock(out):
        entries = read_manifest(out)
        if not all(name in entries and up_to_date(out, name, entries[name].key, entries) for name, _, _ in snapshot.jobs):
            return None
    results = tuple(JobResult(handout_id, locale, out / name, up_to_date=True) for name, handout_id, locale in snapshot.jobs)
    if progress is not None:
        progress.start(len(results))
        for result in results:
            progress.advance(result)
    return BuildReport(tuple(sorted(results, key=lambda r: (r.handout_id, r.locale or ""))), time.perf_counter() - started)


def _name(out: Path, path: Path) -> str:
    return path.relative_to(out).as_posix()


def job_keys(planned: Plan, options: BuildOptions) -> dict[Path, str]:
    """Each job's key: the job itself (its handout, locale, related titles, values...), the files it
    reads, the options and config that shape a PDF, and the versions of handout, ReportLab and the fonts."""
    digests = Digests()
    shared = fingerprint(
        environment(),
        {f.name: getattr(options, f.name) for f in dataclasses.fields(options) if f.name not in _NOT_IN_KEY},
        dataclasses.replace(planned.config, locales=None, packets={}),  # the locale is in each job; packets print no handout
    )
    # The handout model is made from its YAML file alone, whose bytes are among the job's
    # inputs: its id stands in for it, which keeps a no-op build of a thousand handouts fast.
    return {
        job.output: fingerprint(
            shared,
            dataclasses.replace(job, root=Path("."), handout=job.handout.id, output=Path(_name(planned.out, job.output))),
            [digests.of(path) for path in job.inputs()],
        )
        for job in planned.jobs
    }


def _store(out: Path, job: Job, rendered: Rendered, keys: dict[Path, str], entries: dict[str, Entry]) -> JobResult:
    """Write one rendered PDF and record it; a failure to render or to write fails this job alone."""
    name = _name(out, job.output)
    problems = rendered.problems
    if rendered.pdf is not None:
        try:
            write_atomically(job.output, rendered.pdf)
        except OSError as error:
            problems = (Problem(Location(str(job.output)), "", f"cannot write the PDF: {write_failure(job.output, error)}"),)
        else:
            entries[name] = Entry(keys[job.output], len(rendered.pdf), f"{job.handout.id} [{job.locale}]")
            return JobResult(job.handout.id, job.locale, job.output, (), rendered.fallbacks)
    return JobResult(job.handout.id, job.locale, None, problems, removed=_forget(out, [job.output], entries))


def write_failure(path: Path, error: OSError) -> str:
    """The OS reason, or the file that stands where a folder should be (its errno says only "File exists")."""
    blocker = next((parent for parent in path.parents if parent.exists() and not parent.is_dir()), None)
    return f"{blocker} is a file, not a folder" if blocker else error.strerror or str(error)


def _forget(out: Path, paths, entries: dict[str, Entry]) -> tuple[Path, ...]:
    """Delete PDFs that no longer match their sources, so nobody prints an outdated handout."""
    for path in paths:
        entries.pop(_name(out, path), None)
    return _remove(paths)


def _remove_unwanted(out: Path, entries: dict[str, Entry], expected: frozenset[Path]) -> tuple[Removed, ...]:
    """Delete what an earlier build wrote for a handout or locale that no longer exists.

    Only files the manifest names are candidates: a file handout did not write is never deleted.
    """
    gone = []
    for name in sorted(entries):
        path = out / name
        if path not in expected:
            entry = entries.pop(name)
            if _remove([path]):
                gone.append(Removed(path, entry.source))
    return tuple(gone)
