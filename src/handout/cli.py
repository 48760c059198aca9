"""The `handout` command: parse options, call the library, show errors in one place.

No pipeline logic lives here. Every HandoutError is printed as located lines on
stderr and becomes its exit code; a Python traceback is shown only with --debug.
"""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import click

from . import __version__
from .config import EDITIONS, PROFILES
from .errors import EXIT_FAILED, EXIT_INTERRUPTED, HandoutError, ProjectError

PROJECT_OPTION = click.option(
    "--project",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="The project folder (the one holding content/).",
)


def _parse_pair(context, parameter, value: str | None) -> tuple[str, str] | None:
    """--pair en,es: two different locale codes, first printed left (or on front pages)."""
    if value is None:
        return None
    codes = tuple(x.strip() for x in value.split(","))
    if len(codes) != 2 or not all(codes) or codes[0] == codes[1]:
        raise click.BadParameter(f"give two different locale codes separated by a comma, e.g. en,es; found {value!r}")
    return codes


def _handout_ids(context, parameter, values: tuple[str, ...]) -> tuple[str, ...]:
    """Accept a handout's file as its id: shell completion offers `content/preterm-labor.yaml`."""
    return tuple(Path(v).stem if v.endswith(".yaml") else v for v in values)


class _HandoutGroup(click.Group):
    """The one place where library errors become located messages and exit codes."""

    def parse_args(self, context: click.Context, args: list[str]) -> list[str]:
        """Accept --debug anywhere before `--` (`handout build --debug`), not only before the subcommand."""
        end = args.index("--") if "--" in args else len(args)
        if "--debug" in args[:end]:
            args = ["--debug", *(a for a in args[:end] if a != "--debug"), *args[end:]]
        return super().parse_args(context, args)

    def invoke(self, context: click.Context):
        try:
            return super().invoke(context)
        except BrokenPipeError:
            _silence_stdout()
            context.exit(EXIT_FAILED)
        except HandoutError as error:
            _print_problems(error.format_message())
            context.exit(error.exit_code)
        except KeyboardInterrupt:
            click.echo("interrupted", err=True)
            context.exit(EXIT_INTERRUPTED)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except Exception as error:  # a bug: say so plainly, keep the traceback for --debug
            if context.params.get("debug"):
                raise
            click.echo(f"handout: internal error: {type(error).__name__}: {error} (run with --debug for details)", err=True)
            context.exit(EXIT_FAILED)


@click.group(cls=_HandoutGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handout")
@click.option("--debug", is_flag=True, help="Show a Python traceback for unexpected errors.")
def main(debug: bool) -> None:
    """Print patient handouts from structured content and gettext translations."""


def _silence_stdout() -> None:
    """The reader of a pipe stopped early (`handout i18n stats | head -2`): end quietly.

    Python would otherwise report the broken pipe again when it flushes stdout at exit.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _say(text: str) -> None:
    """Print a result on stdout; a reader that stopped early (`| head -1`) changes nothing else.

    The command goes on to its real exit code, so `handout build | head -0`
    still says 0 when every PDF was built, whether or not the pipe had closed yet.
    """
    try:
        click.echo(text)
    except BrokenPipeError:
        _silence_stdout()


def _print_problems(text: str) -> None:
    for line in dict.fromkeys(text.splitlines()):
        click.echo(line, err=True)


@main.command()
@click.argument("handout_ids", nargs=-1, metavar="[IDS]...", callback=_handout_ids)
@PROJECT_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder [default: PROJECT/dist].")
@click.option("--locale", "locales", multiple=True, metavar="LANG", help="Build this locale (repeatable) [default: en and every locale with catalogs].")
@click.option("--page-size", type=click.Choice(["letter", "a4"], case_sensitive=False), help="Paper size [default: handout.toml, else letter].")
@click.option("--allow-fallback", is_flag=True, help="Print English where a translation is missing or fuzzy (and say so).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Parallel workers [default: one per CPU].")
@click.option("--require-approved", is_flag=True, help="Refuse handouts whose review.status is not approved.")
@click.option("--edition", "editions", multiple=True, type=click.Choice(EDITIONS), help="Build this edition (repeatable) [default: handout.toml, else standard].")
@click.option("--profile", type=click.Choice(PROFILES), default="office", show_default=True, help="office: RGB, no marks; press: CMYK, 3 mm bleed, crop marks.")
@click.option("--pair", callback=_parse_pair, metavar="A,B", help="The bilingual edition's languages, e.g. en,es [default: handout.toml, else en and the first other locale].")
@click.option("--duplex", is_flag=True, help="Bilingual edition: first language on front pages, second on back pages.")
@click.option("--force", is_flag=True, help="Build every PDF, even those the manifest shows up to date.")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True, help="Where jobs run: a local process pool, or dask.distributed.")
@click.option("--scheduler", metavar="ADDRESS", help="A Dask scheduler address [default: a local cluster].")
@click.option("-v", "--verbose", is_flag=True, help="One line per PDF on stderr.")
@click.option("-q", "--quiet", is_flag=True, help="No progress, only problems and the summary line.")
def build(handout_ids, project, out, locales, page_size, allow_fallback, jobs, require_approved, editions, profile, pair, duplex, force, executor, scheduler, verbose, quiet) -> None:
    """Build dist/<lang>/<id>.pdf for every handout (or the IDS given), in each edition asked for, that is not up to date."""
    from .build import BuildOptions
    from .build import build as build_all
    from .progress import make_progress, summary

    options = BuildOptions(
        project=project,
        out=out,
        handout_ids=tuple(handout_ids),
        locales=tuple(locales),
        page_size=page_size,
        allow_fallback=allow_fallback,
        jobs=jobs,
        require_approved=require_approved,
        editions=tuple(dict.fromkeys(editions)),
        profile=profile,
        pair=pair,
        duplex=duplex,
        force=force,
        executor=executor,
        scheduler=scheduler,
    )
    progress = make_progress(verbose, quiet)
    try:
        report = build_all(options, progress=progress)
    finally:
        if progress is not None:
            progress.close()
    _print_problems("\n".join(f"warning: {p}" for p in report.warnings))
    for result in report.results:
        where = f" [{result.locale}]" if result.locale else ""
        if result.fallbacks:
            click.echo(f"warning: {result.handout_id}{where}: printed in English where the translation is missing:", err=True)
            _print_problems("\n".join(f"  {p}" for p in result.fallbacks))
        if not result.ok:
            click.echo(f"error: {result.handout_id}{where} was not built:", err=True)
            _print_problems("\n".join(f"  {p}" for p in result.problems))
            for path in result.removed:
                click.echo(f"  removed the out-of-date {path}", err=True)
    for gone in report.removed:
        click.echo(f"removed {gone.path}: {gone.source} is no longer in the project", err=True)
    for path in report.orphans:
        click.echo(f"warning: {path} has no handout in content/ any more: delete it if it should not be printed", err=True)
    if report.interrupted:
        # Hundreds of paths would bury the summary: name them only when asked (--verbose).
        listing = ":" if verbose and report.built else "; --verbose names them" if report.built else ""
        click.echo(f"interrupted: {len(report.built)} PDF(s) finished before Ctrl-C and are kept; the rest were not written{listing}", err=True)
        if verbose:
            _print_problems("\n".join(f"  {r.output}" for r in report.built))
        click.echo("run the same build again to finish: what is finished is not rendered again", err=True)
    _say(summary(report))
    click.get_current_context().exit(report.exit_code)


@main.command()
@click.argument("names", nargs=-1, metavar="NAME | --out FILE.pdf IDS...", callback=_handout_ids)
@PROJECT_OPTION
@click.option("--out", "file", type=click.Path(dir_okay=False, path_type=Path), help="An ad-hoc packet of the IDS given, written to FILE.pdf (FILE-<lang>.pdf for several locales).")
@click.option("--title", help="The ad-hoc packet's title [default: its handouts' titles].")
@click.option("--locale", "locales", multiple=True, metavar="LANG", help="Build this locale (repeatable) [default: as `handout build`].")
@click.option("--page-size", type=click.Choice(["letter", "a4"], case_sensitive=False), help="Paper size [default: handout.toml, else letter].")
@click.option("--allow-fallback", is_flag=True, help="Print English where a translation is missing or fuzzy (and say so).")
@click.option("--force", is_flag=True, help="Build the packet even if it is up to date.")
def packet(names, project, file, title, locales, page_size, allow_fallback, force) -> None:
    """Print several handouts as one PDF: [packets.NAME] of handout.toml into dist/<lang>/packets/NAME.pdf,
    or the IDS given into FILE.pdf."""
    from .packet import PacketOptions, build_packet

    if file is None and len(names) != 1:
        raise ProjectError("give one packet NAME from handout.toml, or --out FILE.pdf and the handout IDS to put in it")
    if file is None and title is not None:
        raise ProjectError("--title is for ad-hoc packets (--out FILE.pdf IDS...); a named packet has its title in handout.toml")
    if file is not None and not names:
        raise ProjectError("--out FILE.pdf needs the ids of the handouts to put in the packet")
    common = dict(project=project, locales=tuple(locales), page_size=page_size, allow_fallback=allow_fallback, force=force)
    options = PacketOptions(name=names[0], **common) if file is None else PacketOptions(handout_ids=tuple(names), file=file, title=title, **common)
    report = build_packet(options)
    for result in report.results:
        if result.ok:
            _say(f"{'up to date' if result.up_to_date else 'built'} {result.output}")
        else:
            click.echo(f"error: the [{result.locale}] packet was not built:", err=True)
            _print_problems("\n".join(f"  {p}" for p in result.problems))
    click.get_current_context().exit(report.exit_code)


def _parse_day(context: click.Context, parameter: click.Parameter, value: str | None) -> datetime.date | None:
    """YYYY-MM-DD only: Python also reads 20260131 or 2026-W05-6, which nobody means here."""
    if value is None:
        return None
    try:
        if len(value) != 10 or value[4] != "-" or value[7] != "-":
            raise ValueError(value)
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"'{value}' is not a real date written YYYY-MM-DD") from None


@main.command()
@click.argument("handout_ids", nargs=-1, metavar="[IDS]...", callback=_handout_ids)
@PROJECT_OPTION
@click.option("--locale", "locales", multiple=True, metavar="LANG", help="Check this locale (repeatable) [default: as for build].")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True, help="Text for people, JSON for scripts (schema in the README).")
@click.option("--today", metavar="YYYY-MM-DD", callback=_parse_day, help="Judge review and revision dates as on this day [default: today].")
@click.option("--strict", is_flag=True, help="Warnings count as errors (exit 1).")
@click.option("--allow-unreviewed", is_flag=True, help="A review.status other than approved is information, not a warning.")
def check(handout_ids, project, locales, output_format, today, strict, allow_unreviewed) -> None:
    """Check content, translations, readability and review dates; exit 1 on errors."""
    from .checks import CheckOptions, run_checks
    from .checks.report import format_text, to_json

    options = CheckOptions(project, tuple(handout_ids), tuple(locales), today, strict, allow_unreviewed)
    report = run_checks(options)
    _say(to_json(report) if output_format == "json" else format_text(report))
    click.get_current_context().exit(report.exit_code)


@main.command()
@click.argument("handout_id", metavar="ID")
@PROJECT_OPTION
@click.option("--title", help="The handout's title [default: made from ID].")
def new(handout_id: str, project: Path, title: str | None) -> None:
    """Create content/ID.yaml, a valid handout to fill in."""
    from .scaffold import new_handout

    path = new_handout(project, handout_id, title, datetime.date.today())
    _say(f"created {path}")


def _list(summary: str, paths: list[Path]) -> None:
    _say(f"{len(paths)} {summary}")
    for path in paths:
        _say(f"  {path}")


@main.group()
def i18n() -> None:
    """Translation catalogs: extract, init, update, compile, stats."""


@i18n.command()
@PROJECT_OPTION
def extract(project: Path) -> None:
    """Write locales/handout.pot and locales/content/<id>.pot from the code and the content."""
    from . import i18n as ops

    _list("template(s) changed", ops.extract(project))


@i18n.command()
@click.argument("locale", metavar="LANG")
@PROJECT_OPTION
def init(locale: str, project: Path) -> None:
    """Create the catalogs of a new language LANG (e.g. es, vi, es_MX)."""
    from . import i18n as ops

    _list(f"catalog(s) created for {locale}", ops.init(project, locale))


@i18n.command()
@PROJECT_OPTION
def update(project: Path) -> None:
    """Merge the templates into every catalog: changed strings turn fuzzy, removed ones obsolete."""
    from . import i18n as ops

    _list("catalog(s) changed", ops.update(project))


@i18n.command(name="compile")
@PROJECT_OPTION
def compile_(project: Path) -> None:
    """Check every catalog and write .mo files beside the .po files (for other gettext tools)."""
    from . import i18n as ops

    written = ops.compile_catalogs(project)
    _say(f"{len(written)} .mo file(s) written; builds read the .po files directly")


@i18n.command()
@PROJECT_OPTION
def stats(project: Path) -> None:
    """Per locale and handout: translated, fuzzy, missing and broken strings (broken: fails a build check)."""
    from . import i18n as ops

    rows = ops.stats(project)
    if not rows:
        raise ProjectError("no locales with catalogs: run `handout i18n init LANG` first")
    width = max(len(r.name) for r in rows)
    _say(f"{'locale':<8} {'catalog':<{width}} {'translated':>10} {'fuzzy':>6} {'missing':>8} {'broken':>7}")
    for r in rows:
        _say(f"{r.locale:<8} {r.name:<{width}} {r.translated:>10} {r.fuzzy:>6} {r.missing:>8} {r.broken:>7}")
