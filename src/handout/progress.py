"""How a build shows its progress on stderr: a bar on a terminal, a line per event with
--verbose, nothing with --quiet or in a CI log; and the closing summary line.

Takes the build's events (a total, then one JobResult at a time); gives text only.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:  # the CLI must start without loading the build machinery
    from .build import BuildReport, JobResult


class Bar:
    """click's progress bar, for a person watching a terminal."""

    def __init__(self) -> None:
        self._bar = None

    def start(self, total: int) -> None:
        self._bar = click.progressbar(length=total, label="building", file=sys.stderr, show_pos=True)
        self._bar.__enter__()

    def advance(self, result: JobResult) -> None:
        self._bar.update(1)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)


class Lines:
    """One line per job, for --verbose and for logs that want every event."""

    def start(self, total: int) -> None:
        click.echo(f"{total} job(s)", err=True)

    def advance(self, result: JobResult) -> None:
        where = f"{result.locale or '--'} {result.handout_id}"
        state = "up to date" if result.up_to_date else "built" if result.ok else "FAILED"
        click.echo(f"{state:10} {where}", err=True)

    def close(self) -> None:
        pass


def make_progress(verbose: bool, quiet: bool) -> Bar | Lines | None:
    if quiet:
        return None
    if verbose:
        return Lines()
    return Bar() if sys.stderr.isatty() else None


def summary(report: BuildReport) -> str:
    built = len(report.built)
    # A rate only means something when something was rendered.
    rate = f" ({built / report.seconds:.1f} PDFs/s)" if built and report.seconds > 0 else ""
    return (
        f"built {built}, up to date {len(report.up_to_date)}, failed {len(report.failed)}, "
        f"removed {len(report.removed)} in {report.seconds:.1f} s{rate}"
    )
