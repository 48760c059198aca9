"""Remake docs/first-page.png (the picture in the README) from a sample handout.

Run after a layout change: `python3 -m pip install -e '.[docs]' && python3 docs/make_picture.py`.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pypdfium2

from handout.build import BuildOptions, build

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "cervical-insufficiency"


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        report = build(BuildOptions(project=ROOT, out=Path(out), handout_ids=(SAMPLE,), locales=("en", "es"), jobs=1))
        if report.exit_code:
            raise SystemExit("\n".join(str(p) for r in report.failed for p in r.problems))
        for locale, name in (("en", "first-page.png"), ("es", "first-page-es.png")):
            pdf = pypdfium2.PdfDocument(Path(out) / locale / f"{SAMPLE}.pdf")
            image = pdf[0].render(scale=100 / 72).to_pil()
            image.save(ROOT / "docs" / name, optimize=True)
            print(f"wrote docs/{name} ({image.width}x{image.height})")


if __name__ == "__main__":
    main()
