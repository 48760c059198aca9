"""Which characters the bundled fonts can draw, read straight from their font files.

`handout check` must refuse exactly what a build refuses, yet never load
ReportLab (it stays a fast, print-free gate); so the coverage comes from the
`cmap` tables of the bundled TrueType files, read here with the standard
library alone. fonts.py takes its coverage from here too: one reader, one
answer for the loader, the catalogs, `i18n init` and the build.

A character counts only if every style of a family draws it, so bold or
italic text never falls back silently. Typographic spaces the fonts lack
print as the nearest space they have, so they are never refused.
"""

from __future__ import annotations

import functools
import struct
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import fontpkg_atkinson_hyperlegible
import fontpkg_fira_sans

from .errors import Problem
from .model import Text

STYLES = ("Regular", "Bold", "Italic", "BoldItalic")
# (package, file stem) of the main family, then of the fallback that draws what the main one lacks.
MAIN = (fontpkg_atkinson_hyperlegible, "AtkinsonHyperlegible")
FALLBACK = (fontpkg_fira_sans, "FiraSans")
_NO_BREAK_SPACE = "\u00a0"
# Each typographic space, and whether it forbids a line break there (then a no-break space stands in).
_TYPOGRAPHIC_SPACES = {
    **{chr(c): False for c in range(0x2000, 0x200B)},  # en quad ... hair space
    "\u2007": True,  # figure space
    "\u202f": True,  # narrow no-break space (Babel: "14 mars 2025", "1 января 2026 г.")
    "\u205f": False,  # medium mathematical space
    "\u3000": False,  # ideographic space
}


def font_file(package, stem: str) -> Path:
    """A font file of a fontpkg-* package, wherever pip put it."""
    root = Path(package.__file__).resolve().parent
    return next(root.rglob(f"{stem}.ttf"))


def cmap_chars(data: bytes) -> frozenset[str]:
    """The characters a TrueType/OpenType font maps to a glyph (cmap formats 4 and 12)."""
    tables = struct.unpack_from(">H", data, 4)[0]
    cmap = next(
        (offset for tag, _, offset, _ in (struct.unpack_from(">4sIII", data, 12 + 16 * i) for i in range(tables)) if tag == b"cmap"),
        None,
    )
    if cmap is None:
        return frozenset()
    codes: set[int] = set()
    seen: set[int] = set()
    for i in range(struct.unpack_from(">H", data, cmap + 2)[0]):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        unicode = platform == 0 or (platform == 3 and encoding in (1, 10))
        start = cmap + offset
        if not unicode or start in seen:
            continue
        seen.add(start)
        form = struct.unpack_from(">H", data, start)[0]
        if form == 4:
            codes |= _format_4(data, start)
        elif form == 12:
            codes |= _format_12(data, start)
    return frozenset(map(chr, codes))


def _format_4(data: bytes, start: int) -> set[int]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends_at = start + 14
    starts_at = ends_at + 2 * segments + 2  # past the reserved pad
    deltas_at = starts_at + 2 * segments
    ranges_at = deltas_at + 2 * segments
    codes = set()
    for s in range(segments):
        end, first = struct.unpack_from(">H", data, ends_at + 2 * s)[0], struct.unpack_from(">H", data, starts_at + 2 * s)[0]
        delta = struct.unpack_from(">h", data, deltas_at + 2 * s)[0]
        range_offset = struct.unpack_from(">H", data, ranges_at + 2 * s)[0]
        for code in range(first, min(end, 0xFFFE) + 1):
            if range_offset == 0:
                glyph = (code + delta) & 0xFFFF
            else:
                glyph = struct.unpack_from(">H", data, ranges_at + 2 * s + range_offset + 2 * (code - first))[0]
                glyph = (glyph + delta) & 0xFFFF if glyph else 0
            if glyph:
                codes.add(code)
    return codes


def _format_12(data: bytes, start: int) -> set[int]:
    codes = set()
    for g in range(struct.unpack_from(">I", data, start + 12)[0]):
        first, end, glyph = struct.unpack_from(">III", data, start + 16 + 12 * g)
        codes.update(range(first if glyph else first + 1, end + 1))
    return codes


def family_chars(package, stem: str) -> frozenset[str]:
    """What every style of one family draws."""
    styles = (cmap_chars(font_file(package, f"{stem}-{style}").read_bytes()) for style in STYLES)
    return frozenset.intersection(*styles)


@dataclass(frozen=True)
class Coverage:
    main: frozenset[str]
    drawn: frozenset[str]  # main and fallback together
    # str.translate table: each typographic space not drawn -> one that is (a dict: left out of the hash)
    spaces: dict[int, str] = field(compare=False)

    def cannot_draw(self, text: str) -> list[str]:
        """The characters of the text no bundled font draws, in code point order."""
        return sorted(set(text.translate(self.spaces)) - self.drawn)


@functools.cache
def coverage() -> Coverage:
    """Read once per process: a few milliseconds for the eight font files."""
    main = family_chars(*MAIN)
    drawn = main | family_chars(*FALLBACK)
    spaces = {}
    for space, no_break in _TYPOGRAPHIC_SPACES.items():
        if space not in drawn:
            spaces[ord(space)] = _NO_BREAK_SPACE if no_break and _NO_BREAK_SPACE in drawn else " "
    return Coverage(main, drawn, spaces)


def cannot_print(text: str, drawn: Coverage | None = None) -> list[str]:
    """One message per character of the text that no bundled font draws (drawn: coverage() when not given)."""
    return [
        f"character U+{ord(ch):04X} {describe(ch)} cannot be printed: the handout fonts have no glyph for it"
        for ch in (drawn or coverage()).cannot_draw(text)
    ]


def describe(ch: str) -> str:
    name = unicodedata.name(ch, "")
    shown = repr(ch) if not ch.isprintable() else f"'{ch}'"
    return f"{shown} ({name})" if name else shown


def script_of(chars: Iterable[str]) -> str:
    """The scripts of characters as Unicode names them first ("ARABIC", "CJK", "HEBREW"), for a message."""
    found = dict.fromkeys(unicodedata.name(ch, "UNKNOWN").split()[0] for ch in chars)
    return ", ".join(word if word == "CJK" else word.capitalize() for word in found)


def glyph_problems(texts: Iterable[Text], drawn: Coverage | None = None) -> list[Problem]:
    """One problem per character that no bundled font can draw, located at its string."""
    return [Problem(text.location, "", message) for text in texts for message in cannot_print(text.value, drawn)]
