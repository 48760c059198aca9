"""The palette and the edition table as data: contrast, grey printing, colour space."""

import pytest
from reportlab.lib import colors

from handout.styles import EDITIONS, PALETTE


def luminance(colour: colors.Color) -> float:
    """WCAG 2 relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    if isinstance(colour, colors.CMYKColor):
        colour = colors.Color(*colors.cmyk2rgb((colour.cyan, colour.magenta, colour.yellow, colour.black)))
    return 0.2126 * channel(colour.red) + 0.7152 * channel(colour.green) + 0.0722 * channel(colour.blue)


def contrast(a: colors.Color, b: colors.Color) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


PAIRS = {"office": PALETTE.text_pairs(), "press": PALETTE.in_cmyk().text_pairs()}
CASES = [(profile, *pair) for profile, pairs in PAIRS.items() for pair in pairs]


@pytest.mark.parametrize("profile, name, text, background", CASES, ids=[f"{c[0]}: {c[1]}" for c in CASES])
def test_every_text_colour_reads_on_every_background(profile, name, text, background):
    assert contrast(text, background) >= 4.5, name


def test_contrast_ratios_cover_every_box_and_call_level():
    names = {name for name, _, _ in PAIRS["office"]}
    assert {f"ink on {kind} box" for kind in PALETTE.boxes} <= names
    assert {f"{level} label" for level in PALETTE.calls} <= names


def test_callout_kinds_differ_in_grey_by_their_border_weight_and_bar():
    looks = [PALETTE.boxes[k] for k in ("urgent", "important", "tip")]
    widths = sorted(look.width for look in looks)
    assert all(b - a >= 0.5 for a, b in zip(widths, widths[1:]))
    # the border (and the bar) stands out from its own fill in grey, not only by hue
    assert all(contrast(look.border, look.fill) >= 3 for look in PALETTE.boxes.values())


def test_call_levels_differ_without_colour():
    looks = list(PALETTE.calls.values())
    assert len({(look.width, look.dash, look.band is None, look.marker) for look in looks}) == len(looks)
    assert len({look.marker for look in looks}) == len(looks)


def test_press_palette_is_all_cmyk():
    palette = PALETTE.in_cmyk()
    everything = [*palette.text.values(), *palette.backgrounds.values(), palette.rule, *(b.border for b in palette.boxes.values())]
    assert all(isinstance(c, colors.CMYKColor) for c in everything)


def test_large_print_is_large_and_never_smaller_than_standard():
    large, standard = EDITIONS["large-print"], EDITIONS["standard"]
    assert large.body[0] >= 18 and large.heading[0] >= 22 and large.body[1] / large.body[0] == pytest.approx(1.5)
    assert min(size for size, _ in (large.back, large.reference, large.label)) >= 18
    assert large.margin > standard.margin and large.italic_as_bold
