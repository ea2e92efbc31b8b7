"""Page furniture inside a sentence: text a scraper pulled in from a page's widgets, not the article's words.

Left in, furniture is read as content: its names, numbers and headlines become flags ("entity_added:
Kamala Harris") and, worse, its headlines match sentences of other articles, so a pair is aligned on
words neither article wrote. Each rule is a named pattern with examples (what the text reads as once
the furniture is left out); ``tests/text/test_text_furniture.py`` runs them all and checks each rule
against cases of its own, so deleting a rule fails a test. Whole lines repeated across a collection
(newsletter promos, biographies) are another matter: :mod:`retold.provenance.boilerplate` drops them.

A few whole sentences are furniture of the article itself (``LINE_RULES``): the staff credit line ("Jane Doe
contributed to this report", "(Reporting by ...; Editing by ...)"), a pointer to another piece ("Read more:
..."), a follow-me line, an editor's note, a photo's caption and credit. They stay in the text (a reader sees
them, and a credit line may name an agency), but they tell nothing about the story, so the fidelity checks read
no claim, name or number from them, and a sentence matched only to them is read as one without a counterpart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from retold.text.alternation import longest_first
from retold.text.months import NAMES, SHORT, months
from retold.text.normalise import cut
from retold.text.platforms import PLATFORM

__all__ = [
    "LINE_RULES",
    "RULES",
    "Furniture",
    "FurnitureLine",
    "blank",
    "closing_start",
    "furniture",
    "furniture_line",
    "shown",
    "without",
]


@dataclass(frozen=True)
class Furniture:
    """A named pattern whose ``drop`` group is furniture; ``examples`` are ``(text, text as read)``."""

    name: str
    purpose: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, str], ...]


_NAME_WORD = r"[A-Z(][\w.'\u2019()-]*"
RULES: tuple[Furniture, ...] = (
    Furniture(
        name="name_card",
        purpose=(
            "A hover card scraped into the sentence after a person's name: the full name glued to three related"
            " headlines and closed by MORE (The Hill: 1,874 cards in 438 of news_allsides' 14,000 articles, none"
            " in the other news sets). The full name ends with the name just mentioned, which anchors the card."
        ),
        pattern=re.compile(
            rf"\b(?P<last>[A-Z][\w'\u2019-]+)(?P<drop>\s+(?:{_NAME_WORD}\s+){{1,4}}(?P=last)\s?"
            r"(?=[A-Z0-9\"\u201c\u2018]|['\u2019][A-Z])[^\n]{1,600}?\sMORE)(?![A-Za-z])"
        ),
        examples=(
            (
                "President Trump Donald John TrumpSenators balk at long trial Warren goes local 2020 Democrats make"
                " play for votes MORE on Monday doubled down on his policy.",
                "President Trump on Monday doubled down on his policy.",
            ),
            (
                "Special counsel Robert Mueller Robert (Bob) Swan MuellerComey says 'not a circus' Gowdy: I '100"
                " percent' believe MORE\u2019s Russia investigation has given prosecutors momentum.",
                "Special counsel Robert Mueller\u2019s Russia investigation has given prosecutors momentum.",
            ),
            (
                "Speaker Paul Ryan Paul Davis Ryan Retirees should say no thanks DC's liaison to rock MORE (R-Wis.)"
                " is retiring.",
                "Speaker Paul Ryan (R-Wis.) is retiring.",
            ),
            (
                "President Trump Donald Trump said MORE jobs were coming.",
                "President Trump Donald Trump said MORE jobs were coming.",
            ),
            ("Ann Lee met Lee Ann Smith. She wants MORE.", "Ann Lee met Lee Ann Smith. She wants MORE."),
        ),
    ),
)


@dataclass(frozen=True)
class FurnitureLine:
    """A named pattern that a whole sentence of furniture matches; ``examples`` are ``(sentence, is furniture)``.
    A ``paragraph`` rule's pattern that opens a paragraph makes every sentence of it furniture (its examples are
    paragraphs): a pointer's headline that the sentence splitter cut at "U.S.", a video caption's second sentence."""

    name: str
    purpose: str
    pattern: re.Pattern[str]
    examples: tuple[tuple[str, bool], ...]
    paragraph: bool = False
    closing: bool = False  # furniture only in an article's closing paragraphs (``CLOSING``), prose elsewhere


_MONTH = longest_first(months([NAMES["en"], SHORT["en"]]))
_PHOTO_CREDIT = r"(?:REUTERS|Reuters|AP|AFP|Getty\s+Images)"
LINE_WORDS = 60  # a sentence longer than this is prose that happens to hold such words
PARAGRAPH_WORDS = 120  # and a paragraph longer than this
CLOSING = 2  # an article's closing paragraphs: where its author note stands
_ROLE = (
    r"(?:reporter|writer|correspondent|columnist|editor|contributor|author|analyst|commentator|journalist|fellow"
    r"|professor|producer|lecturer)"
)
_SIGN_UP = r"(?:sign|subscribe|newsletters?|receive|get|daily|weekly|every|weekday|mornings)"
LINE_RULES: tuple[FurnitureLine, ...] = (
    FurnitureLine(
        name="contributor_line",
        purpose=(
            "Who else reported the piece (1,025 such lines in news_allsides' 14,000 articles: 855 'contributed to"
            " this report', 157 'Contributing:', 13 'includes material from', 6 'Material (Information) from ... was"
            " used in this report'): the newsroom's names and the wires it drew on, not the story's."
        ),
        pattern=re.compile(
            r"\bcontributed\s+(?:(?:additional\s+)?reporting|(?:to\s+)?(?:this|the)\s+(?:report|story|article))\b|"
            r"^Contributing\s*:|^(?:This|The)\s+(?:report|story|article)\s+(?:includes|contains)\s+(?:material|reporting)\s+from\b|"
            r"^\(?\s*(?:Material|Information|Reporting)\s+from\s+[^()]{1,150}?\s+(?:was|were|has\s+been|have\s+been)\s+used\s+"
            r"in\s+(?:this|the)\s+(?:report|story|article)\b",
            re.IGNORECASE,
        ),
        examples=(
            ("Associated Press writer Lena Varga contributed to this report.", True),
            ("Contributing: William M. Welch in Los Angeles; AP", True),
            ("This report includes material from the Associated Press.", True),
            ("Fox News' Ed Henry and The Associated Press contributed to this report.", True),
            ("Anna Berg contributed reporting from Harben.", True),
            ("(Material from Reuters and the Associated Press was used in this story.)", True),
            ("Information from the Associated Press was used in this report.", True),
            ("Material from the archive was used in the new exhibition.", False),
            ("The union contributed 2 million euros to the strike fund.", False),
        ),
    ),
    FurnitureLine(
        name="staff_line",
        purpose="A wire story's staff line in parentheses or on its own: who reported, wrote and edited it, or"
        " (Bloomberg, 38 lines in news_allsides) who assisted.",
        pattern=re.compile(
            r"^\(?\s*(?:[\u2014\u2013-]+\s*)?(?i:additional\s+)?(?i:reporting|writing|editing|with\s+assistance)\s+by\s+[A-Z]"
        ),
        examples=(
            ("(Reporting by Ines Halloran; Writing by Marek Dunn; Editing by Ruth Abara)", True),
            ("Editing by Leslie Adler)", True),
            ("\u2014 With assistance by Pia Lorne, Owen Falk, and Daniel R Mbeki", True),
            ("Reporting by the local paper led to the inquiry.", False),
            ("With assistance by the navy, the ferry reached Harben.", False),
        ),
    ),
    FurnitureLine(
        name="pointer_line",
        purpose='A pointer to another piece ("Read more: ...", "RELATED: ...", "Watch: ...", USA Today\'s "More: ...",'
        ' Bloomberg\'s "Chart: ..." and "Earlier: ...", "Also read: ...", "Full coverage: ..."), with the rest of the'
        " paragraph it opens: its headline is another story's.",
        pattern=re.compile(
            r"^(?:(?:Read|READ|See|SEE|Watch|WATCH|Related|RELATED)(?:\s+(?i:more|also|or\s+share\s+this\s+story|"
            r"the\s+video|video|photos|next|coverage))?|(?:More|MORE|Chart|CHART|Earlier|EARLIER|Previously|"
            r"Also\s+[Rr]ead|ALSO\s+READ|Full\s+[Cc]overage|FULL\s+COVERAGE|Now\s+[Ww]atch|NOW\s+WATCH|"
            r"View\s+documents)|Lesen\s+Sie\s+"
            r"(?:auch|mehr)|Mehr\s+zum\s+Thema)\s*:"
        ),
        examples=(
            ("Read More: Harben Port Turns to Rail Freight as Dock Strike Drags On", True),
            ("RELATED: Senate passes the budget", True),
            ("Read or Share this story: http://usat.ly/3kX7QpZ", True),
            ("Lesen Sie auch: Der Hafen öffnet wieder", True),
            ("More: These towns will pay you to move there and work remotely", True),
            ("Chart: Port Strike Could Cost Harben Exporters $2 Billion a Month", True),
            ("FULL COVERAGE: Death of George Floyd", True),
            ("Earlier: Harben-U.S. Talks Missing the Only Guy Who Matters -- Tariff Man", True),
            ("Also read: 5 ways to support the port's small businesses", True),
            ("Earlier, the minister said the port would stay shut.", False),
            ("See the port reopen: officials expect ships on Monday.", False),
            ("Readers were told the port would reopen.", False),
            ("More than 500 people marched: the port stayed shut.", False),
        ),
        paragraph=True,
    ),
    FurnitureLine(
        name="video_caption",
        purpose="A video player's caption, after the word of its close button (USA Today: 171 paragraphs of"
        " news_allsides open 'CLOSE ' and a capitalised caption, ending on its source: 'USA TODAY', 'AP',"
        " 'Buzz60'), with the rest of its paragraph: it sums up a clip, often of another story.",
        pattern=re.compile(r"^CLOSE\s+[A-Z\"\u201c'\u2018(]"),
        examples=(
            (
                "CLOSE Edna Marsh may be best known for her cooking show. But her 40-year career took many other"
                " turns. USA TODAY",
                True,
            ),
            (
                "CLOSE The mayor speaks about the flood damage. For the latest on the story, here is Nadia Osei.",
                True,
            ),
            ("CLOSE to 500 people marched through Harben.", False),
            ("The port will CLOSE Monday.", False),
        ),
        paragraph=True,
    ),
    FurnitureLine(
        name="follow_line",
        purpose="An author's follow-me line: a handle, not a name in the story.",
        pattern=re.compile(rf"^Follow\s+(?:[\w@.'-]+\s+){{0,3}}on\s+(?:{PLATFORM})\b"),
        examples=(
            ("Follow her on Twitter @Ombudsman", True),
            ("Follow Paul Brenner on Twitter at http://www.twitter.com/pbrennerAP", True),
            ("Follow the council on YouTube", True),
            ("Follow the money, the senator said.", False),
        ),
    ),
    FurnitureLine(
        name="author_note",
        purpose="The author's note that closes an opinion piece or a wire story: who wrote it and what else they do"
        " ('Mara Lind is a reporter for the Kessel Gazette.', 'Tomas Vey is the writer in residence at the Orla"
        " Institute and the author, most recently, of ...'), with the rest of its paragraph (its e-mail, its book, its"
        " follow-me line). In news_allsides' 14,000 articles 96 paragraphs of the last two open with a name of two"
        " words or more, 'is' or 'was', and such a role within six words: all 96 are author notes (a name of one"
        " word lets in 'Harben is the region's largest producer of ...'). Earlier in an article the same words are"
        " news ('Lind is the second Gazette reporter to leave'), so the rule holds only in the closing paragraphs.",
        pattern=re.compile(
            r"^(?:(?:Dr|Mr|Mrs|Ms)\.\s+)?[A-Z][\w'\u2019-]+(?:\s+(?:[A-Z]\.|[A-Z][\w'\u2019-]+)){1,3}\s+(?:is|was)\s+"
            rf"(?:a|an|the)\s+(?:[\w'\u2019/-]+\s+){{0,5}}?{_ROLE}s?\b"
        ),
        examples=(
            ("Mara Lind is a reporter for the Kessel Gazette.", True),
            (
                "Tomas Vey is the writer in residence at the Orla Institute and the author, most recently, of"
                " \u201cSalt Roads: How One Coast Fed a Country.\u201d",
                True,
            ),
            ("Clara J. Whitcombe is a budget analyst for the Harben Ledger.", True),
            ("Dr. Anita P. Hale is a cardiologist and a contributor to The Harben Courier.", True),
            ("Harben is the region\u2019s largest producer of canned fish.", False),
            ("The port director is a former reporter for the Harben Post.", False),
        ),
        paragraph=True,
        closing=True,
    ),
    FurnitureLine(
        name="editor_note",
        purpose="An editor's note on the piece itself (a correction, where it first ran, a pitch for subscriptions;"
        " 75 in news_allsides): about the article, not the story.",
        pattern=re.compile(r"^Editor['\u2019]s\s+[Nn]ote\s*:"),
        examples=(
            ("Editor's Note: Want to support Townhall so we can keep telling the truth?", True),
            ("Editor\u2019s note: We gave the wrong date for the council vote when this story first ran.", True),
            ("The editor's note said the port would reopen.", False),
        ),
    ),
    FurnitureLine(
        name="site_notice",
        purpose="The web site's own notice beside the article: that a form is protected by reCAPTCHA (26 lines in"
        " news_allsides), a subscription pitch with a promo code (5; none in the other news corpora), a newsletter's"
        " sign-up box ('HARBEN POST NEWSLETTERS Port Report A quick look at shipping news \u2014 weekday mornings,"
        " in your inbox.': 98 'in your inbox' in news_allsides, all such boxes), the page's listen and share buttons"
        " read as text ('LISTEN TO ARTICLE 7:53 SHARE THIS ARTICLE Share Tweet Post Email': 48): about the page,"
        " not the story.",
        pattern=re.compile(
            r"\bprotected\s+by\s+reCAPTCHA\b|\buse\s+(?:the\s+)?promo(?:tional)?\s+code\s+\S+\s+(?:to|for)\s+"
            r"(?:get|receive|save)\b|^(?-i:(?:LISTEN\s+TO\s+ARTICLE\s+\d{1,2}:\d\d\s+)?SHARE\s+THIS\s+ARTICLE)\b|"
            rf"\bin\s+your\s+inbox\b(?=.*\b{_SIGN_UP}\b)|\b{_SIGN_UP}\b.*\bin\s+your\s+inbox\b",
            re.IGNORECASE,
        ),
        examples=(
            ("This site is protected by reCAPTCHA and the Google Privacy Policy and Terms of Service apply.", True),
            ("Join Townhall VIP and use the promo code FISA to get 25% off VIP membership!", True),
            (
                "HARBEN POST NEWSLETTERS Port Report A quick look at shipping news \u2014 weekday mornings, in your"
                " inbox.",
                True,
            ),
            ("If you would like to receive the Levin Report in your inbox daily, click here to subscribe.", True),
            ("LISTEN TO ARTICLE 7:53 SHARE THIS ARTICLE Share Tweet Post Email", True),
            ("The port is protected by a sea wall and two breakwaters.", False),
            ("Shoppers used a code to get discounts, the retailer said.", False),
            ("Scam mails may already be in your inbox, the bank warned.", False),
            ("Share this article with the port workers, the union said.", False),
        ),
    ),
    FurnitureLine(
        name="photo_caption",
        purpose="A photo's caption, which ends on where and when the picture was taken ('... in Washington, U.S.,"
        " January 27, 2020.'), and its credit line ('REUTERS/Mary F. Calvert', 'Picture taken ...'): of the 255"
        " sentences of news_allsides that end on such a date, 255 are captions (254 with a photo credit next).",
        pattern=re.compile(
            rf",\s(?i:{_MONTH})\.?\s\d{{1,2}},\s(?:19|20)\d\d\.(?:\s*\([^()]{{0,80}}\)|\s+{_PHOTO_CREDIT}/[^\n]{{0,80}})?$"
            r"|^(?:REUTERS/|(?:Picture|Photo)\s+taken\s)"
        ),
        examples=(
            ("Mitch McConnell walks to the Senate floor in Washington, U.S., January 27, 2020.", True),
            (
                "The mayor speaks at a town hall in Harben, Ohio, March 3, 2016. (Lydia K. Moss/Reuters)",
                True,
            ),
            ("REUTERS/Carlos Garcia Rawlins", True),
            ("Picture taken July 14, 2019.", True),
            ("The law took effect on January 27, 2020.", False),
            ("The court will rule by January 27, 2020, the clerk said.", False),
        ),
    ),
)

_ANYWHERE = tuple(r for r in LINE_RULES if not r.closing)


def furniture_line(sentence: str, paragraph: str = "", closing: bool = False) -> str | None:
    """The name of the rule that reads this whole sentence as furniture, if any: one that matches the sentence,
    or a ``paragraph`` rule that matches the paragraph it stands in; ``closing`` rules only where ``closing`` says
    the sentence stands in one of the article's last ``CLOSING`` paragraphs, and only as paragraph rules: the
    paragraph must open with the note (in an article whose text is one paragraph a sentence there is prose)."""
    if len(sentence.split()) <= LINE_WORDS:
        hit = next((r.name for r in _ANYWHERE if r.pattern.search(sentence)), None)
        if hit is not None:
            return hit
    if not paragraph:
        return None
    # every sentence of a paragraph asks this: the rules (anchored at its start) before the count of its words
    rules = LINE_RULES if closing else _ANYWHERE
    hit = next((r.name for r in rules if r.paragraph and r.pattern.search(paragraph)), None)
    return hit if hit is not None and len(paragraph.split()) <= PARAGRAPH_WORDS else None


def closing_start(text: str) -> int:
    """Where the article's last ``CLOSING`` paragraphs (lines with words) begin: a sentence from there on stands
    in its closing paragraphs. An article of no more paragraphs than that has none (its end is its body)."""
    end, left = len(text.rstrip()), CLOSING
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if text[start:end].strip():
            if not left:
                return end + 1
            left -= 1
        end = start - 1
    return len(text) + 1


def furniture(text: str) -> list[tuple[int, int]]:
    """The ``[start, end)`` ranges of ``text`` that rules read as furniture, in order."""
    if "MORE" not in text:  # every rule so far needs it: most texts pay one substring search
        return []
    return sorted(_shortest(r.pattern, text, m) for r in RULES for m in r.pattern.finditer(text))


def _shortest(pattern: re.Pattern[str], text: str, m: re.Match[str]) -> tuple[int, int]:
    """The latest-starting match that ends where ``m`` does: "Speaker Paul Ryan Paul Davis Ryan..." is a card
    after "Ryan", though read from "Paul" it is one too ("Ryan Paul" ends with "Paul")."""
    while (later := pattern.search(text, m.start("drop") + 1)) is not None and later.end() == m.end():
        m = later
    return m.span("drop")


def without(text: str) -> str:
    """``text`` with its furniture left out (for examples and tests; reading keeps offsets instead)."""
    return cut(text, furniture(text))


def blank(text: str) -> str:
    """``text`` with its furniture turned into NUL characters: the same offsets, no words or marks in it."""
    cut = furniture(text)
    if not cut:
        return text
    chars = list(text)
    for s, e in cut:
        chars[s:e] = "\0" * (e - s)
    return "".join(chars)


def shown(blanked: str) -> str:
    """A slice of a ``blank``-ed text as a reader sees it: the NULs that stand for furniture left out (a quote
    read from the blanked text is shown in a flag; NUL characters there would print as filler)."""
    return blanked.replace("\0", "")
