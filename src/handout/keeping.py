"""Take a heading (or a lead-in) and the paragraph under it; give one flowable that keeps the
heading with the paragraph's first lines rather than with all of it.

ReportLab's keepWithNext keeps a heading with the whole next flowable: a
heading over a paragraph of half a page moved to the next page with it,
leaving most of page 1 blank. Here the pair stays whole when it fits or
when the paragraph is short; otherwise the heading stays wherever a few
lines of the paragraph fit under it, and the paragraph splits after them.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph

KEEP_LINES = 3  # lines of the paragraph that stay under its heading, at least
SHORT_LINES = 6  # a paragraph this short moves whole with its heading, never split


class KeepFirstLines(Flowable):
    """`heading` over `paragraph`; the pair keeps with what follows when the paragraph does."""

    def __init__(self, heading: Flowable, paragraph: Paragraph):
        super().__init__()
        self.heading, self.paragraph = heading, paragraph
        self.heading.keepWithNext = 0  # kept here, with the lines that fit
        self.outline = getattr(heading, "outline", None)  # a section's bookmark (render.py)
        self.keepWithNext = paragraph.getKeepWithNext()
        self.spaceBefore, self.spaceAfter = heading.getSpaceBefore(), paragraph.getSpaceAfter()
        self._heights = (0.0, 0.0)

    def _gap(self) -> float:
        return self.heading.getSpaceAfter() + self.paragraph.getSpaceBefore()

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = (self.heading.wrap(availWidth, availHeight)[1], self.paragraph.wrap(availWidth, availHeight)[1])
        self.width, self.height = availWidth, sum(self._heights) + self._gap()
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        heading_height, paragraph_height = self._heights
        leading = self.paragraph.style.leading
        room = availHeight - heading_height - self._gap()
        if paragraph_height <= SHORT_LINES * leading or room < KEEP_LINES * leading:
            return []  # the whole pair goes to the next page
        pieces = self.paragraph.split(availWidth, room)
        if len(pieces) < 2:
            return []
        return [self.heading, *pieces]

    def draw(self) -> None:
        heading_height, paragraph_height = self._heights
        self.heading.drawOn(self.canv, 0, self.height - heading_height)
        self.paragraph.drawOn(self.canv, 0, 0)
