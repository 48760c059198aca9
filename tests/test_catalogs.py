"""Catalog work with real files: extract, init, update, stats, compile, and pybabel's entry point."""

import shutil
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po
from conftest import DATA, fixture_project, write


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
        "fr       handout         24      0        0       0",
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


def test_previous_msgid_stays_the_english_that_was_translated_after_two_changes(cli, tmp_path):
    root = fixture_project(tmp_path)
    visit = root / "content/visit.yaml"
    for old, new in (("Write down your questions.", "Write down all your questions."), ("Write down all your questions.", "Write down all of your questions.")):
        visit.write_text(visit.read_text().replace(old, new), encoding="utf-8")
        cli("i18n", "extract", "--project", root)
        assert cli("i18n", "update", "--project", root).exit_code == 0
    text = (root / "locales/fr/LC_MESSAGES/content/visit.po").read_text()
    assert '#, fuzzy\n#| msgid "Write down your questions."\nmsgid "Write down all of your questions."\nmsgstr "Notez vos questions."' in text


def test_update_reports_every_broken_catalog_and_updates_the_good_ones(cli, tmp_path):
    root = fixture_project(tmp_path)
    for name in ("care", "handout"):
        path = root / f"locales/fr/LC_MESSAGES/{'content/' if name == 'care' else ''}{name}.po"
        path.write_text(path.read_text() + "\nmsgid garbled\n", encoding="utf-8")
    visit = root / "content/visit.yaml"
    visit.write_text(visit.read_text().replace("Write down your questions.", "Write down all your questions."), encoding="utf-8")
    cli("i18n", "extract", "--project", root)
    result = cli("i18n", "update", "--project", root)
    assert result.exit_code == 1
    located = [line.split(": ")[0] for line in result.stderr.splitlines()]
    assert located[0].startswith("locales/fr/LC_MESSAGES/handout.po:") and located[1].startswith("locales/fr/LC_MESSAGES/content/care.po:")
    assert read(root / "locales/fr/LC_MESSAGES/content/visit.po").get("Write down all your questions.").fuzzy


def test_unwritable_catalog_is_named_not_its_temporary_file(cli, tmp_path, monkeypatch):
    root = fixture_project(tmp_path)
    visit = root / "content/visit.yaml"
    visit.write_text(visit.read_text().replace("Write down your questions.", "Write down all your questions."), encoding="utf-8")
    cli("i18n", "extract", "--project", root)

    def read_only_folder(path, data):  # what the OS says for a read-only folder, even to root
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(Path, "write_bytes", read_only_folder)
    result = cli("i18n", "update", "--project", root)
    assert result.exit_code == 1
    target = root.resolve() / "locales/fr/LC_MESSAGES/content/visit.po"
    assert f"{target}: cannot write the file: Permission denied\n" in result.stderr
    assert ".tmp" not in result.stderr and "internal error" not in result.stderr


def test_unreadable_content_or_locales_folder_is_a_located_project_error(cli, tmp_path, monkeypatch):
    root = fixture_project(tmp_path)
    real_iterdir = Path.iterdir

    for folder in ("content", "locales"):
        def unreadable(path, folder=folder):
            if path.name == folder:
                raise PermissionError(13, "Permission denied", str(path))
            return real_iterdir(path)

        monkeypatch.setattr(Path, "iterdir", unreadable)
        for command in (("build",), ("i18n", "stats")):
            result = cli(*command, "--project", root)
            assert result.exit_code == 2, result.output
            assert result.stderr == f"{root.resolve() / folder}: cannot read the folder: Permission denied\n"


def test_pybabel_extract_reports_a_broken_handout_and_extracts_the_rest(tmp_path):
    root = fixture_project(tmp_path)
    write(root / "babel.cfg", "[handout: content/**.yaml]\n")
    care = root / "content/care.yaml"
    care.write_text(care.read_text().replace("blocks:", "blokcs:", 1), encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", "all.pot", "."],
        cwd=root, capture_output=True, text=True, check=False,
    )
    assert "Traceback" not in run.stderr
    assert "content/care.yaml:" in run.stderr and ": error: sections[0].blokcs: unknown key 'blokcs'" in run.stderr
    ids = [m.id for m in read(root / "all.pot") if m.id]
    assert "Your clinic visit" in ids and "Caring for yourself" not in ids


def test_compile_names_a_mo_file_it_cannot_write_and_writes_the_rest(cli, tmp_path):
    root = fixture_project(tmp_path)
    (root / "locales/fr/LC_MESSAGES/content/visit.mo").mkdir()  # a folder where the file should go
    result = cli("i18n", "compile", "--project", root)
    assert result.exit_code == 1
    assert result.stderr.startswith("locales/fr/LC_MESSAGES/content/visit.mo: cannot write the file: ")
    assert (root / "locales/fr/LC_MESSAGES/content/care.mo").stat().st_size > 0


def test_extract_gives_key_points_levels_blanks_and_questions_a_context(cli, tmp_path):
    root = tmp_path / "p"
    shutil.copytree(DATA / "guidance", root)
    assert cli("i18n", "extract", "--project", root).exit_code == 0
    messages = {m.id: m for m in read(root / "locales/content/guided.pot") if m.id}
    context = {msgid: [" ".join(m.auto_comments)] for msgid, m in messages.items()}
    assert context["Walk after meals."] == ['key point 3 (a short bullet in the "Key points" box on page 1)']
    assert context["You have trouble breathing."] == ['warning sign under "Call 911"']
    assert context["Your sugar is below 70 mg/dL and does not go up."] == ['warning sign under "Call your provider now or go to the hospital"']
    assert context["Your fasting blood sugar target"] == ['label of a line to write on, in "Your numbers"']
    assert context["mg/dL"] == ['printed after the line to write on for "Your fasting blood sugar target", e.g. a unit']
    assert context["Do I need medicine?"] == ['question in "Questions to ask your provider", asked by the patient']
    assert "labor_phone" not in messages and "555-0199" not in messages  # config values are not translated
    assert messages["You pass out or cannot wake up."].locations == [("content/guided.yaml", 14)]
