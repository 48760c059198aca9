"""Catalog work with real files: extract, init, update, stats, compile, and pybabel's entry point."""

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from conftest import fixture_project, write


def read(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def test_extract_writes_templates_with_origins_and_context(cli, project):
    root = project(
        care="""\
        id: care
        title: Caring for yourself
        summary: >-
          Small steps
          help   a lot.
        sections:
          - heading: Every day
            blocks:
              - Sleep well.
              - bullets: [Drink water, Sleep well.]
              - terms: [{term: Rest, text: Time off.}]
        review: {date: 2025-03-14, by: [Jane Roe]}
        """
    )
    result = cli("i18n", "extract", "--project", root)
    assert result.exit_code == 0, result.output
    template = read(root / "locales/content/care.pot")
    messages = {m.id: m for m in template if m.id}
    assert list(messages) == ["Caring for yourself", "Small steps help a lot.", "Every day", "Sleep well.", "Drink water", "Rest", "Time off."]
    assert messages["Small steps help a lot."].locations == [("content/care.yaml", 3)]
    assert messages["Sleep well."].locations == [("content/care.yaml", 9), ("content/care.yaml", 10)]
    assert messages["Sleep well."].auto_comments == ['paragraph in "Every day"', 'bullet in "Every day"']
    assert messages["Time off."].auto_comments == ['explanation of "Rest" in "Every day"']
    interface = read(root / "locales/handout.pot")
    assert any(m.id == "Page {page} of {pages}" for m in interface)


def test_extract_again_leaves_files_untouched(cli, tmp_path):
    root = fixture_project(tmp_path)
    cli("i18n", "extract", "--project", root)
    before = (root / "locales/content/visit.pot").read_bytes()
    result = cli("i18n", "extract", "--project", root)
    assert result.stdout.startswith("0 template(s) changed")
    assert (root / "locales/content/visit.pot").read_bytes() == before


def test_update_marks_changed_fuzzy_removed_obsolete_and_adds_new_handouts(cli, tmp_path):
    root = fixture_project(tmp_path)
    visit = root / "content/visit.yaml"
    visit.write_text(
        visit.read_text().replace("Write down your questions.", "Write down all your questions.").replace("      - callout: {kind: tip, text: A friend can come with you.}\n", ""),
        encoding="utf-8",
    )
    write(root / "content/new.yaml", "id: new\ntitle: New one\nsummary: New.\nsections:\n  - heading: H\n    blocks: [P.]\nreview: {date: 2025-03-14, by: [Jane Roe]}\n")
    result = cli("i18n", "update", "--project", root)
    assert result.exit_code == 0, result.output
    catalog = read(root / "locales/fr/LC_MESSAGES/content/visit.po")
    changed = catalog.get("Write down all your questions.")
    assert changed.fuzzy and changed.string == "Notez vos questions."
    # The translator sees what the source said before (gettext's "previous msgid").
    assert '#| msgid "Write down your questions."' in (root / "locales/fr/LC_MESSAGES/content/visit.po").read_text()
    assert "A friend can come with you." in catalog.obsolete
    assert (root / "locales/fr/LC_MESSAGES/content/new.po").is_file()
    stats = cli("i18n", "stats", "--project", root)
    assert stats.stdout.splitlines() == [
        "locale   catalog translated  fuzzy  missing  broken",
        "fr       handout         14      0        0       0",
        "fr       care             4      0        0       0",
        "fr       new              0      0        4       0",
        "fr       visit            6      1        0       0",
    ]


def test_init_refuses_the_source_language_and_unknown_codes(cli, tmp_path):
    root = fixture_project(tmp_path)
    assert cli("i18n", "init", "en", "--project", root).exit_code == 2
    assert cli("i18n", "init", "zz-bad", "--project", root).exit_code == 2
    created = cli("i18n", "init", "es_MX", "--project", root)
    assert created.exit_code == 0
    assert (root / "locales/es_MX/LC_MESSAGES/content/visit.po").is_file()


def test_compile_writes_mo_for_other_tools(cli, tmp_path):
    root = fixture_project(tmp_path)
    result = cli("i18n", "compile", "--project", root)
    assert result.exit_code == 0, result.output
    assert (root / "locales/fr/LC_MESSAGES/content/visit.mo").stat().st_size > 0


def test_pybabel_extract_uses_the_entry_point(tmp_path):
    root = fixture_project(tmp_path)
    write(root / "babel.cfg", "[handout: content/**.yaml]\n")
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", "all.pot", "--no-location", "."],
        cwd=root, check=True, capture_output=True,
    )
    ids = [m.id for m in read(root / "all.pot") if m.id]
    assert "What happens at **your** visit." in ids and "Dormez bien." not in ids and "Sleep well." in ids
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", "all.pot", "."],
        cwd=root, check=True, capture_output=True,
    )
    located = {m.id: m.locations for m in read(root / "all.pot") if m.id}
    assert located["Your clinic visit"] == [("content/visit.yaml", 2)]


def test_a_second_update_keeps_the_previous_msgid_for_the_translator(cli, tmp_path):
    root = fixture_project(tmp_path)
    visit = root / "content/visit.yaml"
    visit.write_text(visit.read_text().replace("Write down your questions.", "Write down all your questions."), encoding="utf-8")
    cli("i18n", "extract", "--project", root)
    cli("i18n", "update", "--project", root)
    before = (root / "locales/fr/LC_MESSAGES/content/visit.po").read_text()
    again = cli("i18n", "update", "--project", root)
    assert again.stdout.startswith("0 catalog(s) changed")
    text = (root / "locales/fr/LC_MESSAGES/content/visit.po").read_text()
    assert text == before
    assert '#, fuzzy\n#| msgid "Write down your questions."\nmsgid "Write down all your questions."' in text
