"""Take the layouts of one handout in two languages; give one layout that prints them either
side by side (each row of blocks starting at the same height) or one language per side of
the sheet (duplex).

Both layouts come from the same source handout, so their stories hold the
same flowables in the same order: the n-th flowable of one is the
translation of the n-th of the other, which is what pairs them into rows.
ReportLab cannot tag a span of text with its own language (it writes no
structure tree), so the PDF's /Lang names the first language only.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import CondPageBreak, DocIf, Flowable, KeepTogether, PageBreak, Spacer

from .boxes import KeepOrFill
from .layout import Layout
from .styles import Styles

GAP = 18.0  # points between the two columns


class Row(Flowable):
    """Two flowables side by side in equal columns, both starting at the top of the row.

    A row that leads with a heading carries its outline entry and keeps with the next row.
    """

    def __init__(self, left: Flowable, right: Flowable):
        super().__init__()
        self.left, self.right = left, right
        self.outline = getattr(left, "outline", None)
        self.keepWithNext = left.getKeepWithNext() or right.getKeepWithNext()
        self.spaceBefore = max(left.getSpaceBefore(), right.getSpaceBefore())
        self.spaceAfter = max(left.getSpaceAfter(), right.getSpaceAfter())

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.column = (availWidth - GAP) / 2
        self._heights = (self.left.wrap(self.column, availHeight)[1], self.right.wrap(self.column, availHeight)[1])
        self.width, self.height = availWidth, max(self._heights)
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        sides = [
            [side] if height <= availHeight else _fitting(side, self.column, availHeight)
            for side, height in zip((self.left, self.right), self._heights)
        ]
        if not all(sides) or all(len(s) == 1 for s in sides):
            return []
        (left, *left_rest), (right, *right_rest) = sides
        first = Row(left, right)
        # The frame measured the room left after this row's space before: the first piece keeps it.
        first.spaceBefore, first.spaceAfter = self.spaceBefore, 0
        return [first, Row(_stack(left_rest), _stack(right_rest))]

    def draw(self) -> None:
        left_height, right_height = self._heights
        self.left.drawOn(self.canv, 0, self.height - left_height)
        self.right.drawOn(self.canv, self.column + GAP, self.height - right_height)


def _fitting(flowable: Flowable, width: float, height: float) -> list[Flowable]:
    """The pieces of a split whose first piece fits in `height`, splitting that piece again if need be; [] if none."""
    pieces = flowable.split(width, height)
    while pieces and pieces[0].wrap(width, height)[1] > height:
        first = pieces[0].split(width, height)
        if len(first) < 2:
            return []
        pieces = [*first, *pieces[1:]]
    return pieces


def _stack(flowables: list[Flowable]) -> Flowable:
    """What is left of one side after a split, as one flowable."""
    if len(flowables) == 1:
        return flowables[0]
    return KeepOrFill(flowables, max_blank=0) if flowables else Spacer(0, 0)


def column_styles(styles: Styles) -> Styles:
    """The styles each language is laid out with: one column wide, so boxes and tables fit their column."""
    return replace(styles, column=(styles.frame_width - GAP) / 2)


def _rows(first: list[Flowable], second: list[Flowable], styles: Styles) -> list[Flowable]:
    if len(first) != len(second):
        raise ValueError("the two languages laid out differently; print them with --duplex instead")
    out: list[Flowable] = []
    for a, b in zip(first, second):
        if isinstance(a, CondPageBreak):
            out.append(a)  # the same in both languages: one is enough
        elif isinstance(a, KeepTogether) and isinstance(b, KeepTogether):
            # A KeepTogether is never drawn itself: as a side of a row, a stack kept whole unless
            # that would leave more than a third of the page blank (two columns are twice as tall).
            keep = styles.frame_height / 3
            out.append(Row(KeepOrFill(a._content, keep), KeepOrFill(b._content, keep)))
        elif isinstance(a, KeepOrFill) and isinstance(b, KeepOrFill):
            # The end lines differ in number (only a translation says when it was updated):
            # side by side as two stacks, then the two disclaimers on one row.
            lines = Row(_stack(a.flowables[:-1]), _stack(b.flowables[:-1]))
            out.append(KeepOrFill([lines, Row(a.flowables[-1], b.flowables[-1])], a.max_blank))
        else:
            out.append(Row(a, b))
    return out


def side_by_side(first: Layout, second: Layout, styles: Styles) -> Layout:
    """Every flowable of the first language beside its translation; the furniture names both languages."""
    info = replace(
        first.info,
        title=f"{first.info.title} / {second.info.title}",
        language_name=f"{first.info.language_name} / {second.info.language_name}",
    )
    return Layout(_rows(first.story, second.story, styles), info, (*first.generated, *second.generated))


class _Mark(Flowable):
    """Takes no room; tells the furniture canvas where a part starts or which page is padding."""

    def __init__(self, **canvas_values):
        super().__init__()
        self.canvas_values = canvas_values

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        for name, value in self.canvas_values.items():
            setattr(self.canv, name, value)


def duplex(first: Layout, second: Layout, styles: Styles) -> Layout:
    """The first language, then the second starting on a front (odd) page, padded with a blank page when needed."""
    to_front = [PageBreak(), DocIf("doc.page % 2 == 0", [_Mark(padding=True), PageBreak()]), _Mark(part=1)]
    story = [*first.story, *to_front, *second.story]
    return Layout(story, first.info, (*first.generated, *second.generated), later_parts=(second.info,))
