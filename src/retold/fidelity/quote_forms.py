"""The same quoted words in another form: written another way, or with the quote marks moved.

Two quotes can give a speaker's words alike and still differ as strings: a compound written as one word or two,
an abbreviation with or without its dots, a date read out or written in figures; or the retelling set its marks
around a word the source wrote just outside them. Neither changes what the speaker is told to have said.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from retold.fidelity._lexicon import DETERMINERS, STOP, SUBJECT_HEADS
from retold.fidelity._stems import fold
from retold.fidelity.numbers.lexicon import WORD_VALUES
from retold.fidelity.quote_words import TERM_WORDS
from retold.fidelity.rules import Example, never, rule
from retold.text.normalise import normalise, words

_ORDINAL = re.compile(r"(\d+)(?:st|nd|rd|th)")
# the number words as a quote's words are folded ("zwölf" is "zwolf"); "mehr als einer" is "mehr als 1"
_NUMBER_WORDS = {fold(w): v for w, v in WORD_VALUES.items()} | dict.fromkeys(("ein", "eine", "einer", "eines"), 1)


def _letters(ws: Sequence[str]) -> str:
    """A quote's folded words as one run of letters and digits: the breaks between words, hyphens and dots left
    out, an ordinal a plain number (and the "the" before it dropped), a number word its figure, a plural
    possessive's "'s" its "'"."""
    out: list[str] = []
    for k, w in enumerate(ws):
        if w == "the" and k + 1 < len(ws) and _ORDINAL.fullmatch(ws[k + 1]):
            continue  # "September the 11th": the date read out
        m = _ORDINAL.fullmatch(w)
        if m:
            w = m.group(1)
        elif w in _NUMBER_WORDS:
            w = str(_NUMBER_WORDS[w])
        elif w.endswith(("s's", "s\u2019s")):
            w = w[:-2]  # "Massachusetts's" / "Massachusetts'"
        out.append(w.replace("-", "").replace(".", "").replace("'", "").replace("\u2019", ""))
    return "".join(out)


@rule(
    "quotes.written_differently",
    purpose="Two quotes whose words are the same letters in the same order are the same spoken words written "
    'differently, not altered: a compound written as one word, two or hyphenated ("cyber assets", '
    '"cyberassets"; "third-quarter", "third quarter"), an abbreviation with or without dots ("F.T.C.", "FTC"), a '
    'plural possessive with or without its s ("Massachusetts\'s", "Massachusetts\'"), an ordinal date read out '
    'or in figures ("September the 11th", "September 11"), a number in words or figures ("mehr als einer und '
    'weniger als 48", "mehr als 1 und weniger als 48").',
    examples=[
        Example(
            '"We must protect the nation\'s cyber assets and its third-quarter data," he said.',
            '"We must protect the nation\'s cyberassets and its third quarter data," he said.',
            (),
        ),
        Example(
            '"We disagreed with Massachusetts\'s request before the F.T.C. after September the 11th," he said.',
            '"We disagreed with Massachusetts\' request before the FTC after September 11," he said.',
            (),
        ),
        Example(
            "\u201eEs werden mindestens zwei und höchstens zehn sein\u201c, sagte sie.",
            "\u201eEs werden mindestens 2 und höchstens 10 sein\u201c, sagte sie.",
            (),
            lang="de",
        ),
        Example(  # other letters: altered
            '"We must protect the nation\'s cyber assets and its third-quarter data," he said.',
            '"We must protect the nation\'s cyber defences and its third quarter data," he said.',
            (
                "quote_altered/warning: We must protect the nation's cyber assets and its third-quarter data, -> We "
                "must protect the nation's cyber defences and its third quarter data,",
            ),
        ),
    ],
    off=never,
)
def written_alike(x: Sequence[str], y: Sequence[str]) -> bool:
    """Whether two quotes' folded words are the same letters in the same order (see ``_letters``)."""
    return _letters(x) == _letters(y)


# the endings German declension adds to an article, adjective or noun for its case ("ein" / "einem", "historische"
# / "historischen", "Kulturgut" / "Kulturguts"), longest first
_DE_CASE_ENDINGS = ("em", "en", "er", "es", "e", "n", "s")


def _bases(w: str) -> set[str]:
    """A German word and what is left of it without each case ending (at least two letters left)."""
    return {w} | {w[: -len(e)] for e in _DE_CASE_ENDINGS if w.endswith(e) and len(w) - len(e) >= 2}


@rule(
    "quotes.inflected",
    lang="de",
    purpose="German declines a quoted phrase for the case of the sentence that now holds it (\u201eEin "
    "Kulturschatz\u201c -> \u201eeinem Kulturschatz\u201c gleich, \u201edie historische Orgel\u201c -> von "
    "\u201eder historischen Orgel\u201c): two German quotes whose words are the same word for word once the case "
    "ending (-e, -em, -en, -er, -es, -n, -s) of each article, adjective or other word written in lower case, and "
    "of the first word, is set aside quote the same words, not altered ones. A noun (capitalised inside the quote) "
    "must stay as it is: its ending may give another number (\u201eWelsh Parliament Members\u201c -> "
    "\u201eWelsh Parliament Member\u201c, a right flag of the sixth audit).",
    examples=[
        Example(
            "Der Bischof nannte die Orgel \u201eein unersetzliches historisches Instrument\u201c.",
            "Der Bischof sprach von \u201eeinem unersetzlichen historischen Instrument\u201c.",
            (),
            lang="de",
        ),
        Example(  # another word is altered
            "Der Bischof nannte die Orgel \u201eein unersetzliches historisches Instrument\u201c.",
            "Der Bischof sprach von \u201eeinem wertvollen historischen Instrument\u201c.",
            (
                "quote_altered/warning: ein unersetzliches historisches Instrument -> einem wertvollen historischen "
                "Instrument",
            ),
            lang="de",
        ),
        Example(  # a noun's ending: another number
            "Sie wollen den Titel \u201edie neuen Parlamentsmitglieder\u201c tragen.",
            "Sie wollen den Titel \u201edie neuen Parlamentsmitglied\u201c tragen.",
            ("quote_altered/warning: die neuen Parlamentsmitglieder -> die neuen Parlamentsmitglied",),
            lang="de",
        ),
    ],
    off=never,
)
def inflected_alike(x: Sequence[str], y: Sequence[str], lang: str) -> bool:
    """Whether two German quotes' words (as written) pair off word for word, each pair the same but for the case
    ending of a word in lower case or of the first word."""
    if lang != "de" or len(x) != len(y):
        return False
    return all(
        fold(a) == fold(b)
        or ((k == 0 or not (a[:1].isupper() or b[:1].isupper())) and _bases(fold(a)) & _bases(fold(b)))
        for k, (a, b) in enumerate(zip(x, y, strict=True))
    )


@rule(
    "quotes.marks_moved",
    purpose="A retold quote that is the source's quote with words the source writes just outside its marks, in "
    'the same sentence ("a \u201cruthless, scheming fraudster\u201d" -> "\u201ca ruthless, scheming fraudster\u201d", '
    '"\u201cserious\u201d but \u201csteady\u201d" -> "\u201cserious but steady\u201d"), moved the marks: the '
    "words are the source's, not added to the speaker's.",
    examples=[
        Example(
            'She told the court Harlow is a "ruthless, scheming fraudster."',
            'The prosecutor reminded the court that Harlow is "a ruthless, scheming fraudster."',
            (),
        ),
        Example(
            'Her condition was called "serious" but "steady" late on Friday.',
            'Her condition late on Friday was called "serious but steady".',
            (),
        ),
        Example(  # words the source does not write beside the quote are added
            'She told the court Harlow is a "ruthless, scheming fraudster."',
            'The prosecutor reminded the court that Harlow is "truly a ruthless, scheming fraudster."',
            ("quote_altered/warning: ruthless, scheming fraudster. -> truly a ruthless, scheming fraudster.",),
        ),
    ],
    off=never,
)
def marks_moved(x: Sequence[str], y: Sequence[str], before: Sequence[str], after: Sequence[str]) -> bool:
    """Whether ``y`` is ``x`` with the last words of ``before`` in front and/or the first of ``after`` behind it
    (``before`` and ``after``: the folded words of the source's sentence outside the quote)."""
    n = len(x)
    for k in range(len(y) - n + 1):
        if list(y[k : k + n]) == list(x):
            head, tail = list(y[:k]), list(y[k + n :])
            return (
                (head or tail) != []
                and (not head or list(before[-len(head) :]) == head)
                and (not tail or list(after[: len(tail)]) == tail)
            )
    return False


MAX_HEAD = 3  # words a subject moved inside the marks may take ("these are", "there is", "both are")


@rule(
    "quotes.subject_moved_in",
    purpose="A retold quote that is the source's quote with at most three words in front that only name its subject "
    "or tie it on (pronouns, demonstratives, articles, a form of be or have: 'those \u201care not the city's rules "
    "alone\u201d' -> '\u201cThese are not the city's rules alone\u201d', 'are \u201clifelong "
    "non-smokers\u201d' -> '\u201cBoth are lifelong non-smokers\u201d') moved the subject the source writes just "
    "outside its marks (its last word before them is one of those words) inside them: the speaker's words are kept, "
    'none added. So is a pronoun or a noun phrase ("the president") put in front of a quote the source opens in '
    "lower case, its subject a noun the source writes outside the marks ('the agreement \u201cwill be a "
    'compromise\u201d\' -> \'\u201cIt will be a compromise\u201d\'). A word that says something ("truly", "not", '
    "a name) is still an added word, and so is a "
    "subject put in front of a quote the source gives whole ('struggle: \"Sounds like ...\"' -> '\"It sounds like "
    "...\"').",
    examples=[
        Example(  # a word in front that says something is added to the speaker's
            'She said those "are harbour rules, nor are they new ones."',
            'She said: "None of these are harbour rules, nor are they new ones."',
            (
                "quote_altered/warning: are harbour rules, nor are they new ones. -> None of these are harbour rules, "
                "nor are they new ones.",
            ),
        ),
        Example(  # the source's quote stands whole after a colon: the subject is added
            'He said: "Sounds like the race started early this year."',
            'He said: "It sounds like the race started early this year."',
            (
                "quote_altered/info: Sounds like the race started early this year. -> It sounds like the race started "
                "early this year.",
            ),
        ),
        Example(  # only the subject moved inside the marks
            'She said those "are not the harbour\'s rules alone, nor are they new ones."',
            'She said: "These are not the harbour\'s rules alone, nor are they new ones."',
            (),
        ),
        Example(  # the source's subject, a noun before its marks, is a pronoun inside the retelling's
            'The mayor told reporters that the agreement "will be a compromise, like the real world requires."',
            '"It will be a compromise, like the real world requires," he said.',
            (),
        ),
        Example(  # or a noun phrase for it
            'He said there was a chance that Mr Bush "will come to this area".',
            'He said there was a chance that "the president will come to this area."',
            (),
        ),
        Example(  # a word that says something in front of a quote opened in lower case is still added
            'The mayor told reporters that the agreement "will be a compromise, like the real world requires."',
            '"Surely it will be a compromise, like the real world requires," he said.',
            (
                "quote_altered/info: will be a compromise, like the real world requires. -> Surely it will be a "
                "compromise, like the real world requires,",
            ),
        ),
    ],
    off=never,
)
def subject_moved_in(x: Sequence[str], y: Sequence[str], before: Sequence[str], opened_low: bool = False) -> bool:
    """Whether ``y`` is ``x`` (folded words) with one to ``MAX_HEAD`` of ``SUBJECT_HEADS`` in front, the source's last
    word before its quote (``before``: the folded words of its sentence there) one of them too, or any word where the
    source's quote opens in lower case (``opened_low``: its subject stands outside the marks)."""
    k = len(y) - len(x)
    if opened_low:  # the source's subject stands outside its marks: a pronoun or a noun phrase for it inside
        return 0 < k <= MAX_HEAD and (all(w in SUBJECT_HEADS for w in y[:k]) or y[0] in DETERMINERS) and y[k:] == x
    heads = all(w in SUBJECT_HEADS for w in [*y[:k], *before[-1:]])
    return 0 < k <= MAX_HEAD and bool(before) and heads and list(y[k:]) == list(x)


@rule(
    "quotes.term_in_fuller_quote",
    purpose='A source that quotes one or two words (a term in marks: Pompeo called military action "possible") where '
    "the retelling gives the speaker's fuller sentence holding them ('\u201cMilitary action is possible. If "
    "that's what's required ...\u201d') did not have its quote altered: the retelling quotes more of what was said, "
    "when that sentence says nothing the source's own sentence does not (its words but stop words are all there). "
    "A fuller sentence with words of its own ('would be \"very difficult\" to establish a cause' -> '\"going to be "
    "very difficult to determine the cause\"') puts new words in the speaker's mouth, and a quote of three words "
    "or more with words added is still altered.",
    examples=[
        Example(
            'Pompeo said military action was "possible" in the region.',
            '"Military action is possible. If that is what is required, that is what we will do," Pompeo said.',
            (),
        ),
        Example(
            'He said it would be "very difficult" to establish a cause of death.',
            '"It is going to be very difficult to determine the cause of death," he said.',
            (
                "quote_altered/warning: very difficult -> It is going to be very difficult to determine the cause of "
                "death,",
            ),
        ),
        Example(
            'Pompeo said military action was "possible in the region" now.',
            '"Military action is possible in the region. That is what we will do," Pompeo said.',
            (
                "quote_altered/warning: possible in the region -> Military action is possible in the region. That is "
                "what we will do,",
            ),
        ),
    ],
    off=never,
)
def term_in_fuller_quote(x: Sequence[str], fuller: str, said: Collection[str]) -> bool:
    """Whether a quote's folded words ``x`` are a term in marks whose sentence in the other side's longer quote
    ``fuller`` (its text) holds no word but stop words that the source's sentence (``said``: its folded words) lacks."""
    if not 0 < len(x) < TERM_WORDS:
        return False
    for piece in re.split(r"(?<=[.!?])\s+", fuller):
        ws = [fold(w) for w in words(normalise(piece).text)]
        if any(ws[k : k + len(x)] == list(x) for k in range(len(ws) - len(x) + 1)):
            return all(w in said for w in ws if w not in STOP)
    return False


# a post embedded in a page: its words, then its signature line (a dash, the author, the handle, the day)
_EMBED = re.compile(
    r"(?m)^(?P<post>[^\n]*?\w[^\n]*?)\s*[\u2014\u2013-]{1,2}\s*[^\n()\u2014]{1,60}\(@\w{1,30}\)\s+[A-Z][a-z]+\.?\s+"
    r"\d{1,2},\s+\d{4}\s*$"
)
# the signature's end (handle, month, day, year) that closes every match of _EMBED: a text without it has no post
_SIGNED = re.compile(r"(?m)\(@\w{1,30}\)\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\s*$")


@rule(
    "quotes.embedded_post",
    purpose="A post embedded in a page (a paragraph closed by its signature line, '\u2014 Donald J. Trump "
    "(@realDonaldTrump) June 18, 2018': 2,015 in 910 of news_allsides' articles) quotes its author word for word "
    "though no marks enclose it: a quote the other article gives in marks, its words all in the post in order, is "
    "neither dropped nor added.",
    examples=[
        Example(
            "The senator answered on Twitter.\nI agree the president should veto this sad excuse for legislation "
            "\u2014 Senator Rand Paul (@RandPaul) March 23, 2018",
            'The senator wrote: "I agree the president should veto this sad excuse for legislation."',
            (),
        ),
        Example(  # the words without the signature line are the article's own, not a quote
            "The senator answered on Twitter.\nThe president should veto this sad excuse for legislation.",
            'The senator wrote: "The president should veto this sad excuse for legislation."',
            ("quote_added/warning: - -> The president should veto this sad excuse for legislation.",),
        ),
    ],
    off=lambda text: [],
)
def embedded_posts(text: str) -> list[str]:
    """The words of each post embedded in ``text``, its signature line left out."""
    # every post is signed with a handle: a text without one is not searched (_EMBED tries each line's every split
    # into words and signature, about 28 ms for a news article: 9% of a scan worker's CPU, though 1 in 11 has one)
    if "(@" not in text or not _SIGNED.search(text):
        return []
    return [m.group("post") for m in _EMBED.finditer(text)]
