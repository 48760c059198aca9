"""Take a Layout and give the PDF bytes: page size, furniture on every page, metadata,
/Lang, the outline, embedded fonts only, and the same bytes for the same inputs.

This is the only module that builds a DocTemplate.
"""

from __future__ import annotations

import io

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from . import __version__
from .fonts import FontSet
from .layout import DocumentInfo, Layout
from .styles import MUTED, RULE, TOP_EXTRA, Styles


class _Document(SimpleDocTemplate):
    def afterFlowable(self, flowable: Flowable) -> None:
        key = getattr(flowable, "outline_key", None)
        if key:
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.outline_title, key, level=0)


def _furniture_canvas(info: DocumentInfo, styles: Styles) -> type[Canvas]:
    """A canvas that holds each page until the page count is known, then draws the furniture.

    One pass instead of multiBuild's two: "Page N of M" costs nothing extra.
    """
    stamp = info.date.strftime("D:%Y%m%d000000+00'00'")

    class FurnitureCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict] = []
            self.setDateFormatter(lambda *_: stamp)

        def showPage(self):
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._held_pages)
            for number, state in enumerate(self._held_pages, 1):
                self.__dict__.update(state)
                self._draw_furniture(number, total)
                super().showPage()
            self.showOutline()
            super().save()

        def _draw_furniture(self, page: int, pages: int) -> None:
            width, height = styles.page_size
            margin = styles.margin
            size = styles.furniture_size
            self.saveState()
            self.setFillColor(MUTED)
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            top = height - margin + 18
            self.setFont(styles.furniture_bold, size)
            self.drawString(margin, top, _fit(info.title, styles.furniture_bold, size, width - 2 * margin - 120))
            self.setFont(styles.furniture_font, size)
            self.drawRightString(width - margin, top, info.language_name)
            self.line(margin, top - 5, width - margin, top - 5)
            bottom = margin - 28
            self.line(margin, bottom + 13, width - margin, bottom + 13)
            self.drawRightString(width - margin, bottom, info.page_label.format(page=page, pages=pages))
            self.restoreState()

    return FurnitureCanvas


def _fit(text: str, font: str, size: float, room: float) -> str:
    """Shorten a long running title with an ellipsis so it never runs into the language name."""
    if stringWidth(text, font, size) <= room:
        return text
    while text and stringWidth(text + "\u2026", font, size) > room:
        text = text[:-1]
    return text.rstrip() + "\u2026"


def render_pdf(layout: Layout, styles: Styles, fonts: FontSet) -> bytes:
    info = layout.info
    buffer = io.BytesIO()
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
    )
    document.build(list(layout.story), canvasmaker=_furniture_canvas(info, styles))
    return buffer.getvalue()
