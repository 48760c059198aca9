"""Every edition and print profile built from the sample handouts, read back from the PDFs.

One module-wide build (a copy of the samples with a clinic, its logo and a
short URL) in every edition, office and press, and the duplex bilingual.
"""

import re
import shutil
from collections import Counter

import pypdfium2
import pytest
import zxingcpp
from conftest import EDGE, REPO, drawn_bounds, pdf_fonts, write
from PIL import Image
from pypdf import PdfReader

from handout.build import BuildOptions, build

BASE14 = re.compile(r"(Courier|Helvetica|Times|Symbol|ZapfDingbats)")
CLINIC = """\
[project]
editions = ["standard", "large-print", "bilingual"]

[clinic]
name = "Riverside Family Clinic"
address = "12 Main Street, Springfield"
phone = "555-0142"
website = "https://riverside.example"
logo = "assets/logo.png"
short_url = "https://riverside.example/h/{lang}/{id}"
"""
MM = 72 / 25.4


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    root = tmp_path_factory.mktemp("samples")
    for folder in ("content", "locales"):
        shutil.copytree(REPO / folder, root / folder)
    (root / "assets").mkdir()
    logo = Image.new("RGB", (300, 120), "white")
    logo.paste((29, 95, 87), (10, 10, 110, 110))
    logo.save(root / "assets/logo.png")
    write(root / "handout.toml", CLINIC)
    outputs = {}
    for name, options in {
        "office": {},
        "press": {"profile": "press"},
        "duplex": {"editions": ("bilingual",), "duplex": True},
    }.items():
        report = build(BuildOptions(project=root, out=root / name, **options))
        assert report.exit_code == 0, [str(p) for r in report.failed for p in r.problems]
        outputs[name] = root / name
    return outputs


def pages(pdf) -> int:
    return len(PdfReader(pdf).pages)


def test_every_edition_is_written_where_the_readme_says(samples):
    names = sorted(str(p.relative_to(samples["office"])) for p in samples["office"].rglob("*.pdf"))
    ids = sorted(p.stem for p in (REPO / "content").glob("*.yaml"))
    expected = [f"{folder}{i}.pdf" for folder in ("bilingual/en-es/", "en/", "en/large-print/", "es/", "es/large-print/") for i in ids]
    assert names == sorted(expected)


def test_page_counts_grow_with_large_print_and_never_waste_a_sheet(samples):
    for standard in (samples["office"] / "en").glob("*.pdf"):
        large = samples["office"] / "en/large-print" / standard.name
        assert pages(large) > pages(standard)
    for pdf in samples["office"].rglob("*.pdf"):
        last = PdfReader(pdf).pages[-1]
        lines = [y for y, _, _ in _lines(last)]
        # the last page holds more than a disclaimer: back matter went there only when the page before was full
        assert len(lines) > 8, pdf


def _lines(page):
    found = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: text.strip() and found.append((tm[5] * cm[3] + cm[5], text.strip(), size * tm[0])))
    return found


def test_only_bundled_fonts_in_every_edition_and_profile(samples):
    for folder in samples.values():
        for pdf in folder.rglob("*.pdf"):
            assert not any(BASE14.search(name) for name in pdf_fonts(pdf)), pdf
            for page in PdfReader(pdf).pages:
                for font in page["/Resources"].get("/Font", {}).values():
                    assert "/FontFile2" in font.get_object()["/FontDescriptor"]


def test_large_print_body_text_is_18_pt_or_more(samples):
    for pdf in (samples["office"] / "es/large-print").glob("*.pdf"):
        sizes = Counter(round(size, 1) for page in PdfReader(pdf).pages for _, _, size in _lines(page))
        body = sizes.most_common(1)[0][0]
        assert body >= 18, (pdf.name, sizes)
        # only the running head and page numbers are smaller
        assert sum(n for size, n in sizes.items() if size < 18) <= 6 * pages(pdf), sizes


def test_bilingual_puts_each_language_in_its_column(samples):
    pdf = samples["office"] / "bilingual/en-es/preterm-labor.pdf"
    document = pypdfium2.PdfDocument(pdf)
    page = document[0]
    width = page.get_size()[0]
    text = page.get_textpage()
    middle = width / 2
    left = text.get_text_bounded(0, 0, middle, 740)
    right = text.get_text_bounded(middle, 0, width, 740)
    assert "Preterm labor" in left and "Trabajo de parto" not in left
    assert "Trabajo de parto" in right and "Preterm labor is labor" not in right
    full = " ".join("".join(p.get_textpage().get_text_range() for p in document).split())
    assert "English / Español" in full
    assert "Medical disclaimer" in full and "Aviso importante" in full
    assert PdfReader(pdf).trailer["/Root"]["/Lang"] == "en"


def test_bilingual_rows_start_at_the_same_height(samples):
    pdf = PdfReader(samples["office"] / "bilingual/en-es/preterm-labor.pdf")
    for page in pdf.pages:
        lines = {text: y for y, text, _ in _lines(page)}
        english = [y for text, y in lines.items() if text.startswith("What is preterm labor?")]
        spanish = [y for text, y in lines.items() if text.startswith("¿Qué es el trabajo de parto")]
        if english:
            assert english == pytest.approx(spanish, abs=0.5)
            return
    raise AssertionError("heading not found")


def test_duplex_starts_each_language_on_a_front_page(samples):
    for pdf in (samples["duplex"] / "bilingual/en-es").glob("*.pdf"):
        texts = [page.extract_text() for page in PdfReader(pdf).pages]
        spanish = next(i for i, t in enumerate(texts) if "Página 1 de" in t)
        assert spanish % 2 == 0, pdf.name  # 0-based even: a front (odd-numbered) side
        english_pages = int(re.search(r"Page 1 of (\d+)", texts[0]).group(1))
        assert spanish == english_pages + english_pages % 2
        if english_pages % 2:
            assert texts[spanish - 1].strip() == ""  # the padding page is blank
        assert len(texts) % 2 == 0 or "Página" in texts[-1]


def test_press_pdfs_have_trim_and_bleed_boxes_and_only_cmyk(samples):
    for pdf in samples["press"].rglob("*.pdf"):
        reader = PdfReader(pdf)
        for page in reader.pages:
            edge = float(page.trimbox.left)
            width, height = float(page.trimbox.width), float(page.trimbox.height)
            assert (round(width), round(height)) == (612, 792)
            assert float(page.mediabox.width) == pytest.approx(width + 2 * edge)
            assert float(page.bleedbox.left) == pytest.approx(edge - 3 * MM)
            assert float(page.bleedbox.width) == pytest.approx(width + 6 * MM)
            operators = page.get_contents().get_data().decode("latin-1")
            assert not re.search(r"\b(rg|RG)\b", operators), pdf
            for image in page["/Resources"].get("/XObject", {}).values():
                image = image.get_object()
                if image.get("/Subtype") == "/Image":
                    assert image["/ColorSpace"] == "/DeviceCMYK"


def test_nothing_drawn_leaves_the_text_frame_in_any_edition_or_profile(samples):
    for profile, folder in samples.items():
        for pdf in folder.rglob("*.pdf"):
            margin = 1.0 * 72 if "large-print" in pdf.parts else 0.7 * 72 if "bilingual" in pdf.parts else 0.8 * 72
            edge = float(PdfReader(pdf).pages[0].trimbox.left)
            for number, left, bottom, right, top in drawn_bounds(pdf):
                if profile == "press" and (left < edge or right > edge + 612):
                    continue  # the crop marks, outside the trimmed page by design
                assert left >= edge + margin - EDGE and right <= edge + 612 - margin + EDGE, (pdf, number, left, right)


def _decoded(pdf) -> list[str]:
    """Every code found on the last two pages (the end block may start on the one before the last)."""
    document = pypdfium2.PdfDocument(pdf)
    pages = [document[i] for i in range(max(0, len(document) - 2), len(document))]
    return [r.text for page in pages for r in zxingcpp.read_barcodes(page.render(scale=300 / 72).to_pil())]


@pytest.mark.parametrize("name", ["en/preterm-labor.pdf", "es/large-print/gestational-diabetes.pdf"])
def test_qr_code_scans_back_to_the_printed_address(samples, name):
    lang, handout = name.split("/")[0], name.rsplit("/", 1)[1][:-4]
    url = f"https://riverside.example/h/{lang}/{handout}"
    for profile in ("office", "press"):
        assert _decoded(samples[profile] / name) == [url]
    text = "".join("".join(page.extract_text() for page in PdfReader(samples["office"] / name).pages).split())
    assert url in text  # printed beside the code (wrapped across lines)


def test_without_a_short_url_the_qr_code_opens_the_source(project):
    root = project(a="""\
id: a
title: A
summary: S.
sections: [{heading: H, blocks: [P.]}]
review: {date: 2025-03-14, by: [Jane Roe]}
source: {publisher: P, url: "https://example.org/a?x=1"}
""")
    assert build(BuildOptions(project=root, jobs=1)).exit_code == 0
    assert _decoded(root / "dist/en/a.pdf") == ["https://example.org/a?x=1"]


def test_clinic_name_and_phone_on_every_page(samples):
    for pdf in (samples["office"] / "es").glob("*.pdf"):
        for page in PdfReader(pdf).pages:
            assert "Riverside Family Clinic · 555-0142" in page.extract_text()


def test_every_edition_is_byte_identical_across_runs(samples, tmp_path):
    root = samples["office"].parent
    build(BuildOptions(project=root, out=tmp_path, handout_ids=("preterm-labor",), profile="press", editions=("bilingual", "large-print")))
    for name in ("bilingual/en-es/preterm-labor.pdf", "es/large-print/preterm-labor.pdf"):
        assert (tmp_path / name).read_bytes() == (samples["press"] / name).read_bytes()


def test_no_heading_alone_at_the_foot_of_a_page_in_any_edition(samples):
    from handout.styles import EDITIONS

    for pdf in samples["office"].rglob("*.pdf"):
        edition = "large-print" if "large-print" in pdf.parts else "bilingual" if "bilingual" in pdf.parts else "standard"
        heading = EDITIONS[edition].heading[0]
        margin = EDITIONS[edition].margin
        sizes = set()
        for number, page in enumerate(PdfReader(pdf).pages[:-1], 1):
            body = [(y, round(size, 1)) for y, _, size in _lines(page) if margin < y < 792 - margin]
            sizes |= {size for _, size in body}
            assert min(body)[1] != heading, (pdf, number)
        assert heading in sizes  # the test reads headings back at all
