"""Translated builds: strictness, fallback, translation checks, locale-aware output, a third locale from catalogs only."""

from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po
from conftest import fixture_project, minimal, pdf_text
from pypdf import PdfReader

PO = "locales/fr/LC_MESSAGES/content/visit.po"


def edit_po(root: Path, old: str, new: str, path: str = PO) -> int:
    """Replace text in a catalog; return the 1-based line of the msgid the change belongs to."""
    file = root / path
    text = file.read_text(encoding="utf-8")
    start = text.index(old)
    text = text[:start] + new + text[start + len(old) :]
    file.write_text(text, encoding="utf-8")
    upto = text[: start + len(new)].splitlines()
    return max(i for i, line in enumerate(upto, 1) if line.startswith("msgid"))


def test_a_third_locale_needs_only_catalogs(cli, tmp_path):
    root = fixture_project(tmp_path)
    result = cli("build", "--project", root)
    assert result.exit_code == 0, result.output
    pdf = root / "dist/fr/visit.pdf"
    text = " ".join(pdf_text(pdf).split())
    for expected in [
        "Votre visite à la clinique",
        "Autres noms : Bilan de santé",
        "Appelez la clinique (5550142) si vous êtes en retard.",
        "CONSEIL Un ami peut vous accompagner.",
        "Fiches associées • Prendre soin de soi",
        "Relu le 14 mars 2025 par Jane Roe, MD",
        "Traduction mise à jour le 2 avril 2025",
        "Avertissement médical Cette fiche donne",
        "Français Page 1 sur 1",
    ]:
        assert expected in text
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "fr"
    assert reader.metadata.title == "Votre visite à la clinique"
    assert str(reader.metadata["/CreationDate"]).startswith("D:20250402")


def test_missing_translation_blocks_only_that_handout(cli, tmp_path):
    root = fixture_project(tmp_path)
    line = edit_po(root, 'msgstr "Notez vos questions."', 'msgstr ""')
    result = cli("build", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert (root / "dist/fr/care.pdf").is_file() and not (root / "dist/fr/visit.pdf").exists()
    assert result.stderr.splitlines() == [
        "error: visit [fr] was not built:",
        f'  content/visit.yaml:10: fr: missing translation of "Write down your questions." ({PO}:{line})',
    ]


def test_fuzzy_translation_blocks_and_a_missing_catalog_is_named(cli, tmp_path):
    root = fixture_project(tmp_path)
    line = edit_po(root, 'msgid "Write down your questions."', '#, fuzzy\nmsgid "Write down your questions."')
    (root / "locales/fr/LC_MESSAGES/content/care.po").unlink()
    result = cli("build", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert f'  content/visit.yaml:10: fr: fuzzy translation of "Write down your questions." ({PO}:{line}): review it and clear the fuzzy flag' in errors
    # visit also fails because the title of its related handout has no French translation.
    assert "  locales/fr/LC_MESSAGES/content/care.po: no catalog for this handout: run `handout i18n extract && handout i18n update`" in errors


def test_a_missing_catalog_is_reported_once_with_its_fix(cli, tmp_path):
    root = fixture_project(tmp_path)
    (root / PO).unlink()
    result = cli("build", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: visit [fr] was not built:",
        f"  {PO}: no catalog for this handout: run `handout i18n extract && handout i18n update`",
    ]


def test_missing_translations_are_listed_in_line_order(cli, tmp_path):
    root = fixture_project(tmp_path)
    content = root / "content/visit.yaml"
    text = content.read_text(encoding="utf-8").replace("also_called: [Check-up]\n", "")
    content.write_text(text + "also_called: [Check-up]\n", encoding="utf-8")  # printed before the sections, written after them
    name_line = edit_po(root, 'msgstr "Bilan de santé"', 'msgstr ""')
    question_line = edit_po(root, 'msgstr "Notez vos questions."', 'msgstr ""')
    result = cli("build", "--project", root, "--locale", "fr")
    assert result.stderr.splitlines() == [
        "error: visit [fr] was not built:",
        f'  content/visit.yaml:9: fr: missing translation of "Write down your questions." ({PO}:{question_line})',
        f'  content/visit.yaml:15: fr: missing translation of "Check-up" ({PO}:{name_line})',
    ]


def test_allow_fallback_builds_in_english_and_says_so(cli, tmp_path):
    root = fixture_project(tmp_path)
    edit_po(root, 'msgstr "Notez vos questions."', 'msgstr ""')
    result = cli("build", "--project", root, "--locale", "fr", "--allow-fallback")
    assert result.exit_code == 0, result.output
    assert "warning: visit [fr]: printed in English where the translation is missing:" in result.stderr
    assert "Write down your questions." in pdf_text(root / "dist/fr/visit.pdf")
    first_page = " ".join(PdfReader(root / "dist/fr/visit.pdf").pages[0].extract_text().split())
    assert "Passages imprimés en anglais parce que leur traduction n'est pas encore prête : 1" in first_page
    assert "Passages" not in pdf_text(root / "dist/fr/care.pdf")  # complete: no note


def test_the_fallback_note_counts_itself_when_it_is_in_english_too(cli, tmp_path):
    root = fixture_project(tmp_path)
    edit_po(root, 'msgstr "Notez vos questions."', 'msgstr ""')
    edit_po(root, 'msgstr "Passages imprimés en anglais parce que leur traduction n\'est pas encore prête : {count}"', 'msgstr ""', path="locales/fr/LC_MESSAGES/handout.po")
    assert cli("build", "visit", "--project", root, "--locale", "fr", "--allow-fallback").exit_code == 0
    first_page = " ".join(PdfReader(root / "dist/fr/visit.pdf").pages[0].extract_text().split())
    assert "Passages printed in English because their translation is not ready yet: 2" in first_page


def test_translation_must_keep_marks_links_and_numbers(cli, tmp_path):
    root = fixture_project(tmp_path)
    bold = edit_po(root, "**votre** visite", "votre visite")
    link = edit_po(root, "[la clinique](tel:5550142)", "[la clinique](tel:5550000)")
    number = edit_po(root, "arrivez 15 minutes", "arrivez 10 minutes")
    result = cli("build", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert [line.strip() for line in result.stderr.splitlines()[1:]] == [
        f"{PO}:{bold}: msgstr: the source has 1 bold and 0 italic runs; the translation has 0 and 0",
        f"{PO}:{number}: msgstr: numbers differ: the source has 15; the translation has 10",
        f"{PO}:{link}: msgstr: links differ: the source links to tel:5550142; the translation to tel:5550000",
    ]


def test_broken_marks_in_a_translation_are_located(cli, tmp_path):
    root = fixture_project(tmp_path)
    line = edit_po(root, "Dormez bien.", "Dormez **bien.", path="locales/fr/LC_MESSAGES/content/care.po")
    result = cli("build", "care", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert f"locales/fr/LC_MESSAGES/content/care.po:{line}: msgstr: '**' opened at '**bien.' is never closed" in result.stderr


def test_malformed_po_is_a_located_error_not_a_traceback(cli, tmp_path):
    root = fixture_project(tmp_path)
    line = edit_po(root, 'msgstr "Notez vos questions."', "msgstr Notez vos questions.")
    result = cli("build", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert f"  {PO}:{line + 1}: malformed catalog: this line is not PO syntax: msgstr Notez vos questions." in result.stderr
    assert "Traceback" not in result.output
    assert (root / "dist/fr/care.pdf").is_file()


@pytest.mark.parametrize(
    "translation, message",
    [
        ('msgstr ""', 'locales/fr/LC_MESSAGES/handout.po: fr: missing translation of "Page {page} of {pages}" (locales/fr/LC_MESSAGES/handout.po:'),
        ('msgstr "Page {page} sur {total}"', "msgstr: placeholders differ: the source has {page}, {pages}; the translation has {page}, {total}"),
        ('msgstr "Page {page.real} sur {pages}"', "placeholders differ: the source has {page}, {pages}; the translation has braces that are not simple {name} placeholders"),
    ],
    ids=["missing", "renamed-placeholder", "attribute-access"],
)
def test_interface_strings_are_as_strict_as_content(cli, tmp_path, translation, message):
    root = fixture_project(tmp_path)
    edit_po(root, 'msgstr "Page {page} sur {pages}"', translation, path="locales/fr/LC_MESSAGES/handout.po")
    result = cli("build", "care", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert message in result.stderr


def test_plural_entries_and_wrong_charsets_are_located_errors(cli, tmp_path):
    root = fixture_project(tmp_path)
    line = edit_po(root, 'msgid "Sleep well."\nmsgstr "Dormez bien."', 'msgid "Sleep well."\nmsgid_plural "Sleep well."\nmsgstr[0] "Dormez bien."\nmsgstr[1] "Dormez bien."', path="locales/fr/LC_MESSAGES/content/care.po")
    result = cli("build", "care", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert f"locales/fr/LC_MESSAGES/content/care.po:{line - 1}: msgid_plural: plural entries are not used in handout catalogs: remove this one" in result.stderr
    edit_po(root, "charset=utf-8", "charset=ISO-8859-1")
    charset = next(n for n, text in enumerate((root / PO).read_text().splitlines(), 1) if "charset=" in text)
    result = cli("build", "visit", "--project", root, "--locale", "fr")
    assert f"{PO}:{charset}: the header says charset=ISO-8859-1, but catalogs are read as UTF-8" in result.stderr


def test_a_byte_order_mark_and_decomposed_accents_in_a_catalog_are_fine(cli, tmp_path):
    root = fixture_project(tmp_path)
    po = root / PO
    text = po.read_text(encoding="utf-8").replace("Avant la visite", "Avant la visite\u0301")
    po.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert cli("build", "visit", "--project", root, "--locale", "fr").exit_code == 0
    assert "Avant la visité" in pdf_text(root / "dist/fr/visit.pdf")


def test_number_check_does_not_confuse_decimals(cli, tmp_path):
    root = fixture_project(tmp_path)
    number = edit_po(root, "arrivez 15 minutes", "arrivez 1.5 minutes")
    result = cli("build", "visit", "--project", root, "--locale", "fr")
    assert f"{PO}:{number}: msgstr: numbers differ: the source has 15; the translation has 1.5" in result.stderr


def test_only_printed_labels_need_a_translation(cli, tmp_path):
    root = fixture_project(tmp_path)
    edit_po(root, 'msgstr "URGENT"', 'msgstr ""', path="locales/fr/LC_MESSAGES/handout.po")
    assert cli("build", "visit", "--project", root, "--locale", "fr").exit_code == 0  # visit has a tip box only


def test_blank_translation_and_marks_across_a_placeholder_are_errors(cli, tmp_path):
    root = fixture_project(tmp_path)
    blank = edit_po(root, 'msgstr "Avant la visite"', 'msgstr "  "')
    across = edit_po(root, 'msgstr "**Autres noms :** {names}"', 'msgstr "**Autres noms : {names}**"', path="locales/fr/LC_MESSAGES/handout.po")
    result = cli("build", "visit", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert f"  {PO}:{blank}: msgstr: the translation is empty" in result.stderr
    assert f"  locales/fr/LC_MESSAGES/handout.po:{across}: msgstr: a mark or link runs across {{names}}: close it before the placeholder" in result.stderr


def test_a_msgid_given_twice_is_refused(cli, tmp_path):
    root = fixture_project(tmp_path)
    po = root / "locales/fr/LC_MESSAGES/content/care.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text + '\nmsgid "Every day"\nmsgstr "Tous les jours"\n', encoding="utf-8")
    first = next(n for n, line in enumerate(text.split("\n"), 1) if line == 'msgid "Every day"')
    second = len(text.split("\n")) + 1
    result = cli("build", "care", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert f"locales/fr/LC_MESSAGES/content/care.po:{second}: msgid: this msgid is already at line {first}: keep one entry" in result.stderr


def test_the_interface_catalog_shipped_with_handout_serves_a_new_project(cli, project):
    root = project(a=minimal("a"))
    result = cli("i18n", "init", "es", "--project", root)
    assert result.exit_code == 0, result.output
    catalog = read_po((root / "locales/es/LC_MESSAGES/handout.po").open("rb"))
    assert catalog.get("Page {page} of {pages}").string == "Página {page} de {pages}"
    content = root / "locales/es/LC_MESSAGES/content/a.po"
    spanish = {"A handout": "Una hoja", "A short summary of the handout.": "Un resumen corto.", "What is it?": "¿Qué es?",
               "A plain paragraph about it.": "Un párrafo sencillo.", "First point": "Primer punto", "Second point": "Segundo punto"}
    translated = read_po(content.open("rb"))
    for message in translated:
        if message.id:
            message.string = spanish[message.id]
    write_po(content.open("wb"), translated)
    (root / "locales/es/LC_MESSAGES/handout.po").unlink()  # the build falls back to the shipped catalog too
    assert cli("build", "--project", root, "--locale", "es").exit_code == 0
    assert "Página 1 de 1" in pdf_text(root / "dist/es/a.pdf")


def test_catalog_entries_handout_never_uses_are_named_for_what_they_are(cli, tmp_path):
    root = fixture_project(tmp_path)
    context = edit_po(root, 'msgid "Every day"', 'msgctxt "heading"\nmsgid "Every day"', path="locales/fr/LC_MESSAGES/content/care.po")
    for command in (("build", "care", "--locale", "fr"), ("i18n", "stats")):
        result = cli(*command, "--project", root)
        assert result.exit_code == 1
        assert f"locales/fr/LC_MESSAGES/content/care.po:{context - 1}: msgctxt: handout catalogs use no msgctxt" in result.stderr
        assert "missing translation" not in result.stderr


def test_plural_entries_fail_stats_too(cli, tmp_path):
    root = fixture_project(tmp_path)
    edit_po(root, 'msgid "Sleep well."\nmsgstr "Dormez bien."', 'msgid "Sleep well."\nmsgid_plural "Sleep well."\nmsgstr[0] "Dormez bien."\nmsgstr[1] "Dormez bien."', path="locales/fr/LC_MESSAGES/content/care.po")
    result = cli("i18n", "stats", "--project", root)
    assert result.exit_code == 1 and "msgid_plural: plural entries are not used" in result.stderr


def test_unknown_escapes_in_a_msgstr_are_refused(cli, tmp_path):
    root = fixture_project(tmp_path)
    line = edit_po(root, 'msgstr "Avant la visite"', 'msgstr "Avant \\a la \\b visite"')
    result = cli("build", "visit", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert f"{PO}:{line + 1}: unknown escape '\\a'" in result.stderr


def test_a_bad_revision_date_is_reported_at_its_header_line(cli, tmp_path):
    root = fixture_project(tmp_path)
    po = root / PO
    text = po.read_text(encoding="utf-8")
    header = next(n for n, line in enumerate(text.split("\n"), 1) if line.startswith('"PO-Revision-Date'))
    po.write_text(text.replace("PO-Revision-Date: 2025-04-02 09:00+0000", "PO-Revision-Date: 2026-13-45 10:00+0000"), encoding="utf-8")
    result = cli("build", "visit", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert f"{PO}:{header}: PO-Revision-Date: '2026-13-45 10:00+0000' is not a real date and time" in result.stderr


def test_compile_accepts_the_charset_placeholder_of_templates(cli, tmp_path):
    root = fixture_project(tmp_path)
    edit_po(root, "charset=utf-8", "charset=CHARSET")
    result = cli("i18n", "compile", "--project", root)
    assert result.exit_code == 0, result.output
    assert (root / "locales/fr/LC_MESSAGES/content/visit.mo").stat().st_size > 0


def test_the_shipped_spanish_catalog_carries_no_previous_msgids(cli, project):
    root = project(a=minimal("a"))
    assert cli("i18n", "init", "es", "--project", root).exit_code == 0
    text = (root / "locales/es/LC_MESSAGES/handout.po").read_text(encoding="utf-8")
    assert "| msgid" not in text


def test_a_translation_past_the_documented_length_is_refused_at_its_po_line(cli, tmp_path):
    root = fixture_project(tmp_path)
    line = edit_po(root, 'msgstr "Avant la visite"', 'msgstr "' + "Reposez-vous. " * 800 + '"')
    result = cli("build", "visit", "--project", root, "--locale", "fr")
    assert result.exit_code == 1
    assert f"{PO}:{line}: msgstr: the translation is {len('Reposez-vous. ' * 800):,} characters long; one string may have at most 10,000" in result.stderr
