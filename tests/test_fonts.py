from conftest import minimal

from handout.build import BuildOptions, build
from handout.fonts import glyph_problems, load_fonts
from handout.model import Location, Text


def test_fonts_cover_spanish_latin1_and_latin_extended_a():
    fonts = load_fonts()
    wanted = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)] + list("¿¡–—‘’“”•…€")
    assert fonts.cannot_draw("".join(wanted)) == set()
    assert fonts.split("áéíóúüñÁÉÍÓÚÜÑ¿¡Łő Ĉ") == [("áéíóúüñÁÉÍÓÚÜÑ¿¡Łő ", True), ("Ĉ", False)]


def test_a_character_no_font_draws_is_named_with_its_location():
    problems = glyph_problems([Text("ok 中 and ✓", Location("content/x.yaml", 7))], load_fonts())
    assert [str(p) for p in problems] == [
        "content/x.yaml:7: character U+2713 '✓' (CHECK MARK) cannot be printed: the handout fonts have no glyph for it",
        "content/x.yaml:7: character U+4E2D '中' (CJK UNIFIED IDEOGRAPH-4E2D) cannot be printed: the handout fonts have no glyph for it",
    ]


def test_glyph_error_fails_only_that_handout(project):
    root = project(good=minimal("good"), bad=minimal("bad").replace("First point", "Take it ✓ daily"))
    report = build(BuildOptions(project=root, jobs=1))
    assert [r.handout_id for r in report.built] == ["good"]
    (failed,) = report.failed
    assert [str(p) for p in failed.problems] == [
        "content/bad.yaml:9: character U+2713 '✓' (CHECK MARK) cannot be printed: the handout fonts have no glyph for it"
    ]
    assert not (root / "dist/en/bad.pdf").exists()
