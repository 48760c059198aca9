"""Typed errors that carry their exit code and a located, one-line-per-problem message.

The library raises these; the CLI shows them in one place, so no traceback
ever reaches a user and every message starts with `file:line:`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .model import Location, Text

EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # Ctrl-C, as shells report a process ended by SIGINT


@dataclass(frozen=True)
class Problem:
    """One located problem: `content/x.yaml:14: sections[1].blocks[0]: unknown block kind 'bulets'`."""

    location: Location
    key: str
    message: str

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return f"{self.location}:{key} {self.message}"


class HandoutError(Exception):
    """Base of every error the CLI shows; holds all problems found, not just the first."""

    exit_code = EXIT_FAILED

    def __init__(self, problems: Iterable[Problem] | str):
        if isinstance(problems, str):
            self.problems: tuple[Problem, ...] = ()
            self.text = problems
        else:
            self.problems = tuple(problems)
            self.text = "\n".join(str(p) for p in self.problems)
        super().__init__(self.text)

    def format_message(self) -> str:
        return self.text


class ContentError(HandoutError):
    """A handout file (YAML) is not valid under the content contract.

    `title` is the file's title when it could still be read, so the handouts that
    list this one as related can print it: a broken handout fails alone.
    """

    def __init__(self, problems: Iterable[Problem] | str, title: Text | None = None):
        super().__init__(problems)
        self.title = title


class CatalogError(HandoutError):
    """A .po catalog is malformed, incomplete or breaks a translation rule."""


class RenderError(HandoutError):
    """The text cannot be printed faithfully (a glyph the fonts lack)."""


class ProjectError(HandoutError):
    """The project itself or the command line is unusable: nothing can be built."""

    exit_code = EXIT_USAGE


ERROR, WARNING, INFO = "error", "warning", "info"
LEVELS = (ERROR, WARNING, INFO)  # most serious first


@dataclass(frozen=True)
class Issue:
    """One finding of `handout check`: `error: content/x.yaml:3: review-old: ...`.

    Unlike a Problem, an Issue has a level (a warning does not stop a print
    run unless --strict asks it to) and a stable code that scripts can filter on.
    """

    level: str  # one of LEVELS
    location: Location
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.level}: {self.location}: {self.code}: {self.message}"
