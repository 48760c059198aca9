"""Shared fixtures: small real projects on disk, the CLI runner, PDF readers."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from handout.cli import main

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"

MINIMAL = """\
id: {id}
title: {title}
summary: A short summary of the handout.
sections:
  - heading: What is it?
    blocks:
      - A plain paragraph about it.
      - bullets:
          - First point
          - Second point
review:
  date: 2025-03-14
  by:
    - Jane Roe, MD
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def project(tmp_path: Path):
    """A factory for projects: project(handout_id=yaml_text, ...) -> root folder."""

    def make(**handouts: str) -> Path:
        root = tmp_path / "project"
        (root / "content").mkdir(parents=True, exist_ok=True)
        for handout_id, text in handouts.items():
            handout_id = handout_id.replace("_", "-")
            write(root / "content" / f"{handout_id}.yaml", text)
        return root

    return make


def minimal(handout_id: str, title: str = "A handout") -> str:
    return MINIMAL.format(id=handout_id, title=title)


def fixture_project(tmp_path: Path) -> Path:
    """A copy of tests/data/i18n: two handouts with complete French catalogs."""
    root = tmp_path / "i18n"
    shutil.copytree(DATA / "i18n", root)
    return root


@pytest.fixture
def cli():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdf_fonts(path: Path) -> set[str]:
    fonts = set()
    for page in PdfReader(path).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts.add(str(font["/BaseFont"]))
    return fonts


# pypdfium2 widens a stroked path's bounds by its whole line width; paint reaches half of it.
# What is left is a butt-capped line's end, which paints nothing past its end point: up to
# a quarter point for the 0.5 pt rules.
EDGE = 0.3


def drawn_bounds(pdf: Path):
    """(page number, left, bottom, right, top) of the paint of every object drawn, read with pypdfium2."""
    import ctypes

    import pypdfium2
    import pypdfium2.raw as raw

    for number, page in enumerate(pypdfium2.PdfDocument(pdf), 1):
        for obj in page.get_objects():
            left, bottom, right, top = obj.get_bounds()
            width = ctypes.c_float(0)
            if obj.type == raw.FPDF_PAGEOBJ_PATH and raw.FPDFPageObj_GetStrokeWidth(obj.raw, ctypes.byref(width)):
                half = width.value / 2
                left, bottom, right, top = left + half, bottom + half, right - half, top - half
            yield number, left, bottom, right, top
