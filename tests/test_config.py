import pytest
from conftest import write

from handout.config import load_config
from handout.errors import ProjectError


def test_no_file_gives_defaults(tmp_path):
    config = load_config(tmp_path)
    assert (config.locales, config.page_size) == (None, "letter")


def test_project_keys(tmp_path):
    write(tmp_path / "handout.toml", '[project]\nlocales = ["en", "es"]\npage_size = "a4"\n')
    config = load_config(tmp_path)
    assert (config.locales, config.page_size) == (("en", "es"), "a4")


def test_every_problem_is_located(tmp_path):
    write(
        tmp_path / "handout.toml",
        """\
        # clinic settings
        [project]
        page_size = "legal"
        locales = ["en", "xx-nope"]
        colour = "blue"

        [clinic]
        name = "Riverside"

        [other]
        """,
    )
    with pytest.raises(ProjectError) as error:
        load_config(tmp_path)
    assert error.value.exit_code == 2
    assert str(error.value).splitlines() == [
        "handout.toml:3: project.page_size: must be one of letter, a4; found 'legal'",
        "handout.toml:4: project.locales: 'xx-nope' is not a locale code Babel knows (e.g. es, es_MX, es-419, vi)",
        "handout.toml:5: project.colour: unknown key; allowed: locales, page_size, editions, bilingual_pair",
        "handout.toml:10: other: unknown table [other]; allowed: [project], [values], [check], [clinic], [packets.NAME]",
    ]


def test_a_folder_named_handout_toml_is_a_project_error(tmp_path):
    (tmp_path / "handout.toml").mkdir()
    with pytest.raises(ProjectError, match=r"^handout.toml: not a file"):
        load_config(tmp_path)


def test_toml_syntax_error_names_the_line(tmp_path):
    write(tmp_path / "handout.toml", '[project]\npage_size = "a4\n')
    with pytest.raises(ProjectError, match=r"^handout.toml:2: not valid TOML"):
        load_config(tmp_path)


def test_keys_outside_their_table_and_sub_tables_are_located(tmp_path):
    write(tmp_path / "handout.toml", 'page_size = "a4"\n[project]\nlocales = ["en"]\n[project.extra]\nx = 1\n')
    with pytest.raises(ProjectError) as error:
        load_config(tmp_path)
    assert str(error.value).splitlines() == [
        "handout.toml:1: page_size: 'page_size' belongs in the [project] table: write it under [project]",
        "handout.toml:4: project.extra: unknown key; allowed: locales, page_size, editions, bilingual_pair",
    ]


def test_locale_codes_are_normalised(tmp_path):
    write(tmp_path / "handout.toml", '[project]\nlocales = ["EN", "es-MX", "es_419"]\n')
    assert load_config(tmp_path).locales == ("en", "es_MX", "es_419")


def test_values_are_text_printed_as_written_with_their_lines(tmp_path):
    write(tmp_path / "handout.toml", '[project]\npage_size = "a4"\n\n[values]\nlabor_phone = "555-0199"\nunit =  "Labor  and *delivery*"\n')
    values = load_config(tmp_path).values
    assert {k: (v.value, str(v.location)) for k, v in values.items()} == {
        "labor_phone": ("555-0199", "handout.toml:5"),
        "unit": ("Labor and *delivery*", "handout.toml:6"),
    }


def test_values_of_the_wrong_shape_are_located(tmp_path):
    write(
        tmp_path / "handout.toml",
        """\
        [values]
        labor_phone = 5550199
        blank = ""
        nested.key = "x"
        ok = "fine"
        """,
    )
    with pytest.raises(ProjectError) as error:
        load_config(tmp_path)
    assert str(error.value).splitlines() == [
        'handout.toml:2: values.labor_phone: must be text in quotes, e.g. labor_phone = "555-0142"; found int',
        "handout.toml:3: values.blank: is empty: leave the key out to print a line to write on",
        'handout.toml:4: values.nested: must be text in quotes, e.g. nested = "555-0142"; found dict',
    ]
    write(tmp_path / "handout.toml", 'values = "x"\n')
    with pytest.raises(ProjectError, match=r"handout.toml:1: values: must be a table \[values\]"):
        load_config(tmp_path)


def test_editions_pair_and_clinic(tmp_path):
    from PIL import Image

    (tmp_path / "assets").mkdir()
    Image.new("RGB", (40, 20), "navy").save(tmp_path / "assets/logo.png")
    write(
        tmp_path / "handout.toml",
        """\
        [project]
        editions = ["standard", "large-print", "bilingual"]
        bilingual_pair = ["es", "en"]

        [clinic]
        name = "Riverside   Family Clinic"
        phone = "555-0142"
        logo = "assets/logo.png"
        short_url = "https://riverside.example/h/{lang}/{id}"
        """,
    )
    config = load_config(tmp_path)
    assert config.editions == ("standard", "large-print", "bilingual") and config.bilingual_pair == ("es", "en")
    assert config.clinic.name == "Riverside Family Clinic" and config.clinic.logo == (tmp_path / "assets/logo.png").resolve()
    assert config.clinic.url_for("a", "es") == "https://riverside.example/h/es/a"


def test_edition_and_clinic_problems_are_located(tmp_path):
    write(tmp_path / "not-image.png", "hello")
    from PIL import Image

    Image.new("RGB", (4, 4)).save(tmp_path / "pic.gif")
    write(
        tmp_path / "handout.toml",
        """\
        [project]
        editions = ["standard", "huge"]
        bilingual_pair = ["en", "en"]
        [clinic]
        name = "Riverside"
        logo = "assets/missing.png"
        short_url = "https://x.example/{name}"
        fax = "1"
        """,
    )
    with pytest.raises(ProjectError) as error:
        load_config(tmp_path)
    assert str(error.value).splitlines() == [
        "handout.toml:2: project.editions: must be a list of editions from standard, large-print, bilingual; found ['standard', 'huge']",
        "handout.toml:3: project.bilingual_pair: must be two different locale codes, e.g. [\"en\", \"es\"]; found ['en', 'en']",
        "handout.toml:6: clinic.logo: assets/missing.png: no such file (the path is relative to the project folder)",
        "handout.toml:7: clinic.short_url: only {id} and {lang} may appear in braces ('name')",
        "handout.toml:8: clinic.fax: unknown key; allowed: name, address, phone, website, logo, short_url",
    ]
    for logo, reason in [("not-image.png", "not an image: use a PNG or JPEG file"), ("pic.gif", "a GIF image: use a PNG or JPEG file")]:
        write(tmp_path / "handout.toml", f'[clinic]\nname = "R"\nlogo = "{logo}"\n')
        with pytest.raises(ProjectError, match=f"^handout.toml:3: clinic.logo: {logo}: {reason}$"):
            load_config(tmp_path)
    write(tmp_path / "handout.toml", '[clinic]\nphone = "1"\n')
    with pytest.raises(ProjectError, match=r"^handout.toml:1: clinic: needs a name"):
        load_config(tmp_path)
