"""Batch throughput, by hand (not in CI): `python3 benchmarks/bench_batch.py [--sizes 200 1000] [--repeat 3]`.

Builds a synthetic project of N three-page handouts in English and Spanish in a
temporary folder and prints, per N: PDFs/s with -j1 and -j2 and the speed-up, a
naive ReportLab build of the same YAML (platypus, one embedded TTF, no checks,
two processes) and handout's ratio to it, Typst on the same content when the
`typst` package is installed, the Dask LocalCluster rate (when dask is
installed), the no-op rebuild time, `handout --help` cold and the peak RSS of
the largest process. Runs are interleaved and medians reported, because a
shared machine is noisy. Needs `pip install -e '.[test,dask]'` (and `typst`
for the comparison).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.sax.saxutils import escape

import yaml

HANDOUT = [sys.executable, "-m", "handout"]

PARAGRAPH = (
    "Labor that starts before 37 weeks is called preterm labor. In labor, the uterus tightens and "
    "relaxes over and over, and these tightenings open the cervix so the baby can be born. "
    "**Call your provider** if the signs do not go away after an hour of rest."
)


def handout_yaml(number: int, total: int) -> str:
    sections = []
    for s in range(6):
        sections.append(
            {
                "heading": f"Question {s + 1} about topic {number}",
                "blocks": [
                    PARAGRAPH,
                    {"bullets": [f"Point {k} of section {s + 1}: watch for changes and write them down." for k in range(4)]},
                    {"steps": ["Stop what you are doing and rest on your side.", "Time the contractions for one hour."]},
                    PARAGRAPH,
                    {"callout": {"kind": "important", "text": "Getting checked quickly is what helps you and your baby."}},
                ],
            }
        )
    data = {
        "id": f"topic-{number:04}",
        "title": f"Topic number {number}",
        "summary": "A synthetic handout of about three pages, used to measure batch speed.",
        "sections": sections,
        "related": [f"topic-{(number + 1) % total:04}"],
        "references": ["Clinic Handbook. 2nd ed. 2024."],
        "review": {"date": "2025-03-14", "by": ["Jane Roe, MD"]},
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True)


def make_project(root: Path, count: int) -> None:
    from babel.messages.catalog import Catalog

    from handout.catalogs import CatalogLayout, handout_template, po_bytes
    from handout.load import load_project

    (root / "content").mkdir(parents=True)
    for number in range(count):
        (root / "content" / f"topic-{number:04}.yaml").write_text(handout_yaml(number, count), encoding="utf-8")
    layout = CatalogLayout(root)
    for handout in load_project(root).handouts.values():
        catalog = Catalog(locale="es", project="bench", charset="utf-8", fuzzy=False)
        for message in handout_template(handout):
            if message.id:
                catalog.add(message.id, "ES " + message.id, locations=message.locations)
        path = layout.content_catalog("es", handout.id)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(po_bytes(catalog))


def run(args: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and the peak RSS (KiB) of the largest process of the run."""
    started = time.perf_counter()
    process = subprocess.Popen(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0,):
        raise SystemExit(f"{' '.join(args)} failed:\n{process.stderr.read().decode()}")
    process.stderr.close()
    return seconds, usage.ru_maxrss


# -- the naive build: what a one-off script would do ------------------------------------------


def _naive_one(path: str) -> None:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import ListFlowable, Paragraph, SimpleDocTemplate, Spacer

    if "Body" not in pdfmetrics.getRegisteredFontNames():
        import fontpkg_atkinson_hyperlegible

        font = next(Path(fontpkg_atkinson_hyperlegible.__file__).parent.rglob("AtkinsonHyperlegible-Regular.ttf"))
        pdfmetrics.registerFont(TTFont("Body", str(font)))
    body = ParagraphStyle("body", fontName="Body", fontSize=12.5, leading=18, spaceAfter=7)
    heading = ParagraphStyle("heading", parent=body, fontSize=17, leading=21)
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    story = [Paragraph(escape(data["title"]), heading), Paragraph(escape(data["summary"]), body)]
    for section in data["sections"]:
        story.append(Paragraph(escape(section["heading"]), heading))
        for block in section["blocks"]:
            if isinstance(block, str):
                story.append(Paragraph(escape(block), body))
            else:
                (kind, value), = block.items()
                items = value if isinstance(value, list) else [value["text"]]
                story.append(ListFlowable([Paragraph(escape(i), body) for i in items], bulletFontName="Body"))
        story.append(Spacer(1, 6))
    out = Path(path).with_suffix(".naive.pdf")
    SimpleDocTemplate(str(out), initialFontName="Body", invariant=1).build(story)


def naive(root: Path) -> float:
    files = [str(p) for p in sorted((root / "content").glob("*.yaml"))] * 2  # English and Spanish: same work
    started = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        pool.map(_naive_one, files, chunksize=8)
    return time.perf_counter() - started


# -- Typst, when its PyPI package is installed -------------------------------------------------


def _typst_one(path: str) -> None:
    import typst

    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))

    def text(value: str) -> str:
        return value.replace("\\", "\\\\").replace("#", "\\#").replace("$", "\\$").replace("@", "\\@").replace("<", "\\<")

    lines = ['#set page(paper: "us-letter", margin: 0.8in, footer: context [#h(1fr) Page #counter(page).display() of #counter(page).final().first()])',
             '#set text(size: 12.5pt)', f"= {text(data['title'])}", text(data["summary"])]
    for section in data["sections"]:
        lines.append(f"== {text(section['heading'])}")
        for block in section["blocks"]:
            if isinstance(block, str):
                lines.append(text(block))
            else:
                (kind, value), = block.items()
                items = value if isinstance(value, list) else [value["text"]]
                marker = "+" if kind == "steps" else "-"
                lines += [f"{marker} {text(i)}" for i in items]
        lines.append("")
    source = Path(path).with_suffix(".typ")
    source.write_text("\n\n".join(lines), encoding="utf-8")
    typst.compile(str(source), output=str(source.with_suffix(".typst.pdf")))


def typst_rate(root: Path) -> float | None:
    try:
        import typst  # noqa: F401
    except ImportError:
        return None
    files = [str(p) for p in sorted((root / "content").glob("*.yaml"))] * 2
    started = time.perf_counter()
    with multiprocessing.Pool(2) as pool:
        pool.map(_typst_one, files, chunksize=8)
    return len(files) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-dask", action="store_true")
    args = parser.parse_args()
    try:
        import distributed  # noqa: F401

        dask = not args.no_dask
    except ImportError:
        dask = False
    helps = [run([*HANDOUT, "--help"], Path("."))[0] for _ in range(7)]
    print(f"handout --help cold: median {statistics.median(helps) * 1000:.0f} ms of {len(helps)}")
    print(f"{'N':>5} {'PDFs':>5} {'-j1/s':>7} {'-j2/s':>7} {'x':>5} {'naive/s':>8} {'ratio':>6} {'typst/s':>8} {'ratio':>6} {'dask/s':>7} {'d/j2':>5} {'no-op s':>8} {'RSS j1':>7} {'RSS j2':>7}")
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder) / "project"
            make_project(root, size)
            pdfs = 2 * size
            times: dict[str, list[float]] = {"j1": [], "j2": [], "naive": [], "dask": []}
            rss: dict[str, int] = {}
            typst = []
            for _ in range(args.repeat):  # interleaved: a noisy neighbour slows every variant alike
                for name, extra in (("j1", ["-j", "1"]), ("j2", ["-j", "2"])):
                    seconds, peak = run([*HANDOUT, "build", "--force", "-q", *extra], root)
                    times[name].append(seconds)
                    rss[name] = max(rss.get(name, 0), peak)
                times["naive"].append(naive(root))
                rate = typst_rate(root)
                if rate is not None:
                    typst.append(rate)
                if dask:
                    times["dask"].append(run([*HANDOUT, "build", "--force", "-q", "-j", "2", "--executor", "dask"], root)[0])
            noop = [run([*HANDOUT, "build", "-q"], root)[0] for _ in range(args.repeat)]
            rate = {name: pdfs / statistics.median(values) for name, values in times.items() if values}
            typst_rate_median = statistics.median(typst) if typst else None
            print(
                f"{size:>5} {pdfs:>5} {rate['j1']:>7.1f} {rate['j2']:>7.1f} {rate['j2'] / rate['j1']:>5.2f} "
                f"{rate['naive']:>8.1f} {rate['j2'] / rate['naive']:>6.2f} "
                + (f"{typst_rate_median:>8.1f} {rate['j2'] / typst_rate_median:>6.2f} " if typst_rate_median else f"{'n/a':>8} {'':>6} ")
                + (f"{rate['dask']:>7.1f} {rate['j2'] / rate['dask']:>5.2f} " if "dask" in rate else f"{'n/a':>7} {'':>5} ")
                + f"{statistics.median(noop):>8.2f} {rss['j1'] / 1024:>6.0f}M {rss['j2'] / 1024:>6.0f}M",
                flush=True,
            )


if __name__ == "__main__":
    main()
