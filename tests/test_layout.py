"""The layout as a value: flowables inspected without writing a PDF."""

from conftest import minimal

from handout.boxes import Box, KeepOrFill

from handout.fonts import load_fonts
from handout.keeping import KeepFirstLines
from handout.layout import Heading, fill, layout_handout
from handout.load import load_project
from handout.marks import Span
from handout.styles import make_styles
from handout.translate import SourceText


def laid_out(project, text: str):
    handout = load_project(project(h=text)).handouts["h"]
    fonts = load_fonts()
    return layout_handout(handout, (), SourceText(), fonts, make_styles(fonts))


def boxes(story) -> list[Box]:
    inside = [f for group in story if isinstance(group, KeepOrFill) for f in group.flowables]
    return [f for f in [*story, *inside] if isinstance(f, Box)]


def with_callout(body: str) -> str:
    return minimal("h").replace("      - A plain paragraph about it.\n", f"      - callout: {{kind: important, text: {body}}}\n")


def test_small_boxes_never_split_and_huge_ones_may(project):
    small = boxes(laid_out(project, with_callout("Short.")).story)
    huge = boxes(laid_out(project, with_callout("Long sentence here. " * 240)).story)
    assert len(small) == 2  # the callout and the disclaimer
    assert [box.split(468, 60) for box in small] == [[], []]
    first, rest = huge[0].split(468, 300)
    assert first.wrap(468, 300)[1] <= 300 and rest.wrap(468, 1e9)[1] > 300


def test_headings_carry_their_outline_and_keep_with_what_follows(project):
    (group,) = [f for f in laid_out(project, minimal("h")).story if isinstance(f, KeepFirstLines)]
    assert group.outline == ("What is it?", "section-0")  # a heading over a paragraph: kept with its first lines
    (heading,) = [f for f in laid_out(project, with_callout("Short.")).story if isinstance(f, Heading)]
    assert heading.outline == ("What is it?", "section-0")
    assert heading.getKeepWithNext() == 1  # a heading over a box moves with the whole box


def test_a_heading_keeps_a_short_paragraph_whole_and_a_long_one_by_its_first_lines(project):
    def split(words: str, room: float) -> list:
        (group,) = [f for f in laid_out(project, minimal("h").replace("A plain paragraph about it.", words)).story if isinstance(f, KeepFirstLines)]
        return group.split(468, room)

    assert split("Short words.", 40) == []
    long = "Words that wrap onto many lines. " * 80
    assert split(long, 40) == []  # no room for a few lines under the heading: both move on
    heading, first, rest = split(long, 200)
    assert isinstance(heading, Heading) and first.wrap(468, 200)[1] <= 200


def test_review_lines_never_start_at_the_foot_of_a_page(project):
    story = laid_out(project, minimal("h")).story
    (end,) = [f for f in story if isinstance(f, KeepOrFill)]
    assert "Reviewed" in end.flowables[0].getPlainText() and isinstance(end.flowables[-1], Box)
    assert end.split(468, 300) == end.flowables and end.split(468, 150) == []  # a third of 615 pt


def test_generated_words_are_offered_to_the_glyph_check(project):
    generated = [t.value for t in laid_out(project, minimal("h")).generated]
    assert "English" in generated and "March 14, 2025" in generated


def test_fill_keeps_the_spaces_around_placeholders_and_the_marks_of_each_piece():
    spans = fill("**Other names:** {names} and more", names=(Span("x *y*"),))
    assert spans == (Span("Other names:", bold=True), Span(" "), Span("x *y*"), Span(" "), Span("and more"))
