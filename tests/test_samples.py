"""The sample handouts shipped in content/ and locales/: complete, in sync, and printed right in both languages."""

import shutil

import pytest
from conftest import REPO, pdf_text
from pypdf import PdfReader

from handout.build import BuildOptions, build
from handout.i18n import stats
from handout.load import load_project
from handout.model import Blanks, Bullets, Callout, Paragraph, Steps, Terms


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    report = build(BuildOptions(project=REPO, out=out))
    assert report.exit_code == 0, [str(p) for r in report.failed for p in r.problems]
    return out


def test_samples_load_and_use_every_block_and_callout_kind():
    project = load_project(REPO)
    assert project.broken == {}
    assert len(project.handouts) >= 6
    blocks = [b for h in project.handouts.values() for s in h.sections for b in s.blocks]
    assert {type(b) for b in blocks} == {Paragraph, Bullets, Steps, Terms, Callout, Blanks}
    assert {b.kind for b in blocks if isinstance(b, Callout)} == {"urgent", "important", "tip"}
    for handout in project.handouts.values():
        assert handout.references, handout.id
        assert 3 <= len(handout.key_points) <= 5 and handout.when_to_call and handout.questions, handout.id
        # Nobody reviewed the samples: they must say so rather than name a reviewer.
        assert handout.review.status == "sample" and not handout.review.by, handout.id


def test_spanish_catalogs_are_complete():
    rows = stats(REPO)
    assert {r.locale for r in rows} == {"es"}
    assert [r for r in rows if r.fuzzy or r.missing or r.broken] == []


def test_catalogs_are_in_sync_with_the_content(cli, tmp_path):
    copy = tmp_path / "repo"
    for part in ("content", "locales"):
        shutil.copytree(REPO / part, copy / part)
    assert cli("i18n", "extract", "--project", copy).stdout.startswith("0 template(s) changed")
    assert cli("i18n", "update", "--project", copy).stdout.startswith("0 catalog(s) changed")


def test_spanish_pdfs_are_all_spanish(built):
    for pdf in sorted((built / "es").glob("*.pdf")):
        reader = PdfReader(pdf)
        text = " ".join(pdf_text(pdf).split())
        assert reader.trailer["/Root"]["/Lang"] == "es"
        pages = len(reader.pages)
        assert f"Página 1 de {pages}" in text and "Español" in text
        assert "Aviso importante En esta hoja encontrará información general sobre la salud." in text
        assert "Hoja de ejemplo: todavía no la ha revisado un profesional clínico" in text
        assert "Revisado el" not in text and "Handout Project" not in text.partition("Fuente:")[0]
        assert "Traducción actualizada el" in text
        assert "¿" in text
        # References are printed as written (English titles); everything else must be Spanish.
        before, found, rest = text.partition("Referencias (en inglés) ")
        assert found, pdf.name
        patient_text = before + rest[rest.index("Traducción actualizada el") :]
        for english in ("Page ", "Reviewed", "Sample handout", "Other names", "References", "Medical disclaimer", "Related handouts", "Key points", "When to get help", "Questions to ask", " the ", " your ", " and "):
            assert english not in patient_text, (pdf.name, english)


def test_english_and_spanish_exist_for_every_sample(built):
    names = {p.name for p in (REPO / "content").glob("*.yaml")}
    assert {p.stem + ".yaml" for p in (built / "en").glob("*.pdf")} == names
    assert {p.stem + ".yaml" for p in (built / "es").glob("*.pdf")} == names


def test_key_points_and_when_to_call_land_on_page_1_or_2(built):
    """What matters most comes first in every sample that has it, in both languages."""
    labels = {"en": ("Key points", "When to get help"), "es": ("Puntos clave", "Cuándo pedir ayuda")}
    for handout in load_project(REPO).handouts.values():
        for locale, (key, call) in labels.items():
            pages = [" ".join(p.extract_text().split()) for p in PdfReader(built / locale / f"{handout.id}.pdf").pages]
            if handout.key_points:
                assert key in pages[0], (locale, handout.id)
            if handout.when_to_call:
                assert call in " ".join(pages[:2]), (locale, handout.id)
