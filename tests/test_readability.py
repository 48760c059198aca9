"""Readability: what counts as body text, sentence and word counts, and the formulas'
values against sums done by hand."""

import pytest
from conftest import write

from handout.checks.readability import (
    LANGUAGES,
    body_texts,
    fernandez_huerta,
    flesch_kincaid_grade,
    language_of,
    score_handout,
    sentences,
    smog,
    szigriszt_pazos,
)
from handout.load import load_handout
from handout.model import Location, Text

HANDOUT = """\
id: parts
title: Title words are not counted
summary: Summary one.
also_called:
  - Other name not counted
key_points:
  - Key point two.
  - Key point 2b.
  - Key point 2c.
when_to_call:
  call_911:
    - Sign three.
sections:
  - heading: Heading not counted
    blocks:
      - Paragraph four. Paragraph five!
      - bullets:
          - Bullet six
      - steps:
          - Step seven
      - terms:
          - term: Term not counted
            text: Explanation eight.
      - callout:
          kind: tip
          title: Callout title not counted
          text: Callout nine.
      - blanks:
          - label: Label not counted
questions:
  - Question ten?
references:
  - Reference not counted.
review:
  date: 2025-03-14
  by:
    - Reviewer Not Counted
"""


def _text(value: str) -> Text:
    return Text(value, Location("content/x.yaml", 3))


def test_body_text_is_the_prose_only(tmp_path):
    handout = load_handout(write(tmp_path / "content" / "parts.yaml", HANDOUT), "content/parts.yaml")
    found = [s.text for t in body_texts(handout) for s in sentences(t, LANGUAGES["en"].syllables)]
    assert found == [
        "Summary one.", "Key point two.", "Key point 2b.", "Key point 2c.", "Sign three.", "Paragraph four.", "Paragraph five!", "Bullet six",
        "Step seven", "Explanation eight.", "Callout nine.", "Question ten?",
    ]


def test_marks_and_link_targets_are_not_words():
    (sentence,) = sentences(_text("**Call** [the clinic](https://example.org/a-long-address) now."), LANGUAGES["en"].syllables)
    assert (sentence.text, sentence.words, sentence.syllables) == ("Call the clinic now.", 4, 5)


def test_sentences_end_at_stops_and_keep_numbers_and_hyphenated_words_whole():
    found = list(sentences(_text("Take 1.5 mg each day. Is it a follow-up visit? Yes!"), LANGUAGES["en"].syllables))
    assert [(s.text, s.words) for s in found] == [("Take 1.5 mg each day.", 5), ("Is it a follow-up visit?", 5), ("Yes!", 1)]


# Hand counts. English: "The cat sat on the mat. It was a sunny day."
# 11 words, 2 sentences, 12 syllables (sun-ny), no word of 3 syllables.
# FK = 0.39 × 11/2 + 11.8 × 12/11 − 15.59 = 2.145 + 12.8727 − 15.59 = −0.5723; SMOG = 3.1291.
# "Your provider will examine the cervix. Call immediately."
# your 1, pro-vi-der 3, will 1, ex-am-ine 3, the 1, cer-vix 2 | call 1, im-me-di-ate-ly 5:
# 8 words, 2 sentences, 17 syllables, 3 polysyllables.
# FK = 0.39 × 4 + 11.8 × 17/8 − 15.59 = 1.56 + 25.075 − 15.59 = 11.045
# SMOG = 1.0430 × √(3 × 30 / 2) + 3.1291 = 1.0430 × 6.7082 + 3.1291 = 10.1258
ENGLISH = [
    ("The cat sat on the mat. It was a sunny day.", 11, 2, 12, -0.5723, 3.1291),
    ("Your provider will examine the cervix. Call immediately.", 8, 2, 17, 11.045, 10.1258),
]


@pytest.mark.parametrize("text, words, count, syllables, grade, smog_value", ENGLISH)
def test_english_formulas_by_hand(tmp_path, text, words, count, syllables, grade, smog_value):
    scores = _scores(tmp_path, text, "en")
    assert (scores.words, scores.sentences, scores.syllables) == (words, count, syllables)
    assert scores.scores["flesch_kincaid_grade"] == pytest.approx(grade, abs=0.001)
    assert scores.scores["smog"] == pytest.approx(smog_value, abs=0.001)


# Spanish: "El agua es buena. Tome un vaso cada día."
# el 1, a-gua 2, es 1, bue-na 2 | to-me 2, un 1, va-so 2, ca-da 2, dí-a 2: 9 words, 2 sentences, 15 syllables.
# Fernández-Huerta = 206.84 − 0.60 × (100 × 15/9) − 1.02 × 9/2 = 206.84 − 100 − 4.59 = 102.25
# Szigriszt-Pazos = 206.835 − 62.3 × 15/9 − 9/2 = 206.835 − 103.8333 − 4.5 = 98.5017
# "La preeclampsia puede ser peligrosa para usted y su bebé."
# la 1, pre-e-clamp-sia 4, pue-de 2, ser 1, pe-li-gro-sa 4, pa-ra 2, us-ted 2, y 1, su 1, be-bé 2:
# 10 words, 1 sentence, 20 syllables.
# Fernández-Huerta = 206.84 − 0.60 × 200 − 1.02 × 10 = 76.64; Szigriszt-Pazos = 206.835 − 124.6 − 10 = 72.235
SPANISH = [
    ("El agua es buena. Tome un vaso cada día.", 9, 2, 15, 102.25, 98.5017),
    ("La preeclampsia puede ser peligrosa para usted y su bebé.", 10, 1, 20, 76.64, 72.235),
]


@pytest.mark.parametrize("text, words, count, syllables, huerta, szigriszt", SPANISH)
def test_spanish_formulas_by_hand(tmp_path, text, words, count, syllables, huerta, szigriszt):
    scores = _scores(tmp_path, text, "es")
    assert (scores.words, scores.sentences, scores.syllables) == (words, count, syllables)
    assert scores.scores["fernandez_huerta"] == pytest.approx(huerta, abs=0.001)
    assert scores.scores["szigriszt_pazos"] == pytest.approx(szigriszt, abs=0.001)


def test_formulas_directly():
    assert flesch_kincaid_grade(100, 10, 150) == pytest.approx(0.39 * 10 + 11.8 * 1.5 - 15.59)
    assert smog(30, 30) == pytest.approx(1.0430 * 30**0.5 + 3.1291)
    assert fernandez_huerta(100, 5, 200) == pytest.approx(206.84 - 120 - 20.4)
    assert szigriszt_pazos(100, 5, 200) == pytest.approx(206.835 - 124.6 - 20)


def test_the_hardest_sentences_come_first_and_are_three_at_most(tmp_path):
    text = "Go now. Call the nurse today. Your provider will examine the cervix carefully. Rest. Drink water."
    scores = _scores(tmp_path, text, "en")
    assert [s.text for s, _ in scores.hardest] == [
        "Your provider will examine the cervix carefully.", "Call the nurse today.", "Drink water.",
    ]


@pytest.mark.parametrize("locale, name", [("en", "en"), ("es", "es"), ("es_MX", "es"), ("es-US", "es"), ("fr", None)])
def test_language_of_a_locale(locale, name):
    found = language_of(locale)
    assert (found.name if found else None) == name


def _scores(tmp_path, summary: str, language: str):
    text = f"id: one\ntitle: One\nsummary: {summary}\nsections:\n  - heading: H\n    blocks:\n      - blanks:\n          - label: Not counted\nreview:\n  date: 2025-03-14\n  by: [R]\n"
    handout = load_handout(write(tmp_path / "content" / "one.yaml", text), "content/one.yaml")
    return score_handout(handout, LANGUAGES[language])
