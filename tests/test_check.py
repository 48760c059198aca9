"""`handout check`: each rule fires on a small project and stays quiet on a clean one;
exit codes, --today boundaries, the JSON shape, [check] thresholds, no ReportLab."""

import datetime
import json
import re
import subprocess
import sys
import textwrap

import pytest
from babel.messages.pofile import read_po
from conftest import write

from handout import i18n
from handout.catalogs import po_bytes
from handout.cli import main

TODAY = "2026-11-25"
CLEAN = """\
id: {id}
title: {title}
summary: You can take care of your body. It helps your baby grow.
sections:
  - heading: What to do
    blocks:
      - Eat well and sleep well.
      - bullets:
          - Walk every day.
          - Drink water.
references:
  - A reference.
review:
  date: 2025-03-14
  by:
    - Jane Roe, MD
"""


def clean(handout_id="care", title="Take care", **changes) -> str:
    text = CLEAN.format(id=handout_id, title=title)
    for old, new in changes.items():
        text = text.replace(old.replace("_", " "), new)
    return text


def fill(path, translate=lambda msgid: "Lo " + msgid.lower(), revised="2026-11-24") -> None:
    """Translate every entry of a catalog (by a rule) and set its revision date, as a PO editor would."""
    with path.open("rb") as handle:
        catalog = read_po(handle, locale="es")
    for message in catalog:
        if message.id:
            message.string = translate(message.id)
    catalog.revision_date = datetime.datetime.fromisoformat(revised + "T09:00+00:00")
    path.write_bytes(po_bytes(catalog))


@pytest.fixture
def spanish(project):
    """A project of clean handouts with complete Spanish catalogs: project(**handouts) -> root."""

    def make(**handouts):
        root = project(**(handouts or {"care": clean()}))
        i18n.extract(root)
        for pot in (root / "locales/content").glob("*.pot"):  # the English last changed on a known day
            pot.write_text(re.sub(r'POT-Creation-Date: [^\\]*', "POT-Creation-Date: 2026-11-20 10:00+0000", pot.read_text("utf-8")), "utf-8")
        i18n.init(root, "es")
        for po in sorted((root / "locales/es/LC_MESSAGES/content").glob("*.po")):
            fill(po)
        return root

    return make


def run(cli, root, *args):
    return cli.invoke(main, ["check", "--project", str(root), "--today", TODAY, *args])


@pytest.fixture
def cli():
    from click.testing import CliRunner

    return CliRunner()


def codes(result) -> set[str]:
    return {issue["code"] for h in json.loads(result.output)["handouts"] for issue in h["issues"]} | {
        issue["code"] for issue in json.loads(result.output)["project_issues"]
    }


def issues(cli, root, *args) -> list[dict]:
    result = run(cli, root, "--format", "json", *args)
    data = json.loads(result.output)
    return [i for h in data["handouts"] for i in h["issues"]] + data["project_issues"]


# -- a clean project, exit codes ------------------------------------------------


def test_a_clean_project_passes_strict(cli, spanish):
    result = run(cli, spanish(), "--strict")
    assert result.exit_code == 0, result.output
    assert "check passed (--strict: warnings count as errors): 1 handout in en, es: 0 errors, 0 warnings" in result.output
    assert "\n  en: " in result.output and "\n  es: " in result.output


@pytest.mark.parametrize(
    "args",
    [["--today", "2026-13-01"], ["--today", "2026-02-30"], ["--today", "20261125"], ["--today", "yesterday"], ["nope"], ["--locale", "xx-nope"], ["--locale", "fr"], ["--format", "xml"]],
)
def test_usage_errors_exit_2(cli, spanish, args):
    result = run(cli, spanish(), *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_no_content_folder_is_a_usage_error(cli, tmp_path):
    assert run(cli, tmp_path).exit_code == 2


def test_warnings_pass_unless_strict(cli, project):
    root = project(care=clean(**{"references:\n  - A reference.\n": ""}))
    assert run(cli, root).exit_code == 0
    result = run(cli, root, "--strict")
    assert result.exit_code == 1
    assert "warning: content/care.yaml: no-reference: references: none given" in result.output


# -- content -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code_point"),
    [("Smile \U0001F600", "U+1F600"), ("שלום", "U+05E9"), ("مرحبا", "U+0645"), ("你好", "U+4F60"), ("Done ✓", "U+2713"), ("Tick ☐", "U+2610"), ("37 ℃", "U+2103"), ("⚠ Careful", "U+26A0")],
)
def test_check_strict_refuses_what_the_fonts_cannot_print_at_its_key(cli, project, text, code_point):
    root = project(care=clean(**{"Eat well and sleep well.": text}))
    result = run(cli, root, "--strict")
    assert result.exit_code == 1
    assert f"error: content/care.yaml:7: content: sections[0].blocks[0]: character {code_point} " in result.output
    assert "the handout fonts have no glyph for it" in result.output


def test_glyph_errors_come_with_every_other_loader_error(cli, project):
    broken = clean(**{"Eat well and sleep well.": "Eat q\u0303 well.", "Walk every day.": "Walk \U0001F600", "Drink water.": "Drink ✓ water ⚠"})
    result = run(cli, project(care=broken.replace("title: Take care", 'title: "Take care"')))
    assert result.exit_code == 1
    assert "content/care.yaml:7: content: sections[0].blocks[0]: contains the combining mark U+0303" in result.output
    assert "content/care.yaml:9: content: sections[0].blocks[1].bullets[0]: character U+1F600 " in result.output
    assert "content/care.yaml:10: content: sections[0].blocks[1].bullets[1]: character U+2713 " in result.output
    assert "content/care.yaml:10: content: sections[0].blocks[1].bullets[1]: character U+26A0 " in result.output


def test_a_translation_the_fonts_cannot_print_is_an_error_at_its_po_line(cli, spanish):
    root = spanish()
    po = root / "locales/es/LC_MESSAGES/content/care.po"
    fill(po, lambda msgid: {"Drink water.": "Beba agua ✓"}.get(msgid, "Lo " + msgid.lower()))
    line = po.read_text(encoding="utf-8").split("\n").index('msgid "Drink water."') + 1
    result = run(cli, root, "--strict")
    assert result.exit_code == 1
    assert f"error: locales/es/LC_MESSAGES/content/care.po:{line}: translation-broken: the translation has a character U+2713 " in result.output


def test_loader_problems_are_errors_with_the_loaders_words(cli, project):
    root = project(care=clean(**{"bullets:": "bulets:"}), other=clean("other"))
    result = run(cli, root)
    assert result.exit_code == 1
    assert "error: content/care.yaml:8: content: sections[0].blocks[1]: unknown block kind 'bulets'; did you mean 'bullets'?" in result.output
    assert "\nother\n" in result.output  # the others are still checked


def test_duplicate_headings(cli, project):
    twice = clean() + ""
    twice = twice.replace("references:", "  - heading: what TO do\n    blocks:\n      - More.\nreferences:")
    found = issues(cli, project(care=twice))
    assert [(i["code"], i["location"], i["level"]) for i in found if i["code"] == "duplicate-heading"] == [
        ("duplicate-heading", "content/care.yaml:11", "error")
    ]
    assert "duplicate-heading" not in {i["code"] for i in issues(cli, project(care=clean()))}


# -- review --------------------------------------------------------------------


@pytest.mark.parametrize(
    "today, code",
    [
        ("2025-03-13", "review-future"),
        ("2025-03-14", None),
        ("2027-03-14", None),  # exactly 24 months: still fine
        ("2027-03-15", "review-due"),
        ("2028-03-14", "review-due"),  # exactly 36 months: a warning, not yet an error
        ("2028-03-15", "review-expired"),
    ],
)
def test_review_date_boundaries(cli, project, today, code):
    found = [i for i in issues(cli, project(care=clean()), "--today", today) if i["code"].startswith("review")]
    assert [i["code"] for i in found] == ([code] if code else [])
    if code:
        assert found[0]["location"] == "content/care.yaml:14"
        assert found[0]["level"] == ("warning" if code == "review-due" else "error")


def test_month_ends_clamp():
    from handout.checks.review import add_months

    assert add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert add_months(datetime.date(2024, 2, 29), 24) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2025, 11, 30), 2) == datetime.date(2026, 1, 30)


def test_review_months_come_from_handout_toml(cli, project):
    root = project(care=clean())
    write(root / "handout.toml", "[check]\nreview_warn_months = 6\nreview_error_months = 12\n")
    assert [i["code"] for i in issues(cli, root, "--today", "2026-03-15") if i["code"].startswith("review")] == ["review-expired"]
    assert [i["code"] for i in issues(cli, root, "--today", "2025-09-15") if i["code"].startswith("review")] == ["review-due"]


def test_unreviewed_handouts_warn_and_strict_refuses_them(cli, project):
    root = project(care=clean(**{"  by:\n    - Jane Roe, MD\n": "  status: sample\n"}))
    result = run(cli, root, "--strict")
    assert result.exit_code == 1
    assert "warning: content/care.yaml:15: not-reviewed: review.status: not yet reviewed by a clinician (status: sample)" in result.output


def test_allow_unreviewed_keeps_the_finding_as_information(cli, project):
    root = project(care=clean(**{"  by:\n    - Jane Roe, MD\n": "  status: draft\n"}))
    result = run(cli, root, "--strict", "--allow-unreviewed")
    assert result.exit_code == 0, result.output
    assert "info: content/care.yaml:15: not-reviewed: review.status: not yet reviewed by a clinician (status: draft)" in result.output


# -- readability ---------------------------------------------------------------

HARD = "Gestational hypertension necessitates comprehensive antepartum surveillance, including laboratory evaluations."


def test_hard_english_is_an_error_at_its_hardest_sentence(cli, project):
    root = project(care=clean(**{"Drink water.": HARD}))
    result = run(cli, root, "--locale", "en")
    assert result.exit_code == 1
    assert "error: content/care.yaml:10: readability: Flesch-Kincaid grade" in result.output
    assert 'hardest: content/care.yaml:10: Flesch-Kincaid grade' in result.output


def test_english_thresholds_come_from_handout_toml(cli, project):
    root = project(care=clean(**{"Drink water.": HARD}))
    write(root / "handout.toml", "[check]\nenglish_grade_warn = 19\nenglish_grade_error = 20\n")
    assert "readability" not in {i["code"] for i in issues(cli, root, "--locale", "en")}
    write(root / "handout.toml", "[check]\nenglish_grade_warn = 1\nenglish_grade_error = 20\n")
    assert [i["level"] for i in issues(cli, root, "--locale", "en") if i["code"] == "readability"] == ["warning"]


def test_hard_spanish_is_an_error_in_its_catalog(cli, spanish):
    root = spanish()
    po = root / "locales/es/LC_MESSAGES/content/care.po"
    fill(po, lambda msgid: "La hipertensión gestacional necesita vigilancia prenatal exhaustiva y evaluaciones de laboratorio periódicas.")
    found = [i for i in issues(cli, root, "--locale", "es") if i["code"] == "readability"]
    assert [(i["level"], i["locale"], i["location"].split(":")[0]) for i in found] == [("error", "es", "locales/es/LC_MESSAGES/content/care.po")]
    write(root / "handout.toml", "[check]\nspanish_fernandez_huerta_warn = -500\nspanish_fernandez_huerta_error = -500\n")
    assert "readability" not in {i["code"] for i in issues(cli, root, "--locale", "es")}


def test_readability_waits_for_a_complete_translation(cli, spanish):
    root = spanish()
    fill(root / "locales/es/LC_MESSAGES/content/care.po", lambda msgid: "" if msgid == "Drink water." else "Lo " + msgid)
    data = json.loads(run(cli, root, "--format", "json").output)
    assert data["handouts"][0]["readability"]["es"] is None
    assert "readability-skipped" in {i["code"] for i in data["handouts"][0]["issues"]}


# -- translations --------------------------------------------------------------


def test_missing_fuzzy_and_broken_translations(cli, spanish):
    root = spanish()
    po = root / "locales/es/LC_MESSAGES/content/care.po"
    fill(po, lambda msgid: {"Drink water.": "", "Walk every day.": "Camine 2 veces."}.get(msgid, "Lo " + msgid))
    text = po.read_text(encoding="utf-8").replace('msgid "Eat well and sleep well."', '#, fuzzy\nmsgid "Eat well and sleep well."')
    po.write_text(text, encoding="utf-8")
    found = {(i["code"], i["locale"]) for i in issues(cli, root)}
    assert {("translation-missing", "es"), ("translation-fuzzy", "es"), ("translation-broken", "es")} <= found


def test_obsolete_entries_warn(cli, spanish):
    root = spanish()
    po = root / "locales/es/LC_MESSAGES/content/care.po"
    po.write_text(po.read_text(encoding="utf-8") + '\n#~ msgid "Old text."\n#~ msgstr "Texto viejo."\n', encoding="utf-8")
    found = [i for i in issues(cli, root) if i["code"] == "translation-obsolete"]
    assert [(i["level"], i["location"]) for i in found] == [("warning", f"locales/es/LC_MESSAGES/content/care.po:{po.read_text().count(chr(10)) - 1}")]


def test_a_catalog_behind_its_content_is_outdated_both_ways(cli, spanish):
    root = spanish()
    write(root / "content/care.yaml", clean(**{"Drink water.": "Drink a glass of water."}))
    found = [(i["code"], i["location"].split(":")[0]) for i in issues(cli, root) if i["code"].endswith("outdated")]
    assert ("catalog-outdated", "content/care.yaml") in found  # the new English is not in the catalog
    assert ("catalog-outdated", "locales/es/LC_MESSAGES/content/care.po") in found  # the old one still is
    assert ("template-outdated", "locales/content/care.pot") in found
    i18n.extract(root)
    i18n.update(root)
    assert {c for c, _ in [(i["code"], 0) for i in issues(cli, root)]} & {"catalog-outdated", "template-outdated"} == set()


def test_a_missing_catalog(cli, spanish):
    root = spanish()
    (root / "locales/es/LC_MESSAGES/content/care.po").unlink()
    assert "catalog-missing" in {i["code"] for i in issues(cli, root)}


def test_a_malformed_catalog_is_reported_at_its_line(cli, spanish):
    root = spanish()
    po = root / "locales/es/LC_MESSAGES/content/care.po"
    po.write_text(po.read_text(encoding="utf-8") + "\nmsgstr Notez\n", encoding="utf-8")
    result = run(cli, root)
    assert result.exit_code == 1 and "catalog-malformed" in result.output and "Traceback" not in result.output


def test_an_untranslated_related_title(cli, spanish):
    root = spanish(care=clean() + "related:\n  - walks\n", walks=clean("walks", "Walks"))
    fill(root / "locales/es/LC_MESSAGES/content/walks.po", lambda msgid: "" if msgid == "Walks" else "Lo " + msgid)
    found = [i for i in issues(cli, root) if i["code"] == "related-title-untranslated"]
    assert [(i["location"], i["locale"]) for i in found] == [("content/care.yaml:18", "es")]


def test_catalogs_of_deleted_handouts(cli, spanish):
    root = spanish(care=clean(), gone=clean("gone"))
    (root / "content/gone.yaml").unlink()
    found = sorted(i["location"] for i in issues(cli, root) if i["code"] == "catalog-orphan")
    assert found == ["locales/content/gone.pot", "locales/es/LC_MESSAGES/content/gone.po"]


@pytest.mark.parametrize(
    "revised, code",
    [("2026-11-26", "revision-date-future"), ("2020-01-01", "revision-date-stale"), (TODAY, None)],
)
def test_revision_dates(cli, spanish, revised, code):
    root = spanish()
    po = root / "locales/es/LC_MESSAGES/content/care.po"
    fill(po, revised=revised)
    found = [i for i in issues(cli, root) if i["code"].startswith("revision-date")]
    assert [i["code"] for i in found] == ([code] if code else [])
    if code:
        line = next(n for n, text in enumerate(po.read_text().split("\n"), 1) if text.startswith('"PO-Revision-Date'))
        assert found[0]["location"] == f"locales/es/LC_MESSAGES/content/care.po:{line}"


def test_a_revision_date_on_the_day_the_template_changed_is_fine(cli, spanish):
    root = spanish()
    fill(root / "locales/es/LC_MESSAGES/content/care.po", revised="2026-11-20")  # the template changed at 10:00, the translation at 09:00
    assert not [i for i in issues(cli, root) if i["code"].startswith("revision-date")]


# -- output --------------------------------------------------------------------


def test_json_schema(cli, spanish):
    root = spanish()
    result = run(cli, root, "--format", "json")
    data = json.loads(result.output)
    assert set(data) == {"schema", "today", "strict", "locales", "exit_code", "counts", "handouts", "project_issues"}
    assert (data["schema"], data["today"], data["strict"], data["locales"], data["exit_code"]) == (1, TODAY, False, ["en", "es"], 0)
    assert set(data["counts"]) == {"error", "warning", "info"}
    (handout,) = data["handouts"]
    assert set(handout) == {"id", "file", "readability", "issues"}
    assert (handout["id"], handout["file"]) == ("care", "content/care.yaml")
    english = handout["readability"]["en"]
    assert set(english) == {"words", "sentences", "syllables", "polysyllables", "scores", "hardest"}
    assert set(english["scores"]) == {"flesch_kincaid_grade", "smog"}
    assert set(handout["readability"]["es"]["scores"]) == {"fernandez_huerta", "szigriszt_pazos"}
    assert (english["words"], english["sentences"]) == (22, 5)
    assert set(english["hardest"][0]) == {"location", "text", "words", "syllables", "score"}
    assert len(english["hardest"]) == 3


def test_json_issue_shape(cli, project):
    root = project(care=clean(**{"references:\n  - A reference.\n": ""}))
    data = json.loads(run(cli, root, "--format", "json").output)
    assert data["handouts"][0]["issues"] == [
        {"level": "warning", "locale": None, "location": "content/care.yaml", "code": "no-reference", "message": "references: none given; cite the guideline the advice comes from"}
    ]
    assert data["counts"] == {"error": 0, "warning": 1, "info": 0}


def test_only_the_handouts_named(cli, project):
    root = project(care=clean(), walks=clean("walks", "Walks"))
    data = json.loads(run(cli, root, "walks", "--format", "json").output)
    assert [h["id"] for h in data["handouts"]] == ["walks"]


# -- [check] in handout.toml ----------------------------------------------------


def test_check_table_is_read(tmp_path):
    from handout.config import CheckConfig, load_config

    write(tmp_path / "handout.toml", "[check]\nenglish_grade_warn = 5.5\nreview_error_months = 48\n")
    assert load_config(tmp_path).check == CheckConfig(english_grade_warn=5.5, review_error_months=48)


def test_check_table_problems_are_located(tmp_path):
    from handout.config import load_config
    from handout.errors import ProjectError

    write(
        tmp_path / "handout.toml",
        """\
        [check]
        english_grade_warn = "six"
        review_warn_months = 2.5
        readability = 3
        spanish_fernandez_huerta_warn = 50
        """,
    )
    with pytest.raises(ProjectError) as error:
        load_config(tmp_path)
    assert str(error.value).splitlines() == [
        "handout.toml:2: check.english_grade_warn: must be a number; found 'six'",
        "handout.toml:3: check.review_warn_months: must be a whole number of months, at least 1; found 2.5",
        "handout.toml:4: check.readability: unknown key; allowed: english_grade_warn, english_grade_error, spanish_fernandez_huerta_warn, spanish_fernandez_huerta_error, review_warn_months, review_error_months",
        "handout.toml:5: check.spanish_fernandez_huerta_warn: spanish_fernandez_huerta_warn is 50 and spanish_fernandez_huerta_error is 60: the warning must come before the error",
    ]


# -- no ReportLab ------------------------------------------------------------------


def test_check_never_imports_reportlab(spanish):
    root = spanish()
    code = textwrap.dedent(
        f"""
        import sys
        from click.testing import CliRunner
        from handout.cli import main
        result = CliRunner().invoke(main, ["check", "--project", {str(root)!r}, "--today", "{TODAY}"])
        assert result.exit_code == 0, result.output
        print(sorted(m for m in sys.modules if m.split(".")[0] == "reportlab"))
        """
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_stats_count_an_untranslated_related_title_as_missing(spanish):
    from handout.i18n import stats

    root = spanish(care=clean() + "related:\n  - walks\n", walks=clean("walks", "Walks"))
    fill(root / "locales/es/LC_MESSAGES/content/walks.po", lambda msgid: "" if msgid == "Walks" else "Lo " + msgid)
    missing = {row.name: row.missing for row in stats(root)}
    assert (missing["care"], missing["walks"]) == (1, 1)


def test_text_report_groups_by_handout_with_a_line_per_language(cli, spanish):
    root = spanish(care=clean(**{"references:\n  - A reference.\n": ""}), walks=clean("walks", "Walks"))
    lines = run(cli, root).output.splitlines()
    assert lines[0] == "care"
    assert lines[1] == "  warning: content/care.yaml: no-reference: references: none given; cite the guideline the advice comes from"
    assert lines[2] == "  en: 22 words, 5 sentences, Flesch-Kincaid grade 0.6, SMOG 5.7: 0 errors, 1 warning"
    assert lines[3].startswith('    hardest: content/care.yaml:3: Flesch-Kincaid grade 0.6, 7 words: "You can take care of your body."')
    assert [line for line in lines if not line.startswith(" ")] == [
        "care", "walks", "check passed: 2 handouts in en, es: 0 errors, 1 warning, 0 info",
    ]


def test_a_handout_that_does_not_load_has_no_readability(cli, project):
    data = json.loads(run(cli, project(care=clean(**{"bullets:": "bulets:"})), "--format", "json").output)
    assert data["handouts"][0]["readability"] == {"en": None}
    assert data["exit_code"] == 1


def test_a_locale_folder_in_a_script_the_fonts_lack_is_an_error(cli, spanish):
    root = spanish()
    (root / "locales/es").rename(root / "locales/he")
    result = run(cli, root, "--locale", "he")
    assert result.exit_code == 1
    assert "error: locales/he/: locale-unprintable: 'he' cannot be printed: the handout fonts have no Hebrew characters" in result.output
