"""Remake the README's pictures: the first page of a sample handout in each edition.

Run after a layout change: `python3 -m pip install -e '.[docs]' && python3 docs/make_picture.py`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2

from handout.build import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "cervical-insufficiency"


PICTURES = {  # PDF under the output folder -> picture under docs/
    f"en/{SAMPLE}.pdf": "first-page.png",
    f"es/{SAMPLE}.pdf": "first-page-es.png",
    f"es/large-print/{SAMPLE}.pdf": "first-page-large-print.png",
    f"bilingual/en-es/{SAMPLE}.pdf": "first-page-bilingual.png",
}


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        options = BuildOptions(
            project=ROOT, out=Path(out), handout_ids=(SAMPLE,), locales=("en", "es"),
            editions=("standard", "large-print", "bilingual"), pair=("en", "es"), jobs=1,
        )
        report = build(options)
        if report.exit_code:
            raise SystemExit("\n".join(str(p) for r in report.failed for p in r.problems))
        for source, name in PICTURES.items():
            pdf = pypdfium2.PdfDocument(Path(out) / source)
            image = pdf[0].render(scale=100 / 72).to_pil()
            image.save(ROOT / "docs" / name, optimize=True)
            print(f"wrote docs/{name} ({image.width}x{image.height})")


if __name__ == "__main__":
    main()
