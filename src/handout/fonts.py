"""Register the bundled font families with ReportLab and tell which characters they can draw.

Atkinson Hyperlegible (made for low-vision readers) prints the text; Fira Sans
draws the characters Atkinson lacks (the rest of Latin Extended-A, Greek,
Cyrillic, Vietnamese). Both come from PyPI font packages under the SIL OFL, so
`pip install` is all a machine needs. A character neither family has is an
error before anything is drawn: ReportLab would silently print an empty box.

Typographic spaces (the narrow no-break space in Babel's French and Russian
dates, thin spaces pasted from a word processor) are printed as the nearest
space the fonts have, so that no locale whose script the fonts cover is ever
refused for a space.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import fontpkg_atkinson_hyperlegible
import fontpkg_fira_sans
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from .errors import Problem, RenderError
from .model import Text

_STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
_NO_BREAK_SPACE = "\u00a0"
# Each typographic space, and whether it forbids a line break there (then a no-break space stands in).
_TYPOGRAPHIC_SPACES = {
    **{chr(c): False for c in range(0x2000, 0x200B)},  # en quad ... hair space
    "\u2007": True,  # figure space
    "\u202f": True,  # narrow no-break space (Babel: "14 mars 2025", "1 января 2026 г.")
    "\u205f": False,  # medium mathematical space
    "\u3000": False,  # ideographic space
}


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
    main_chars: frozenset[str]
    all_chars: frozenset[str]  # main and fallback together
    # str.translate table: each typographic space neither family draws -> a space they draw
    spaces: dict[int, str] = field(default_factory=dict, compare=False)

    def split(self, text: str) -> list[tuple[str, bool]]:
        """Runs of (text, drawn by the main face): the rest is drawn by the fallback face."""
        text = text.translate(self.spaces)
        lacking = set(text) - self.main_chars
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

    def cannot_draw(self, text: str) -> set[str]:
        return set(text.translate(self.spaces)) - self.all_chars


def _font_file(package, stem: str) -> Path:
    root = Path(package.__file__).resolve().parent
    return next(root.rglob(f"{stem}.ttf"))


def _register(name: str, package, stem: str) -> tuple[Family, frozenset[str]]:
    faces = {}
    coverage: frozenset[str] | None = None
    for style in _STYLES:
        face_name = f"{name}-{style}"
        if face_name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(face_name, str(_font_file(package, f"{stem}-{style}"))))
        chars = frozenset(map(chr, pdfmetrics.getFont(face_name).face.charToGlyph))
        # A character counts only if every style draws it, so bold or italic never falls back silently.
        coverage = chars if coverage is None else coverage & chars
        faces[style] = face_name
    family = Family(name, faces["Regular"], faces["Bold"], faces["Italic"], faces["BoldItalic"])
    pdfmetrics.registerFontFamily(
        name, normal=family.regular, bold=family.bold, italic=family.italic, boldItalic=family.bold_italic
    )
    return family, coverage or frozenset()


@functools.cache
def load_fonts() -> FontSet:
    """Register both families once per process and return them."""
    main, main_chars = _register("HandoutSans", fontpkg_atkinson_hyperlegible, "AtkinsonHyperlegible")
    fallback, fallback_chars = _register("HandoutFallback", fontpkg_fira_sans, "FiraSans")
    drawn = main_chars | fallback_chars
    return FontSet(main, fallback, main_chars, drawn, _space_table(drawn))


def _space_table(drawn: frozenset[str]) -> dict[int, str]:
    table = {}
    for space, no_break in _TYPOGRAPHIC_SPACES.items():
        if space not in drawn:
            table[ord(space)] = _NO_BREAK_SPACE if no_break and _NO_BREAK_SPACE in drawn else " "
    return table


def glyph_problems(texts: Iterable[Text], fonts: FontSet) -> list[Problem]:
    """One problem per character that no bundled font can draw, located at its string."""
    problems = []
    for text in texts:
        for ch in sorted(fonts.cannot_draw(text.value)):
            problems.append(
                Problem(
                    text.location,
                    "",
                    f"character U+{ord(ch):04X} {_describe(ch)} cannot be printed: "
                    "the handout fonts have no glyph for it",
                )
            )
    return problems


def _describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    shown = repr(ch) if not ch.isprintable() else f"'{ch}'"
    return f"{shown} ({name})" if name else shown


def check_glyphs(texts: Iterable[Text], fonts: FontSet) -> None:
    problems = glyph_problems(texts, fonts)
    if problems:
        raise RenderError(problems)
