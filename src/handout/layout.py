"""Take a (translated) Handout and give the flowables that print it, plus what the page
furniture and the PDF metadata say.

Every word the generator itself prints goes through `gettext` here, so it is
extracted into `locales/handout.pot` and printed in the handout's language.
Interface strings are templates whose {placeholders} are filled with spans,
never by pasting marked-up text together, so an author's asterisk in one
reviewer's name cannot turn the next one italic. The result is a plain value:
tests inspect it without writing a PDF.
"""

from __future__ import annotations

import datetime
import string
from dataclasses import dataclass, replace
from typing import Protocol

from babel import Locale
from babel.dates import format_date
from reportlab.platypus import (
    Flowable,
    HRFlowable,
    Paragraph,
    Spacer,
)

from . import marks
from .boxes import Box, KeepOrFill
from .clinic import LOGO_HEIGHT, beside, logo, qr_code
from .config import Clinic
from .fonts import FontSet
from .model import Bullets, Callout, Handout, Steps, Terms, Text
from .model import Paragraph as TextParagraph
from .styles import Styles

BULLET = "\u2022"
LIST_GAP = 5  # points between the end of a list and what follows
Spans = tuple[marks.Span, ...]


class Interface(Protocol):
    """A gettext translations object for the interface strings."""

    def gettext(self, message: str) -> str: ...


@dataclass(frozen=True)
class DocumentInfo:
    """What render needs besides the story: metadata and the words of the page furniture."""

    title: str
    subject: str
    author: str
    keywords: tuple[str, ...]
    language: str  # BCP 47 tag for /Lang, e.g. "es" or "es-MX"
    language_name: str
    page_label: str  # with {page} and {pages}
    date: datetime.date  # the document's dates: derived from the content, never the clock
    footer: str = ""  # the clinic's name and phone, at the foot of every page


@dataclass(frozen=True)
class Layout:
    story: list[Flowable]
    info: DocumentInfo
    # Words made here rather than written by an author or translator (dates, the
    # language name, sample page labels): the glyph check must see them too.
    generated: tuple[Text, ...]
    # The furniture of each later part of a document in parts (duplex bilingual), in order.
    later_parts: tuple[DocumentInfo, ...] = ()


class Heading(Paragraph):
    """A section heading; render.py makes its `outline` (title, key) a PDF bookmark.

    ReportLab re-creates a paragraph it splits with the same class and keyword
    arguments, so the outline rides along as an optional keyword.
    """

    def __init__(self, *args, outline: tuple[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.outline = outline


def plain_text(text: Text) -> str:
    return marks.plain(marks.parse(text.value))


def language_name(locale: str) -> str:
    parsed = Locale.parse(locale)
    name = parsed.get_display_name(parsed) or locale
    return name[:1].upper() + name[1:]


def long_date(date: datetime.date, locale: str) -> str:
    return format_date(date, format="long", locale=locale)


def fill(template: str, **values: Spans) -> Spans:
    """Spans for an interface template, each {name} replaced by the spans given for it."""
    out: list[marks.Span] = []
    for literal, name, _, _ in string.Formatter().parse(template):
        # A literal piece keeps the spaces at its edges ("Reviewed {date} by {names}").
        if literal[:1].isspace():
            out.append(marks.Span(" "))
        out.extend(marks.parse(literal))
        if literal[-1:].isspace() and literal.strip():
            out.append(marks.Span(" "))
        if name is not None:
            out.extend(values[name])
    return tuple(out)


def joined(texts, separator: str = "; ") -> Spans:
    """Each item parsed on its own, then joined: marks never run from one item into the next."""
    out: list[marks.Span] = []
    for index, text in enumerate(texts):
        if index:
            out.append(marks.Span(separator))
        out.extend(marks.parse(text.value))
    return tuple(out)


def plain(value: str) -> Spans:
    return (marks.Span(value),)


@dataclass(frozen=True)
class _Writer:
    fonts: FontSet
    styles: Styles

    def para(self, value: str, style, bullet: str | None = None) -> Paragraph:
        return self.spans(marks.parse(value), style, bullet)

    def spans(self, spans: Spans, style, bullet: str | None = None) -> Paragraph:
        bold = style.fontName == self.fonts.main.bold  # a bold style needs a bold fallback face too
        if self.styles.edition.italic_as_bold:
            spans = tuple(replace(s, bold=True, italic=False) if s.italic else s for s in spans)
        return Paragraph(marks.to_markup(spans, self.fonts, self.styles.palette.link_markup(), bold=bold), style, bulletText=bullet)

    def box(self, parts: list[Flowable], look: str) -> Box:
        """A bordered, tinted box; the thick left bar and the printed label keep its kind clear without colour.

        A box that fits easily on a page never splits (it moves whole to the next
        page, and a heading before it moves along); a very long one splits
        rather than leave a blank page.
        """
        return Box(parts, self.styles.palette.boxes[look], split_above=0.45 * self.styles.frame_height)


def layout_handout(
    handout: Handout,
    related_titles: tuple[Text, ...],
    interface: Interface,
    fonts: FontSet,
    styles: Styles,
    clinic: Clinic | None = None,
) -> Layout:
    _ = interface.gettext
    w = _Writer(fonts, styles)
    locale = handout.language
    story: list[Flowable] = [w.para(handout.title.value, styles.title), w.para(handout.summary.value, styles.summary)]
    if handout.also_called:
        story.append(w.spans(fill(_("**Other names:** {names}"), names=joined(handout.also_called)), styles.body))
    for number, section in enumerate(handout.sections):
        markup = marks.to_markup(marks.parse(section.heading.value), fonts, styles.palette.link_markup(), bold=True)
        story.append(Heading(markup, styles.heading, outline=(plain_text(section.heading), f"section-{number}")))
        for block in section.blocks:
            story.extend(_block(block, w, _))
    dates = [long_date(handout.review.date, locale)]
    if handout.translation_revised is not None:
        dates.append(long_date(handout.translation_revised, locale))
    story.extend(_back_matter(handout, related_titles, dates, clinic, w, _))

    publisher = handout.source.publisher if handout.source else None
    author = plain_text(publisher) if publisher else "; ".join(map(plain_text, handout.review.by))
    info = DocumentInfo(
        title=plain_text(handout.title),
        subject=plain_text(handout.summary),
        author=author,
        keywords=tuple(map(plain_text, handout.also_called)),
        language=locale.replace("_", "-"),
        language_name=language_name(locale),
        # Translators: printed at the foot of every page, e.g. "Page 1 of 3".
        page_label=_("Page {page} of {pages}"),
        date=max(d for d in (handout.review.date, handout.translation_revised) if d is not None),
        footer=" \u00b7 ".join(x for x in (clinic.name, clinic.phone) if x) if clinic else "",
    )
    generated = (info.language_name, info.page_label.format(page=1234567890, pages=0), info.footer, *dates)
    return Layout(story, info, tuple(Text(g, handout.location) for g in generated))


def _block(block, w: _Writer, _) -> list[Flowable]:
    styles = w.styles
    match block:
        # Items are separate paragraphs so that a heading keeps with the first item, not the whole list.
        case TextParagraph(text):
            return [w.para(text.value, styles.body)]
        case Bullets(items):
            return [*(w.para(t.value, styles.bullet, BULLET) for t in items), Spacer(1, LIST_GAP)]
        case Steps(items):
            return [*(w.para(t.value, styles.step, f"{n}.") for n, t in enumerate(items, 1)), Spacer(1, LIST_GAP)]
        case Terms(items):
            out = []
            for item in items:
                term = marks.parse(item.term.value)
                if marks.plain(term)[-1:] not in ":?.!":
                    # Translators: a bold term that leads a line, e.g. "Cerclage:"; keep {term}.
                    term = fill(_("{term}:"), term=term)
                lead = tuple(replace(span, bold=True) for span in term)
                out.append(w.spans(lead + plain(" ") + marks.parse(item.text.value), styles.term))
            return out
        case Callout(kind, text, title):
            parts = [w.spans((marks.Span(_callout_label(kind, _), bold=True),), styles.callout_label)]
            if title is not None:
                parts.append(w.para(title.value, styles.callout_title))
            parts.append(w.para(text.value, styles.callout_text))
            return [w.box(parts, kind)]
    raise TypeError(f"unknown block {block!r}")


def _callout_label(kind: str, _) -> str:
    """Only the label that is printed is looked up, so an untranslated one never blocks a build."""
    # Translators: the labels at the top of boxed notices, in capitals as your language writes them.
    match kind:
        case "urgent":
            return _("URGENT")
        case "important":
            return _("IMPORTANT")
        case "tip":
            return _("TIP")
    raise ValueError(f"unknown callout kind {kind!r}")


def _back_matter(
    handout: Handout, related_titles: tuple[Text, ...], dates: list[str], clinic: Clinic | None, w: _Writer, _
) -> list[Flowable]:
    styles = w.styles
    out: list[Flowable] = [HRFlowable(width="100%", thickness=0.6, color=styles.palette.rule, spaceBefore=8, spaceAfter=4)]
    if related_titles:
        out.append(w.spans(plain(_("Related handouts")), styles.back_heading))
        out.extend(w.para(t.value, styles.bullet, BULLET) for t in related_titles)
    if handout.references:
        out.append(w.spans(plain(_("References")), styles.back_heading))
        out.extend(w.para(t.value, styles.reference, f"{n}.") for n, t in enumerate(handout.references, 1))
    end: list[Flowable] = []
    # Translators: {date} is the long date in your language, {names} the reviewers as written.
    reviewed = _("Reviewed {date} by {names}")
    end.append(w.spans(fill(reviewed, date=plain(dates[0]), names=joined(handout.review.by)), styles.back))
    if handout.translation_revised is not None:
        # Translators: when this translation was last revised (the catalog's PO-Revision-Date).
        updated = _("Translation updated {date}")
        end.append(w.spans(fill(updated, date=plain(dates[1])), styles.back))
    if handout.source is not None:
        source = handout.source
        shown = list(marks.parse(source.publisher.value)) if source.publisher else []
        if source.url:
            shown += [marks.Span(", ")] * bool(shown) + [marks.Span(source.url.value, href=source.url.value)]
        end.append(w.spans(fill(_("Source: {source}"), source=tuple(shown)), styles.back))
    end.extend(_clinic_block(handout, clinic, w, _))
    disclaimer = _(
        "This handout gives general health information. It does not take the place of care "
        "from your doctor, nurse, midwife or other health care provider. Talk with your provider "
        "about your own health and before you make any change to your care. If you think you "
        "have an emergency, call 911 or go to the nearest emergency room."
    )
    label = w.spans((marks.Span(_("Medical disclaimer"), bold=True),), styles.callout_label)
    end.append(w.box([label, w.para(disclaimer, styles.back)], "disclaimer"))
    # The end reads best in one piece, but never at the cost of a third of a page left blank.
    return [*out, KeepOrFill(end, max_blank=styles.frame_height / 3)]


def _clinic_block(handout: Handout, clinic: Clinic | None, w: _Writer, _) -> list[Flowable]:
    """The clinic's name, address, phone and website beside its logo, then a QR code beside the handout's address."""
    styles, out = w.styles, []
    if clinic is not None:
        lines = [w.spans((marks.Span(clinic.name, bold=True),), styles.back)]
        lines += [w.spans(plain(x), styles.back) for x in (clinic.address, clinic.phone) if x]
        if clinic.website:
            lines.append(w.spans((marks.Span(clinic.website, href=clinic.website),), styles.back))
        if clinic.logo is None:
            out.extend(lines)
        else:
            height = LOGO_HEIGHT * styles.edition.body[0] / 12.5
            image = logo(clinic.logo, height, styles.frame_width / 3, cmyk=styles.profile.cmyk)
            out.append(beside(image, lines, image.drawWidth, w.fonts.main.regular))
    url = (clinic.url_for(handout.id, handout.language) if clinic else None) or (
        handout.source.url.value if handout.source and handout.source.url else None
    )
    if url:
        size = 6 * styles.body.leading
        # Translators: beside a QR code at the end of a handout; {url} is the address it opens.
        caption = fill(_("Scan the code or visit {url} to read this handout online."), url=plain(url))
        code = qr_code(url, size, w.fonts.main.regular, styles.palette.ink)
        out.append(beside(code, [w.spans(caption, styles.back)], size, w.fonts.main.regular))
    return out
