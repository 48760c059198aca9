"""Packets: several handouts in one PDF per locale, with a contents cover, continuous page numbers
and an outline nested per handout."""

from conftest import fixture_project, pdf_text, write
from pypdf import PdfReader

PACKETS = '[packets.first-visit]\ntitle = "Your first visit"\nhandouts = ["visit", "care"]\n'


def outline(reader: PdfReader, items=None, depth=0) -> list[tuple[int, str, int]]:
    """(depth, title, page) of every outline entry, in order."""
    found = []
    for item in reader.outline if items is None else items:
        if isinstance(item, list):
            found += outline(reader, item, depth + 1)
        else:
            found.append((depth, item.title, reader.get_destination_page_number(item) + 1))
    return found


def test_a_named_packet_in_every_locale(cli, tmp_path):
    root = fixture_project(tmp_path)
    write(root / "handout.toml", PACKETS)
    result = cli("packet", "first-visit", "--project", root)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"built {root / 'dist/en/packets/first-visit.pdf'}", f"built {root / 'dist/fr/packets/first-visit.pdf'}"]
    reader = PdfReader(root / "dist/fr/packets/first-visit.pdf")
    alone = [len(PdfReader(_single(cli, root, i)).pages) for i in ("visit", "care")]
    assert len(reader.pages) == 1 + sum(alone)
    cover = " ".join(reader.pages[0].extract_text().split())
    assert cover.startswith(f"Your first visit Votre visite à la clinique 2 Prendre soin de soi {2 + alone[0]} ")
    assert outline(reader) == [(0, "Votre visite à la clinique", 2), (1, "Avant la visite", 2), (0, "Prendre soin de soi", 2 + alone[0]), (1, "Chaque jour", 2 + alone[0])]
    last = reader.pages[-1].extract_text()
    total = len(reader.pages)
    assert f"Page {total} sur {total}" in last and "Prendre soin de soi" in last  # its own running head
    text = pdf_text(root / "dist/fr/packets/first-visit.pdf")
    assert text.count("Avertissement médical") == 2 and text.count("Relu le") == 2  # each keeps its disclaimer and review line
    again = cli("packet", "first-visit", "--project", root)
    assert again.stdout.splitlines()[0].startswith("up to date ")


def _single(cli, root, handout_id):
    assert cli("build", handout_id, "--project", root, "--locale", "fr").exit_code == 0
    return root / "dist/fr" / f"{handout_id}.pdf"


def test_a_packet_is_rebuilt_when_a_member_changes(cli, tmp_path):
    root = fixture_project(tmp_path)
    write(root / "handout.toml", PACKETS)
    assert cli("packet", "first-visit", "--project", root, "--locale", "en").exit_code == 0
    path = root / "content/care.yaml"
    path.write_text(path.read_text().replace("2025-03-14", "2025-05-01"))
    assert cli("packet", "first-visit", "--project", root, "--locale", "en").stdout.startswith("built ")


def test_an_ad_hoc_packet(cli, tmp_path):
    root = fixture_project(tmp_path)
    result = cli("packet", "--out", tmp_path / "out/both.pdf", "care", "visit", "--project", root, "--locale", "en", "--title", "Two handouts")
    assert result.exit_code == 0, result.output
    reader = PdfReader(tmp_path / "out/both.pdf")
    assert [entry[1] for entry in outline(reader) if entry[0] == 0] == ["Caring for yourself", "Your clinic visit"]
    assert reader.metadata.title == "Two handouts"
    several = cli("packet", "--out", tmp_path / "out/both.pdf", "care", "visit", "--project", root)
    assert several.exit_code == 0 and (tmp_path / "out/both-fr.pdf").is_file() and (tmp_path / "out/both-en.pdf").is_file()


def test_packet_errors_are_located(cli, tmp_path):
    root = fixture_project(tmp_path)
    write(root / "handout.toml", '[packets.first-visit]\ntitle = "Visit"\nhandouts = ["visit", "nope"]\n\n[packets.bad]\nhandouts = "care"\n')
    result = cli("packet", "first-visit", "--project", root)
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "handout.toml:5: packets.bad: needs a title in quotes, e.g. title = \"Your first visit\"",
        "handout.toml:6: packets.bad.handouts: needs a list of handout ids, e.g. handouts = [\"preterm-labor\"]",
    ]
    write(root / "handout.toml", '[packets.first-visit]\ntitle = "Visit"\nhandouts = ["visit", "nope"]\n')
    result = cli("packet", "first-visit", "--project", root)
    assert result.exit_code == 2 and result.stderr == "handout.toml:3: packets.first-visit.handouts: no handout 'nope' in content/\n"
    unknown = cli("packet", "other", "--project", root)
    assert unknown.exit_code == 2 and unknown.stderr == "handout.toml: no [packets.other] table (packets defined: first-visit)\n"
    assert cli("packet", "--project", root).exit_code == 2
