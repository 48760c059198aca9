"""The layout as a value: flowables inspected without writing a PDF."""

from conftest import minimal
from reportlab.platypus import CondPageBreak, Table

from handout.fonts import load_fonts
from handout.layout import Heading, fill, layout_handout
from handout.load import load_project
from handout.marks import Span
from handout.styles import make_styles
from handout.translate import SourceText


def laid_out(project, text: str):
    handout = load_project(project(h=text)).handouts["h"]
    fonts = load_fonts()
    return layout_handout(handout, (), SourceText(), fonts, make_styles(fonts))


def with_callout(body: str) -> str:
    return minimal("h").replace("      - A plain paragraph about it.\n", f"      - callout: {{kind: important, text: {body}}}\n")


def test_small_boxes_never_split_and_huge_ones_may(project):
    small = [f for f in laid_out(project, with_callout("Short.")).story if isinstance(f, Table)]
    huge = [f for f in laid_out(project, with_callout("Long sentence here. " * 240)).story if isinstance(f, Table)]
    assert [t.splitInRow for t in small] == [0, 0]  # the callout and the disclaimer
    assert huge[0].splitInRow == 1


def test_headings_carry_their_outline_and_keep_with_what_follows(project):
    layout = laid_out(project, minimal("h"))
    (heading,) = [f for f in layout.story if isinstance(f, Heading)]
    assert heading.outline == ("What is it?", "section-0")
    assert heading.style.keepWithNext == 1


def test_review_lines_never_start_at_the_foot_of_a_page(project):
    story = laid_out(project, minimal("h")).story
    breaks = [i for i, f in enumerate(story) if isinstance(f, CondPageBreak)]
    assert len(breaks) == 1 and "Reviewed" in story[breaks[0] + 1].getPlainText()


def test_generated_words_are_offered_to_the_glyph_check(project):
    generated = [t.value for t in laid_out(project, minimal("h")).generated]
    assert "English" in generated and "March 14, 2025" in generated


def test_fill_keeps_the_spaces_around_placeholders_and_the_marks_of_each_piece():
    spans = fill("**Other names:** {names} and more", names=(Span("x *y*"),))
    assert spans == (Span("Other names:", bold=True), Span(" "), Span("x *y*"), Span(" "), Span("and more"))
