"""Key points, when to call, lines to write on, questions and review status: layout, PDF text,
translation, build rules. The fixture in tests/data/guidance is a sample-sized handout."""

import shutil
from pathlib import Path

import pytest
from conftest import DATA, minimal, pdf_text
from pypdf import PdfReader
from reportlab.platypus import KeepTogether, Table

from handout.blocks import Marker
from handout.boxes import Box
from handout.fonts import load_fonts
from handout.layout import Heading, layout_handout
from handout.load import load_handout
from handout.model import Location, Text
from handout.styles import make_styles
from handout.translate import SourceText

LEVELS = ["Call 911", "Call your provider now or go to the hospital", "Call your provider within a day"]


@pytest.fixture
def guidance(tmp_path: Path) -> Path:
    root = tmp_path / "guidance"
    shutil.copytree(DATA / "guidance", root)
    return root


def pages(pdf: Path) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages]


def set_status(root: Path, status: str | None, by: str = "") -> None:
    path = root / "content/guided.yaml"
    text = path.read_text(encoding="utf-8").replace("  status: sample\n", f"  status: {status}\n" if status else "")
    path.write_text(text + by, encoding="utf-8")


def test_key_points_and_when_to_call_come_first_in_order_on_page_1(cli, guidance):
    result = cli("build", "--project", guidance, "--locale", "en")
    assert result.exit_code == 0, result.output
    first = pages(guidance / "dist/en/guided.pdf")[0]
    order = ["Key points", "Check your blood sugar 4 times a day.", "When to get help", *LEVELS, "Your numbers"]
    positions = [first.index(label) for label in order]
    assert positions == sorted(positions)
    assert first.index("You have trouble breathing.") < first.index(LEVELS[1])  # each sign under its own level


def test_blanks_print_the_config_value_or_a_line_and_warn_about_an_unset_value(cli, guidance):
    result = cli("build", "--project", guidance, "--locale", "en")
    text = " ".join(pdf_text(guidance / "dist/en/guided.pdf").split())
    assert "Your fasting blood sugar target: mg/dL" in text
    assert "Labor and delivery unit phone: 555-0199" in text
    assert "Diabetes educator phone:" in text
    assert result.stderr.splitlines() == [
        "warning: content/guided.yaml:28: sections[0].blocks[1].blanks[2].value: 'educator_phone' is not set in [values] of handout.toml: an empty line to write on is printed"
    ]
    (guidance / "handout.toml").write_text('[values]\nlabor_phone = "555-0199"\neducator_phone = "555-0123 ext. 4"\n')
    result = cli("build", "--project", guidance, "--locale", "en")
    assert result.stderr == ""
    assert "Diabetes educator phone: 555-0123 ext. 4" in " ".join(pdf_text(guidance / "dist/en/guided.pdf").split())


def test_questions_come_after_the_sections_with_lines_to_write_on(cli, guidance):
    cli("build", "--project", guidance, "--locale", "en")
    text = " ".join(pdf_text(guidance / "dist/en/guided.pdf").split())
    assert text.index("Diabetes educator phone") < text.index("Questions to ask your provider • How often should I check my sugar? • Do I need medicine?")
    assert text.index("Write your own questions here:") < text.index("Medical disclaimer")


@pytest.mark.parametrize(
    ("status", "notice"),
    [("sample", "Sample handout: not yet reviewed by a clinician"), ("draft", "Draft: not yet reviewed by a clinician")],
)
def test_an_unapproved_handout_says_so_on_every_page_and_never_claims_a_review(cli, guidance, status, notice):
    set_status(guidance, status)
    cli("build", "--project", guidance, "--locale", "en")
    texts = pages(guidance / "dist/en/guided.pdf")
    assert len(texts) >= 2
    assert all(notice in page for page in texts)
    assert texts[-1].count(notice) == 2  # the back matter says it too
    assert "Reviewed" not in " ".join(texts)


def test_the_notice_is_never_shortened_in_large_print(cli, guidance):
    """The Spanish notice is wider than the foot has room for at 13 pt: it runs on to a second line."""
    result = cli("build", "--project", guidance, "--locale", "es", "--edition", "large-print")
    assert result.exit_code == 0, result.output
    notice = "Hoja de ejemplo: todavía no la ha revisado un profesional clínico"
    texts = pages(guidance / "dist/es/large-print/guided.pdf")
    assert all(notice in page and "\u2026" not in page for page in texts)


def test_an_approved_handout_prints_its_review_and_no_notice(cli, guidance):
    set_status(guidance, "approved", by="  by: [\"Jane Roe, MD\"]\n")
    cli("build", "--project", guidance, "--locale", "en")
    text = " ".join(pdf_text(guidance / "dist/en/guided.pdf").split())
    assert "Reviewed on March 14, 2025 by Jane Roe, MD" in text
    assert "not yet reviewed" not in text


def test_require_approved_refuses_the_others_with_a_located_problem(cli, guidance):
    (guidance / "content/ok.yaml").write_text(minimal("ok"), encoding="utf-8")
    result = cli("build", "--project", guidance, "--locale", "en", "--require-approved")
    assert result.exit_code == 1
    assert (guidance / "dist/en/ok.pdf").is_file() and not (guidance / "dist/en/guided.pdf").exists()
    assert "error: guided was not built:" in result.stderr.splitlines()
    assert (
        "  content/guided.yaml:33: review.status: is 'sample', and --require-approved builds only handouts "
        "a clinician approved (status: approved, with review.by)"
    ) in result.stderr.splitlines()
    assert result.stdout.startswith("built 1, up to date 0, failed 1")
    assert cli("build", "--project", guidance, "--locale", "en").exit_code == 0


def test_spanish_catalogs_translate_every_new_part(cli, guidance):
    result = cli("build", "--project", guidance, "--locale", "es")
    assert result.exit_code == 0, result.output
    text = pages(guidance / "dist/es/guided.pdf")
    first = text[0]
    for expected in [
        "Puntos clave",
        "Mídase el azúcar en la sangre 4 veces al día.",
        "Cuándo pedir ayuda",
        "Llame al 911",
        "Se desmaya o no puede despertarse.",
        "Llame a su proveedor ahora o vaya al hospital",
        "Llame a su proveedor en el plazo de un día",
        "Su meta de azúcar en ayunas: mg/dL",
        "Teléfono de la unidad de parto: 555-0199",
    ]:
        assert expected in first
    assert all("Hoja de ejemplo: todavía no la ha revisado un profesional clínico" in page for page in text)
    rest = " ".join(text)
    assert "Preguntas para su proveedor • ¿Cada cuánto debo medirme el azúcar?" in rest
    assert "Escriba aquí sus otras preguntas:" in rest


def test_a_missing_translation_of_a_warning_sign_is_reported_at_its_line(cli, guidance):
    po = guidance / "locales/es/LC_MESSAGES/content/guided.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Le cuesta respirar."', 'msgstr ""'), encoding="utf-8")
    result = cli("build", "--project", guidance, "--locale", "es")
    assert result.exit_code == 1
    assert any(
        line.startswith('  content/guided.yaml:15: es: missing translation of "You have trouble breathing."')
        for line in result.stderr.splitlines()
    )


def laid_out(guidance: Path, values: dict[str, Text] | None = None):
    handout = load_handout(guidance / "content/guided.yaml", "content/guided.yaml")
    fonts = load_fonts()
    return layout_handout(handout, (), SourceText(), fonts, make_styles(fonts), values)


def cell(table: Table, column: int):
    """The flowable in the first row's cell (a wrapped table holds each cell's flowables in a tuple)."""
    value = table._cellvalues[0][column]
    return value[0] if isinstance(value, (list, tuple)) else value


def test_when_to_call_is_one_block_kept_together_most_urgent_first(guidance):
    story = laid_out(guidance).story
    (block,) = [f for f in story if isinstance(f, KeepTogether) and isinstance(f._content[0], Heading)
                and f._content[0].outline == ("When to get help", "when-to-call")]
    levels = block._content[1:]
    assert all(isinstance(t, Table) for t in levels)
    labels = [cell(t, 1).getPlainText() for t in levels]
    assert labels == LEVELS
    # Told apart without colour: a different marker and border on each level, the label repeated on a split.
    assert [cell(t, 0).shape for t in levels] == ["square", "triangle", "circle"]
    assert all(isinstance(cell(t, 0), Marker) and t.repeatRows == 1 for t in levels)
    borders = [next(c for c in t._linecmds if c[0] == "BOX") for t in levels]
    assert len({(c[3], c[6] if len(c) > 6 else None) for c in borders}) == 3


def test_filled_values_reach_the_glyph_check(guidance):
    value = Text("555-0199", Location("handout.toml", 2))
    generated = laid_out(guidance, {"labor_phone": value, "unused": Text("x", Location("handout.toml", 3))}).generated
    assert value in generated and all(t.value != "x" for t in generated)


def test_a_when_to_call_block_taller_than_a_page_flows_from_where_it_starts(cli, project):
    signs = "".join(f"    - A warning sign written out at some length so that it wraps over two lines, number {i}.\n" for i in range(45))
    text = minimal("big").replace("sections:", "when_to_call:\n  call_911:\n" + signs + "  call_now: [Now]\nsections:")
    root = project(big=text)
    result = cli("build", "--project", root)
    assert result.exit_code == 0, result.output
    texts = pages(root / "dist/en/big.pdf")
    assert "When to get help Call 911" in texts[0] and "number 0." in texts[0]  # not pushed to page 2
    assert "Call 911" in texts[1] and "number 44." not in texts[0]  # the label repeats on the next page


def test_new_labels_come_from_the_interface_catalog_and_a_missing_one_is_named(cli, guidance):
    french = guidance / "locales/fr/LC_MESSAGES"
    french.mkdir(parents=True)
    shutil.copy(DATA / "i18n/locales/fr/LC_MESSAGES/handout.po", french / "handout.po")
    result = cli("build", "--project", guidance, "--locale", "fr", "--allow-fallback")
    assert result.exit_code == 0, result.output
    texts = pages(guidance / "dist/fr/guided.pdf")
    for label in ["Points clés", "Quand demander de l'aide", "Appelez le 911", "Appelez votre soignant tout de suite ou allez à l'hôpital",
                  "Appelez votre soignant dans la journée", "Questions à poser à votre soignant", "Notez ici vos autres questions :"]:
        assert label in " ".join(texts)
    assert all("Fiche d'exemple : pas encore relue par un clinicien" in page for page in texts)
    po = french / "handout.po"
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Appelez le 911"', 'msgstr ""'), encoding="utf-8")
    result = cli("build", "--project", guidance, "--locale", "fr")
    assert result.exit_code == 1
    assert 'fr: missing translation of "Call 911"' in result.stderr


def test_a_value_the_fonts_cannot_draw_is_refused_at_its_line_in_handout_toml(cli, guidance):
    (guidance / "handout.toml").write_text('[values]\nlabor_phone = "\u260e 555-0199"\n', encoding="utf-8")
    result = cli("build", "--project", guidance, "--locale", "en")
    assert result.exit_code == 1
    assert any(line.strip().startswith("handout.toml:2:") and "U+260E" in line for line in result.stderr.splitlines()), result.stderr


def test_key_points_are_a_titled_box_right_after_the_summary(guidance):
    story = laid_out(guidance).story
    box = story[2]
    assert isinstance(box, Box)
    parts = box.parts
    assert [p.getPlainText() for p in parts] == ["Key points", "Check your blood sugar 4 times a day.", "Eat 3 meals and 2 or 3 snacks.", "Walk after meals."]
