"""Syllable counts against words syllabified by hand: readability scores are only as right as these."""

import pytest

from handout.checks.syllables import _english_guess, english_syllables, spanish_syllables, syllabify_spanish

# Spanish, split by the RAE's rules (Ortografía 2010): diphthongs (a-gua, cui-da-do, ahu-ma-do,
# prohi-bi-do: h does not break one), hiatus of strong vowels (le-ón, po-e-ta) and of an accented
# í/ú (dí-a, pa-ís, ú-te-ro, re-hú-so), qu/gu + e/i as one consonant, ü, y at a word's end.
SPANISH = [
    "a-gua", "ú-te-ro", "dí-a", "pa-ís", "ahu-ma-do", "cui-da-do", "bue-no", "le-ón",
    "em-ba-ra-zo", "cér-vix", "cue-llo", "pla-cen-ta", "pre-sión", "ar-te-rial", "san-gre", "mé-di-co",
    "hos-pi-tal", "diag-nós-ti-co", "pro-ble-ma", "a-zú-car", "die-ta", "a-cei-te", "ví-a", "re-ír",
    "o-í-do", "ba-úl", "rí-o", "ma-íz", "re-a-li-dad", "po-e-ta", "ca-er", "le-er",
    "pe-rio-do", "an-ti-guo", "pin-güi-no", "ver-güen-za", "que-so", "qui-rúr-gi-co", "gui-ta-rra", "gue-rra",
    "hoy", "muy", "rey", "ley", "hie-rro", "ciu-dad", "fuer-te", "náu-se-as",
    "a-ve-ri-guáis", "buey", "ins-truc-ción", "obs-tá-cu-lo", "trans-por-te", "cons-truir", "ca-rro", "lla-ve",
    "chi-co", "ca-lle", "e-xa-men", "ham-bre", "a-de-más", "tam-bién", "hí-ga-do", "hi-per-ten-sión",
    "pre-e-clamp-sia", "be-bé", "ges-ta-cio-nal", "dia-be-tes", "vi-ta-mi-nas", "me-di-ci-nas", "sa-lud", "a-yu-da",
    "ma-dre", "em-ba-ra-za-da", "tra-ba-jo", "le-che", "in-fec-ción", "a-ho-ra", "prohi-bi-do", "re-hú-so",
    "an-ti-in-fla-ma-to-rios", "chi-i-ta", "al-co-hol", "ac-tuar", "in-cluir",
]

# English, by the usual dictionary pronunciation.
ENGLISH = [
    ("the", 1), ("baby", 2), ("pregnancy", 3), ("cervix", 2), ("cervical", 3), ("insufficiency", 5),
    ("doctor", 2), ("blood", 1), ("pressure", 2), ("high", 1), ("preterm", 2), ("labor", 2),
    ("contractions", 3), ("vitamins", 3), ("folic", 2), ("acid", 2), ("gestational", 4), ("diabetes", 4),
    ("medicine", 3), ("medicines", 3), ("safe", 1), ("every", 3), ("water", 2), ("uterus", 3),
    ("hospital", 3), ("provider", 3), ("bleeding", 2), ("fluid", 2), ("cramps", 1), ("headache", 2),
    ("vision", 2), ("swelling", 2), ("sugar", 2), ("insulin", 3), ("exercise", 3), ("healthy", 2),
    ("eat", 1), ("walk", 1), ("nurse", 1), ("clinic", 2), ("appointment", 3), ("questions", 2),
    ("area", 3), ("idea", 3), ("create", 2), ("people", 2), ("table", 2), ("simple", 2),
    ("little", 2), ("stitches", 2), ("closed", 1), ("opened", 2), ("wanted", 2), ("family", 3),
    ("problem", 2), ("quiet", 2), ("science", 2), ("poem", 2), ("recipe", 3), ("emergency", 4),
    ("prenatal", 3), ("preeclampsia", 5), ("ultrasound", 3), ("acetaminophen", 6), ("ibuprofen", 4),
]


def test_the_word_lists_are_long_enough():
    assert len(SPANISH) >= 50 and len(ENGLISH) >= 50


@pytest.mark.parametrize("written", SPANISH)
def test_spanish_syllables(written):
    word = written.replace("-", "")
    assert "-".join(syllabify_spanish(word)) == written
    assert spanish_syllables(word) == written.count("-") + 1


@pytest.mark.parametrize("word, count", ENGLISH)
def test_english_syllables(word, count):
    assert english_syllables(word) == count


@pytest.mark.parametrize("word", ["Agua", "AGUA", "agua"])
def test_case_does_not_matter(word):
    assert spanish_syllables(word) == 2 and english_syllables("Water") == 2


@pytest.mark.parametrize(
    "word, count",
    # not in the CMU dictionary: the rule-based guess
    [("gestational", 4), ("preeclampsia", 5), ("cerclage", 2), ("closed", 1), ("stitches", 2), ("baby", 2)],
)
def test_english_guess_for_words_the_dictionary_lacks(word, count):
    assert _english_guess(word) == count


@pytest.mark.parametrize("word", ["https", "b", "chat", "MotherToBaby", "911"])
def test_words_without_spanish_vowels_count_once_and_never_fail(word):
    assert spanish_syllables(word) >= 1
