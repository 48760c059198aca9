"""Take a Layout and give the PDF bytes: page size, furniture on every page, metadata,
/Lang, the outline, embedded fonts only, and the same bytes for the same inputs.

This is the only module that builds a DocTemplate.
"""

from __future__ import annotations

import hashlib
import io
from types import SimpleNamespace
from typing import Callable

from reportlab import rl_config
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from . import __version__
from .fonts import FontSet
from .layout import DocumentInfo, Layout
from .styles import TOP_EXTRA, Styles

# ASCII85 only makes streams 7-bit clean, which no viewer or printer needs: skipping it
# is about 4 % faster and the files are smaller (reportlab-notes.md, "Speed").
rl_config.useA85 = 0


class PartStart(Flowable):
    """Where one handout of a packet begins: from here on the running head is its own (part
    number + 1: the cover is part 0), and its sections nest under it in the outline. Takes no room."""

    def __init__(self, number: int, title: str):
        super().__init__()
        self.number, self.title = number, title

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self) -> None:
        self.canv.part = self.number + 1


class _Document(SimpleDocTemplate):
    packet_part: int | None = None  # the packet handout being laid out; None for a single handout
    starts: list[int]  # the first page of each packet handout

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, PartStart):
            self.packet_part = flowable.number
            self.starts.append(self.canv.getPageNumber())
            self.canv.bookmarkPage(f"part-{self.packet_part}")
            self.canv.addOutlineEntry(flowable.title, f"part-{self.packet_part}", level=0)
        # A heading, or a bilingual row that leads with one, carries its outline entry.
        elif getattr(flowable, "outline", None):
            title, key = flowable.outline
            if self.packet_part is not None:
                key = f"part-{self.packet_part}-{key}"  # keys are unique per file
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(title, key, level=0 if self.packet_part is None else 1)


def _runs(text: str, bold: bool, fonts: FontSet) -> list[tuple[str, str]]:
    """(text, face) runs: characters the main face lacks are drawn by the fallback face."""
    main, fallback = fonts.main.face(bold, False), fonts.fallback.face(bold, False)
    return [(run, main if in_main else fallback) for run, in_main in fonts.split(text)]


def _furniture_canvas(infos: tuple[DocumentInfo, ...], styles: Styles, fonts: FontSet, continuous: bool = False) -> type[Canvas]:
    """A canvas that holds each page until the page count is known, then draws the furniture.

    One pass instead of multiBuild's two: "Page N of M" costs nothing extra.
    A document in parts (duplex bilingual) numbers each part's pages on their
    own, in that part's language; padding pages stay blank. A packet (`continuous`)
    numbers its pages through all parts, each part with its own running head.
    """
    stamp = max(i.date for i in infos).strftime("D:%Y%m%d000000+00'00'")

    class FurnitureCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []
            # Instance values, so each held page's snapshot carries its own:
            self.part = 0  # set by the flowable that starts a part; kept by later pages
            self.padding = False  # set by the flowable on a page left blank on purpose
            self._bookmarks: list[str] = []  # this page's bookmarks, made when the page is emitted
            self.setDateFormatter(lambda *_: stamp)
            # ReportLab seeds the file /ID with a timestamp that follows SOURCE_DATE_EPOCH;
            # seed it from the content date instead, so the environment cannot change the bytes.
            self._doc.signature = hashlib.md5(stamp.encode(), usedforsecurity=False)

        def showPage(self):
            self._held_pages.append(dict(self.__dict__))
            self.padding = False
            self._bookmarks = []
            self._startPage()

        def bookmarkPage(self, key, **kwargs):
            # A bookmark names the page being emitted, and pages are held until save():
            # made now, every outline entry would point at page 1.
            self._bookmarks.append(key)

        def save(self):
            printed = [s for s in self._held_pages if not s["padding"]]
            totals = {part: sum(s["part"] == part for s in printed) for part in range(len(infos))}
            numbers = dict.fromkeys(totals, 0)
            for page, state in enumerate(self._held_pages, 1):
                self.__dict__.update(state)
                for key in self._bookmarks:
                    Canvas.bookmarkPage(self, key)
                if continuous:
                    self._draw_furniture(infos[self.part], page, len(self._held_pages))
                elif not self.padding:
                    numbers[self.part] += 1
                    self._draw_furniture(infos[self.part], numbers[self.part], totals[self.part])
                super().showPage()
            self.showOutline()
            super().save()

        def _draw_furniture(self, info: DocumentInfo, page: int, pages: int) -> None:
            width, height = styles.page_size
            margin, size = styles.margin, styles.furniture_size
            self.saveState()
            self.setFillColor(styles.palette.muted)
            self.setStrokeColor(styles.palette.rule)
            self.setLineWidth(0.5)
            top = height - margin + 18
            # The clinic's name and phone share the running head with the language: the foot holds the review notice.
            language = _runs(" \u00b7 ".join(x for x in (info.footer, info.language_name) if x), False, fonts)
            room = width - 2 * margin - _width(language, size) - 24
            self._text(margin, top, _fit(_runs(info.title, True, fonts), size, room), size)
            self._text(width - margin - _width(language, size), top, language, size)
            self.line(margin, top - 5, width - margin, top - 5)
            bottom = margin - 28
            self.line(margin, bottom + 13, width - margin, bottom + 13)
            label = _runs(info.page_label.format(page=page, pages=pages), False, fonts)
            self._text(width - margin - _width(label, size), bottom, label, size)
            if info.notice:
                room = width - 2 * margin - _width(label, size) - 36
                self._notice(_wrapped(info.notice, fonts, size, room), bottom, size)
            self.restoreState()

        def _notice(self, lines: list[list[tuple[str, str]]], y: float, size: float) -> None:
            """Bold ink in a ruled box at the foot of the page: legible in grayscale, not colour alone.

            A notice too long for one line (large print, a long translation) runs
            on below the first, never shortened: a reader must see all of it.
            """
            x, width = styles.margin, max(_width(runs, size) for runs in lines) + 10
            step = size + 2
            lowest = y - step * (len(lines) - 1)
            self.saveState()
            self.setFillColor(styles.palette.ink)
            self.setStrokeColor(styles.palette.ink)
            self.setLineWidth(1)
            # inset by half the line width: the box stays inside the margins
            self.rect(x + 0.5, lowest - 4, width - 1, y - lowest + size + 6, stroke=1, fill=0)
            for number, runs in enumerate(lines):
                self._text(x + 5, y - number * step, runs, size)
            self.restoreState()

        def _text(self, x: float, y: float, runs: list[tuple[str, str]], size: float) -> None:
            for text, face in runs:
                self.setFont(face, size)
                self.drawString(x, y, text)
                x += stringWidth(text, face, size)

    return FurnitureCanvas


def _width(runs: list[tuple[str, str]], size: float) -> float:
    return sum(stringWidth(text, face, size) for text, face in runs)


def _wrapped(text: str, fonts: FontSet, size: float, room: float) -> list[list[tuple[str, str]]]:
    """Bold runs of each line of `text`, broken between words so each line fits `room`."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and _width(_runs(candidate, True, fonts), size) <= room:
            lines[-1] = candidate
        else:
            lines.append(word)
    return [_runs(line, True, fonts) for line in lines]


def _fit(runs: list[tuple[str, str]], size: float, room: float) -> list[tuple[str, str]]:
    """Shorten a long running title with an ellipsis so it never runs into the language name."""
    if _width(runs, size) <= room:
        return runs
    text = "".join(t for t, _ in runs)
    face = runs[0][1]
    while text and stringWidth(text + "\u2026", face, size) > room:
        text = text[:-1]
    shortened, used = [], 0
    for run, run_face in runs:  # keep each kept character in the face that draws it
        piece = run[: max(0, len(text.rstrip()) - used)]
        if piece:
            shortened.append((piece, run_face))
        used += len(run)
    return shortened + [("\u2026", face)]


def _press(styles: Styles) -> dict:
    """Crop marks, TrimBox and BleedBox for a press; a bleed width of 0 keeps ReportLab from stretching the page."""
    profile = styles.profile
    if not profile.border:
        return {}
    width, height = styles.page_size
    edge, bleed = profile.border, profile.bleed
    marks = SimpleNamespace(borderWidth=edge, bleedWidth=0, markLength=profile.mark_length, markWidth=0.25,
                      markColor=CMYKColor(1, 1, 1, 1), markLast=1)
    return dict(
        cropMarks=marks,
        trimBox=(edge, edge, edge + width, edge + height),
        bleedBox=(edge - bleed, edge - bleed, edge + width + bleed, edge + height + bleed),
    )


def _document(buffer: io.BytesIO, info: DocumentInfo, styles: Styles, fonts: FontSet) -> _Document:
    document = _Document(
        buffer,
        pagesize=styles.page_size,
        leftMargin=styles.margin,
        rightMargin=styles.margin,
        topMargin=styles.margin + TOP_EXTRA,
        bottomMargin=styles.margin,
        title=info.title,
        subject=info.subject,
        author=info.author,
        keywords=list(info.keywords),
        creator=f"handout {__version__}",
        producer=f"handout {__version__} (ReportLab)",
        lang=info.language,
        invariant=1,
        initialFontName=fonts.main.regular,
        displayDocTitle=1,
        # A guard as much as a setting: any RGB colour left in a press PDF raises instead of printing wrong.
        enforceColorSpace="cmyk" if styles.profile.cmyk else None,
        **_press(styles),
    )
    document.starts = []
    return document


def render_pdf(layout: Layout, styles: Styles, fonts: FontSet) -> bytes:
    buffer = io.BytesIO()
    infos = (layout.info, *layout.later_parts)
    _document(buffer, layout.info, styles, fonts).build(list(layout.story), canvasmaker=_furniture_canvas(infos, styles, fonts))
    return buffer.getvalue()


def render_packet(story: Callable[[list[int] | None], list[Flowable]], infos: tuple[DocumentInfo, ...], styles: Styles, fonts: FontSet) -> bytes:
    """Render a packet: infos are the cover's, then each handout's. Its story (cover, then each
    handout after a PartStart) depends on the first page of each handout: rendered once to find
    those pages, once more to print them on the cover."""
    document = _document(io.BytesIO(), infos[0], styles, fonts)
    document.build(story(None), canvasmaker=_furniture_canvas(infos, styles, fonts, continuous=True))
    starts, buffer = document.starts, io.BytesIO()
    _document(buffer, infos[0], styles, fonts).build(story(starts), canvasmaker=_furniture_canvas(infos, styles, fonts, continuous=True))
    return buffer.getvalue()
