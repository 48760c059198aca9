"""Register the bundled font families with ReportLab.

Atkinson Hyperlegible (made for low-vision readers) prints the text; Fira Sans
draws the characters Atkinson lacks (the rest of Latin Extended-A, Greek,
Cyrillic, Vietnamese). Both come from PyPI font packages under the SIL OFL, so
`pip install` is all a machine needs. A character neither family has is an
error before anything is drawn: ReportLab would silently print an empty box.
Which characters each family draws comes from glyphs.py, the reader `handout
check` uses too, so the build and the check can never disagree.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Iterable

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .errors import RenderError
from .glyphs import FALLBACK, MAIN, STYLES, Coverage, coverage, font_file, glyph_problems
from .model import Text


@dataclass(frozen=True)
class Family:
    name: str
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def face(self, bold: bool, italic: bool) -> str:
        if bold and italic:
            return self.bold_italic
        return self.bold if bold else self.italic if italic else self.regular


@dataclass(frozen=True)
class FontSet:
    """The registered families and their character coverage (a FaceChooser for marks.py)."""

    main: Family
    fallback: Family
    coverage: Coverage  # what each family draws, as glyphs.py read it from the font files

    def split(self, text: str) -> list[tuple[str, bool]]:
        """Runs of (text, drawn by the main face): the rest is drawn by the fallback face."""
        text = text.translate(self.coverage.spaces)
        lacking = set(text) - self.coverage.main
        if not lacking:
            return [(text, True)] if text else []
        runs: list[tuple[str, bool]] = []
        for ch in text:
            main = ch not in lacking
            if runs and runs[-1][1] == main:
                runs[-1] = (runs[-1][0] + ch, main)
            else:
                runs.append((ch, main))
        return runs

    def fallback_face(self, bold: bool, italic: bool) -> str:
        return self.fallback.face(bold, italic)


def _register(name: str, package, stem: str) -> Family:
    faces = {}
    for style in STYLES:
        face_name = f"{name}-{style}"
        if face_name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face_name, str(font_file(package, f"{stem}-{style}"))))
        faces[style] = face_name
    family = Family(name, faces["Regular"], faces["Bold"], faces["Italic"], faces["BoldItalic"])
    pdfmetrics.registerFontFamily(
        name, normal=family.regular, bold=family.bold, italic=family.italic, boldItalic=family.bold_italic
    )
    return family


@functools.cache
def load_fonts() -> FontSet:
    """Register both families once per process and return them."""
    return FontSet(_register("HandoutSans", *MAIN), _register("HandoutFallback", *FALLBACK), coverage())


def check_glyphs(texts: Iterable[Text], fonts: FontSet) -> None:
    """Refuse to print any text holding a character the fonts cannot draw."""
    problems = glyph_problems(texts, fonts.coverage)
    if problems:
        raise RenderError(problems)
