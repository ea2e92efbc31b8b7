"""The rule-based name extractor, measured on the seeds, and the conservative name comparison."""

from __future__ import annotations

import json
from pathlib import Path

from retold.fidelity import analyse
from retold.fidelity._shared import Doc
from retold.fidelity.entities import entities, is_acronym
from retold.ingest import article_from_text, read_article
from retold.model import Flag, Label, Match

# Hand-made gold names per seed sentence (people, organisations, places, nationalities), by sentence index;
# benchmarks/fidelity_eval.py reports the same measurement.
GOLD = json.loads((Path(__file__).with_name("seed_names.json")).read_text(encoding="utf-8"))
JOINERS = {"and", "for", "of", "the", "The"}


def _tokens(names: list[str]) -> list[str]:
    """Name words, so a name split in two or written in full is scored word by word."""
    return [w for n in names for w in n.replace("-", " ").replace("'s", "").rstrip(".").split() if w not in JOINERS]


def _counts(got: list[str], want: list[str]) -> tuple[int, int, int]:
    """True positives, false positives, false negatives of name words (multisets)."""
    want = list(want)
    tp = fp = 0
    for w in got:
        if w in want:
            want.remove(w)
            tp += 1
        else:
            fp += 1
    return tp, fp, len(want)


def precision_recall(doc: Doc, gold: dict[int, list[str]]) -> tuple[float, float]:
    """Name words found versus name words expected, sentence by sentence (multisets)."""
    tp = fp = fn = 0
    for i in range(len(doc.sents)):
        t, f, n = _counts(_tokens([e.text for e in entities(doc, [i])]), _tokens(gold.get(i, [])))
        tp, fp, fn = tp + t, fp + f, fn + n
    return tp / (tp + fp), tp / (tp + fn)


def test_extractor_on_the_seeds(seeds: tuple[Path, Path]) -> None:
    for path, key in zip(seeds, ("000", "003"), strict=True):
        gold = {int(k): v for k, v in GOLD[key].items()}
        p, r = precision_recall(Doc(read_article(str(path))), gold)
        assert p >= 0.95 and r >= 0.9, (path.name, p, r)


def names(text: str) -> list[str]:
    return [e.text for e in entities(Doc(article_from_text(text, id="x")))]


def test_sentence_start_titles_and_acronyms() -> None:
    assert names("Speaking on Friday, Minister Anna Berg visited NATO's new HQ in Brussels.") == [
        "Anna Berg",
        "NATO",
        "Brussels",
    ]
    assert names("Berg left. Later, Berg returned.") == ["Berg", "Berg"]  # known from inside a sentence
    assert names("Hungary's position is clear.") == ["Hungary"]  # a known place at the sentence start
    assert is_acronym("SHAPE") and is_acronym("U.S.") and is_acronym("AMs") and not is_acronym("Shape")


def test_a_word_after_an_abbreviation_of_the_splitter_starts_no_sentence() -> None:
    """The name check reads the splitter's abbreviations (one list): "Fr." and "Ft." were the splitter's or the
    name check's only, which took "Young" for a sentence start and cut "Ft. | Worth"; but "pct." often ends a
    wire's sentence, and the capital after it says nothing of a name."""
    assert any("Young" in n for n in names("The plan came from Fr. Young in the parish."))
    assert names("They drove to Ft. Worth on Monday.") == ["Ft. Worth"]
    assert names("The bills rose 6-1/8 pct. Year bills were steady.") == []


def test_german_nouns_are_not_names() -> None:
    text = "Die Polizei sagte, die Gruppe habe Sorgen. Der Stürmer Eden Hazard traf für Chelsea in London."
    got = [e.text for e in entities(Doc(article_from_text(text, id="x", language="de")))]
    assert got == ["Eden Hazard", "London"]


def test_a_german_common_noun_beside_a_name_is_no_name_elsewhere() -> None:
    """Flag audit 21: 'auf Seiten Nordkoreas' made 'Seiten' a name, and 'von Seiten der USA' an entity added."""
    text = "Wir sehen keine Reaktion von Seiten der USA, sagte er. Die USA wollen eine Abrüstung auf Seiten Nordkoreas."
    got = [e.text for e in entities(Doc(article_from_text(text, id="x", language="de")))]
    assert "Seiten" not in got


def entity_flags(a: str, b: str, lang: str = "en") -> list[Flag]:
    aa, bb = article_from_text(a, id="a", language=lang), article_from_text(b, id="b", language=lang)
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [f for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("entity_")]


def test_variants_are_the_same_name() -> None:
    assert entity_flags("The U.S. sent aid to Kyiv.", "The United States sent aid to Kiev.") == []
    assert entity_flags("American troops arrived.", "US troops arrived.") == []
    assert [(f.kind, f.b_text) for f in entity_flags("Mark Rutte spoke.", "NATO chief Rutte spoke.")] == [
        ("entity_added", "NATO")
    ]
    mission = "the Security Assistance and Training Mission for Ukraine"
    assert entity_flags(f"The SATMU, {mission}, opened.", "The SATMU opened.") == []


def test_a_us_state_and_its_wire_abbreviation_are_one_name() -> None:
    """The place list knows the US states and the abbreviations the wires put after a town."""
    assert entity_flags("He spoke in Fairfield, Conn., on Saturday.", "He spoke in Fairfield, Connecticut.") == []
    assert entity_flags("He spoke in Albany, N.Y., on Saturday.", "He spoke in Albany, New York, on Saturday.") == []
    assert entity_flags("Revenue rose, the Kansas firm said.", "Revenue rose, the Kan. firm said.") == []
    swapped = entity_flags("Revenue rose, the Topeka, Kan., firm said.", "Revenue rose, the Topeka, Tenn., firm said.")
    assert [(f.kind, f.a_text, f.b_text) for f in swapped] == [("entity_changed", "Kan", "Tenn")]


def test_a_misspelt_name_read_as_written_and_without_its_ending() -> None:
    """Seeds 17 and 19 (WMT19): 'Johnes' (whose stem is 'john') and the genitive 'Widodos' against 'Widoko'."""
    assert entity_flags("Sources say Jones was furious.", "It was learned that Johnes was furious.") == []
    a, b = "Präsident Joko Widodos Besuch in Palu war angesetzt.", "Präsident Joko Widoko sollte Palu besuchen."
    assert entity_flags(a, b, "de") == []
    swapped = entity_flags("Sources say Jones was furious.", "It was learned that Johnson was furious.")
    assert [(f.kind, f.a_text, f.b_text) for f in swapped] == [("entity_changed", "Jones", "Johnson")]
    # seed 18: in English a final s is a plural, no genitive ("Democrats" is no spelling of "decorat(ed)")
    a = "A highly decorated officer said an Ohio straw poll boosted Al Gore."
    b = "An Ohio straw poll drew notice to Al Gore, according to Democrats."
    assert [(f.kind, f.b_text) for f in entity_flags(a, b)] == [("entity_added", "Democrats")]
    # fidelity_eval.py's injected swap: a stem cut to "simpso" would read "Simpson" as a spelling of "Sims"
    a = "Die Beamten zeigten die Konfrontation zwischen Sims und Simpson, und Sims verlor seine Brille."
    b = "Die Videoaufnahmen zeigten die Auseinandersetzung von Sims und Netscape. Sims verlor seine Brille."
    swapped = entity_flags(a, b, "de")
    assert [(f.kind, f.a_text, f.b_text) for f in swapped] == [("entity_changed", "Simpson", "Netscape")]


def test_a_ticker_with_its_exchange_code_is_its_symbol() -> None:
    """'JCP.N', 'AA.N' (Reuters instrument codes) name the symbol the other text gives as '(JCP)'; since the splitter
    keeps 'AA.N' whole, a symbol changed beside one is a change, not a name added (seed 17 n=83)."""
    assert (
        entity_flags("Shares of J.C. Penney Co. Inc. JCP.N fell.", "Shares of J.C. Penney Co. Inc. (JCP) fell.") == []
    )
    assert entity_flags("Sun Microsystems Inc. SUNW.O rose.", "Sun Microsystems (SUNW) rose.") == []
    got = entity_flags("Alcoa Inc. AA.N fell 2 percent.", "Alcoa (PEP) fell 2 percent.")
    assert [(f.kind, f.a_text, f.b_text) for f in got] == [("entity_changed", "AA", "PEP")], got


def test_a_ticker_after_a_company_the_other_text_has_is_no_new_name() -> None:
    """'Sun Microsystems Inc. SUNW.O' against 'Sun Microsystems': the ticker names the company (seed 20 n=112)."""
    a = "A sour forecast came from Sun Microsystems on Monday."
    b = "A sour forecast came from Sun Microsystems Inc. SUNW.O on Monday."
    assert entity_flags(a, b) == []
    assert entity_flags(a.replace("Sun Microsystems", "Oracle"), b) != []


def test_a_company_by_its_acronym_alone() -> None:
    """Seed 17: 'SCO Group said' retold as 'states SCO' keeps the company; without it the name is lost."""
    a = '"The licence breaks federal copyright law," SCO Group said in a reply sent to the judge.'
    b = '"The licence breaks federal copyright law," states SCO in papers sent to the judge.'
    assert entity_flags(a, b) == []
    a, b = "The SCO Group said the GPL is void.", "Lawyers said the GPL is void."
    assert [(f.kind, f.a_text) for f in entity_flags(a, b)] == [("entity_dropped", "SCO Group")]
    # seed 16: a person run on after the acronym is lost with the credit ("SSE CEO Marchant said" -> "SSE will")
    a = "SSE CEO Marchant said he would sell the assets in Turkey to International Power."
    b = "After the deal SSE will sell the assets in Turkey to International Power."
    assert [(f.kind, f.a_text) for f in entity_flags(a, b)] == [("entity_dropped", "SSE CEO Marchant")]


def test_swapped_and_dropped_names() -> None:
    changed = entity_flags("Anna Berg opened the bridge in Leeds.", "Anna Berg opened the bridge in York.")
    assert [(f.kind, f.a_text, f.b_text, f.severity) for f in changed] == [("entity_changed", "Leeds", "York", "high")]
    partial = entity_flags(
        "Shares fell on the New York Stock Exchange.", "Shares fell on the New Jersey Stock Exchange."
    )
    assert [(f.kind, f.b_text) for f in partial] == [("entity_changed", "New Jersey Stock Exchange")]
    dropped = entity_flags("Berg spoke at Clay Barracks in the city.", "Berg spoke in the city.")
    assert [(f.kind, f.a_text) for f in dropped] == [("entity_dropped", "Clay Barracks")]
    assert entity_flags("Amrozi spoke.", "Ali Amrozi spoke.") == []  # a fuller form is no change


def test_extractor_on_mrpc_sentences(shared: Path) -> None:
    """Hand-made names for 60 MRPC sentences: 30 used while writing the rules, 30 annotated afterwards."""
    gold = json.loads(Path(__file__).with_name("mrpc_names.json").read_text(encoding="utf-8"))
    rows = {}
    for line in (shared / "data" / "mrpc" / "mrpc.train.jsonl").open(encoding="utf-8"):
        rec = json.loads(line)
        rows[rec["id"]] = rec
    for part, floor in (("development", 0.95), ("held_out", 0.9)):
        side = gold[part]["side"]
        tp = fp = fn = 0
        for rid, names in gold[part]["names"].items():
            got = _tokens([e.text for e in entities(Doc(article_from_text(rows[rid][side], id=rid)))])
            t, f, n = _counts(got, _tokens(names))
            tp, fp, fn = tp + t, fp + f, fn + n
        assert tp / (tp + fp) >= floor and tp / (tp + fn) >= floor, (part, tp, fp, fn)


def flags_of(a: str, b: str, language: str = "en") -> list[tuple[str, str | None, str | None, str]]:
    aa, bb = article_from_text(a, id="a", language=language), article_from_text(b, id="b", language=language)
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), "paraphrase", 1.0)
    return [
        (f.kind, f.a_text, f.b_text, f.severity) for f in analyse(aa, bb, [m], (), ()) if f.kind.startswith("entity_")
    ]


def test_codes_amounts_and_capitalised_words_are_not_names() -> None:
    assert "SPX" not in names("The broader Standard & Poor's 500 Index .SPX edged down.")
    assert "PK" not in names("Analysts cited the bankrupt WorldCom Inc. WCOEQ.PK and talk of a takeover.")
    assert names("It was valued at about R300-million by Farben.") == ["Farben"]
    assert names("Mills affected by Thursdays announcement closed.") == []
    assert names("AN inquest will be held, the coroner said.") == []
    assert names("Kroc, who was married to McDonald's Corp. founder Ray Kroc, died.") == [
        "Kroc",
        "McDonald",
        "Ray Kroc",
    ]
    assert names("He met Pierre Danon, CEO of BT, in town.") == ["Pierre Danon", "BT"]
    assert names("Richter co-founded Evans & Richter.") == ["Richter", "Evans & Richter"]  # a surname in English


def test_a_currency_inside_an_amount_is_no_name() -> None:
    """ "$US1.06" against "$1.06" dropped the name "US", "$A500" against "500 Australian dollars" added one."""
    for a, b, language in [
        ("Shares closed at $US1.06 in Sydney.", "Shares closed at $1.06 in Sydney.", "en"),
        ("The deal is worth $A500 million.", "The deal is worth 500 million Australian dollars.", "en"),
        ("The fine was C$500, Smith said.", "The fine was 500 Canadian dollars, Smith said.", "en"),
        ("Die Strafe betrug 500 US-Dollar.", "Die Strafe betrug 500 Dollar.", "de"),
    ]:
        assert flags_of(a, b, language) == [] and flags_of(b, a, language) == [], (a, b)
    # the country of a currency with no figure is a name still
    assert flags_of("The Australian dollar rose.", "The dollar rose.") == [
        ("entity_dropped", "Australian", None, "info")
    ]


def test_a_german_number_word_is_part_of_a_name_in_english_text() -> None:
    """ "Elf Aquitaine" lost its "Elf": a German number word cut a name in English text, as "Two" of "Two Americans"
    does."""
    assert names("Analysts said Elf Aquitaine cut jobs.") == ["Elf Aquitaine"]
    assert names("Analysts said Acht Kessler won in Bonn.") == ["Acht Kessler", "Bonn"]
    assert names("Analysts said Two Americans were hurt.") == ["Americans"]


def test_short_forms_and_spelled_out_acronyms() -> None:
    assert flags_of("Netscape Communications filed suit.", "Its Netscape unit filed suit.") == []
    assert (
        flags_of(
            "The panel reports before the coming CHOGM meeting.",
            "The panel reports before the coming Commonwealth Heads of Government meeting.",
        )
        == []
    )
    # but a shared first word of a common kind does not make two places one
    assert flags_of("Prices rose in New Hampshire.", "Prices rose in New Mexico.")[0][:3] == (
        "entity_changed",
        "New Hampshire",
        "New Mexico",
    )
    # a first name in a short form, the surname replaced
    assert [f[:3] for f in flags_of("Gregory Parseghian spoke.", "Greg Luzerne spoke.")] == [
        ("entity_changed", "Gregory Parseghian", "Greg Luzerne")
    ]


def test_short_function_words_do_not_stand_for_names() -> None:
    """ "Hasbro" starts with "has" and "Diego" with "die": neither makes the name present."""
    got = flags_of("Germany and the Dominican Republic objected.", "The Dominican Hasbro and Germany objected.")
    assert [f[:3] for f in got] == [("entity_changed", "Dominican Republic", "Dominican Hasbro")]


def test_one_name_lost_and_one_gained_is_a_change() -> None:
    got = flags_of("Last month Intel raised its guidance.", "Back then Grubb predicted higher sales.")
    assert got == [("entity_changed", "Intel", "Grubb", "warning")]
    # two names gained: which one replaced it is unclear, so both are reported as they are
    got = flags_of("Last month Intel raised its guidance.", "Back then Grubb and Amazon predicted higher sales.")
    assert sorted(f[0] for f in got) == ["entity_added", "entity_added", "entity_dropped"]


def test_german_stand_in_for_a_lost_name() -> None:
    a = "Trump lobte das Treffen mit Kim Jong Un in Singapur."
    got = flags_of(a, "Trump lobte das Treffen mit Frederick in Singapur.", "de")
    assert got == [("entity_changed", "Kim Jong Un", "Frederick", "warning")]
    # a noun after an article is no stand-in: the name is only lost
    got = flags_of(a, "Trump lobte das Treffen mit dem Machthaber in Singapur.", "de")
    assert got == [("entity_dropped", "Kim Jong Un", None, "info")]


def test_german_single_word_name_swapped_for_another() -> None:
    """Neither name is recognised on its own (German capitalises every noun); the tagger reads both as names."""
    a = "Am Abend sprach die Ministerin lange mit Meyer über den Haushalt."
    got = flags_of(a, "Am Abend sprach die Ministerin lange mit Okonjo über den Haushalt.", "de")
    assert [f[:3] for f in got] == [("entity_changed", "Meyer", "Okonjo")]
    # a noun reworded is no name change: "Haushalt" -> "Etat", "Ministerin" -> "Politikerin"
    b = "Am Abend sprach die Politikerin lange mit Meyer über den Etat."
    assert [f for f in flags_of(a, b, "de") if f[0].startswith("entity")] == []


def test_german_compound_nouns_and_nominalised_verbs_are_not_names() -> None:
    """A rewriter's compounds ("Apfelernte") and nominalised verbs ("Zögern") stand for no name."""
    a = "Nach langem Warten lobte der Bauer die gute Ernte."
    b = "Nach langem Zögern lobte der Landwirt die gute Apfelernte."
    assert [f for f in flags_of(a, b, "de") if f[0].startswith("entity")] == []


def test_german_name_replaced_next_to_the_same_word() -> None:
    """ "Ryder Cup" -> "Ryder Okonjo": "Cup" is a German noun, but the word beside it stays and the new one is
    a name."""
    a = "Europa führte nach zwei Tagen beim Ryder Cup deutlich."
    got = flags_of(a, "Europa führte nach zwei Tagen beim Ryder Okonjo deutlich.", "de")
    assert got == [("entity_changed", "Cup", "Okonjo", "warning")]
    # a noun beside the same word replaced by another noun is a rewording
    got = flags_of(a, "Europa führte nach zwei Tagen beim Ryder Turnier deutlich.", "de")
    assert [f for f in got if f[0].startswith("entity")] == []


def test_german_name_starting_a_quotation_or_bracket() -> None:
    """A name right after an opening quote mark or bracket is still a name: "„Okonjo will ..." for "Meyer"."""
    a = "Sie sagte, Meyer wolle noch im Herbst nach Lagos reisen."
    got = flags_of(a, "Sie sagte: „Okonjo will noch im Herbst nach Lagos reisen.“", "de")
    assert [f[:3] for f in got if f[0].startswith("entity")] == [("entity_changed", "Meyer", "Okonjo")]
    got = flags_of("Die Firma sitzt in Bexbach (Saarland).", "Die Firma sitzt in Bexbach (Kentucky).", "de")
    assert [f[:3] for f in got if f[0].startswith("entity")] == [("entity_changed", "Saarland", "Kentucky")]
    # a capitalised word starting a quotation that the tagger knows as no name is no stand-in
    got = flags_of(a, "Sie sagte: „Vermutlich will sie noch im Herbst nach Lagos reisen.“", "de")
    assert [f for f in got if f[0] == "entity_changed"] == []


def test_german_name_after_an_adjective() -> None:
    """ "der schnelle Meyer" -> "der flinke Okonjo": an adjective before a word the tagger knows as a name."""
    a = "Am Ende rettete der schnelle Meyer den Sieg."
    got = flags_of(a, "Am Ende rettete der flinke Okonjo den Sieg.", "de")
    assert [f[:3] for f in got if f[0].startswith("entity")] == [("entity_changed", "Meyer", "Okonjo")]
    # an adjective before a noun: a rewording, no name
    got = flags_of(a, "Am Ende rettete der flinke Stürmer den Sieg.", "de")
    assert [f for f in got if f[0] == "entity_changed"] == []


def test_german_tagger_word_classes() -> None:
    from retold.fidelity._hanta import german_class, is_name_word

    assert is_name_word("Frederick") and is_name_word("Kim")
    assert not is_name_word("Schweinestall") and not is_name_word("Herangehen")
    tag, behind = german_class("Geiselbefreiung")
    assert tag == "NN" and behind < -1.5


def test_fragments_of_a_longer_name_are_not_flagged() -> None:
    """A word split off a name at "and", a comma or a possessive, when the other text has the name."""
    a = "Awards came from the Alder Grant Library on Monday."
    assert flags_of(a, "Awards came from the Alder Grant Library and Museum on Monday.") == []
    a = "The fire was examined by the AFT, officials said."
    got = flags_of(a, "The fire was examined by the Bureau of Arson, Fires and Tunnels, officials said.")
    assert [f[:3] for f in got] == [("entity_added", None, "Bureau of Arson")]  # not its fragments
    assert flags_of("He works at the hospital.", "He works at the Orphans' Hospital.") == []
    # a list of places is no name: the one added is still reported
    got = flags_of("Shops closed in Leeds and York.", "Shops closed in Leeds, York and Hull.")
    assert [f[:3] for f in got] == [("entity_added", None, "Hull")]


def test_a_first_name_added_in_brackets_is_no_new_name() -> None:
    assert flags_of("It praised Admiral Varley's work.", "It praised Admiral (Tobin) Varley's work.") == []


def test_acronym_of_words_joined_by_ampersand() -> None:
    got = flags_of("Both Orvex and Pell & Wexford bid.", "Both Orvex and P&W bid.")
    assert [f for f in got if f[0] == "entity_added"] == []


def test_article_prefix_and_spelling_variants() -> None:
    assert flags_of("Troops entered Al-Ramadiya at dawn.", "Troops entered Ramadiyah at dawn.") == []
    assert flags_of("Talks were led by Mouradian.", "Talks were led by Muradian.") == []


def test_a_word_replaced_in_the_same_place_is_a_change() -> None:
    """The rest of the sentence was rewritten, but the new name stands where the old one stood."""
    got = flags_of(
        "Drugs sold in Canadian pharmacies are approved by Health Canada.",
        "Drugs sold in Norwegian pharmacies have the approval of Health Canada.",
    )
    assert [f[:3] for f in got] == [("entity_changed", "Canadian", "Norwegian")]
    got = flags_of(
        "It was the worst flood on record in North America, experts said.",
        "Experts called it the worst-ever flood in North Calverton.",
    )
    assert [f[:3] for f in got] == [("entity_changed", "North America", "North Calverton")]
    # a word of a name the other side has ("Al" of "Al Qaeda") is not replaced by what stands in its place
    a = "Officials blame Al Qaeda for the attacks."
    got = flags_of(a, "Officials blame Osama bin Laden's al-Qaida for the attacks.")
    assert [f[:3] for f in got] == [("entity_added", None, "Osama bin Laden")]
    # a name the other side has in another spelling, or a date, is not replaced
    got = flags_of("The convoy was near Fallujah on Sunday.", "The convoy was near Falluja, west of Ramadi, on Sunday.")
    assert [f[:3] for f in got] == [("entity_added", None, "Ramadi")]


def test_german_name_replaced_between_the_same_words() -> None:
    """Framed on both sides, two words the tagger takes for possible names: "zu Halloween" -> "zu Lakeside"."""
    a = "Pünktlich zu Halloween zeigte Thom Browne auch Masken."
    got = flags_of(a, "Thom Browne stellte pünktlich zu Lakeside dem Publikum auch Masken vor.", "de")
    assert [f[:3] for f in got] == [("entity_changed", "Halloween", "Lakeside")]
    # one noun for another between the same words is a rewording ("Gipfeltreffen" -> "Summit")
    a = "Drei Monate nach dem Gipfeltreffen im Juni sprach er vor der UN."
    got = flags_of(a, "Er sprach drei Monate nach dem Summit im Juni vor der UN.", "de")
    assert [f for f in got if f[0] == "entity_changed"] == []


def test_german_nouns_side_by_side_are_no_name() -> None:
    a = "Sie kaufen täglich kleine Mengen Lebensmittel im Laden."
    assert flags_of(a, "Sie kaufen im Laden täglich wenig ein.", "de") == []


def test_names_joined_by_ampersand_and_institution_names() -> None:
    assert names("The wider Standard & Poor's 500 index dipped.") == ["Standard & Poor"]
    assert names("Golden Globe Award-winners James Holt and Judy Anand star.") == [
        "Golden Globe Award",
        "James Holt",
        "Judy Anand",
    ]
    assert names("One, Fort Carson-based Sgt. Ernest Bucklew, was on his way.") == ["Fort Carson", "Ernest Bucklew"]
    assert names('"It works," Senate Majority Leader Bill Frist said.') == ["Bill Frist"]
    assert names("Two Americans were hurt, the Star said April 20 in Q3.") == ["Americans", "Star"]
    # flagged side by side, the halves of one institution's name are one flag
    a = "A judge granted the request."
    got = flags_of(a, "A judge granted the Food and Drug Administration's request.")
    assert [f[:3] for f in got] == [("entity_added", None, "Food and Drug Administration")]


def test_a_pet_name_is_the_same_first_name() -> None:
    assert flags_of("Retired Adm. Hal Gehman said so.", "Retired Admiral Harold Gehman said so.") == []
    got = flags_of("Retired Adm. Hal Gehman said so.", "Retired Admiral Dwight Gehman said so.")
    assert [f[:3] for f in got] == [("entity_changed", "Hal Gehman", "Dwight Gehman")]


def test_german_noun_before_a_name_is_no_part_of_it() -> None:
    """ "Torwart Liam Kelly" -> "Schlussmann Liam Kelly": the noun that says who he is was reworded, the name kept."""
    a = "Danach hatte Torwart Liam Kelly wenig zu tun."
    assert [e.text for e in entities(Doc(article_from_text(a, id="a", language="de")))] == ["Liam Kelly"]
    assert flags_of(a, "Danach hatte Schlussmann Liam Kelly wenig zu tun.", "de") == []
    # an institution's head word stays: the airport is not the man it is named after
    assert names_de("Heute meldet Flughafen Franz Josef Strauß Verspätungen.") == ["Flughafen Franz Josef Strauß"]
    assert names_de("Heute lädt Gymnasium Karl Marx die Eltern ein.") == ["Gymnasium Karl Marx"]


def names_de(text: str) -> list[str]:
    return [e.text for e in entities(Doc(article_from_text(text, id="x", language="de")))]


def test_german_country_by_its_adjective_or_in_a_compound() -> None:
    """ "Griechenland" / "griechischen", "Nordmexiko" / "Mexiko", "Vereinigtes Königreich" / "Großbritannien"."""
    a = "Der Streit mit Griechenland dauert seit Jahren."
    assert flags_of(a, "Der Streit mit dem griechischen Nachbarn dauert seit Jahren.", "de") == []
    a = "Der Sturm bringt Regen nach Nordmexiko."
    assert flags_of(a, "Der Sturm bringt Regen in den Norden von Mexiko.", "de") == []
    a = "Im Vereinigten Königreich sprechen viele keine Fremdsprache."
    assert flags_of(a, "In Großbritannien sprechen viele keine Fremdsprache.", "de") == []
    # another country is still another country
    got = flags_of(a, "In Norwegen sprechen viele keine Fremdsprache.", "de")
    assert [f[:3] for f in got] == [("entity_added", None, "Norwegen")]


def test_german_common_acronyms_are_no_names() -> None:
    a = "Die Welle riss Autos und Häuser mit sich."
    assert flags_of(a, "Die Welle riss PKWs und Häuser mit sich.", "de") == []


def test_institution_names_stay_whole() -> None:
    """ "X and Y Commission" is one name, a post word before an institution word belongs to it ("Justice
    Department"), and a middle initial does not cut a name in two."""
    assert names("The Securities and Exchange Commission sued.") == ["Securities and Exchange Commission"]
    assert names("said Nora Pell, Justice Department spokeswoman.") == ["Nora Pell", "Justice Department"]
    assert names("a note from Laura B. Hensley, the town's lawyer.") == ["Laura B. Hensley"]
    # after another name word the post word still splits: "Maryland" is a name of its own
    assert names("He spoke to the Maryland State Board of Elections on Monday.") == ["Maryland", "Board of Elections"]
    # the acronym still stands for the whole
    assert (
        flags_of("The SEC sued the firm on Monday.", "The Securities and Exchange Commission sued the firm on Monday.")
        == []
    )


def test_a_common_word_or_an_institution_word_does_not_name_an_institution() -> None:
    got = flags_of(
        "The Securities and Exchange Commission sued the firm.", "Federal securities regulators sued the firm."
    )
    assert [f[:3] for f in got] == [("entity_dropped", "Securities and Exchange Commission", None)]
    # (not as a speaker: "The department said" for "The State Department said" is entities.unnamed_speaker's)
    got = flags_of("The State Department sued the firm on Monday.", "The department sued the firm on Monday.")
    assert [f[:3] for f in got] == [("entity_dropped", "State Department", None)]
    assert flags_of("Barack Obama said so on Monday.", "Obama said so on Monday.") == []  # a surname still does


def test_a_person_of_a_place_or_employer_is_two_names() -> None:
    """ "<person> of <place>" names a person and where they are from; "<word> of <name>" that a noun heads is one
    name."""
    assert names("said Senator Alma Reyes of Oregon on Monday.") == ["Alma Reyes", "Oregon"]
    assert names("The Bank of England and the Gulf of Aden were named.") == ["Bank of England", "Gulf of Aden"]
    assert names("He met the Joint Chiefs of Staff on Monday.") == ["Joint Chiefs of Staff"]
    # the person is still there by surname; the employer the retelling left out is what it dropped
    got = flags_of(
        'Ross Keeler of Calpers said: "We mean to sort it out."', '"We mean to sort it out," Mr. Keeler said.'
    )
    assert [f[:3] for f in got if f[0].startswith("entity")] == [("entity_dropped", "Calpers", None)]


def test_a_pronoun_for_the_person_a_retelling_names_is_no_name_lost_or_added() -> None:
    """The flag audit's MRPC pairs: 'he said' for 'Mr. Kuo said', 'his arrest' for "Taylor's arrest" (seed 18)."""
    a = "The 14 control servers sit in the United States, Brazil and Japan, Mr. Kuo said."
    assert [f for f in flags_of(a, "The servers sat in the United States, Brazil and Japan, he said.")
            if f[0].startswith("entity")] == []  # fmt: skip
    a = "A global warrant for his arrest went to the Kenyan police and to Interpol."
    b = "A warrant for Odhiambo's arrest has gone to the Kenyan police and on to Interpol."
    assert [f for f in flags_of(a, b) if f[0].startswith("entity")] == []
    # without a pronoun to stand for him, the name is lost; a place never stands for "he"
    got = flags_of("Mr. Kuo said the port will close.", "The port will close, officials said.")
    assert [f[:2] for f in got if f[0].startswith("entity")] == [("entity_dropped", "Kuo")]
    got = flags_of("He said the port will close.", "The port in Oslo will close, the mayor said.")
    assert [f[:3] for f in got if f[0].startswith("entity")] == [("entity_added", None, "Oslo")]


def test_a_description_in_the_names_place_is_the_same_thing_named() -> None:
    """The six flag audits' description -> name class (seed 20 n78, seed 17 n120, seed 16 n128): a name on one
    side where the other has a description between the same words, whose head noun this side lacks, is neither
    brought in nor left out; a description kept beside the name, or one standing for what the name owns, is not."""
    a = "The lumber duties, which the U.S. president set in May 2018, will formally lapse at noon."
    b = "The U.S. lumber duties, which Trump set in May 2018, were to formally lapse at noon Friday."
    assert [f for f in flags_of(a, b) if "Trump" in (f[2] or "")] == []
    a = "Okafor said, from a medical point of view, Ottawa's last case was May 2, so the danger passed today."
    b = "He said, from a medical point of view, the city's last case was May 2, so the danger passed today."
    assert [f for f in flags_of(a, b) if f[1] == "Ottawa"] == []
    a = "The NASD also claims Brant rode several times on Tyco company planes, often with Kozlowski."
    b = "The NASD claims that the analyst rode several times on Tyco's company planes, at times with Kozlowski."
    assert [f for f in flags_of(a, b) if f[1] == "Brant"] == []
    # kept: the name owned what the description replaced (seed 16 n72: "the EU's investigation" -> "the probe");
    # a speaker named beside a description both keep is entities.unnamed_speaker's (seed 21 n102, the seventh audit's
    # reading, where seed 17 n68 had judged the same flag right)
    a = "Google's lead has grown since the EU's inquiry began three years ago."
    b = "Google's lead has grown since the probe began three years ago."
    assert [f[:2] for f in flags_of(a, b)] == [("entity_dropped", "EU")]


def test_no_name_is_put_for_another_across_a_related_match() -> None:
    """Seed 20 n72: two sentences the aligner calls `related` tell two events ('House of Deputies' voted on Aug. 3,
    the 'House of Bishops' gave final approval); a name of one replaced none of the other. Read as one statement
    (a paraphrase match), the same words give the swap."""
    a = "On Monday June 9, the House of Deputies voted almost 3-1 for the Reverend Ann Hale."
    b = "On Thursday in Denver, the House of Bishops gave its final nod in a 70-41 vote for Ann Hale."
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")

    def changed(label: Label) -> list[tuple[str | None, str | None]]:
        m = Match((0,), (0,), label, 0.2, evidence={"char_min": 0.5})
        return [(f.a_text, f.b_text) for f in analyse(aa, bb, [m], (), ()) if f.kind == "entity_changed"]

    assert changed("paraphrase") == [("House of Deputies", "House of Bishops")]
    assert changed("related") == []


def test_a_state_after_a_town_both_name_is_its_address() -> None:
    """Seed 19 n79 and seed 18 n102: 'Columbus' retold 'Columbus, Ohio', 'South San Francisco' retold 'South San
    Francisco, Calif.': the state says where the town lies; a town only one side names keeps its state flagged."""
    a = "The GPO earlier shut shops in Denver, Boston, Dallas, Birmingham, Cleveland, and Columbus."
    b = "Since 2003, the agency has shut shops in Denver, Boston, Dallas, Birmingham, Ala., Cleveland, "
    b += "Columbus, Ohio, and Washington."
    assert [f[:3] for f in flags_of(a, b)] == [("entity_dropped", "GPO", None), ("entity_added", None, "Washington")]
    a = "Sales climbed 14 percent to $352 million, the South San Francisco-based firm said on Monday."
    b = "Sales grew 14 percent, to $352 million, the firm, based in South San Francisco, Calif., said."
    assert flags_of(a, b) == []
    a = "The firm had planned to release its results today."
    b = "The Santa Clara, Calif.-based firm had planned to release its results today."
    assert [f[2] for f in flags_of(a, b)] == ["Santa Clara", "Calif"]


def test_a_name_for_an_unnamed_speaker_is_the_same_speaker() -> None:
    """Issue 15, the eighth audit's "same fact in other words" (seeds 21 and 22): the retelling names the speaker
    the source leaves unnamed."""
    cases = [
        (  # seed 22: 'The company reported' -> 'SCO said'
            "The company reported that it ended Sequent's licence for wrongly passing on its code.",
            "SCO said it ended Sequent's licence because the company's code was wrongly passed on.",
            "SCO",
        ),
        (  # seed 21: 'said the senator' -> 'Kerry said'
            '"A photo at a factory gate does not bring back the lost jobs," said the senator, a veteran.',
            '"A photo at a factory gate does not bring back the lost jobs," Kerry said.',
            "Kerry",
        ),
        (  # seed 21: 'the judge said' -> 'the judge, Louis York, said'
            "After that the board may hold a new round of public meetings, the judge said.",
            "But the judge, Louis York, said the board may hold a new round of public meetings.",
            "Louis York",
        ),
    ]
    for a, b, name in cases:
        assert [f for f in flags_of(a, b) if name in (f[1] or "") + (f[2] or "")] == [], name
    # a name that is no speaker, or one of many unnamed speakers, is still flagged
    a = "The company reported that it terminated the contract."
    assert [f[:3] for f in flags_of(a, "SCO said that IBM terminated the contract.")] == [("entity_added", None, "IBM")]
    a = "Payments out of the funds came to $1.7 billion, prosecutors said."
    b = "Payments out of the funds came to $1.7 billion, Morgenthau said."
    assert [f[:3] for f in flags_of(a, b)] == [("entity_added", None, "Morgenthau")]


def test_a_seat_of_government_for_its_country_is_the_same_actor() -> None:
    """Seed 22: 'Russia on Wednesday denied' -> 'which the Kremlin has denied'; seed 16: 'Iran's programme' ->
    'Tehran's'. A seat where something happens is a place."""
    a = "Russia on Friday rejected a report that Maduro had planned to go but stayed once Russia stepped in."
    b = "Pompeo said Maduro had meant to leave but Russia talked him into staying, which the Kremlin has denied."
    assert [f for f in flags_of(a, b) if f[2] == "Kremlin"] == []
    b = "Pompeo said Maduro had meant to leave but Russia talked him into staying, as officials in Moscow said."
    assert [f[:3] for f in flags_of(a, b) if f[2] == "Moscow"] == [("entity_added", None, "Moscow")]


def test_the_and_an_end_word_of_a_name_is_its_short_form() -> None:
    """Seeds 17 and 21: "the North's nuclear ambitions" -> "North Korea's nuclear ambitions" names no new place."""
    a = "Their strained ties have been worn down by the row over the North's missile tests."
    b = "Their strained ties have been worn down further by a quarrel over North Korea's missile tests."
    assert flags_of(a, b) == []


def test_a_name_beside_a_description_the_other_side_keeps_unnamed_is_the_same_person() -> None:
    """Issue 15, seeds 18, 20 and 22: 'Dr Mao and colleague Adel Alhadlaq' -> 'He and a colleague' (the colleague
    kept, so the one spare pronoun is Mao's), 'a US district judge' -> 'U.S. District Judge Myron Thompson',
    'Joe Biden and his son' -> 'Joe Biden and his son, Hunter'."""
    a = "To grow the cartilage, Dr Mao and colleague Adel Alhadlaq used bone marrow cells from mice."
    b = "He and a colleague grew the cartilage using marrow cells from mice."
    assert flags_of(a, b) == []
    a = "The statue was ordered taken down by a US district judge in Mobile."
    b = "The statue was ordered taken down by U.S. District Judge Myron Thompson in Mobile."
    assert flags_of(a, b) == []
    assert flags_of("Joe Biden and his son went to Ukraine.", "Joe Biden and his son, Hunter, went to Ukraine.") == []
    # a description the other side lacks, or one it names otherwise, leaves the name flagged
    a = "Dr Mao used bone marrow cells from mice."
    b = "Dr Mao and colleague Adel Alhadlaq used bone marrow cells from mice."
    assert [f[:3] for f in flags_of(a, b)] == [("entity_added", None, "Adel Alhadlaq")]
    a = "This summer, local health offices took on seasonal beach testers."
    b = "This summer, Peninsula health officials took on seasonal beach testers."
    assert [f[:3] for f in flags_of(a, b)] == [("entity_added", None, "Peninsula")]


def test_an_acronym_skips_at_in_the_name_it_stands_for() -> None:
    """Flag audit seed 23 n121 ('same fact in other words'): UCLA read as a name the source lacks."""
    a = "The trial had the University of California at Los Angeles with Riverside as its leads."
    assert entity_flags(a, "The trial had UCLA with UC Riverside as its leads.") == []
    other = entity_flags(a, "The trial had MIT with UC Riverside as its leads.")
    assert ("entity_added", "MIT") in [(f.kind, f.b_text) for f in other]


def test_a_pronoun_in_the_names_place_stands_for_it() -> None:
    """Issue 15, seeds 17 and 24 ('same fact in other words'): "Drax's American owner" -> "its American owners",
    "SCO intends" -> '"We intend"', "America's 'spiritual enemy'" -> 'Our "spiritual enemy"'."""
    cases = [
        (
            "The report follows Drax's American owner, AES Corp., giving up on the station.",
            "Last week its American owners, AES Corp, gave up on the station.",
        ),
        (
            "SCO intends to give them options so they can use Linux lawfully, he said.",
            '"We intend to give them options so they can use Linux lawfully."',
        ),
        (
            "Boykin also called the rebels America's \u201csworn foe\u201d that can only be beaten.",
            'Our "sworn foe," Boykin went on, "can only be beaten."',
        ),
    ]
    for a, b in cases:
        assert flags_of(a, b) == [], a
    # a pronoun before another word, or a small word that any subject takes, stands for nothing named
    a = "The report follows Drax's American owner, AES Corp., giving up on the station."
    b = "Last week its owners, AES Corp, gave up on the station."
    assert [f[:3] for f in flags_of(a, b)] == [("entity_dropped", "Drax", None)]
    a = "SCO is ready to give them options for using Linux, he said."
    b = "It is ready to give them options for using Linux, he said."
    assert [f[:3] for f in flags_of(a, b)] == [("entity_dropped", "SCO", None)]


def test_here_for_a_place_and_a_gloss_for_a_pronoun_are_the_same_referent() -> None:
    """Issue 15, seed 24 n105: 'Iraqi financial officers in Baghdad' -> 'Iraqi financial officers here'; seed 21
    n125: 'pass on to him [Mr. Cheney]' -> 'pass on to him'."""
    a = (
        "The find of the cash was confirmed by a US Treasury adviser posted to help Iraqi finance staff in Baghdad "
        "in restoring the nation's banks."
    )
    b = (
        "The find of the cash was confirmed by a United States Treasury adviser posted to help Iraqi finance staff "
        "here to restore the nation's banks."
    )
    assert flags_of(a, b) == []
    a = '"I shall point out to him [Mr. Cheney] that Canada is still a reliable source of oil," Mr. Klein said.'
    b = '"I shall point out to him that Canada is still a reliable source of oil," Mr. Klein said.'
    assert flags_of(a, b) == []
    # "here" behind another word, or the pronoun gone with the gloss, leaves the name flagged
    a = "The money was confirmed by officers in Baghdad."
    assert [f[1] for f in flags_of(a, "The money was confirmed here by officers.")] == ["Baghdad"]
    a = '"I shall point out to him [Mr. Cheney] that Canada is still a reliable source of oil," Mr. Klein said.'
    b = '"I shall point out that Canada is still a reliable source of oil," Mr. Klein said.'
    assert [f[1] for f in flags_of(a, b)] == ["Cheney"]


def test_a_party_company_or_people_by_its_other_name_is_the_same() -> None:
    """Issue 15, seeds 16, 18, 23 and 24: 'GOP' / 'Republican Party', 'Big Blue' / 'IBM', 'Latinos' / 'Hispanics'."""
    gop = "Trump invites Warren backers to join GOP after the senator quit."
    assert (
        flags_of(gop, "Trump invited backers of Warren to come over to the Republican Party after the senator quit.")
        == []
    )
    blue = "Big Blue says the SEC calls the probe an informal inquiry."
    assert flags_of(blue, "The SEC told IBM that this is an informal inquiry.") == []
    ibm = "The pact will link Adobe's Form Server to IBM's DB2 Content Manager."
    assert flags_of(ibm, "Big Blue will tie Adobe's Form Server into its DB2 Content Manager.") == []
    latinos = "The group said the tweet casts doubt on his loyalty to Latinos."
    assert flags_of(latinos, latinos.replace("Latinos", "Hispanics")) == []
    # another party, company or people is still another
    b = "Trump invited backers of Warren to join the Democrats after the senator quit."
    assert "GOP" in [f[1] for f in flags_of(gop, b)]
    assert "Latinos" in [f[1] for f in flags_of(latinos, latinos.replace("Latinos", "Asians"))]


def test_a_german_time_noun_or_a_noun_before_a_place_genitive_is_no_part_of_a_name() -> None:
    """Flag audit 24: 'sagte West Anfang des Jahres' -> 'erklärte West zu Beginn des Jahres' raised 'West Anfang'
    left out; 'Kulturgütern Englands' (audits 18, 20, 23, 24) was read as one name, not the place."""
    a = "So sagte es Kanye West Anfang des Jahres in Atlanta."
    assert flags_of(a, "So erklärte es Kanye West zu Beginn des Jahres in Atlanta.", "de") == []
    doc = Doc(article_from_text("Die Zerstörung von Kulturgütern Englands begann früh.", id="a", language="de"))
    assert [e.text for e in entities(doc)] == ["Englands"]
