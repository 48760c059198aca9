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
from .errors import EXIT_FAILED, HandoutError, ProjectError

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


def _print_problems(text: str) -> None:
    for line in dict.fromkeys(text.splitlines()):
        click.echo(line, err=True)


@main.command()
@click.argument("handout_ids", nargs=-1, metavar="[IDS]...")
@PROJECT_OPTION
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), help="Output folder [default: PROJECT/dist].")
@click.option("--locale", "locales", multiple=True, metavar="LANG", help="Build this locale (repeatable) [default: en and every locale with catalogs].")
@click.option("--page-size", type=click.Choice(["letter", "a4"]), help="Paper size [default: handout.toml, else letter].")
@click.option("--allow-fallback", is_flag=True, help="Print English where a translation is missing or fuzzy (and say so).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), help="Parallel workers [default: one per CPU].")
@click.option("--require-approved", is_flag=True, help="Refuse handouts whose review.status is not approved.")
@click.option("--edition", "editions", multiple=True, type=click.Choice(EDITIONS), help="Build this edition (repeatable) [default: handout.toml, else standard].")
@click.option("--profile", type=click.Choice(PROFILES), default="office", show_default=True, help="office: RGB, no marks; press: CMYK, 3 mm bleed, crop marks.")
@click.option("--pair", callback=_parse_pair, metavar="A,B", help="The bilingual edition's languages, e.g. en,es [default: handout.toml, else en and the first other locale].")
@click.option("--duplex", is_flag=True, help="Bilingual edition: first language on front pages, second on back pages.")
def build(handout_ids, project, out, locales, page_size, allow_fallback, jobs, require_approved, editions, profile, pair, duplex) -> None:
    """Build dist/<lang>/<id>.pdf for every handout (or the IDS given), in each edition asked for."""
    from .build import BuildOptions
    from .build import build as build_all

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
    )
    report = build_all(options, progress=_progress_printer())
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
    for path in report.orphans:
        click.echo(f"warning: {path} has no handout in content/ any more: delete it if it should not be printed", err=True)
    click.echo(f"built {len(report.built)}, failed {len(report.failed)} in {report.seconds:.1f} s")
    click.get_current_context().exit(report.exit_code)


def _progress_printer():
    """On a terminal, one line per finished PDF; in CI logs, nothing until the summary."""
    if not sys.stderr.isatty():
        return None

    def show(result) -> None:
        mark = "ok  " if result.ok else "FAIL"
        click.echo(f"{mark} {result.locale or '--'} {result.handout_id}", err=True)

    return show


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
@click.argument("handout_ids", nargs=-1, metavar="[IDS]...")
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
    click.echo(to_json(report) if output_format == "json" else format_text(report))
    click.get_current_context().exit(report.exit_code)


@main.command()
@click.argument("handout_id", metavar="ID")
@PROJECT_OPTION
@click.option("--title", help="The handout's title [default: made from ID].")
def new(handout_id: str, project: Path, title: str | None) -> None:
    """Create content/ID.yaml, a valid handout to fill in."""
    from .scaffold import new_handout

    path = new_handout(project, handout_id, title, datetime.date.today())
    click.echo(f"created {path}")


def _list(summary: str, paths: list[Path]) -> None:
    click.echo(f"{len(paths)} {summary}")
    for path in paths:
        click.echo(f"  {path}")


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
    click.echo(f"{len(written)} .mo file(s) written; builds read the .po files directly")


@i18n.command()
@PROJECT_OPTION
def stats(project: Path) -> None:
    """Per locale and handout: translated, fuzzy, missing and broken strings (broken: fails a build check)."""
    from . import i18n as ops

    rows = ops.stats(project)
    if not rows:
        raise ProjectError("no locales with catalogs: run `handout i18n init LANG` first")
    width = max(len(r.name) for r in rows)
    click.echo(f"{'locale':<8} {'catalog':<{width}} {'translated':>10} {'fuzzy':>6} {'missing':>8} {'broken':>7}")
    for r in rows:
        click.echo(f"{r.locale:<8} {r.name:<{width}} {r.translated:>10} {r.fuzzy:>6} {r.missing:>8} {r.broken:>7}")
