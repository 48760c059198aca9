"""Locale codes are spelled one way, whatever the user types, and stray locale folders are named."""

import pytest
from conftest import minimal, pdf_text
from pypdf import PdfReader

from handout.locales import bcp47, fallbacks, find_locale_folders, normalize


@pytest.mark.parametrize(("typed", "folder"), [("ES", "es"), ("es-MX", "es_MX"), ("es_419", "es_419"), ("es-419", "es_419"), ("zh-Hant-TW", "zh_Hant_TW")])
def test_codes_normalise_to_gettext_folder_names(typed, folder):
    assert normalize(typed) == folder


def test_bcp47_tags_and_fallbacks():
    assert bcp47("es_MX") == "es-MX"
    assert bcp47("zh_Hant_TW") == "zh-Hant-TW"
    assert fallbacks("es_MX") == ["es_MX", "es"]
    assert fallbacks("zh_Hant_TW") == ["zh_Hant_TW", "zh_Hant", "zh"]


def test_folders_that_are_not_locales_are_named(tmp_path):
    for name in ("es", "es-419", "ES_mx", "xx", "fr"):
        (tmp_path / name / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "content").mkdir()
    (tmp_path / "de").mkdir()
    found, problems = find_locale_folders(tmp_path)
    assert found == ["es", "fr"]
    assert problems == [
        "locales/ES_mx/: locale folders are named as gettext writes them: rename it to locales/es_MX/",
        "locales/de/: has no LC_MESSAGES/ folder: create its catalogs with `handout i18n init de`",
        "locales/es-419/: locale folders are named as gettext writes them: rename it to locales/es_419/",
        "locales/xx/: not a locale folder: 'xx' is not a locale code Babel knows; name locale folders as gettext writes them (e.g. es, es_MX, es_419, vi)",
    ]


def test_init_normalises_and_a_second_spelling_adds_no_second_catalog(cli, project):
    root = project(a=minimal("a"))
    assert cli("i18n", "extract", "--project", root).exit_code == 0
    assert cli("i18n", "init", "ES", "--project", root).exit_code == 0
    assert cli("i18n", "init", "es", "--project", root).stdout.startswith("0 catalog(s) created")
    assert sorted(p.name for p in (root / "locales").iterdir()) == ["content", "es", "handout.pot"]
    source = cli("i18n", "init", "EN", "--project", root)
    assert source.exit_code == 2 and "'en' is the source language" in source.stderr


def test_locale_option_in_any_spelling_and_english_in_capitals(cli, project):
    root = project(a=minimal("a"))
    assert cli("build", "--locale", "EN", "--project", root).exit_code == 0
    unknown = cli("build", "--locale", "xx", "--project", root)
    assert unknown.exit_code == 2 and "'xx' is not a locale code Babel knows" in unknown.stderr


def test_a_stray_locale_folder_stops_the_build_with_its_name(cli, project):
    root = project(a=minimal("a"))
    (root / "locales/es-419/LC_MESSAGES").mkdir(parents=True)
    result = cli("build", "--project", root)
    assert result.exit_code == 2
    assert "locales/es-419/: locale folders are named as gettext writes them: rename it to locales/es_419/" in result.stderr


def test_regional_variant_starts_from_and_falls_back_to_the_shipped_spanish_catalog(cli, project):
    root = project(a=minimal("a"))
    assert cli("i18n", "extract", "--project", root).exit_code == 0
    assert cli("i18n", "init", "es-MX", "--project", root).exit_code == 0
    interface = (root / "locales/es_MX/LC_MESSAGES/handout.po").read_text(encoding="utf-8")
    assert 'msgstr "Página {page} de {pages}"' in interface
    (root / "locales/es_MX/LC_MESSAGES/handout.po").unlink()  # no project catalog: the shipped es one
    result = cli("build", "--locale", "es_MX", "--allow-fallback", "--project", root)
    assert result.exit_code == 0, result.output
    pdf = root / "dist/es_MX/a.pdf"
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "es-MX"
    text = " ".join(pdf_text(pdf).split())
    assert "Página 1 de 1" in text
    assert "Pasajes impresos en inglés porque su traducción todavía no está lista: 6" in text
