from pathlib import Path

import pytest
from conftest import DATA, minimal, write

from handout.errors import ContentError, ProjectError
from handout.load import MAX_FILE_BYTES, load_handout, load_project
from handout.marks import MAX_TEXT_LENGTH
from handout.model import Bullets, Callout, Paragraph, Steps, Terms

BAD = sorted(DATA.glob("bad/*.yaml"))


@pytest.mark.parametrize("source", BAD, ids=[p.stem for p in BAD])
def test_bad_file_reports_every_problem_with_file_line_and_key(source: Path, project):
    root = project()
    (root / "content" / source.name).write_bytes(source.read_bytes())
    loaded = load_project(root)
    expected = source.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert [str(p) for p in loaded.broken[source.stem]] == expected
    assert source.stem not in loaded.handouts


def test_every_block_kind_loads_with_its_line(project):
    root = project(full="""\
        id: full
        title: Full handout
        summary: >-
          Folded over
          two lines.
        also_called: [Other]
        sections:
          - heading: Blocks
            blocks:
              - A paragraph.
              - bullets: [one, two]
              - steps: [first, second]
              - terms:
                  - {term: Word, text: Meaning.}
              - callout: {kind: tip, text: Helpful., title: Tip title}
        related: [other]
        references: ["Ref A."]
        review: {date: 2025-03-14, by: [Jane Roe, "John Doe, RN"]}
        source: {publisher: Clinic, url: "https://example.org/full"}
        """, other=minimal("other"))
    handout = load_project(root).handouts["full"]
    assert handout.summary.value == "Folded over two lines."
    assert handout.summary.location.line == 3
    kinds = [type(b) for b in handout.sections[0].blocks]
    assert kinds == [Paragraph, Bullets, Steps, Terms, Callout]
    assert handout.sections[0].blocks[2].items[1].location.line == 12
    assert [t.value for t in handout.review.by] == ["Jane Roe", "John Doe, RN"]
    assert handout.related[0].id == "other"


def test_scalars_keep_their_written_form(project):
    root = project(yes="""\
        id: "yes"
        title: yes
        summary: 1.10
        sections:
          - heading: 2025
            blocks: [no]
        review: {date: 2025-03-14, by: [Jane Roe]}
        """)
    handout = load_project(root).handouts["yes"]
    assert (handout.title.value, handout.summary.value, handout.sections[0].heading.value) == ("yes", "1.10", "2025")


def test_related_must_exist_and_not_be_itself(project):
    text = minimal("a") + "related: [a, missing, bb]\n"
    root = project(a=text, b=minimal("b"))
    broken = load_project(root).broken["a"]
    assert [str(p) for p in broken] == [
        "content/a.yaml:15: related[0]: a handout cannot be related to itself",
        "content/a.yaml:15: related[1]: no handout 'missing' in content/",
        "content/a.yaml:15: related[2]: no handout 'bb' in content/; did you mean 'b'?",
    ]


def test_a_broken_handout_keeps_its_readable_title_for_those_that_link_to_it(project):
    root = project(
        one=minimal("one") + "related: [two, three, four]\n",
        two=minimal("two", "Second handout") + "oops: 1\n",
        three=minimal("three").replace("title: A handout", "title: '**unclosed'"),
        four=minimal("four", "Fourth handout") + "related: [nowhere]\n",
    )
    loaded = load_project(root)
    assert set(loaded.handouts) == {"one"}
    assert set(loaded.broken) == {"two", "three", "four"}
    assert (loaded.title_of("one").value, loaded.title_of("two").value, loaded.title_of("four").value) == ("A handout", "Second handout", "Fourth handout")
    assert str(loaded.title_of("two").location) == "content/two.yaml:2"
    assert loaded.title_of("three") is None  # its title is what is broken: one cannot list it
    assert loaded.title_of("nowhere") is None


def test_duplicate_id_names_the_other_file(project):
    root = project(first=minimal("first"), copy=minimal("first"))
    broken = load_project(root).broken
    assert [str(p) for p in broken["copy"]] == [
        "content/copy.yaml:1: id: duplicate id 'first': content/first.yaml already has it (the id must equal the file name 'copy')"
    ]
    assert "first" not in broken


def test_file_over_one_mebibyte_is_refused_before_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * MAX_FILE_BYTES)
    with pytest.raises(ContentError) as error:
        load_handout(path, "content/huge.yaml")
    assert str(error.value) == f"content/huge.yaml: the file is {MAX_FILE_BYTES + 2:,} bytes; a handout may be at most 1 MiB"


def test_not_utf8_names_the_line(tmp_path):
    path = write(tmp_path / "latin.yaml", "id: latin\n")
    path.write_bytes(path.read_bytes() + b"title: Caf\xe9\n")
    with pytest.raises(ContentError) as error:
        load_handout(path, "content/latin.yaml")
    assert str(error.value) == "content/latin.yaml:2: the file is not UTF-8 text (byte 0xE9); save it as UTF-8"


def test_no_content_folder_is_a_project_error(tmp_path):
    with pytest.raises(ProjectError) as error:
        load_project(tmp_path)
    assert error.value.exit_code == 2


def test_yml_extension_is_reported_not_ignored(project):
    root = project()
    write(root / "content" / "old.yml", minimal("old"))
    assert [str(p) for p in load_project(root).broken["old.yml"]] == ["content/old.yml: handout files end in .yaml (lowercase): rename it"]


def test_deep_nesting_is_refused_before_the_yaml_composer_can_crash(project):
    root = project(deep="id: deep\ntitle: " + "[" * 30000 + "]" * 30000 + "\n")
    assert [str(p) for p in load_project(root).broken["deep"]] == [
        "content/deep.yaml:2: lists and mappings are nested more than 32 levels deep"
    ]


def test_dotfiles_and_other_files_are_not_handouts_but_upper_case_yaml_is_reported(project):
    root = project(a=minimal("a"))
    write(root / "content" / "._a.yaml", "junk")
    write(root / "content" / "notes.txt", "junk")
    write(root / "content" / "b.YAML", minimal("b"))
    loaded = load_project(root)
    assert list(loaded.handouts) == ["a"]
    assert [str(p) for p in loaded.broken["b.YAML"]] == ["content/b.YAML: handout files end in .yaml (lowercase): rename it"]


def test_empty_content_folder_is_a_project_error(project):
    with pytest.raises(ProjectError, match="no handouts here yet"):
        load_project(project())


def test_a_string_past_the_documented_length_is_refused_at_its_line(project):
    root = project(long=minimal("long").replace("A plain paragraph about it.", "Rest well. " * 500))
    assert [str(p) for p in load_project(root).broken["long"]] == [
        f"content/long.yaml:7: sections[0].blocks[0]: is {len('Rest well. ' * 500) - 1:,} characters long; one string may have at most {MAX_TEXT_LENGTH:,}: split it into several paragraphs or list items"
    ]


def test_key_points_when_to_call_questions_blanks_and_status_load_with_their_lines(tmp_path):
    from handout.model import Blanks

    handout = load_handout(DATA / "guidance/content/guided.yaml", "content/guided.yaml")
    assert [t.value for t in handout.key_points][0] == "Check your blood sugar 4 times a day."
    # Levels print most urgent first, whatever order the file wrote them in.
    assert [level.level for level in handout.when_to_call] == ["call_911", "call_now", "call_within_a_day"]
    assert handout.when_to_call[0].items[1].location.line == 15
    assert [q.value for q in handout.questions] == ["How often should I check my sugar?", "Do I need medicine?"]
    blanks = handout.sections[0].blocks[1]
    assert isinstance(blanks, Blanks)
    assert [(b.label.value, b.after and b.after.value, b.value and b.value.name) for b in blanks.items] == [
        ("Your fasting blood sugar target", "mg/dL", None),
        ("Labor and delivery unit phone", None, "labor_phone"),
        ("Diabetes educator phone", None, "educator_phone"),
    ]
    assert str(blanks.items[1].value.location) == "content/guided.yaml:26"
    assert (handout.review.status, handout.review.by, str(handout.review.status_location)) == ("sample", (), "content/guided.yaml:33")


def test_a_review_without_status_is_approved(project):
    handout = load_project(project(a=minimal("a"))).handouts["a"]
    assert handout.review.approved and handout.review.status_location is None
