"""The geometry of the parts that tell a reader what to do: when-to-call levels, lines to
write on, and writing space under the questions.

layout.py makes the paragraphs (it owns the words and the markup); this module
arranges them. Each level of "when to call" differs in border weight and
style, label band and drawn marker, so it stays unmistakable in black and
white: none of the handout fonts has the geometric shapes, so markers are drawn.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, HRFlowable, Paragraph, Table, TableStyle

from .styles import Styles

MARKER_SIZE = 11
MIN_LINE = 1.6 * 72  # the shortest line anyone can write a phone number on
WRITING_LINES = 4  # ruled lines under the questions
WRITING_GAP = 26  # points between ruled lines: room for handwriting


class Marker(Flowable):
    """A small drawn shape that leads a level's label: square, triangle or circle."""

    def __init__(self, shape: str, color, size: float = MARKER_SIZE):
        super().__init__()
        self.shape, self.color, self.size = shape, color, size
        self.width = self.height = size

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.saveState()
        c.setFillColor(self.color)
        c.setStrokeColor(self.color)
        c.setLineWidth(1.6)
        if self.shape == "square":
            c.rect(0, 0, s, s, stroke=0, fill=1)
        elif self.shape == "triangle":
            path = c.beginPath()
            path.moveTo(0, 0)
            path.lineTo(s, 0)
            path.lineTo(s / 2, s)
            path.close()
            c.drawPath(path, stroke=0, fill=1)
        else:
            c.circle(s / 2, s / 2, s / 2 - 0.8, stroke=1, fill=0)
        c.restoreState()


def call_level(level: str, label: Paragraph, items: list[Paragraph], styles: Styles) -> Table:
    """One level: a label band with its marker, then the signs. The band repeats if the level splits."""
    look = styles.palette.calls[level]
    rows = [[Marker(look.marker, look.label), label]] + [["", item] for item in items]
    # Narrower by the border weight and centred: the border, drawn on the table's edge, stays inside the frame.
    width = styles.frame_width - look.width
    table = Table(rows, colWidths=[MARKER_SIZE + 14, width - MARKER_SIZE - 14], hAlign="CENTER", repeatRows=1, spaceBefore=0, spaceAfter=8)
    commands = [
        ("BOX", (0, 0), (-1, -1), look.width, look.border, None, look.dash),
        ("LINEBELOW", (0, 0), (-1, 0), look.width, look.border, None, look.dash),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (0, -1), 9),
        ("LEFTPADDING", (1, 0), (1, -1), 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, 0), 5),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 5),
        ("TOPPADDING", (0, 1), (-1, 1), 6),
        ("TOPPADDING", (0, 2), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
        ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),
    ]
    if look.band is not None:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), look.band))
    table.setStyle(TableStyle(commands))
    return table


def write_in(label: Paragraph, filled: Paragraph | None, after: Paragraph | None, styles: Styles) -> Table:
    """A label, a line to write on (or the value printed on it), and an optional unit after the line."""
    width = styles.frame_width
    after_width = min(_natural_width(after, width) + 12, 0.25 * width) if after is not None else 0  # a unit, mostly
    label_width = min(_natural_width(label, width) + 8, width - after_width - MIN_LINE)
    cells = [label, filled or "", after or ""]
    table = Table([cells], colWidths=[label_width, width - label_width - after_width, after_width], hAlign="LEFT", spaceAfter=10)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.9, styles.palette.ink),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("LEFTPADDING", (1, 0), (1, 0), 4),
                ("LEFTPADDING", (2, 0), (2, 0), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("FONTNAME", (0, 0), (-1, -1), styles.body.fontName),
            ]
        )
    )
    return table


def _natural_width(paragraph: Paragraph, room: float) -> float:
    """How wide the paragraph prints on one line, up to `room`."""
    paragraph.wrap(room, 1000)
    return max(paragraph.getActualLineWidths0() or [room])


def writing_lines(ink: Color) -> list[Flowable]:
    """Ruled lines to write more questions on (the caller keeps them together: KeepTogethers must not nest)."""
    return [HRFlowable(width="100%", thickness=0.7, color=ink, spaceBefore=WRITING_GAP, spaceAfter=0) for _ in range(WRITING_LINES)]
