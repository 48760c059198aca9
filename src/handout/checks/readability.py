"""Readability of a handout's body text: take a Handout in one language, give its counts,
its scores, the sentences an author should shorten first, and the issue when a score
crosses a [check] threshold.

Only body text counts (summary, key points, when-to-call signs, paragraphs,
list items, the explanations of terms, callout texts, questions): headings,
names, blank labels and references are not prose, and counting them would
make every handout look easier than it reads. Each string ends a sentence
even without a full stop, as list items do.

English: Flesch-Kincaid grade and SMOG. Spanish: Fernández-Huerta in its
corrected form (206.84 − 0.60 P − 1.02 F, P syllables per 100 words, F words
per sentence) and Szigriszt-Pazos, read on the INFLESZ scale.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable, Iterator

from .. import marks
from ..config import CheckConfig
from ..errors import ERROR, WARNING, Issue
from ..model import Blanks, Bullets, Callout, Handout, Location, Paragraph, Steps, Terms, Text
from .syllables import english_syllables, spanish_syllables

_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’»)]*\s+")
_WORD = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:['’-][^\W_]+)*")  # 1.5 is one word, follow-up too
HARDEST_SHOWN = 3


def body_texts(handout: Handout) -> Iterator[Text]:
    """The prose a patient reads, in reading order (see the module docstring for what is left out)."""
    yield handout.summary
    yield from handout.key_points
    for level in handout.when_to_call:
        yield from level.items
    for section in handout.sections:
        for block in section.blocks:
            match block:
                case Paragraph(text):
                    yield text
                case Bullets(items) | Steps(items):
                    yield from items
                case Terms(items):
                    yield from (item.text for item in items)
                case Callout(_, text, _):
                    yield text
                case Blanks():
                    pass  # labels of lines to write on, not sentences
    yield from handout.questions


@dataclass(frozen=True)
class Sentence:
    text: str
    location: Location
    words: int
    syllables: int
    polysyllables: int  # words of three syllables or more (SMOG)


@dataclass(frozen=True)
class Scores:
    """Counts and scores of one handout in one language; `hardest` puts the worst sentence first."""

    language: str
    words: int
    sentences: int
    syllables: int
    polysyllables: int
    scores: dict[str, float]  # formula name -> value, see FORMULAS
    hardest: tuple[tuple[Sentence, float], ...]


def sentences(text: Text, count: Callable[[str], int]) -> Iterator[Sentence]:
    """Split one string into sentences and count each; marks and link targets are not words."""
    try:
        plain = marks.plain(marks.parse(text.value))
    except marks.MarkError:
        plain = text.value  # the loader reports the mark; the words still count
    for piece in _SENTENCE_END.split(plain.strip()):
        words = _WORD.findall(piece)
        if not words:
            continue
        counts = list(map(count, words))
        yield Sentence(piece.strip(), text.location, len(words), sum(counts), len(counts) - counts.count(1) - counts.count(2))


# -- formulas: pure functions of the counts ------------------------------------


def flesch_kincaid_grade(words: int, sentences: int, syllables: int) -> float:
    return 0.39 * words / sentences + 11.8 * syllables / words - 15.59


def smog(sentences: int, polysyllables: int) -> float:
    return 1.0430 * math.sqrt(polysyllables * 30 / sentences) + 3.1291


def fernandez_huerta(words: int, sentences: int, syllables: int) -> float:
    return 206.84 - 0.60 * (100 * syllables / words) - 1.02 * (words / sentences)


def szigriszt_pazos(words: int, sentences: int, syllables: int) -> float:
    """Szigriszt-Pazos perspicuity, the score the INFLESZ scale grades (55 to 65: normal)."""
    return 206.835 - 62.3 * syllables / words - words / sentences


@dataclass(frozen=True)
class Language:
    """What readability means in one language: how to count syllables, which scores to give,
    and the one that is judged against the [check] thresholds named `warn` and `error`
    (`sign` +1: a higher score is harder, -1: a lower one is)."""

    name: str
    syllables: Callable[[str], int]
    scores: Callable[[int, int, int, int], dict[str, float]]
    judge: str
    sign: int
    warn: str
    error: str


LANGUAGES = {
    "en": Language(
        "en",
        english_syllables,
        lambda w, s, syl, poly: {"flesch_kincaid_grade": flesch_kincaid_grade(w, s, syl), "smog": smog(s, poly)},
        "flesch_kincaid_grade",
        1,
        "english_grade_warn",
        "english_grade_error",
    ),
    "es": Language(
        "es",
        spanish_syllables,
        lambda w, s, syl, poly: {"fernandez_huerta": fernandez_huerta(w, s, syl), "szigriszt_pazos": szigriszt_pazos(w, s, syl)},
        "fernandez_huerta",
        -1,
        "spanish_fernandez_huerta_warn",
        "spanish_fernandez_huerta_error",
    ),
}


def language_of(locale: str) -> Language | None:
    """The readability rules for a locale (es_MX counts as Spanish); None where there are none yet."""
    return LANGUAGES.get(re.split(r"[_-]", locale)[0].lower())


_NAMES = {"flesch_kincaid_grade": "Flesch-Kincaid grade", "fernandez_huerta": "Fernández-Huerta"}


def readability_issues(scores: Scores | None, config: CheckConfig) -> Iterator[Issue]:
    """The judged score against its thresholds, located at the hardest sentence (the first to fix)."""
    if scores is None:
        return
    language = LANGUAGES[scores.language]
    value = scores.scores[language.judge]
    for level, key in ((ERROR, language.error), (WARNING, language.warn)):
        limit = getattr(config, key)
        if language.sign * (value - limit) > 0:
            side = "above" if language.sign > 0 else "below"
            yield Issue(level, scores.hardest[0][0].location, "readability", f"{_NAMES[language.judge]} {value:.1f} is {side} {limit:g} ({key}): shorten the hardest sentences, prefer short words")
            return


def score_handout(handout: Handout, language: Language) -> Scores | None:
    """Counts, scores and the hardest sentences; None for a handout with no body text."""
    found = [s for text in body_texts(handout) for s in sentences(text, language.syllables)]
    words = sum(s.words for s in found)
    if not words:
        return None
    syllables = sum(s.syllables for s in found)
    polysyllables = sum(s.polysyllables for s in found)
    judged = [(s, language.scores(s.words, 1, s.syllables, s.polysyllables)[language.judge]) for s in found]
    # Most syllables first: the sentences that are long, or full of long words, or both;
    # a two-word heading-like item may score badly alone but is not what makes a text hard.
    judged.sort(key=lambda pair: (-pair[0].syllables, -language.sign * pair[1]))
    return Scores(
        language.name,
        words,
        len(found),
        syllables,
        polysyllables,
        language.scores(words, len(found), syllables, polysyllables),
        tuple(judged[:HARDEST_SHOWN]),
    )
