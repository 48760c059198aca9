"""Take a few flowables and a box look; give one flowable that draws a tinted, bordered box around them.

A one-cell Table did this before, but it drew its border centred on the frame
edge (so half the border and the thick left bar stuck out past the margins)
and measured every paragraph twice. This box draws its fill, border and bar
inside the width it is given, and wraps its paragraphs once per width.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from .styles import BoxLook

PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 12.0, 10.0, 7.0, 5.0
BAR = 2.5  # the left bar is this many times the border weight


class Box(Flowable):
    """Paragraphs in a box whose kind shows by its border weight and bar as well as by colour.

    A box no taller than `split_above` points never splits: it moves whole to the
    next page (and a heading kept with it moves along). A taller one splits
    between or inside its paragraphs rather than leave most of a page blank.
    """

    def __init__(self, parts: list[Flowable], look: BoxLook, split_above: float, space_before: float = 4, space_after: float = 8):
        super().__init__()
        self.parts = list(parts)
        self.look = look
        self.split_above = split_above
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self._measured: tuple[float, float, list[float]] | None = None

    def _inner(self, width: float) -> float:
        return width - PAD_LEFT - PAD_RIGHT - self.look.width * BAR / 2

    def _measure(self, width: float) -> list[float]:
        """Heights of the parts at this width, remembered so the box wraps each paragraph once per width."""
        if self._measured is None or self._measured[0] != width:
            inner = self._inner(width)
            heights = [part.wrap(inner, 1e9)[1] for part in self.parts]
            self._measured = (width, PAD_TOP + PAD_BOTTOM + sum(heights) + self._gaps(), heights)
        return self._measured[2]

    def _gaps(self) -> float:
        return sum(p.getSpaceBefore() for p in self.parts[1:]) + sum(p.getSpaceAfter() for p in self.parts)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._measure(availWidth)
        self.width, self.height = availWidth, self._measured[1]
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= self.split_above:
            return []
        room = availHeight - PAD_TOP - PAD_BOTTOM
        inner = self._inner(availWidth)
        first: list[Flowable] = []
        for index, (part, measured) in enumerate(zip(self.parts, self._measure(availWidth))):
            gap = part.getSpaceBefore() if index else 0
            height = measured + gap + part.getSpaceAfter()
            if height <= room:
                first.append(part)
                room -= height
                continue
            left = room - gap - part.getSpaceAfter()
            pieces = part.split(inner, left) if left > 0 else []
            if len(pieces) >= 2:
                first.append(pieces[0])
                rest = [*pieces[1:], *self.parts[index + 1:]]
            else:
                rest = self.parts[index:]
            break
        else:
            return []  # everything fits: the frame would not have asked
        if not first:
            return []
        look = self.look
        return [Box(first, look, self.split_above, self.spaceBefore, 0), Box(rest, look, self.split_above, 0, self.spaceAfter)]

    def draw(self) -> None:
        canvas, look = self.canv, self.look
        heights = self._measure(self.width)
        weight = look.width
        canvas.saveState()
        canvas.setFillColor(look.fill)
        canvas.setStrokeColor(look.border)
        canvas.setLineWidth(weight)
        # Strokes are centred on their path: inset by half the weight so the border stays inside the frame.
        canvas.rect(weight / 2, weight / 2, self.width - weight, self.height - weight, stroke=1, fill=1)
        canvas.setFillColor(look.border)
        canvas.rect(0, 0, weight * BAR, self.height, stroke=0, fill=1)
        canvas.restoreState()
        y = self.height - PAD_TOP
        x = PAD_LEFT + weight * BAR / 2
        for index, (part, height) in enumerate(zip(self.parts, heights)):
            y -= part.getSpaceBefore() if index else 0
            y -= height
            part.drawOn(canvas, x, y)
            y -= part.getSpaceAfter()


class KeepOrFill(Flowable):
    """Flowables kept together on one page unless that would leave more than `max_blank` points blank.

    The end of a handout (review lines, clinic, disclaimer) reads best in one
    piece, but moving it whole to a new page can waste most of a sheet on
    every copy: when the room left is larger than `max_blank`, the group
    fills it and flows on instead.
    """

    def __init__(self, flowables: list[Flowable], max_blank: float):
        super().__init__()
        self.flowables = list(flowables)
        self.max_blank = max_blank
        self._heights: list[float] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._heights = [f.wrap(availWidth, availHeight)[1] for f in self.flowables]
        gaps = sum(f.getSpaceBefore() for f in self.flowables[1:]) + sum(f.getSpaceAfter() for f in self.flowables[:-1])
        self.width, self.height = availWidth, sum(self._heights) + gaps
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return list(self.flowables) if availHeight > self.max_blank else []

    def draw(self) -> None:
        y = self.height
        for index, (flowable, height) in enumerate(zip(self.flowables, self._heights)):
            y -= (flowable.getSpaceBefore() if index else 0) + height
            flowable.drawOn(self.canv, 0, y)
            y -= flowable.getSpaceAfter()
