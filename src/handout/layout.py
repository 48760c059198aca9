"""Take a (translated) Handout and give the flowables that print it, plus what the page
furniture and the PDF metadata say.

Every word the generator itself prints goes through `gettext` here, so it is
extracted into `locales/handout.pot` and printed in the handout's language.
The result is a plain value: tests inspect it without writing a PDF.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, replace
from typing import Protocol

from babel import Locale
from babel.dates import format_date
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from . import marks
from .fonts import FontSet
from .model import Bullets, Callout, Handout, Paragraph as TextParagraph, Steps, Terms, Text
from .styles import CALLOUT_LOOK, LINK, RULE, Styles

BULLET = "\u2022"
LIST_GAP = 5  # points between the end of a list and what follows


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


@dataclass(frozen=True)
class Layout:
    story: list[Flowable]
    info: DocumentInfo


class OutlinedHeading(Paragraph):
    """A section heading that also becomes an outline entry (render.py bookmarks it)."""

    def __init__(self, text: str, style, outline_title: str, outline_key: str):
        super().__init__(text, style)
        self.outline_title = outline_title
        self.outline_key = outline_key


def escape_marks(value: str) -> str:
    """Make a plain value (a date, a label) safe to put into marked-up text."""
    return "".join("\\" + ch if ch in marks.ESCAPABLE else ch for ch in value)


def plain_text(text: Text) -> str:
    return marks.plain(marks.parse(text.value))


def language_name(locale: str) -> str:
    parsed = Locale.parse(locale)
    name = parsed.get_display_name(parsed) or locale
    return name[:1].upper() + name[1:]


def long_date(date: datetime.date, locale: str) -> str:
    return format_date(date, format="long", locale=locale)


@dataclass(frozen=True)
class _Writer:
    fonts: FontSet
    styles: Styles

    def para(self, value: str, style, bullet: str | None = None) -> Paragraph:
        return self.spans(marks.parse(value), style, bullet)

    def spans(self, spans: tuple[marks.Span, ...], style, bullet: str | None = None) -> Paragraph:
        return Paragraph(marks.to_markup(spans, self.fonts, LINK), style, bulletText=bullet)

    def box(self, parts: list[Flowable], look: str) -> list[Flowable]:
        """A bordered, tinted box; the thick left bar and the printed label keep its kind clear without colour."""
        spec = CALLOUT_LOOK[look]
        table = Table([[parts]], colWidths=["100%"], splitInRow=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BOX", (0, 0), (-1, -1), spec["width"], spec["border"]),
                    ("LINEBEFORE", (0, 0), (0, -1), spec["width"] * 2.5, spec["border"]),
                    ("BACKGROUND", (0, 0), (-1, -1), spec["fill"]),
                    ("LEFTPADDING", (0, 0), (-1, -1), 12),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 10),
                    ("TOPPADDING", (0, 0), (-1, -1), 7),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                    ("FONTNAME", (0, 0), (-1, -1), self.styles.body.fontName),
                ]
            )
        )
        parts = [Spacer(1, 4), table, Spacer(1, 8)]
        # A box that fits easily is kept whole; a very long one may split rather than leave a blank page.
        _, height = table.wrap(self.styles.frame_width, self.styles.frame_height)
        return [KeepTogether(parts)] if height < 0.45 * self.styles.frame_height else parts

    def rule(self) -> Flowable:
        table = Table([[""]], colWidths=["100%"], rowHeights=[4])
        table.setStyle(
            TableStyle([("LINEABOVE", (0, 0), (-1, -1), 0.6, RULE), ("FONTNAME", (0, 0), (-1, -1), self.styles.body.fontName)])
        )
        return table


def layout_handout(
    handout: Handout,
    related_titles: tuple[Text, ...],
    interface: Interface,
    fonts: FontSet,
    styles: Styles,
) -> Layout:
    _ = interface.gettext
    w = _Writer(fonts, styles)
    story: list[Flowable] = [w.para(handout.title.value, styles.title), w.para(handout.summary.value, styles.summary)]
    if handout.also_called:
        names = "; ".join(t.value for t in handout.also_called)
        story.append(w.para(_("**Other names:** {names}").format(names=names), styles.body))
    for number, section in enumerate(handout.sections):
        heading = marks.parse(section.heading.value)
        story.append(
            OutlinedHeading(marks.to_markup(heading, fonts, LINK), styles.heading, marks.plain(heading), f"section-{number}")
        )
        for block in section.blocks:
            story.extend(_block(block, w, _))
    story.extend(_back_matter(handout, related_titles, w, _))

    publisher = handout.source.publisher if handout.source else None
    author = plain_text(publisher) if publisher else "; ".join(map(plain_text, handout.review.by))
    info = DocumentInfo(
        title=plain_text(handout.title),
        subject=plain_text(handout.summary),
        author=author,
        keywords=tuple(map(plain_text, handout.also_called)),
        language=handout.language.replace("_", "-"),
        language_name=language_name(handout.language),
        # Translators: printed at the foot of every page, e.g. "Page 1 of 3".
        page_label=_("Page {page} of {pages}"),
        date=max(d for d in (handout.review.date, handout.translation_revised) if d is not None),
    )
    return Layout(story, info)


def _block(block, w: _Writer, _) -> list[Flowable]:
    styles = w.styles
    match block:
        case TextParagraph(text):
            return [w.para(text.value, styles.body)]
        # Items are separate paragraphs so that a heading keeps with the first item, not the whole list.
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
                    term = marks.parse(_("{term}:").format(term=item.term.value))
                lead = tuple(replace(span, bold=True) for span in term)
                out.append(w.spans(lead + (marks.Span(" "),) + marks.parse(item.text.value), styles.term))
            return out
        case Callout(kind, text, title):
            # Translators: the label printed in capitals at the top of a boxed notice.
            labels = {"urgent": _("Urgent"), "important": _("Important"), "tip": _("Tip")}
            parts = [w.para(f"**{escape_marks(labels[kind].upper())}**", styles.callout_label)]
            if title is not None:
                parts.append(w.para(title.value, styles.callout_title))
            parts.append(w.para(text.value, styles.callout_text))
            return w.box(parts, kind)
    raise TypeError(f"unknown block {block!r}")


def _back_matter(handout: Handout, related_titles: tuple[Text, ...], w: _Writer, _) -> list[Flowable]:
    styles, locale = w.styles, handout.language
    out: list[Flowable] = [Spacer(1, 6), w.rule()]
    if related_titles:
        out.append(w.para(escape_marks(_("Related handouts")), styles.back_heading))
        out.extend(w.para(t.value, styles.bullet, BULLET) for t in related_titles)
    if handout.references:
        out.append(w.para(escape_marks(_("References")), styles.back_heading))
        out.extend(w.para(t.value, styles.reference, f"{n}.") for n, t in enumerate(handout.references, 1))
    # Keep the review lines and the disclaimer from starting at the very foot of a page.
    out.append(CondPageBreak(1.5 * 72))
    names = "; ".join(t.value for t in handout.review.by)
    # Translators: {date} is the long date in your language, {names} the reviewers as written.
    reviewed = _("Reviewed {date} by {names}")
    out.append(w.para(reviewed.format(date=escape_marks(long_date(handout.review.date, locale)), names=names), styles.back))
    if handout.translation_revised is not None:
        # Translators: when this translation was last revised (the catalog's PO-Revision-Date).
        updated = _("Translation updated {date}")
        out.append(w.para(updated.format(date=escape_marks(long_date(handout.translation_revised, locale))), styles.back))
    if handout.source is not None:
        source = handout.source
        shown = [source.publisher.value] if source.publisher else []
        if source.url:
            shown.append(f"[{escape_marks(source.url)}]({source.url})")
        out.append(w.para(_("Source: {source}").format(source=", ".join(shown)), styles.back))
    disclaimer = _(
        "This handout gives general health information. It does not take the place of care "
        "from your doctor, nurse, midwife or other health care provider. Talk with your provider "
        "about your own health and before you make any change to your care. If you think you "
        "have an emergency, call 911 or go to the nearest emergency room."
    )
    heading = _("Medical disclaimer")
    label = w.para(f"**{escape_marks(heading)}**", styles.callout_label)
    out.extend(w.box([label, w.para(disclaimer, styles.back)], "disclaimer"))
    return out
