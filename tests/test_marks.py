import pytest

from handout import marks
from handout.marks import MarkError, Span, parse, signature, to_markup


class AllCovered:
    def split(self, text):
        return [(part, part != "Ĉ") for part in text.replace("Ĉ", "\0Ĉ\0").split("\0") if part]

    def fallback_face(self, bold, italic):
        return f"Fallback-{'B' if bold else ''}{'I' if italic else ''}"


def test_bold_italic_and_plain_runs():
    assert parse("a **b** *c* ***d***") == (
        Span("a "),
        Span("b", bold=True),
        Span(" "),
        Span("c", italic=True),
        Span(" "),
        Span("d", bold=True, italic=True),
    )


def test_escapes_give_literal_characters():
    assert parse(r"\*not italic\* \[x] back\\slash") == (Span("*not italic* [x] back\\slash"),)


def test_other_backslashes_print_as_written():
    assert parse(r"C:\temp \n") == (Span(r"C:\temp \n"),)


def test_lone_asterisk_between_spaces_is_text():
    assert parse("5 * 3 = 15") == (Span("5 * 3 = 15"),)


def test_white_space_folds_but_no_break_space_stays():
    assert parse("a \n\t b\u00a0mg") == (Span("a b\u00a0mg"),)


def test_link_with_marks_in_label():
    assert parse("Call [**the** line](tel:+15550142).") == (
        Span("Call "),
        Span("the", bold=True, href="tel:+15550142"),
        Span(" line", href="tel:+15550142"),
        Span("."),
    )


@pytest.mark.parametrize("target", ["https://a.org/x", "http://a.org", "mailto:nurse@clinic.org", "tel:911"])
def test_allowed_link_schemes(target):
    assert parse(f"[go]({target})")[0].href == target


def test_link_addresses_may_hold_balanced_parentheses():
    spans = parse("See [Wiki](https://en.wikipedia.org/wiki/X_(disease)) now.")
    assert [(s.text, s.href) for s in spans] == [("See ", None), ("Wiki", "https://en.wikipedia.org/wiki/X_(disease)"), (" now.", None)]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[x](javascript:alert)", "the scheme 'javascript:' is not allowed"),
        ("[x](file:///etc/passwd)", "the scheme 'file:' is not allowed"),
        ("[x](https:nohost)", "has no host name"),
        ("[](https://a.org)", "has no label"),
        ("*open", "'*' opened at '*open' is never closed"),
        ("[a [b](https://a.org)", "does not start a link"),
        ("[a](javascript:alert(1))", "link target 'javascript:alert(1)': the scheme 'javascript:' is not allowed"),
        ("[a](https://a.org/my page)", "the link address 'https://a.org/my page)...' contains a space: write %20"),
        ("[a](https://a.org/x_(y", "the link address after '[a](' is never closed with ')' (its parentheses are unbalanced)"),
    ],
)
def test_mark_errors_explain_the_fix(text, message):
    with pytest.raises(MarkError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        parse(text)


def test_markup_escapes_everything_the_author_wrote():
    text = 'AT&T <b>not bold</b> <font color="red">x</font> a<b'
    markup = to_markup(parse(text), AllCovered(), "#000000")
    assert markup == 'AT&amp;T &lt;b&gt;not bold&lt;/b&gt; &lt;font color="red"&gt;x&lt;/font&gt; a&lt;b'


def test_markup_for_marks_links_and_fallback_faces():
    markup = to_markup(parse('**Ĉ** [site](https://a.org/p?q="x")'), AllCovered(), link_color="#000000")
    assert markup == (
        '<b><font face="Fallback-B">Ĉ</font></b> '
        """<a href='https://a.org/p?q="x"' color="#000000" underline="1">site</a> (a.org/p?q="x")"""
    )


def test_link_address_not_repeated_when_label_shows_it():
    markup = to_markup(parse("[mothertobaby.org](https://mothertobaby.org)"), AllCovered(), "#000000")
    assert markup.endswith("mothertobaby.org</a>")


def test_signature_counts_runs_links_and_numbers():
    sig = signature("Take **400** micrograms, *1.5* times, see [a](https://a.org) or [b](tel:911).")
    assert (sig.bold, sig.italic) == (1, 1)
    assert sig.links == ("https://a.org", "tel:911")
    assert sig.numbers == ("1.5", "400")
    assert signature("Tome **400** microgramos, *1,5* veces").numbers == sig.numbers
    assert signature("Tome 15 mg").numbers != signature("Take 1.5 mg").numbers
    assert signature("2,000 steps").numbers == signature("2.000 pasos").numbers == signature("2000 pasos").numbers


def test_placeholders_must_be_simple_names():
    assert signature("Page {page} of {pages}").placeholders == ("page", "pages")
    assert signature("{term.upper}:").placeholders is None
    assert signature("{term}}:").placeholders is None
    assert signature("no braces").placeholders == ()


def test_fold_composes_accents_and_drops_zero_width_characters():
    assert marks.fold("Cafe\u0301 n\u0303 zero\u200bwidth\ufeff") == "Café ñ zerowidth"


def test_fold_is_the_msgid_rule():
    assert marks.fold("  two\n lines  ") == "two lines"
