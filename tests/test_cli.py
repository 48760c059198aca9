"""The command line as a user meets it: exit codes, messages on stderr, never a traceback."""

import importlib
import os
import shlex
import subprocess
import sys

import pytest
from conftest import minimal, pdf_text, write
from pypdf import PdfReader

from handout import __version__


def test_version(cli):
    result = cli("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_build_all_exit_0_and_summary(cli, project):
    root = project(a=minimal("a"), b=minimal("b"))
    result = cli("build", "--project", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("built 2, up to date 0, failed 0, removed 0 in ")
    assert sorted(p.name for p in (root / "dist/en").iterdir()) == ["a.pdf", "b.pdf"]


def test_broken_handout_exit_1_others_still_built(cli, project):
    root = project(good=minimal("good"), broken=minimal("broken").replace("bullets:", "bulets:"))
    result = cli("build", "--project", root, "--out", root / "out")
    assert result.exit_code == 1
    assert (root / "out/en/good.pdf").is_file()
    assert not (root / "out/en/broken.pdf").exists()
    assert result.stderr.splitlines() == [
        "error: broken was not built:",
        "  content/broken.yaml:8: sections[0].blocks[1]: unknown block kind 'bulets'; did you mean 'bullets'?",
    ]
    assert "Traceback" not in result.output


def test_selected_ids_only(cli, project):
    root = project(a=minimal("a"), b=minimal("b"))
    assert cli("build", "b", "--project", root).exit_code == 0
    assert [p.name for p in (root / "dist/en").iterdir()] == ["b.pdf"]


def test_usage_and_project_errors_exit_2(cli, project, tmp_path):
    root = project(a=minimal("a"))
    unknown = cli("build", "nope", "--project", root)
    assert unknown.exit_code == 2 and unknown.stderr == "content/nope.yaml: no such handout\n"
    no_project = cli("build", "--project", tmp_path / "empty")
    assert no_project.exit_code == 2 and "no content/ folder here" in no_project.stderr
    bad_option = cli("build", "--page-size", "legal", "--project", root)
    assert bad_option.exit_code == 2 and "legal" in bad_option.stderr
    no_locale = cli("build", "--locale", "fr", "--project", root)
    assert no_locale.exit_code == 2
    assert "no catalogs for locale 'fr'" in no_locale.stderr and "handout i18n init fr" in no_locale.stderr


def test_config_page_size_and_option_override(cli, project):
    root = project(a=minimal("a"))
    write(root / "handout.toml", '[project]\npage_size = "a4"\n')
    assert cli("build", "--project", root).exit_code == 0
    assert round(float(PdfReader(root / "dist/en/a.pdf").pages[0].mediabox.height)) == 842
    assert cli("build", "--project", root, "--page-size", "letter").exit_code == 0
    assert round(float(PdfReader(root / "dist/en/a.pdf").pages[0].mediabox.height)) == 792


def test_parallel_build_writes_every_pdf_and_no_temporary_files(cli, project):
    root = project(**{f"h{n}": minimal(f"h{n}") for n in range(5)})
    result = cli("build", "--project", root, "-j", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "dist/en").iterdir()) == [f"h{n}.pdf" for n in range(5)]


def test_new_scaffolds_a_handout_that_builds(cli, project):
    root = project()
    result = cli("new", "sun-safety", "--project", root, "--title", 'Sun "safety": a guide')
    assert result.exit_code == 0, result.output
    assert cli("build", "--project", root).exit_code == 0
    assert PdfReader(root / "dist/en/sun-safety.pdf").metadata.title == 'Sun "safety": a guide'
    again = cli("new", "sun-safety", "--project", root)
    assert again.exit_code == 2 and "already exists" in again.stderr
    assert cli("new", "Bad Id", "--project", root).exit_code == 2


def test_new_says_when_content_is_not_a_folder_or_the_title_is_too_long(cli, project):
    root = project()
    long_title = cli("new", "long", "--project", root, "--title", "Sun " * 1500)
    assert long_title.exit_code == 2
    assert long_title.stderr.strip() == "--title: is 5,999 characters long, too long for a title (at most 5,000): shorten it to a few words"
    (root / "content").rmdir()
    write(root / "content", "not a folder")
    result = cli("new", "abc", "--project", root)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{root / 'content'}: not a folder: handouts are written into a content/ folder; move the file away"


def test_unusable_output_folder_is_one_project_error(cli, project):
    root = project(a=minimal("a"), b=minimal("b"))
    write(root / "afile", "not a folder")
    result = cli("build", "--project", root, "--out", root / "afile" / "sub")
    assert result.exit_code == 2
    assert result.stderr.count("cannot create the output folder") == 1


def test_new_escapes_marks_in_the_title_and_refuses_control_characters(cli, project):
    root = project()
    for number, title in enumerate(["5*3 rule", "Care [draft]", 'Back\\slash "q"']):
        assert cli("new", f"t{number}", "--project", root, "--title", title).exit_code == 0
    assert cli("build", "--project", root).exit_code == 0
    assert PdfReader(root / "dist/en/t0.pdf").metadata.title == "5*3 rule"
    refused = cli("new", "bell", "--project", root, "--title", "a\x07b")
    assert refused.exit_code == 2 and "--title: contains the control character U+0007" in refused.stderr
    assert not (root / "content/bell.yaml").exists()


def test_a_failed_handout_loses_its_old_pdf_and_foreign_orphans_are_named(cli, project):
    root = project(a=minimal("a"), b=minimal("b"))
    assert cli("build", "--project", root).exit_code == 0
    write(root / "dist/en/foreign.pdf", "not written by handout")
    (root / "content/b.yaml").write_text(minimal("b").replace("bullets:", "bulets:"), encoding="utf-8")
    result = cli("build", "--project", root)
    assert result.exit_code == 1
    assert not (root / "dist/en/b.pdf").exists()
    assert f"  removed the out-of-date {root / 'dist/en/b.pdf'}" in result.stderr
    assert f"warning: {root / 'dist/en/foreign.pdf'} has no handout in content/ any more" in result.stderr
    assert (root / "dist/en/foreign.pdf").exists()  # never deleted: handout did not write it


def test_unexpected_failure_is_one_line_unless_debug(cli, project, monkeypatch):
    root = project(a=minimal("a"))

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(importlib.import_module("handout.build"), "build", boom)
    result = cli("build", "--project", root)
    assert result.exit_code == 1
    assert result.stderr == "handout: internal error: RuntimeError: boom (run with --debug for details)\n"
    with pytest.raises(RuntimeError):
        cli("--debug", "build", "--project", root)


def test_debug_is_accepted_after_the_subcommand(cli, project, monkeypatch):
    root = project(a=minimal("a"))

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(importlib.import_module("handout.build"), "build", boom)
    with pytest.raises(RuntimeError):
        cli("build", "--project", root, "--debug")


def test_output_piped_into_head_ends_quietly(project):
    """Enough rows to outgrow the pipe's buffer, so `head` closes it while handout still writes."""
    root = project(**{f"handout-with-a-long-identifier-{n:03d}": minimal(f"handout-with-a-long-identifier-{n:03d}") for n in range(100)})
    for locale in ("de", "es", "fr"):
        (root / "locales" / locale / "LC_MESSAGES").mkdir(parents=True)
    handout = f"{shlex.quote(sys.executable)} -m handout"
    project_option = f"--project {shlex.quote(str(root))}"
    run = subprocess.run(
        f"{handout} i18n stats {project_option} | head -2; echo \"stats exit $" + "{PIPESTATUS[0]}\"; "
        f"{handout} build --locale en {project_option} | head -0; echo \"build exit $" + "{PIPESTATUS[0]}\"",
        shell=True, executable="/bin/bash", capture_output=True, text=True, check=False,
    )
    # The closed pipe changes nothing but what is shown: each command ends with its own exit code.
    assert run.stdout.splitlines()[2:] == ["stats exit 0", "build exit 0"]
    assert len(run.stdout.splitlines()) == 4
    assert run.stderr == ""
    assert len(list((root / "dist/en").glob("*.pdf"))) == 100


def test_new_refuses_a_title_the_fonts_cannot_print(cli, project):
    root = project()
    result = cli("new", "w", "--project", root, "--title", "\U0001F600 smile")
    assert result.exit_code == 2
    assert result.stderr == "--title: character U+1F600 '\U0001F600' (GRINNING FACE) cannot be printed: the handout fonts have no glyph for it\n"
    assert not (root / "content/w.yaml").exists()


def test_new_shows_every_part_of_the_format_as_a_draft(cli, project):
    root = project()
    assert cli("new", "sun-safety", "--project", root).exit_code == 0
    text = (root / "content/sun-safety.yaml").read_text(encoding="utf-8")
    keys = ["id:", "title:", "summary:", "also_called:", "key_points:", "when_to_call:", "call_911:", "call_now:",
            "call_within_a_day:", "sections:", "heading:", "bullets:", "steps:", "terms:", "callout:", "blanks:",
            "label:", "after:", "value:", "questions:", "related:", "references:", "source:", "publisher:", "url:",
            "review:", "status: draft", "date:", "by:"]
    assert [k for k in keys if k not in text] == []
    result = cli("build", "--project", root, "--require-approved")
    assert result.exit_code == 1 and "review.status: is 'draft'" in result.stderr


def test_edition_options_are_checked(cli, project):
    root = project(a=minimal("a"))
    result = cli("build", "--project", root, "--edition", "bilingual", "--pair", "en")
    assert result.exit_code == 2 and "two different locale codes" in result.output
    result = cli("build", "--project", root, "--duplex")
    assert result.exit_code == 2 and "add --edition bilingual" in result.output
    result = cli("build", "--project", root, "--edition", "bilingual")
    assert result.exit_code == 2 and "needs a second language" in result.output
    result = cli("build", "--project", root, "--edition", "huge")
    assert result.exit_code == 2
    assert cli("build", "--project", root, "--edition", "large-print", "--profile", "press").exit_code == 0
    assert (root / "dist/en/large-print/a.pdf").is_file() and not (root / "dist/en/a.pdf").exists()


def test_a_handout_listing_a_broken_one_still_builds_with_its_title(cli, project):
    one = minimal("one").replace("review:", "related: [two]\nreview:")
    root = project(one=one, two=minimal("two", title="Second handout") + "oops: 1\n")
    result = cli("build", "--project", root, "--locale", "en")
    assert result.exit_code == 1
    assert (root / "dist/en/one.pdf").is_file() and not (root / "dist/en/two.pdf").exists()
    assert "error: two was not built" in result.stderr and "one was not built" not in result.stderr
    assert "Second handout" in " ".join(pdf_text(root / "dist/en/one.pdf").split())
    broken_title = project(one=one, two=minimal("two").replace("title: A handout", "title: ~"))
    refused = cli("build", "--project", broken_title, "--locale", "en")
    assert "its title cannot be read" in refused.stderr and not (broken_title / "dist/en/one.pdf").exists()


def test_handout_files_are_accepted_as_ids_and_page_sizes_in_any_case(cli, project):
    root = project(a=minimal("a"), b=minimal("b"))
    result = cli("build", "content/a.yaml", "--project", root, "--page-size", "A4")
    assert result.exit_code == 0, result.output
    assert [p.name for p in (root / "dist/en").iterdir() if p.suffix == ".pdf"] == ["a.pdf"]
    assert round(float(PdfReader(root / "dist/en/a.pdf").pages[0].mediabox.height)) == 842


def test_an_output_folder_that_is_a_device_or_fifo_is_named_as_such(cli, project):
    root = project(a=minimal("a"))
    os.mkfifo(root / "afile")  # like --out /dev/full: it exists, and is neither a folder nor a regular file
    result = cli("build", "--project", root, "--out", root / "afile")
    assert result.exit_code == 2
    assert result.stderr == f"{root / 'afile'}: the output folder is a file, not a folder: choose another --out\n"
