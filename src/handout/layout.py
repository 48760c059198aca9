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

from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
)

from . import marks
from .blocks import call_level, write_in, writing_lines
from .boxes import Box, KeepOrFill
from .clinic import LOGO_HEIGHT, beside, logo, qr_code
from .config import Clinic
from .fonts import FontSet
from .keeping import SHORT_LINES, KeepFirstLines
from .locales import bcp47, language_name, long_date
from .model import Blanks, Bullets, Callout, CallLevel, Handout, Location, Section, Steps, Terms, Text
from .model import Paragraph as TextParagraph
from .styles import Styles

BULLET = "\u2022"
LIST_GAP = 5  # points between the end of a list and what follows
Spans = tuple[marks.Span, ...]


class Interface(Protocol):
    """A gettext translations object for the interface strings."""

    def gettext(self, message: str) -> str: ...

    def in_english(self) -> int:
        """How many strings of this handout are printed in English for want of a translation (so far)."""
        ...


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
    footer: str = ""  # the clinic's name and phone, in the running head of every page
    # Printed boxed on every page when no clinician has approved the handout.
    notice: str | None = None


@dataclass(frozen=True)
class Layout:
    story: list[Flowable]
    info: DocumentInfo
    # Words made here rather than written by an author or translator (dates, the
    # language name, sample page labels): the glyph check must see them too. Each is
    # located at the locale and what made it, since no file of the project holds it.
    generated: tuple[Text, ...]
    # The furniture of each later part of a document in parts (duplex bilingual), in order.
    later_parts: tuple[DocumentInfo, ...] = ()


class WrapOnce(Paragraph):
    """A paragraph that breaks its lines once per width.

    ReportLab wraps many flowables twice at the same width (a heading kept with the
    next paragraph is measured as a group, then placed); line breaking is the
    largest cost of a build, and the same width always gives the same lines.
    """

    def wrap(self, availWidth, availHeight):
        # split() drops blPara to force a fresh wrap: honour that
        if self.__dict__.get("_wrapped_at") != availWidth or "blPara" not in self.__dict__:
            super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self.width, self.height


class Heading(WrapOnce):
    """A section heading; render.py makes its `outline` (title, key) a PDF bookmark.

    ReportLab re-creates a paragraph it splits with the same class and keyword
    arguments, so the outline rides along as an optional keyword.
    """

    def __init__(self, *args, outline: tuple[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.outline = outline


def plain_text(text: Text) -> str:
    return marks.plain(marks.parse(text.value))


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
        return WrapOnce(marks.to_markup(spans, self.fonts, self.styles.palette.link_markup(), bold=bold), style, bulletText=bullet)

    def heading(self, value: str, key: str) -> Heading:
        markup = marks.to_markup(marks.parse(value), self.fonts, self.styles.palette.link_markup(), bold=True)
        return Heading(markup, self.styles.heading, outline=(marks.plain(marks.parse(value)), key))

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
    values: dict[str, Text] | None = None,
    clinic: Clinic | None = None,
) -> Layout:
    """`values` are handout.toml's [values]: what blanks naming one print on their line."""
    _ = interface.gettext
    w = _Writer(fonts, styles)
    values = values or {}
    locale = handout.language
    story: list[Flowable] = [w.para(handout.title.value, styles.title), w.para(handout.summary.value, styles.summary)]
    if handout.also_called:
        story.append(w.spans(fill(_("**Other names:** {names}"), names=joined(handout.also_called)), styles.body))
    # What matters most comes first: the key points and when to call, on page 1 or 2.
    if handout.key_points:
        # Translators: the title of the box of 3 to 5 short bullets right under the summary.
        label = w.spans(plain(_("Key points")), styles.callout_title)
        story.append(w.box([label, *(w.para(t.value, styles.bullet, BULLET) for t in handout.key_points)], "key_points"))
    if handout.when_to_call:
        story.extend(_when_to_call(handout.when_to_call, w, _))
    for number, section in enumerate(handout.sections):
        story.extend(_section(section, number, w, _, values))
    if handout.questions:
        story.extend(_questions(handout.questions, w, _))
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
        language=bcp47(locale),
        language_name=language_name(locale),
        # Translators: printed at the foot of every page, e.g. "Page 1 of 3".
        page_label=_("Page {page} of {pages}"),
        date=max(d for d in (handout.review.date, handout.translation_revised) if d is not None),
        notice=None if handout.review.approved else _review_notice(handout.review.status, _),
        footer=" \u00b7 ".join(x for x in (clinic.name, clinic.phone) if x) if clinic else "",
    )
    if interface.in_english():  # asked last, once every string of the handout has been looked up
        story.insert(2, _english_note(interface, w))  # after the title and summary: on the first page
    generated = [("language name", info.language_name), ("page label", info.page_label.format(page=1234567890, pages=0))]
    generated += [("long date", date) for date in dates] + [("clinic line", info.footer)] * bool(info.footer)
    filled = tuple(values[name] for name in _value_names(handout) if name in values)
    located = tuple(Text(value, Location(f"locale {locale}: the {what} '{value}'")) for what, value in generated)
    return Layout(story, info, located + filled)


def _value_names(handout: Handout) -> list[str]:
    return [b.value.name for s in handout.sections for block in s.blocks if isinstance(block, Blanks) for b in block.items if b.value]


def _lead(spans: Spans, _) -> Spans:
    """A term or label that leads a line, with the colon your language writes after it."""
    if marks.plain(spans)[-1:] in ":?.!":
        return spans
    # Translators: a term or label that leads a line, e.g. "Cerclage:" or "Clinic phone:"; keep {term}.
    return fill(_("{term}:"), term=spans)


def _when_to_call(levels: tuple[CallLevel, ...], w: _Writer, _) -> list[Flowable]:
    """One block, most urgent level first, kept on one page when it fits.

    A block taller than a page is not kept together (that would leave the rest of
    the page blank): it flows on, splitting between signs, each level's label repeated.
    """
    styles = w.styles
    # Translators: the heading over the levels "Call 911", "Call your provider now ...", "... within a day".
    parts: list[Flowable] = [w.heading(_("When to get help"), "when-to-call")]
    for level in levels:
        style = styles.call_label_reversed if level.level == "call_911" else styles.call_label
        label = w.spans((marks.Span(_call_label(level.level, _), bold=True),), style)
        parts.append(call_level(level.level, label, [w.para(t.value, styles.call_item, BULLET) for t in level.items], styles))
    height = sum(part.wrap(styles.frame_width, styles.frame_height)[1] for part in parts)
    if height <= styles.frame_height:
        return [KeepTogether(parts)]
    # keepWithNext would carry the heading and the whole first level to a new page: start here
    # unless fewer than a few lines are left.
    parts[0].keepWithNext = 0
    return [CondPageBreak(0.25 * styles.frame_height), *parts]


def _call_label(level: str, _) -> str:
    match level:
        case "call_911":
            # Translators: the most urgent level of warning signs; keep the emergency number.
            return _("Call 911")
        case "call_now":
            # Translators: the second level: call the doctor, nurse or midwife right away, or go to the hospital.
            return _("Call your provider now or go to the hospital")
        case "call_within_a_day":
            # Translators: the third level: signs that need a call within 24 hours.
            return _("Call your provider within a day")
    raise ValueError(f"unknown level {level!r}")


def _questions(questions: tuple[Text, ...], w: _Writer, _) -> list[Flowable]:
    styles = w.styles
    # Translators: a heading over questions the patient may ask at the next visit.
    heading = w.heading(_("Questions to ask your provider"), "questions")
    items = [w.para(t.value, styles.bullet, BULLET) for t in questions]
    # Translators: printed above a few ruled lines where the patient writes more questions.
    more = w.spans(plain(_("Write your own questions here:")), styles.body)
    # The heading, list and writing lines stay on one page when they fit: the lines belong to the questions
    # (and a KeepTogether after a heading would break the heading's keepWithNext).
    return [KeepTogether([heading, *items, Spacer(1, LIST_GAP), more, *writing_lines(styles.palette.ink), Spacer(1, 16)])]


def _review_notice(status: str, _) -> str:
    """What a handout no clinician approved says on every page and in its back matter."""
    if status == "sample":
        # Translators: printed boxed on every page of a sample handout that no clinician has approved.
        return _("Sample handout: not yet reviewed by a clinician")
    # Translators: printed boxed on every page of a draft that no clinician has approved yet.
    return _("Draft: not yet reviewed by a clinician")


def _section(section: Section, number: int, w: _Writer, _, values: dict[str, Text]) -> list[Flowable]:
    """A heading and its blocks. The heading keeps with the first lines of a paragraph or list
    item under it (not a whole long paragraph), and with a whole box or short block; a short
    lead-in ending in ":" keeps with the first item of what it introduces."""
    body: list[Flowable] = []
    for index, block in enumerate(section.blocks):
        flowables = _block(block, w, _, values)
        if index + 1 < len(section.blocks) and isinstance(block, TextParagraph) and _lead_in(block.text, flowables[0], w.styles):
            flowables[0].keepWithNext = 1
        body.extend(flowables)
    heading = w.heading(section.heading.value, f"section-{number}")
    if isinstance(body[0], Paragraph):
        return [KeepFirstLines(heading, body[0]), *body[1:]]
    return [heading, *body]


def _lead_in(text: Text, paragraph: Paragraph, styles: Styles) -> bool:
    """A short paragraph that announces what follows ("Take these every day:")."""
    if not plain_text(text).endswith(":"):
        return False
    return paragraph.wrap(styles.frame_width, styles.frame_height)[1] <= SHORT_LINES * paragraph.style.leading


def _block(block, w: _Writer, _, values: dict[str, Text]) -> list[Flowable]:
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
                lead = tuple(replace(span, bold=True) for span in _lead(marks.parse(item.term.value), _))
                out.append(w.spans(lead + plain(" ") + marks.parse(item.text.value), styles.term))
            return out
        case Callout(kind, text, title):
            parts = [w.spans((marks.Span(_callout_label(kind, _), bold=True),), styles.callout_label)]
            if title is not None:
                parts.append(w.para(title.value, styles.callout_title))
            parts.append(w.para(text.value, styles.callout_text))
            return [w.box(parts, kind)]
        case Blanks(items):
            out = []
            for item in items:
                label = w.spans(_lead(marks.parse(item.label.value), _), styles.body)
                # A config value prints as written: plain text, never marks.
                value = values.get(item.value.name) if item.value else None
                filled = w.spans(plain(value.value), styles.filled_in) if value else None
                after = w.para(item.after.value, styles.body) if item.after else None
                out.append(write_in(label, filled, after, styles))
            return out + [Spacer(1, LIST_GAP)]
    raise TypeError(f"unknown block {block!r}")


def _english_note(interface: Interface, w: _Writer) -> Flowable:
    """Say on paper that parts are in English (`--allow-fallback`), so nobody takes them for a complete translation."""
    _ = interface.gettext
    # Translators: printed in a box on the first page when some strings are still in English; {count} is a number.
    template = _("Passages printed in English because their translation is not ready yet: {count}")
    count = interface.in_english()  # counted after the note itself is looked up: it may be in English too
    note = w.spans(fill(template, count=plain(str(count))), w.styles.callout_text)
    return w.box([note], "important")


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
    if handout.review.approved:
        # Translators: {date} is the long date in your language, {names} the clinicians who approved it, as written.
        reviewed = _("Reviewed on {date} by {names}")
        end.append(w.spans(fill(reviewed, date=plain(dates[0]), names=joined(handout.review.by)), styles.back))
    else:
        end.append(w.spans(plain(_review_notice(handout.review.status, _)), styles.review_notice))
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
