"""The handout model: frozen dataclasses, every string with the place it came from.

A source (English) handout and a translated one are the same type, so layout and
render never know which they print. No I/O here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field, replace
from typing import Callable, Iterator, Union


@dataclass(frozen=True, order=True)
class Location:
    """A 1-based line in a file; line is None when the whole file is meant."""

    file: str
    line: int | None = None

    def __str__(self) -> str:
        return self.file if self.line is None else f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Text:
    """A marked-up string (see marks.py) and where it was written.

    For a translated handout the location is the msgstr in the .po file, so a
    problem in a translation points the translator at their own file.
    """

    value: str
    location: Location


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Bullets:
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Steps:
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Term:
    term: Text
    text: Text


@dataclass(frozen=True)
class Terms:
    items: tuple[Term, ...]


CALLOUT_KINDS = ("urgent", "important", "tip")


@dataclass(frozen=True)
class Callout:
    kind: str
    text: Text
    title: Text | None = None


@dataclass(frozen=True)
class ValueName:
    """The name of a `[values]` entry of handout.toml, and where a blank asked for it."""

    name: str
    location: Location


@dataclass(frozen=True)
class Blank:
    """A line to write on; with `value` it prints that handout.toml value instead, when one is set."""

    label: Text
    after: Text | None = None
    value: ValueName | None = None


@dataclass(frozen=True)
class Blanks:
    items: tuple[Blank, ...]


Block = Union[Paragraph, Bullets, Steps, Terms, Callout, Blanks]


@dataclass(frozen=True)
class Section:
    heading: Text
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Related:
    id: str
    location: Location


# The levels of "when to call", most urgent first: the order they always print in.
CALL_LEVELS = ("call_911", "call_now", "call_within_a_day")


@dataclass(frozen=True)
class CallLevel:
    level: str  # one of CALL_LEVELS
    items: tuple[Text, ...]


REVIEW_STATUSES = ("approved", "draft", "sample")


@dataclass(frozen=True)
class Review:
    date: datetime.date
    by: tuple[Text, ...]
    # Absent in the file means approved, so files written before statuses existed keep their meaning.
    status: str = "approved"
    status_location: Location | None = None  # where `status:` is written
    date_location: Location | None = None  # where `date:` is written, for `handout check`

    @property
    def approved(self) -> bool:
        return self.status == "approved"


@dataclass(frozen=True)
class Source:
    publisher: Text | None = None
    url: Text | None = None  # an http(s) address, printed and linked as written


@dataclass(frozen=True)
class Handout:
    id: str
    title: Text
    summary: Text
    sections: tuple[Section, ...]
    review: Review
    location: Location
    also_called: tuple[Text, ...] = ()
    related: tuple[Related, ...] = ()
    references: tuple[Text, ...] = ()
    source: Source | None = None
    key_points: tuple[Text, ...] = ()
    when_to_call: tuple[CallLevel, ...] = ()  # in CALL_LEVELS order
    questions: tuple[Text, ...] = ()
    language: str = "en"
    # When the translation was last revised (the catalog's PO-Revision-Date);
    # None for the source language.
    translation_revised: datetime.date | None = None


def _quote(text: Text) -> str:
    return f'"{text.value}"'


# The printed labels of the levels, in English, to tell a translator where a warning sign stands.
_LEVEL_CONTEXT = {
    "call_911": 'warning sign under "Call 911"',
    "call_now": 'warning sign under "Call your provider now or go to the hospital"',
    "call_within_a_day": 'sign under "Call your provider within a day"',
}


def translatable_texts(handout: Handout) -> Iterator[tuple[str, Text]]:
    """Yield (context for a translator, text) for every string that is translated, in reading order."""
    yield "title", handout.title
    yield "summary", handout.summary
    for item in handout.also_called:
        yield "other name", item
    for number, item in enumerate(handout.key_points, 1):
        yield f'key point {number} (a short bullet in the "Key points" box on page 1)', item
    for level in handout.when_to_call:
        for item in level.items:
            yield _LEVEL_CONTEXT[level.level], item
    for section in handout.sections:
        where = _quote(section.heading)
        yield "section heading", section.heading
        for block in section.blocks:
            match block:
                case Paragraph(text):
                    yield f"paragraph in {where}", text
                case Bullets(items):
                    for item in items:
                        yield f"bullet in {where}", item
                case Steps(items):
                    for number, item in enumerate(items, 1):
                        yield f"step {number} in {where}", item
                case Terms(items):
                    for item in items:
                        yield f"term in {where}", item.term
                        yield f"explanation of {_quote(item.term)} in {where}", item.text
                case Callout(kind, text, title):
                    if title is not None:
                        yield f"{kind} box title in {where}", title
                    yield f"{kind} box text in {where}", text
                case Blanks(items):
                    for item in items:
                        yield f"label of a line to write on, in {where}", item.label
                        if item.after is not None:
                            yield f"printed after the line to write on for {_quote(item.label)}, e.g. a unit", item.after
    for item in handout.questions:
        yield 'question in "Questions to ask your provider", asked by the patient', item


def all_texts(handout: Handout) -> Iterator[Text]:
    """Every printed string, translated or not: what the glyph check must see."""
    for _, text in translatable_texts(handout):
        yield text
    yield from handout.references
    yield from handout.review.by
    if handout.source is not None:
        yield from (t for t in (handout.source.publisher, handout.source.url) if t is not None)


def map_texts(handout: Handout, convert: Callable[[Text], Text], **changes) -> Handout:
    """Return a copy with every translatable string passed through `convert`; nothing is mutated."""

    def block(b: Block) -> Block:
        match b:
            case Paragraph(text):
                return Paragraph(convert(text))
            case Bullets(items):
                return Bullets(tuple(map(convert, items)))
            case Steps(items):
                return Steps(tuple(map(convert, items)))
            case Terms(items):
                return Terms(tuple(Term(convert(i.term), convert(i.text)) for i in items))
            case Callout(kind, text, title):
                return Callout(kind, convert(text), None if title is None else convert(title))
            case Blanks(items):
                return Blanks(tuple(replace(i, label=convert(i.label), after=i.after and convert(i.after)) for i in items))
        raise TypeError(f"unknown block {b!r}")

    return replace(
        handout,
        title=convert(handout.title),
        summary=convert(handout.summary),
        also_called=tuple(map(convert, handout.also_called)),
        key_points=tuple(map(convert, handout.key_points)),
        when_to_call=tuple(CallLevel(level.level, tuple(map(convert, level.items))) for level in handout.when_to_call),
        questions=tuple(map(convert, handout.questions)),
        sections=tuple(
            Section(convert(s.heading), tuple(map(block, s.blocks))) for s in handout.sections
        ),
        **changes,
    )


@dataclass(frozen=True)
class Project:
    """A loaded project: the handouts that loaded, and the problems of those that did not."""

    handouts: dict[str, Handout] = field(default_factory=dict)
    # handout id (file stem) -> the problems (errors.Problem) that keep it from being built
    broken: dict[str, tuple] = field(default_factory=dict)
    # handout id -> the title of a broken handout whose title could still be read, so the
    # handouts that list it as related can print it (a broken handout fails alone)
    titles: dict[str, Text] = field(default_factory=dict)

    def title_of(self, handout_id: str) -> Text | None:
        """The title to print for a related handout, broken or not; None when it cannot be read."""
        handout = self.handouts.get(handout_id)
        return handout.title if handout is not None else self.titles.get(handout_id)
