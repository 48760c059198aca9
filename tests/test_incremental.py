"""Incremental builds: what is skipped, what is rebuilt when each input changes, what is removed,
and a manifest that only ever names PDFs on disk."""

import json

import pytest
from conftest import fixture_project, minimal, write

MANIFEST = ".handout-manifest.json"


def states(result) -> dict[str, str]:
    """'fr visit' -> 'built' | 'up to date' | 'FAILED', from the --verbose lines."""
    found = {}
    for line in result.stderr.splitlines():
        for state in ("up to date", "built", "FAILED"):
            if line.startswith(state + " "):
                found[line[len(state):].strip()] = state
    return found


def rebuilt(result) -> set[str]:
    return {job for job, state in states(result).items() if state == "built"}


@pytest.fixture
def i18n(tmp_path, cli):
    """The French fixture project, built once; returns (root, build) where build(*args) rebuilds verbosely."""
    root = fixture_project(tmp_path)

    def build(*args):
        result = cli("build", "--project", root, "--verbose", *args)
        assert result.exit_code in (0, 1), result.output
        return result

    first = build()
    assert rebuilt(first) == {"en care", "en visit", "fr care", "fr visit"}
    return root, build


def test_an_unchanged_build_renders_nothing(i18n):
    root, build = i18n
    before = {p: p.stat().st_mtime_ns for p in (root / "dist").rglob("*.pdf")}
    again = build()
    assert set(states(again).values()) == {"up to date"}
    assert again.stdout.startswith("built 0, up to date 4, failed 0, removed 0 in ")
    assert {p: p.stat().st_mtime_ns for p in (root / "dist").rglob("*.pdf")} == before


def test_force_and_a_deleted_pdf_rebuild(i18n):
    root, build = i18n
    assert rebuilt(build("--force")) == {"en care", "en visit", "fr care", "fr visit"}
    (root / "dist/fr/care.pdf").unlink()
    assert rebuilt(build()) == {"fr care"}
    (root / "dist/en/visit.pdf").write_bytes(b"truncated")
    assert rebuilt(build()) == {"en visit"}


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.mark.parametrize(
    "change, expected",
    [
        # its YAML: both locales of that handout
        (lambda root: edit(root / "content/care.yaml", "2025-03-14", "2025-04-01"), {"en care", "fr care"}),
        # a comment in the YAML changes no text, but the file is an input
        (lambda root: write(root / "content/care.yaml", (root / "content/care.yaml").read_text() + "# a note\n"), {"en care", "fr care"}),
        # its content catalog: that locale only
        (lambda root: edit(root / "locales/fr/LC_MESSAGES/content/visit.po", "msgstr \"", "msgstr \"\"\n\""), {"fr visit"}),
        # the interface catalog: every handout in that locale
        (lambda root: edit(root / "locales/fr/LC_MESSAGES/handout.po", '"Avertissement médical"', '"Avis médical"'), {"fr care", "fr visit"}),
        # a related handout's catalog (its title in that language): the handouts that list it too
        (lambda root: edit(root / "locales/fr/LC_MESSAGES/content/care.po", '"Prendre soin de soi"', '"Prendre soin de vous"'), {"fr care", "fr visit"}),
        # the config
        (lambda root: write(root / "handout.toml", '[project]\npage_size = "a4"\n'), {"en care", "en visit", "fr care", "fr visit"}),
    ],
    ids=["yaml", "yaml-comment", "content-catalog", "interface-catalog", "related-title", "config"],
)
def test_each_input_rebuilds_exactly_what_depends_on_it(i18n, change, expected):
    root, build = i18n
    change(root)
    assert rebuilt(build()) == expected
    assert rebuilt(build()) == set()


def test_a_related_title_in_english_rebuilds_the_handouts_that_list_it(i18n):
    root, build = i18n
    edit(root / "content/care.yaml", "title: Caring for yourself", "title: Caring for yourself well")
    # the French title of care is untranslated now, so both French handouts fail (and say so)
    result = build()
    assert rebuilt(result) == {"en care", "en visit"}
    assert states(result)["fr care"] == states(result)["fr visit"] == "FAILED"


def test_options_that_shape_a_pdf_rebuild_and_those_that_do_not_do_not(i18n):
    root, build = i18n
    assert rebuilt(build("--page-size", "a4")) == {"en care", "en visit", "fr care", "fr visit"}
    assert rebuilt(build("--page-size", "a4", "-j", "1")) == set()
    assert rebuilt(build("--page-size", "a4", "--allow-fallback")) == {"en care", "en visit", "fr care", "fr visit"}
    only = build("--page-size", "a4", "--allow-fallback", "care", "--locale", "fr")
    assert states(only) == {"fr care": "up to date"}


def test_outputs_of_removed_handouts_and_locales_are_removed_and_named(i18n):
    root, build = i18n
    write(root / "dist/en/mine.pdf", "a file handout did not write")
    (root / "content/care.yaml").unlink()
    edit(root / "content/visit.yaml", "related: [care]\n", "")
    result = build()
    assert result.exit_code == 0, result.output
    assert f"removed {root / 'dist/en/care.pdf'}: care [en] is no longer in the project" in result.stderr
    assert f"removed {root / 'dist/fr/care.pdf'}: care [fr] is no longer in the project" in result.stderr
    assert not (root / "dist/en/care.pdf").exists() and not (root / "dist/fr/care.pdf").exists()
    assert (root / "dist/en/mine.pdf").exists()  # never written by handout: named, not deleted
    assert f"warning: {root / 'dist/en/mine.pdf'} has no handout in content/" in result.stderr
    write(root / "handout.toml", '[project]\nlocales = ["en"]\n')
    result = build()
    assert f"removed {root / 'dist/fr/visit.pdf'}: visit [fr] is no longer in the project" in result.stderr
    assert sorted(manifest(root)) == ["en/visit.pdf"]


def test_building_one_locale_or_one_handout_removes_nothing(i18n):
    root, build = i18n
    build("care", "--locale", "fr", "--force")
    assert len(manifest(root)) == 4 and len(list((root / "dist").rglob("*.pdf"))) == 4


def manifest(root) -> dict:
    return json.loads((root / "dist" / MANIFEST).read_text(encoding="utf-8"))["outputs"]


def test_the_manifest_names_only_pdfs_on_disk(cli, project):
    root = project(good=minimal("good"), broken=minimal("broken"))
    assert cli("build", "--project", root).exit_code == 0
    assert sorted(manifest(root)) == ["en/broken.pdf", "en/good.pdf"]
    edit(root / "content/broken.yaml", "bullets:", "bulets:")
    result = cli("build", "--project", root)
    assert result.exit_code == 1
    assert sorted(manifest(root)) == ["en/good.pdf"]
    assert not (root / "dist/en/broken.pdf").exists()
    entry = manifest(root)["en/good.pdf"]
    assert entry["size"] == (root / "dist/en/good.pdf").stat().st_size and len(entry["key"]) == 64


def test_a_garbled_manifest_rebuilds_everything_and_deletes_nothing(cli, project):
    root = project(a=minimal("a"))
    assert cli("build", "--project", root).exit_code == 0
    write(root / "dist" / MANIFEST, "{not json")
    write(root / "dist/en/other.pdf", "x")
    result = cli("build", "--project", root)
    assert result.exit_code == 0 and result.stdout.startswith("built 1, up to date 0")
    assert (root / "dist/en/other.pdf").exists()


def test_the_same_inputs_give_the_same_bytes(cli, project):
    root = project(a=minimal("a"))
    assert cli("build", "--project", root, "--out", root / "one").exit_code == 0
    assert cli("build", "--project", root, "--out", root / "two", "-j", "2").exit_code == 0
    assert (root / "one/en/a.pdf").read_bytes() == (root / "two/en/a.pdf").read_bytes()


def test_editions_and_profiles_are_in_the_key_and_other_editions_stay(i18n):
    root, build = i18n
    assert build("--edition", "large-print").stdout.startswith("built 4, up to date 0")
    assert build().stdout.startswith("built 0, up to date 4, failed 0, removed 0")
    assert (root / "dist/en/large-print/care.pdf").is_file()  # not this run's edition, still the project's
    assert build("--profile", "press").stdout.startswith("built 4, up to date 0")
    assert sorted(manifest(root)) == sorted(
        f"{lang}/{edition}{name}.pdf" for lang in ("en", "fr") for edition in ("", "large-print/") for name in ("care", "visit")
    )


def test_an_unusable_manifest_is_named_and_replaced(cli, project):
    root = project(a=minimal("a"))
    assert cli("build", "--project", root).exit_code == 0
    manifest = root / "dist/.handout-manifest.json"
    manifest.write_text("{garbage", encoding="utf-8")
    result = cli("build", "--project", root)
    assert result.exit_code == 0
    assert f"warning: {manifest}: cannot be read (" in result.stderr
    assert "every PDF is rendered again" in result.stderr and result.stdout.startswith("built 1, up to date 0")
    again = cli("build", "--project", root)
    assert again.stderr == "" and again.stdout.startswith("built 0, up to date 1")
    assert "PDFs/s" not in again.stdout  # nothing rendered: no rate to report
