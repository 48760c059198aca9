"""The visual system as data: page sizes, type sizes, spacing and colours.

Take the font set and a page size name; give the paragraph styles and
measures that layout and render share. Sizes follow plain-language print
guidance for patients: body text 12.5 pt on generous leading, ragged right,
one column, headings clearly larger.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from .fonts import FontSet

PAGE_SIZES = {"letter": LETTER, "a4": A4}

INK = colors.HexColor("#1a1a1a")
MUTED = colors.HexColor("#4a4a4a")
RULE = colors.HexColor("#8c8c8c")
LINK = "#1a4f8b"
# Each callout kind differs in its printed label and border weight as well as colour,
# so the kind survives black-and-white printing.
CALLOUT_LOOK = {
    "urgent": {"border": colors.HexColor("#a4161a"), "fill": colors.HexColor("#fdecec"), "width": 2.5},
    "important": {"border": colors.HexColor("#7a4b00"), "fill": colors.HexColor("#fff4dc"), "width": 1.5},
    "tip": {"border": colors.HexColor("#1d5f57"), "fill": colors.HexColor("#e9f5f3"), "width": 0.75},
    "disclaimer": {"border": colors.HexColor("#4a4a4a"), "fill": colors.HexColor("#f2f2f2"), "width": 0.75},
    "key_points": {"border": INK, "fill": colors.HexColor("#eef2f7"), "width": 1.25},
}
# The levels of "when to call" differ in label, border weight and style (solid or dashed),
# label band and drawn marker, so the level survives black-and-white printing and colour blindness.
CALL_LOOK = {
    "call_911": {"border": colors.HexColor("#8b0f12"), "width": 3, "dash": None, "band": colors.HexColor("#8b0f12"), "label_color": colors.white, "marker": "square"},
    "call_now": {"border": INK, "width": 1.75, "dash": None, "band": colors.HexColor("#d6d6d6"), "label_color": INK, "marker": "triangle"},
    "call_within_a_day": {"border": INK, "width": 1, "dash": (4, 2.5), "band": None, "label_color": INK, "marker": "circle"},
}


TOP_EXTRA = 6  # room between the running head and the text, added to the top margin


@dataclass(frozen=True)
class Styles:
    page_size: tuple[float, float]
    margin: float
    body: ParagraphStyle
    title: ParagraphStyle
    summary: ParagraphStyle
    heading: ParagraphStyle
    bullet: ParagraphStyle
    step: ParagraphStyle
    term: ParagraphStyle
    callout_label: ParagraphStyle
    callout_title: ParagraphStyle
    callout_text: ParagraphStyle
    call_label: ParagraphStyle
    call_label_reversed: ParagraphStyle  # on the dark band of the most urgent level
    call_item: ParagraphStyle
    filled_in: ParagraphStyle  # a handout.toml value printed on a line to write on
    review_notice: ParagraphStyle
    back_heading: ParagraphStyle
    back: ParagraphStyle
    reference: ParagraphStyle
    furniture_size: float

    @property
    def frame_width(self) -> float:
        return self.page_size[0] - 2 * self.margin

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - 2 * self.margin - TOP_EXTRA


def make_styles(fonts: FontSet, page_size: str = "letter") -> Styles:
    regular, bold = fonts.main.regular, fonts.main.bold
    base = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=12.5,
        leading=18,
        textColor=INK,
        alignment=TA_LEFT,
        spaceAfter=7,
        bulletFontName=regular,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    list_item = dict(leftIndent=22, bulletIndent=6, spaceAfter=4)
    return Styles(
        page_size=PAGE_SIZES[page_size],
        margin=0.8 * inch,
        body=base,
        title=derive("title", fontName=bold, fontSize=25, leading=30, spaceAfter=8),
        summary=derive("summary", fontSize=14.5, leading=20.5, spaceAfter=10),
        heading=derive("heading", fontName=bold, fontSize=17, leading=21, spaceBefore=14, spaceAfter=6, keepWithNext=1),
        bullet=derive("bullet", bulletFontName=bold, **list_item),
        step=derive("step", bulletFontName=bold, leftIndent=26, bulletIndent=2, spaceAfter=5),
        term=derive("term", leftIndent=0, spaceAfter=6),
        callout_label=derive("callout_label", fontName=bold, fontSize=11, leading=14, spaceAfter=2),
        callout_title=derive("callout_title", fontName=bold, fontSize=13.5, leading=18, spaceAfter=3),
        callout_text=derive("callout_text", spaceAfter=3),
        call_label=derive("call_label", fontName=bold, fontSize=14, leading=18, spaceAfter=0),
        call_label_reversed=derive("call_label_reversed", fontName=bold, fontSize=14, leading=18, spaceAfter=0, textColor=colors.white),
        call_item=derive("call_item", bulletFontName=bold, leftIndent=16, bulletIndent=2, spaceAfter=3),
        filled_in=derive("filled_in", fontName=bold, spaceAfter=0),
        review_notice=derive("review_notice", fontName=bold, fontSize=12, leading=16.5, spaceAfter=4),
        back_heading=derive("back_heading", fontName=bold, fontSize=13, leading=17, spaceBefore=10, spaceAfter=3, keepWithNext=1),
        back=derive("back", fontSize=12, leading=16.5, spaceAfter=4),
        reference=derive("reference", fontSize=10.5, leading=14, leftIndent=20, bulletIndent=0, spaceAfter=3, textColor=MUTED),
        furniture_size=9.5,
    )
