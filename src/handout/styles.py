"""The visual system as data: page sizes, the palette, and a table of measures per edition.

Take the font set, a page size name, an edition and a print profile; give
the paragraph styles and measures that layout and render share. Editions
differ only by the rows of EDITIONS and profiles only by the palette's colour
space, so layout and render code never branch on an edition's name. Sizes
follow plain-language print guidance for patients: body text 12.5 pt on
generous leading, ragged right, one column, headings clearly larger; the
large-print row follows low-vision guidance (18 pt and up, leading 1.5).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from types import MappingProxyType
from typing import Mapping

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm

from .fonts import FontSet

PAGE_SIZES = {"letter": LETTER, "a4": A4}
TOP_EXTRA = 6  # room between the running head and the text, added to the top margin
FRAME_PADDING = 6  # ReportLab's Frame default, on every side


@dataclass(frozen=True)
class BoxLook:
    """How one kind of box looks. Kinds differ in border weight as well as hue, so they survive grey printing."""

    border: colors.Color
    fill: colors.Color
    width: float


@dataclass(frozen=True)
class CallLook:
    """One level of "when to call". Levels differ in label, border weight and style (solid or
    dashed), label band and drawn marker, so the level survives black-and-white printing."""

    border: colors.Color
    width: float
    dash: tuple[float, float] | None
    band: colors.Color | None  # the label's background; None: the paper
    label: colors.Color  # the label's text and marker
    marker: str  # square | triangle | circle


@dataclass(frozen=True)
class Palette:
    """Every colour printed. `text` colours are drawn on `paper` and on every box fill (see contrast test)."""

    ink: colors.Color
    muted: colors.Color  # furniture and references
    link: colors.Color
    rule: colors.Color
    paper: colors.Color
    boxes: Mapping[str, BoxLook] = field(default_factory=dict)
    calls: Mapping[str, CallLook] = field(default_factory=dict)

    @property
    def text(self) -> dict[str, colors.Color]:
        return {"ink": self.ink, "muted": self.muted, "link": self.link}

    @property
    def backgrounds(self) -> dict[str, colors.Color]:
        return {"paper": self.paper, **{f"{kind} box": look.fill for kind, look in self.boxes.items()}}

    def text_pairs(self) -> list[tuple[str, colors.Color, colors.Color]]:
        """(name, text colour, background) for everything printed as text: the contrast test's input."""
        pairs = [(f"{t} on {b}", fg, bg) for t, fg in self.text.items() for b, bg in self.backgrounds.items()]
        pairs += [(f"{level} label", look.label, look.band or self.paper) for level, look in self.calls.items()]
        return pairs

    def link_markup(self) -> str:
        """The link colour as paragraph markup accepts it, in this palette's colour space."""
        link = self.link
        if isinstance(link, colors.CMYKColor):
            return f"cmyk({link.cyan:.4f},{link.magenta:.4f},{link.yellow:.4f},{link.black:.4f})"
        return "#" + link.hexval()[2:]

    def in_cmyk(self) -> Palette:
        """The same palette for a press: every colour CMYK, greys on the black plate only."""
        boxes = {kind: BoxLook(_cmyk(b.border), _cmyk(b.fill), b.width) for kind, b in self.boxes.items()}
        calls = {
            level: replace(c, border=_cmyk(c.border), band=c.band and _cmyk(c.band), label=_cmyk(c.label))
            for level, c in self.calls.items()
        }
        plain = {f.name: _cmyk(getattr(self, f.name)) for f in fields(self) if f.name not in ("boxes", "calls")}
        return Palette(**plain, boxes=MappingProxyType(boxes), calls=MappingProxyType(calls))


def _cmyk(colour: colors.Color) -> colors.CMYKColor:
    return colors.CMYKColor(*colors.rgb2cmyk(colour.red, colour.green, colour.blue))


INK = colors.HexColor("#1a1a1a")
PALETTE = Palette(
    ink=INK,
    muted=colors.HexColor("#4a4a4a"),
    link=colors.HexColor("#1a4f8b"),
    rule=colors.HexColor("#8c8c8c"),
    paper=colors.white,
    boxes=MappingProxyType(
        {
            "urgent": BoxLook(colors.HexColor("#a4161a"), colors.HexColor("#fdecec"), 2.5),
            "important": BoxLook(colors.HexColor("#7a4b00"), colors.HexColor("#fff4dc"), 1.5),
            "tip": BoxLook(colors.HexColor("#1d5f57"), colors.HexColor("#e9f5f3"), 0.75),
            "disclaimer": BoxLook(colors.HexColor("#4a4a4a"), colors.HexColor("#f2f2f2"), 0.75),
            "key_points": BoxLook(INK, colors.HexColor("#eef2f7"), 1.25),
        }
    ),
    calls=MappingProxyType(
        {
            "call_911": CallLook(colors.HexColor("#8b0f12"), 3, None, colors.HexColor("#8b0f12"), colors.white, "square"),
            "call_now": CallLook(INK, 1.75, None, colors.HexColor("#d6d6d6"), INK, "triangle"),
            "call_within_a_day": CallLook(INK, 1, (4, 2.5), None, INK, "circle"),
        }
    ),
)


@dataclass(frozen=True)
class Edition:
    """One row of the edition table: (size, leading) pairs in points and the page margin."""

    body: tuple[float, float]
    title: tuple[float, float]
    summary: tuple[float, float]
    heading: tuple[float, float]
    label: tuple[float, float]  # the printed kind of a box: URGENT, TIP
    box_title: tuple[float, float]
    back: tuple[float, float]
    back_heading: tuple[float, float]
    reference: tuple[float, float]
    call_label: tuple[float, float]  # the label of a when-to-call level
    margin: float
    list_indent: float
    marker_size: float  # bullets and step numbers
    furniture_size: float
    # Italic is harder to read for low-vision readers: large print sets it bold instead.
    italic_as_bold: bool = False


EDITIONS: Mapping[str, Edition] = MappingProxyType(
    {
        "standard": Edition(
            body=(12.5, 18), title=(25, 30), summary=(14.5, 20.5), heading=(17, 21), label=(11, 14),
            box_title=(13.5, 18), back=(12, 16.5), back_heading=(13, 17), reference=(10.5, 14), call_label=(14, 18),
            margin=0.8 * inch, list_indent=22, marker_size=12.5, furniture_size=9.5,
        ),
        "large-print": Edition(
            body=(18, 27), title=(32, 40), summary=(20, 30), heading=(24, 32), label=(18, 24),
            box_title=(20, 28), back=(18, 27), back_heading=(22, 30), reference=(18, 27), call_label=(20, 28),
            margin=1.0 * inch, list_indent=34, marker_size=22, furniture_size=13, italic_as_bold=True,
        ),
        # Two columns side by side: the standard measures, with a slightly smaller body to keep lines long enough.
        "bilingual": Edition(
            body=(11.5, 16), title=(20, 25), summary=(12.5, 17.5), heading=(14.5, 18.5), label=(10.5, 13),
            box_title=(12, 16), back=(11, 15), back_heading=(12, 16), reference=(10, 13), call_label=(12.5, 16),
            margin=0.7 * inch, list_indent=18, marker_size=11.5, furniture_size=9,
        ),
    }
)


@dataclass(frozen=True)
class Profile:
    """How the PDF meets its printer: an office printer takes the page as is; a press wants
    CMYK colour and a bleed around the trimmed page with crop marks outside it."""

    cmyk: bool
    bleed: float = 0.0  # printed area past the trim edge, on each side
    border: float = 0.0  # paper added around the trimmed page for bleed and crop marks
    mark_length: float = 0.0


PROFILES: Mapping[str, Profile] = MappingProxyType(
    {
        "office": Profile(cmyk=False),
        # Marks end 1.5 mm before the bleed begins, so they never print on the trimmed sheet.
        "press": Profile(cmyk=True, bleed=3 * mm, border=3 * mm + 18, mark_length=18 - 1.5 * mm),
    }
)


@dataclass(frozen=True)
class Styles:
    page_size: tuple[float, float]
    margin: float
    palette: Palette
    edition: Edition
    profile: Profile
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
    # Set when a layout fills one column of a page (bilingual side by side): the width it fills.
    column: float | None = None

    # What a flowable is given: the margins less the 6 pt padding ReportLab's frame keeps inside them.
    @property
    def frame_width(self) -> float:
        return self.column or self.page_size[0] - 2 * self.margin - 2 * FRAME_PADDING

    @property
    def frame_height(self) -> float:
        return self.page_size[1] - 2 * self.margin - TOP_EXTRA - 2 * FRAME_PADDING


def make_styles(fonts: FontSet, page_size: str = "letter", edition: str = "standard", profile: str = "office") -> Styles:
    regular, bold = fonts.main.regular, fonts.main.bold
    row, press = EDITIONS[edition], PROFILES[profile]
    palette = PALETTE.in_cmyk() if press.cmyk else PALETTE
    base = ParagraphStyle(
        "body",
        fontName=regular,
        fontSize=row.body[0],
        leading=row.body[1],
        textColor=palette.ink,
        alignment=TA_LEFT,
        spaceAfter=round(row.body[0] * 0.56),
        bulletFontName=regular,
        bulletFontSize=row.marker_size,
        allowWidows=0,
        allowOrphans=0,
    )

    def derive(name: str, size: tuple[float, float], **changes) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, fontSize=size[0], leading=size[1], **changes)

    indent = row.list_indent
    return Styles(
        page_size=PAGE_SIZES[page_size],
        margin=row.margin,
        palette=palette,
        edition=row,
        profile=press,
        body=base,
        title=derive("title", row.title, fontName=bold, spaceAfter=8),
        summary=derive("summary", row.summary, spaceAfter=10),
        heading=derive("heading", row.heading, fontName=bold, spaceBefore=14, spaceAfter=6, keepWithNext=1),
        bullet=derive("bullet", row.body, bulletFontName=bold, leftIndent=indent, bulletIndent=indent * 0.27, spaceAfter=4),
        step=derive("step", row.body, bulletFontName=bold, leftIndent=indent * 1.2, bulletIndent=2, spaceAfter=5),
        term=derive("term", row.body, leftIndent=0, spaceAfter=6),
        callout_label=derive("callout_label", row.label, fontName=bold, spaceAfter=2),
        callout_title=derive("callout_title", row.box_title, fontName=bold, spaceAfter=3),
        callout_text=derive("callout_text", row.body, spaceAfter=3),
        call_label=derive("call_label", row.call_label, fontName=bold, spaceAfter=0),
        call_label_reversed=derive("call_label_reversed", row.call_label, fontName=bold, spaceAfter=0, textColor=palette.paper),
        call_item=derive("call_item", row.body, bulletFontName=bold, leftIndent=indent * 0.73, bulletIndent=2, spaceAfter=3),
        filled_in=derive("filled_in", row.body, fontName=bold, spaceAfter=0),
        review_notice=derive("review_notice", row.back, fontName=bold, spaceAfter=4),
        back_heading=derive("back_heading", row.back_heading, fontName=bold, spaceBefore=10, spaceAfter=3, keepWithNext=1),
        back=derive("back", row.back, spaceAfter=4),
        reference=derive("reference", row.reference, leftIndent=indent * 0.9, bulletIndent=0, spaceAfter=3, textColor=palette.muted),
        furniture_size=row.furniture_size,
    )
