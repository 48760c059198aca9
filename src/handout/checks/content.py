"""Content rules: what the loader refused, and what it accepts but a clinic should not print."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..errors import ERROR, WARNING, Issue, Problem
from ..marks import fold
from ..model import Handout
from .context import CheckContext


def loader_issues(problems: Iterable[Problem]) -> Iterator[Issue]:
    """The loader's own problems, word for word, so `check` and `build` never disagree."""
    for problem in problems:
        key = f"{problem.key}: " if problem.key else ""
        yield Issue(ERROR, problem.location, "content", f"{key}{problem.message}")


def duplicate_headings(handout: Handout, ctx: CheckContext) -> Iterator[Issue]:
    """Two sections with the same heading: a reader (and the PDF outline) cannot tell them apart."""
    seen = {}
    for index, section in enumerate(handout.sections):
        key = fold(section.heading.value).casefold()
        if key in seen:
            yield Issue(ERROR, section.heading.location, "duplicate-heading", f"sections[{index}].heading: '{section.heading.value}' is already the heading at line {seen[key].line}")
        else:
            seen[key] = section.heading.location


def no_references(handout: Handout, ctx: CheckContext) -> Iterator[Issue]:
    if not handout.references:
        yield Issue(WARNING, handout.location, "no-reference", "references: none given; cite the guideline the advice comes from")
