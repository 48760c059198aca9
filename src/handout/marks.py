"""The inline-mark language: text with `**bold**`, `*italic*`, `[label](url)` and escapes.

Take a string and give spans; take spans and give ReportLab paragraph markup.
This is the only module that produces markup, and it escapes every character
of user text, so `<b>`, `&` or `<font color=...>` written by an author print
as themselves and never reach ReportLab's parser as tags.
"""

from __future__ import annotations

import functools
import re
import string
import unicodedata
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlsplit
from xml.sax.saxutils import escape, quoteattr

LINK_SCHEMES = ("https", "http", "mailto", "tel")
# ReportLab re-wraps the rest of a paragraph at every page break, so one huge paragraph
# costs time quadratic in its length (900 KB: minutes). A patient paragraph past a few
# thousand characters is an authoring error anyway; translations may run longer.
MAX_TEXT_LENGTH = 5_000
MAX_TRANSLATION_LENGTH = 2 * MAX_TEXT_LENGTH
ESCAPABLE = "*[\\"
_WHITESPACE = re.compile(r"[ \t\n\r\f\v]+")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode category Cc
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))
# Combining marks left over after NFC: ReportLab draws them beside the letter, not on it.
_COMBINING = re.compile("[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")


class MarkError(ValueError):
    """The text breaks the mark rules; the message tells the author how to fix it."""


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@functools.lru_cache(maxsize=16384)
def fold(value: str) -> str:
    """The text as it is stored, printed and used as a msgid.

    Runs of ASCII white space fold to one space (a no-break space is kept on
    purpose); zero-width characters, which no handout font draws, are dropped;
    and the text is composed (NFC), so an accent typed as a separate mark
    (e + U+0301, common in text pasted from macOS) prints as one letter.
    """
    composed = unicodedata.normalize("NFC", value).translate(_ZERO_WIDTH)
    return _WHITESPACE.sub(" ", composed).strip(" ")


def too_long(value: str, limit: int = MAX_TEXT_LENGTH, title: bool = False) -> str | None:
    """Why a string is too long to print, or None. A title cannot be split into paragraphs,
    so it is told to be shorter instead."""
    if len(value) <= limit:
        return None
    if title:
        return f"is {len(value):,} characters long, too long for a title (at most {limit:,}): shorten it to a few words"
    return f"is {len(value):,} characters long; one string may have at most {limit:,}: split it into several paragraphs or list items"


def unprintable(value: str) -> str | None:
    """Why folded text cannot stand as a printed string (blank, or a control character), or None.

    Author text and translations both pass through here, so a msgstr of only
    spaces is as empty as a YAML `title: ~`.
    """
    if not value.strip():  # str.strip also removes no-break spaces: text of only those prints blank
        return "is empty"
    control = _CONTROL.search(value)
    if control is not None:
        return f"contains the control character U+{ord(control.group()):04X}, which cannot be printed"
    mark = _COMBINING.search(value)
    if mark is not None:
        base = value[mark.start() - 1 : mark.start()] or " "
        return (
            f"contains the combining mark U+{ord(mark.group()):04X} ({unicodedata.name(mark.group(), 'combining mark')}) "
            f"after '{base}', which has no single-letter form: it would print beside the letter, "
            "not on it; use a precomposed letter or leave the mark out"
        )
    return None


def check_link_target(target: str) -> None:
    parts = urlsplit(target)
    if parts.scheme.lower() not in LINK_SCHEMES:
        scheme = f"the scheme '{parts.scheme}:' is not allowed" if parts.scheme else "it has no scheme"
        raise MarkError(
            f"link target '{target}': {scheme}: use an https:, http:, mailto: or tel: address"
        )
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        raise MarkError(f"link target '{target}' has no host name")
    if not (parts.netloc or parts.path):
        raise MarkError(f"link target '{target}' is empty after '{parts.scheme}:'")


@functools.lru_cache(maxsize=16384)
def parse(value: str) -> tuple[Span, ...]:
    """Split marked text into spans; raise MarkError for an unclosed mark or a bad link."""
    text = fold(value)
    if not any(mark in text for mark in "*[\\"):
        return (Span(text),) if text else ()  # most strings carry no marks: skip the scanner
    return tuple(_parse(text, href=None))


def _parse(text: str, href: str | None) -> list[Span]:
    spans: list[Span] = []
    run: list[str] = []
    bold = italic = False
    opened = {"**": -1, "*": -1}

    def flush() -> None:
        if run:
            spans.append(Span("".join(run), bold, italic, href))
            run.clear()

    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text) and text[i + 1] in ESCAPABLE:
            run.append(text[i + 1])
            i += 2
            continue
        if ch == "*":
            mark = "**" if text.startswith("**", i) else "*"
            is_open = bold if mark == "**" else italic
            after = text[i + len(mark) : i + len(mark) + 1]
            if not is_open and (after == "" or after == " "):
                # A lone asterisk between spaces ("5 * 3") is not a mark.
                run.append(mark)
                i += len(mark)
                continue
            flush()
            if mark == "**":
                bold = not bold
            else:
                italic = not italic
            opened[mark] = i if not is_open else -1
            i += len(mark)
            continue
        if ch == "[":
            if href is not None:
                raise MarkError(f"a link cannot contain another link (at '{text[i:i + 20]}')")
            label_end, end = _link_bounds(text, i)
            label, target = text[i + 1 : label_end], text[label_end + 2 : end]
            check_link_target(target)
            if not label.strip():
                raise MarkError(f"the link to '{target}' has no label")
            flush()
            for span in _parse(label, href=target):
                spans.append(Span(span.text, span.bold or bold, span.italic or italic, target))
            i = end + 1
            continue
        run.append(ch)
        i += 1
    for mark, at in opened.items():
        if at >= 0:
            literal = "\\*" * len(mark)
            raise MarkError(
                f"'{mark}' opened at '{text[at:at + 20]}' is never closed "
                f"(write {literal} for a literal asterisk)"
            )
    flush()
    return spans


def _link_bounds(text: str, start: int) -> tuple[int, int]:
    """Indexes of the '](' and the ')' of the link that opens at text[start] == '['.

    The address may hold balanced parentheses, as Markdown allows
    (`https://en.wikipedia.org/wiki/X_(disease)`); a space or an unclosed
    parenthesis in it is named as such, not as a bracket that starts no link.
    """
    label_end = start + 1
    while label_end < len(text) and text[label_end] not in "[]":
        label_end += 2 if text[label_end] == "\\" else 1
    if text[label_end : label_end + 2] != "](":
        raise MarkError(
            f"'[' at '{text[start:start + 20]}' does not start a link [label](address) "
            "(write \\[ for a literal bracket)"
        )
    depth = 0
    for end in range(label_end + 2, len(text)):
        ch = text[end]
        if ch == " ":
            raise MarkError(
                f"the link address '{text[label_end + 2:end]} {text[end + 1:end + 12]}...' contains a space: "
                "write %20 for a space inside an address"
            )
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif ch == ")":
            return label_end, end
    raise MarkError(
        f"the link address after '{text[start:label_end + 2]}' is never closed with ')'"
        + (" (its parentheses are unbalanced)" if depth else "")
    )


def plain(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans)


@dataclass(frozen=True)
class MarkSignature:
    """What a translation must keep of its source: how many bold and italic runs, which links, which numbers."""

    bold: int
    italic: int
    links: tuple[str, ...]
    numbers: tuple[str, ...]
    # The {name} fields an interface string is formatted with; None when the
    # braces do not form a valid, simple format string.
    placeholders: tuple[str, ...] | None


@functools.lru_cache(maxsize=8192)
def signature(value: str) -> MarkSignature:
    """Pure, and asked for every translation of every build: memoized."""
    spans = parse(value)
    bold = italic = 0
    previous = Span("")
    links: list[str] = []
    for span in spans:
        bold += span.bold and not (previous.bold and previous.href == span.href)
        italic += span.italic and not (previous.italic and previous.href == span.href)
        if span.href and span.href != previous.href:
            links.append(span.href)
        previous = span
    text = plain(spans)
    numbers = sorted(map(_normal_number, _NUMBER.findall(text)))
    return MarkSignature(bold, italic, tuple(sorted(links)), tuple(numbers), _placeholders(value))


def _normal_number(number: str) -> str:
    """One spelling per number across languages: 1.5 == 1,5 and 2,000 == 2.000 == 2000, but 1.5 != 15."""
    whole, *groups = re.split(r"[.,]", number)
    if groups and all(len(g) == 3 for g in groups):
        return whole + "".join(groups)  # thousands separators
    return ".".join([whole, *groups])


def _placeholders(text: str) -> tuple[str, ...] | None:
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        return None
    names = []
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion or not name.isidentifier():
            return None  # {term.upper}, {0}, {x!r} or {x:>9}: never what an interface string needs
        names.append(name)
    return tuple(sorted(set(names)))


class FaceChooser(Protocol):
    """What markup needs of the fonts: which characters the main face draws, and a face for the rest."""

    def split(self, text: str) -> list[tuple[str, bool]]: ...

    def fallback_face(self, bold: bool, italic: bool) -> str: ...


def _shown_target(href: str) -> str:
    parts = urlsplit(href)
    if parts.scheme in ("mailto", "tel"):
        return parts.path
    return (parts.netloc + parts.path).rstrip("/") + (f"?{parts.query}" if parts.query else "")


def to_markup(spans: tuple[Span, ...], faces: FaceChooser, link_color: str, bold: bool = False) -> str:
    """ReportLab paragraph markup for the spans: every character escaped, only our own tags.

    A link also prints its address after the label, because a patient reading
    paper cannot click it. `bold` says the paragraph style is already bold, so
    that characters drawn by the fallback face are bold too.
    """
    out: list[str] = []
    index = 0
    while index < len(spans):
        span = spans[index]
        if span.href is None:
            out.append(_styled(span, faces, bold))
            index += 1
            continue
        group = []
        while index < len(spans) and spans[index].href == span.href:
            group.append(spans[index])
            index += 1
        label = "".join(_styled(s, faces, bold) for s in group)
        out.append(f"<a href={quoteattr(span.href)} color={quoteattr(link_color)} underline=\"1\">{label}</a>")
        shown = _shown_target(span.href)
        if shown and shown not in plain(tuple(group)):
            out.append(_styled(Span(f" ({shown})"), faces, bold))
    return "".join(out)


def _styled(span: Span, faces: FaceChooser, bold: bool) -> str:
    text = _with_fallback(span.text, faces, span.bold or bold, span.italic)
    if span.italic:
        text = f"<i>{text}</i>"
    if span.bold:
        text = f"<b>{text}</b>"
    return text


def _with_fallback(text: str, faces: FaceChooser, bold: bool, italic: bool) -> str:
    """Escape text, drawing characters the main face lacks in the fallback face."""
    out: list[str] = []
    for run, main in faces.split(text):
        piece = escape(run)
        out.append(piece if main else f"<font face={quoteattr(faces.fallback_face(bold, italic))}>{piece}</font>")
    return "".join(out)
