"""Warm milliseconds per sample handout: the whole handout job against a bare ReportLab build.

Run by hand: `python3 benchmarks/render_speed.py [--repeat N]`. The bare build
lays out the very same flowables with a plain SimpleDocTemplate (no catalogs,
no translation, no glyph check, no furniture, no metadata, no file write), so
the ratio is what handout costs on top of ReportLab. Goal: at most 1.15.
"""

from __future__ import annotations

import argparse
import io
import statistics
import tempfile
import time
from pathlib import Path

from reportlab.platypus import SimpleDocTemplate

from handout.jobs import Job, render_job
from handout.catalogs import CatalogLayout
from handout.fonts import load_fonts
from handout.layout import layout_handout
from handout.load import load_project
from handout.styles import make_styles
from handout.translate import (
    Report,
    content_translation,
    interface_text,
    translate_handout,
)

ROOT = Path(__file__).resolve().parents[1]


def best_ms(run, repeat: int) -> float:
    run()  # warm: fonts registered, modules imported, caches filled
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    started = time.perf_counter()
    project = load_project(ROOT)
    load_ms = (time.perf_counter() - started) * 1000 / len(project.handouts)
    fonts = load_fonts()
    styles = make_styles(fonts)
    catalogs = CatalogLayout(ROOT)
    print(f"load: {load_ms:.1f} ms per handout (YAML + validation)")
    print(f"{'handout':34} {'lang':4} {'handout ms':>10} {'bare ms':>8} {'ratio':>6}")
    ratios = []
    with tempfile.TemporaryDirectory() as out:
        for handout in project.handouts.values():
            related = tuple((r.id, project.handouts[r.id].title) for r in handout.related)
            for locale in ("en", "es"):
                job = Job(ROOT, handout, related, locale, "letter", False, Path(out) / locale / f"{handout.id}.pdf", {})
                result = render_job(job)
                if result.pdf is None:
                    raise SystemExit(f"{handout.id} [{locale}] does not build:\n" + "\n".join(map(str, result.problems)))
                full = best_ms(lambda: render_job(job), args.repeat)
                if locale == "en":
                    source, titles = handout, tuple(title for _, title in related)
                else:
                    source = translate_handout(handout, content_translation(catalogs, locale, handout.id), Report())
                    titles = tuple(content_translation(catalogs, locale, i).translate(title, Report()) for i, title in related)
                interface = interface_text(catalogs, locale, Report())
                plain = best_ms(lambda: _bare(source, titles, interface, fonts, styles), args.repeat)
                ratios.append(full / plain)
                print(f"{handout.id:34} {locale:4} {full:10.1f} {plain:8.1f} {full / plain:6.2f}")
    print(f"median ratio {statistics.median(ratios):.2f}, worst {max(ratios):.2f} (goal <= 1.15)")


def _bare(handout, titles, interface, fonts, styles) -> None:
    layout = layout_handout(handout, titles, interface, fonts, styles)
    SimpleDocTemplate(io.BytesIO(), pagesize=styles.page_size, initialFontName=fonts.main.regular, invariant=1).build(layout.story)


if __name__ == "__main__":
    main()
