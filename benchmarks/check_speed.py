"""Seconds for `handout check` on 100 handouts in English and Spanish (the goal: well under one).

Run by hand: `python3 benchmarks/check_speed.py [--handouts N]`. The project is
the samples copied under new ids, in whole sets (N=100 gives 102) (content, templates and Spanish catalogs), so
every rule and both readability formulas run on real text. Two numbers: the
library call in a warm process, and the whole command in a fresh one, which
also pays for starting Python and reading the pronunciation dictionary.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from handout.checks import CheckOptions, run_checks

ROOT = Path(__file__).resolve().parents[1]


def copy_samples(target: Path, count: int) -> None:
    samples = sorted(p.stem for p in (ROOT / "content").glob("*.yaml"))
    (target / "content").mkdir(parents=True)
    (target / "locales/content").mkdir(parents=True)
    shutil.copytree(ROOT / "locales/es", target / "locales/es")
    for po in (target / "locales/es/LC_MESSAGES/content").glob("*.po"):
        po.unlink()
    for n in range(-(-count // len(samples)) * len(samples)):  # whole sets, so every related id exists
        stem = samples[n % len(samples)]
        suffix = f"-{n // len(samples)}"
        rename = lambda text: re.sub(r"\b(" + "|".join(map(re.escape, samples)) + r")\b(?![./-])", lambda m: m.group(1) + suffix, text)
        text = (ROOT / "content" / f"{stem}.yaml").read_text("utf-8")
        (target / "content" / f"{stem}{suffix}.yaml").write_text(rename(text), "utf-8")
        for source, copy in (
            (ROOT / f"locales/content/{stem}.pot", target / f"locales/content/{stem}{suffix}.pot"),
            (ROOT / f"locales/es/LC_MESSAGES/content/{stem}.po", target / f"locales/es/LC_MESSAGES/content/{stem}{suffix}.po"),
        ):
            copy.write_text(source.read_text("utf-8").replace(f"content/{stem}.yaml", f"content/{stem}{suffix}.yaml"), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--handouts", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        copy_samples(root, args.handouts)
        options = CheckOptions(project=root, today=None)
        run_checks(options)  # warm
        start = time.perf_counter()
        report = run_checks(options)
        warm = time.perf_counter() - start
        start, before = time.perf_counter(), _child_cpu()
        subprocess.run([sys.executable, "-m", "handout", "check", "--project", str(root)], capture_output=True, check=False)
        cold, cpu = time.perf_counter() - start, _child_cpu() - before
    print(f"{len(report.handouts)} handouts, {', '.join(report.locales)}: {warm:.2f} s in a warm process, "
          f"{cold:.2f} s for the whole command ({cpu:.2f} s of CPU: the figure to trust on a busy machine)")


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":
    main()
