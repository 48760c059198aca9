"""Built PDFs read back with pypdf: fonts, metadata, furniture, outline, links, determinism."""


import os
import subprocess
import sys

import pytest
from conftest import EDGE, drawn_bounds, minimal, pdf_fonts, pdf_text
from pypdf import PdfReader

from handout import __version__
from handout.build import BuildOptions, build

BASE14 = {
    "Courier", "Courier-Bold", "Courier-Oblique", "Courier-BoldOblique", "Helvetica", "Helvetica-Bold",
    "Helvetica-Oblique", "Helvetica-BoldOblique", "Times-Roman", "Times-Bold", "Times-Italic",
    "Times-BoldItalic", "Symbol", "ZapfDingbats",
}

RICH = """\
id: rich
title: Rich <b>handout</b> & co
summary: Summary with AT&T, a<b and <font color="red">markup</font> as text.
also_called: [Other name, Ŵeird Ĉharacters]
sections:
  - heading: First section
    blocks:
      - Visit [our site](https://example.org/rich) or call [the nurse](tel:5550142).
      - terms:
          - {term: Cerclage, text: A stitch.}
      - callout: {kind: urgent, title: Call now, text: If you bleed.}
  - heading: Second section
    blocks:
      - steps: [One, Two]
references: ["Ref A. Journal. 2020;1:1-2."]
review: {date: 2025-03-14, by: ["Jane Roe, MD"]}
source: {publisher: Riverside Clinic, url: "https://example.org/rich"}
"""


def long_handout(handout_id: str, sections: int = 30) -> str:
    """Sections of varied length, so that some heading falls near the foot of some page."""
    body = "\n".join(
        f"""\
  - heading: Heading number {n}
    blocks:
      - {"Words that fill the page and wrap onto many lines. " * (n % 7 + 1)}
      - bullets: [Point one of {n}, Point two of {n}, Point three of {n}]"""
        for n in range(1, sections + 1)
    )
    return f"id: {handout_id}\ntitle: Long handout\nsummary: Long.\nsections:\n{body}\nreview: {{date: 2025-03-14, by: [Jane Roe]}}\n"


@pytest.fixture
def built(project, tmp_path):
    root = project(rich=RICH, long=long_handout("long"))
    report = build(BuildOptions(project=root, jobs=1))
    assert report.exit_code == 0, [str(p) for r in report.failed for p in r.problems]
    return root / "dist" / "en"


def test_only_embedded_bundled_fonts(built):
    for pdf in built.glob("*.pdf"):
        names = pdf_fonts(pdf)
        assert {n.split("+")[-1].lstrip("/") for n in names}.isdisjoint(BASE14)
        for page in PdfReader(pdf).pages:
            for font in page["/Resources"]["/Font"].values():
                descriptor = font.get_object()["/FontDescriptor"]
                assert "/FontFile2" in descriptor, font
    # Ĉ and Ŵ are not in Atkinson Hyperlegible: the fallback family draws them.
    assert any("FiraSans" in n for n in pdf_fonts(built / "rich.pdf"))
    assert "Ŵeird Ĉharacters" in pdf_text(built / "rich.pdf")


def test_markup_like_text_prints_literally(built):
    text = pdf_text(built / "rich.pdf")
    assert "Rich <b>handout</b> & co" in text
    assert 'AT&T, a<b and <font color="red">markup</font> as text.' in text


def test_metadata_and_language(built):
    reader = PdfReader(built / "rich.pdf")
    meta = reader.metadata
    assert meta.title == "Rich <b>handout</b> & co"
    assert meta.subject.startswith("Summary with AT&T")
    assert meta.author == "Riverside Clinic"
    assert meta.creator == f"handout {__version__}"
    assert reader.trailer["/Root"]["/Lang"] == "en"
    assert str(meta["/CreationDate"]).startswith("D:20250314")


def test_outline_has_one_entry_per_section(built):
    outline = PdfReader(built / "rich.pdf").outline
    assert [item.title for item in outline] == ["First section", "Second section"]


def test_links_are_clickable_and_printed(built):
    reader = PdfReader(built / "rich.pdf")
    uris = [a.get_object()["/A"]["/URI"] for a in reader.pages[0].get("/Annots", [])]
    assert "https://example.org/rich" in uris and "tel:5550142" in uris
    assert "our site (example.org/rich)" in pdf_text(built / "rich.pdf")


def test_every_part_of_the_handout_is_printed(built):
    text = " ".join(pdf_text(built / "rich.pdf").split())
    for expected in [
        "Other names: Other name; Ŵeird Ĉharacters",
        "Cerclage: A stitch.",
        "URGENT Call now If you bleed.",
        "1. One 2. Two",
        "References 1. Ref A. Journal. 2020;1:1-2.",
        "Reviewed on March 14, 2025 by Jane Roe, MD",
        "Source: Riverside Clinic, https://example.org/rich",
        "Medical disclaimer This handout gives general health information.",
    ]:
        assert expected in text


def test_page_n_of_m_title_and_language_on_every_page(built):
    pages = PdfReader(built / "long.pdf").pages
    assert len(pages) >= 3
    for number, page in enumerate(pages, 1):
        text = page.extract_text()
        assert f"Page {number} of {len(pages)}" in text
        assert "Long handout" in text and "English" in text


def _lines_with_y(page):
    found = []
    page.extract_text(visitor_text=lambda text, cm, tm, font, size: text.strip() and found.append((tm[5] * cm[3] + cm[5], text.strip(), size)))
    return found


def test_no_heading_alone_at_the_foot_of_a_page(built):
    for page in PdfReader(built / "long.pdf").pages:
        lines = [(y, text) for y, text, size in _lines_with_y(page) if 60 < y < 700]
        lowest = min(lines)[1]
        assert not lowest.startswith("Heading number"), lowest


def test_same_inputs_give_identical_bytes(project, tmp_path):
    root = project(rich=RICH)
    build(BuildOptions(project=root, out=tmp_path / "one", jobs=1))
    build(BuildOptions(project=root, out=tmp_path / "two", jobs=1))
    assert (tmp_path / "one/en/rich.pdf").read_bytes() == (tmp_path / "two/en/rich.pdf").read_bytes()


def test_a4_page_size(project):
    root = project(a=minimal("a"))
    build(BuildOptions(project=root, page_size="a4", jobs=1))
    box = PdfReader(root / "dist/en/a.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)
    build(BuildOptions(project=root, jobs=1))
    box = PdfReader(root / "dist/en/a.pdf").pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_heading_stays_with_a_box_and_fallback_letters_reach_the_furniture(project):
    # 20 lines put the heading at the foot of page 1 back when boxes were wrapped in KeepTogether.
    filler = "".join("      - Line that fills the page.\n" for _ in range(20))
    text = (
        "id: box\ntitle: Ελληνικά title\nsummary: Summary.\nsections:\n"
        f"  - heading: Intro\n    blocks:\n{filler}"
        "  - heading: Orphan candidate\n    blocks:\n      - callout: {kind: tip, text: A short box.}\n"
        'review: {date: 2025-03-14, by: ["A *", "B"]}\n'
        'source: {url: "https://en.wikipedia.org/wiki/Foo_(bar)"}\n'
    )
    root = project(box=text)
    assert build(BuildOptions(project=root, jobs=1)).exit_code == 0
    pdf = root / "dist/en/box.pdf"
    for page in PdfReader(pdf).pages:
        lines = [text for y, text, size in sorted(_lines_with_y(page)) if 60 < y < 700]
        assert lines[0] != "Orphan candidate"
    header_fonts = {str(f["/BaseFont"]) for page in PdfReader(pdf).pages for f in page["/Resources"]["/Font"].values()}
    assert any("FiraSans-Bold" in f for f in header_fonts)  # Greek in the bold title and running head
    text = " ".join(pdf_text(pdf).split())
    assert "Reviewed on March 14, 2025 by A *; B" in text
    assert "Source: https://en.wikipedia.org/wiki/Foo_(bar)" in text


def test_environment_does_not_change_the_bytes(project, tmp_path):
    root = project(rich=RICH)
    outputs = []
    for number, env in enumerate([{}, {"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "7"}]):
        out = tmp_path / f"out{number}"
        subprocess.run([sys.executable, "-m", "handout", "build", "--project", str(root), "--out", str(out)],
                       env={**os.environ, **env}, check=True, capture_output=True)
        outputs.append((out / "en/rich.pdf").read_bytes())
    assert outputs[0] == outputs[1]


def test_a_long_title_is_shortened_in_the_running_head(project):
    root = project(t=minimal("t", title="A title far too long for the running head " * 3))
    build(BuildOptions(project=root, jobs=1))
    head = PdfReader(root / "dist/en/t.pdf").pages[0].extract_text().split("\n")
    assert any(line.endswith("\u2026") or "\u2026" in line for line in head)


def test_nothing_drawn_leaves_the_text_frame(project):
    long_box = "      - callout: {kind: urgent, title: Long, text: " + "A long warning that runs on. " * 150 + "}\n"
    root = project(rich=RICH, long=long_handout("long", 8).replace("    blocks:\n", "    blocks:\n" + long_box, 1))
    assert build(BuildOptions(project=root, jobs=1)).exit_code == 0
    margin = 0.8 * 72
    for pdf in (root / "dist/en").glob("*.pdf"):
        for page, left, bottom, right, top in drawn_bounds(pdf):
            assert left >= margin - EDGE and right <= 612 - margin + EDGE, (pdf.name, page, left, right)
            assert bottom >= 0 and top <= 792


def test_a_heading_keeps_with_the_first_lines_of_a_long_paragraph_not_the_whole_of_it(project):
    sentence = "Your body needs more iron while you are pregnant, so take your vitamin every day. "
    words = (sentence * 60)[:4200].rsplit(" ", 1)[0]
    text = minimal("long").replace("A plain paragraph about it.", f"{words} Last words here.")
    root = project(long=text)
    assert build(BuildOptions(project=root, jobs=1)).exit_code == 0
    reader = PdfReader(root / "dist/en/long.pdf")
    first, second = (" ".join(page.extract_text().split()) for page in reader.pages[:2])
    assert "What is it? Your body needs more iron" in first  # the heading and the paragraph start on page 1
    assert "Last words here." in second and "What is it?" not in second
    assert [item.title for item in reader.outline] == ["What is it?"]  # the bookmark rides along


def test_a_lead_in_ending_in_a_colon_stays_with_what_it_introduces(project):
    sections = "\n".join(
        f"""\
  - heading: Heading number {n}
    blocks:
      - {"Words that fill the page and wrap onto many lines. " * (n % 5 + 1)}
      - "Here is what to do, number {n}:"
      - bullets: [First item of {n}, Second item of {n}]"""
        for n in range(1, 31)
    )
    text = f"id: lead\ntitle: Lead-ins\nsummary: Lead-ins.\nsections:\n{sections}\nreview: {{date: 2025-03-14, by: [Jane Roe]}}\n"
    root = project(lead=text)
    assert build(BuildOptions(project=root, jobs=1)).exit_code == 0
    pages = PdfReader(root / "dist/en/lead.pdf").pages
    for page in pages[:-1]:
        lowest = min((y, text) for y, text, _ in _lines_with_y(page) if 60 < y < 700)[1]
        assert not lowest.endswith(":"), lowest
    texts = [page.extract_text() for page in pages]
    for n in range(1, 31):
        (where,) = [i for i, t in enumerate(texts) if f"what to do, number {n}:" in t]
        assert f"First item of {n}" in texts[where]
