import datetime

import pytest
from babel import Locale
from babel.core import get_global
from babel.localedata import locale_identifiers
from conftest import minimal, pdf_text

from handout.build import BuildOptions, build
from handout.fonts import load_fonts
from handout.glyphs import coverage, glyph_problems
from handout.locales import language_name, long_date
from handout.model import Location, Text


def test_fonts_cover_spanish_latin1_and_latin_extended_a():
    fonts = load_fonts()
    wanted = [chr(c) for c in range(0x20, 0x7F)] + [chr(c) for c in range(0xA0, 0x180)] + list("¿¡–—‘’“”•…€")
    assert coverage().cannot_draw("".join(wanted)) == []
    assert fonts.split("áéíóúüñÁÉÍÓÚÜÑ¿¡Łő Ĉ") == [("áéíóúüñÁÉÍÓÚÜÑ¿¡Łő ", True), ("Ĉ", False)]


def test_a_character_no_font_draws_is_named_with_its_location():
    problems = glyph_problems([Text("ok 中 and ✓", Location("content/x.yaml", 7))])
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
        "content/bad.yaml:9: sections[0].blocks[1].bullets[0]: character U+2713 '✓' (CHECK MARK) cannot be printed: the handout fonts have no glyph for it"
    ]
    assert not (root / "dist/en/bad.pdf").exists()


COVERED_SCRIPTS = {"Latn", "Grek", "Cyrl"}  # Vietnamese is written in Latin script


def _script(identifier: str) -> str:
    """A locale's script as Babel's likely-subtags data gives it (ru -> Cyrl, zh_Hant_TW -> Hant)."""
    parsed = Locale.parse(identifier)
    return parsed.script or get_global("likely_subtags").get(parsed.language, "und_Zzzz").split("_")[1]


def test_every_babel_locale_of_a_covered_script_prints_its_generated_words():
    date = datetime.date(2025, 3, 14)
    covered = [i for i in locale_identifiers() if _script(i) in COVERED_SCRIPTS]
    assert {"ru", "el", "vi", "fr", "uk", "sr_Latn", "es_419"} <= set(covered)
    refused = {}
    for identifier in covered:
        generated = long_date(date, identifier) + language_name(identifier) + "Page {page} of {pages}".format(page=12, pages=34)
        if coverage().cannot_draw(generated):
            refused[identifier] = coverage().cannot_draw(generated)
    assert refused == {}


def test_typographic_spaces_print_as_spaces_the_fonts_have():
    fonts = load_fonts()
    assert coverage().cannot_draw("1\u202f000\u2009mg\u2002a\u200ab") == []
    assert "".join(run for run, _ in fonts.split("14\u202fmars")) == "14\u00a0mars"  # still no break
    assert "".join(run for run, _ in fonts.split("a\u2009b")) == "a b"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("zh_Hant_TW", "'zh_Hant_TW' cannot be printed: the handout fonts have no CJK characters (its language name '中文 (繁體, 台灣)' needs U+4E2D"),
        ("ar", "'ar' cannot be printed: the handout fonts have no Arabic characters (its language name 'العربية' needs U+0627"),
        ("he", "'he' cannot be printed: the handout fonts have no Hebrew characters"),
        ("hi", "'hi' cannot be printed: the handout fonts have no Devanagari characters"),
    ],
)
def test_init_refuses_a_locale_whose_script_the_fonts_lack(cli, project, locale, expected):
    root = project(a=minimal("a"))
    assert cli("i18n", "extract", "--project", root).exit_code == 0
    result = cli("i18n", "init", locale, "--project", root)
    assert result.exit_code == 2
    assert expected in result.stderr
    assert not (root / "locales" / locale).exists()


def test_a_locale_folder_made_by_hand_in_a_script_the_fonts_lack_fails_its_build_on_the_generated_words(cli, project):
    root = project(a=minimal("a"))
    assert cli("i18n", "extract", "--project", root).exit_code == 0
    assert cli("i18n", "init", "es", "--project", root).exit_code == 0
    (root / "locales/es").rename(root / "locales/ar")
    result = cli("build", "--locale", "ar", "--allow-fallback", "--project", root)
    assert result.exit_code == 1
    assert "  locale ar: the language name 'العربية': character U+0627" in result.stderr
    assert "content/a.yaml" not in result.stderr  # the content is English here: nothing of it is to blame


def test_a_cyrillic_locale_builds_with_its_narrow_no_break_space(cli, project):
    root = project(a=minimal("a").replace("A plain paragraph about it.", "Take 500\u202fmg at\u2009night."))
    assert cli("i18n", "extract", "--project", root).exit_code == 0
    assert cli("i18n", "init", "ru", "--project", root).exit_code == 0
    result = cli("build", "--locale", "ru", "--allow-fallback", "--project", root)
    assert result.exit_code == 0, result.output
    text = " ".join(pdf_text(root / "dist/ru/a.pdf").split())  # pypdf may give the no-break space as a space
    assert "14 марта 2025 г. by Jane Roe" in text and "Русский" in text and "Take 500 mg at night." in text


def test_the_cmap_reader_finds_every_character_reportlab_maps_in_every_bundled_face():
    from reportlab.pdfbase.ttfonts import TTFont

    from handout.glyphs import FALLBACK, MAIN, STYLES, cmap_chars, font_file

    for package, stem in (MAIN, FALLBACK):
        for style in STYLES:
            path = font_file(package, f"{stem}-{style}")
            mapped = {chr(c) for c in TTFont(f"cmap-{stem}-{style}", str(path)).face.charToGlyph} - {"\uffff"}  # a noncharacter
            assert cmap_chars(path.read_bytes()) == mapped, path.name
