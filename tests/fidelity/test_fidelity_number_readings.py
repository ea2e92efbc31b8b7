"""Number flags the flag audits judged wrong by class (issue 15): a date told relative to the story
or to another year, related sentences that report different readings or different events."""

from __future__ import annotations

from retold.fidelity import analyse
from retold.ingest import article_from_text
from retold.model import Label, Match


def numbers(a: str, b: str, label: Label = "paraphrase", b_date: str | None = None, lang: str = "en") -> list[str]:
    aa = article_from_text(a, id="a", language=lang)
    bb = article_from_text(b, id="b", published=b_date, language=lang)
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), label, 0.5)
    fs = analyse(aa, bb, [m], (), ())
    return [f"{f.kind}: {f.a_text or '-'} -> {f.b_text or '-'}" for f in fs if f.kind.startswith("number_")]


def test_a_date_the_retelling_tells_by_its_weekday_or_as_today_is_not_dropped() -> None:
    """Seed 20's 'died Sept. 25' / 'died Thursday' and 'the June 1 edition' / 'today's edition' were "dropped"."""
    died = "Brian Florence died Sept. 25 of a heart attack, said the couple's lawyer."
    assert numbers(died, "Mr. Florence died Thursday of heart failure, said the couple's lawyer.") == []
    edition = "The findings were reported online in the June 1 edition of Nature Medicine."
    assert numbers(edition, "The findings are published in today's edition of Nature Medicine.") == []
    assert numbers(edition, "The findings are published in an edition of Nature Medicine.") == [
        "number_dropped: June 1 -> -"
    ]
    # where the story's date is known, the weekday must be that date's: Sept. 25, 2003 was a Thursday
    thursday = "Mr. Florence died Thursday of heart failure, said the couple's lawyer."
    assert numbers(died, thursday, b_date="2003-09-26") == []
    assert numbers(died, thursday.replace("Thursday", "Monday"), b_date="2003-09-26") == [
        "number_dropped: Sept. 25 -> -"
    ]
    # a weekday the source names too is the counterpart of the retelling's (MRPC: 'On Sunday August 3, the House of
    # Deputies voted' / 'On Tuesday ... the House of Bishops gave final approval')
    assert numbers("On Sunday August 3, the deputies voted for him.", "On Tuesday, the bishops voted for him.") == [
        "number_changed: Sunday -> Tuesday",
        "number_dropped: August 3 -> -",
    ]
    assert numbers(edition, "The findings are published in today's edition.", b_date="2003-06-01") == []
    assert numbers(edition, "The findings are published in today's edition.", b_date="2003-06-05") == [
        "number_dropped: June 1 -> -"
    ]


def test_a_year_the_retelling_calls_this_year_is_not_dropped_but_the_other_way_is_added() -> None:
    """Seed 16's 'first half of 2003' / 'first half of this year' was "dropped"; seed 15's 'last year' made '2002'
    by the retelling was judged right (an inference) and stays."""
    assert (
        numbers("The company lost $56.7 million in the first half of 2003.", "This year it lost $56.7 million.") == []
    )
    assert numbers(
        "The company lost $56.7 million in the first half of 2003.",
        "This year it lost $56.7 million.",
        b_date="2005-03-01",
    ) == ["number_dropped: 2003 -> -"]
    assert numbers(
        "The city expects $182.5 million, against last year's $125.4 million.",
        "The city expects $182.5 million, against $125.4 million in 2002.",
    ) == ["number_added: - -> 2002"]


def test_related_sentences_with_no_amount_in_common_report_different_readings() -> None:
    """Seeds 17-20 paired the figures of two market reports of different times ('rose $2.88 to $46.50' / 'up
    $2.28, or 5.2 percent, to $45.90 in midday trading') and flagged each as changed or added."""
    a = "Shares of Hartford rose $2.88 to $46.50 in New York Stock Exchange composite trading."
    b = "Shares of Hartford were up $2.28, or 5.2 percent, to $45.90 in midday trading."
    assert numbers(a, b, "related") == []
    # one reading kept: what the other side lacks is read (no change is read across a related match at all:
    # fidelity.CHANGE_KINDS)
    assert numbers(a, b.replace("$2.28", "$2.88"), "related") == ["number_added: - -> 5.2 percent"]
    # a paraphrase with an amount in common states one fact: its other figures are compared (unless the moves start
    # from one level: numbers.moved_from_one_level); with none in common it is two readings too (the next test)
    assert numbers(a, b.replace("$2.28, or 5.2 percent", "$2.88").replace("$45.90", "$45.50"), "paraphrase") == [
        "number_changed: $46.50 -> $45.50"
    ]


def test_two_weekdays_of_related_sentences_are_two_events() -> None:
    """Seeds 17 and 20 read 'Obama on Thursday nominated Lew' / 'Republicans ... in a letter Monday' (matched as
    related) as a date changed; no change is read across a related match now (fidelity.CHANGE_KINDS)."""
    a = "President Obama on Thursday nominated White House Chief of Staff Jack Lew to be his next Treasury secretary."
    b = "Eight Senate Republicans voiced their complaints in a letter Monday to the White House budget office."
    assert numbers(a, b, "related") == []
    assert numbers(a, b) == ["number_changed: Thursday -> Monday"]


def test_a_span_of_years_the_retelling_gives_as_the_year_it_leads_to_is_not_dropped() -> None:
    """Seeds 15, 16 and 19 read 'Metropolitan Community im Jahr 1870, St. Martin's zehn Jahre später' / '... und 1880
    St. Martin's' as 'zehn Jahre' dropped, seed 20 'double that of five years earlier' (by 2007) / 'of 2002' too."""
    a = "By 2007, antivirus solutions will carry a price tag of $4.4 billion, double that of five years earlier."
    assert numbers(a, "By 2007, antivirus solutions will carry a price tag double that of 2002: $4.4 billion.") == []
    assert numbers(a, "By 2007, antivirus solutions will carry a price tag double that of 2001: $4.4 billion.") == [
        "number_dropped: five years -> -",
        "number_added: - -> 2001",
    ]
    de = "Beide Kirchen wurden gebaut, Metropolitan Community im Jahr 1870, St. Martin's zehn Jahre später."
    assert (
        numbers(de, "Beide Kirchen wurden gebaut, 1870 die Metropolitan Community und 1880 St. Martin's.", lang="de")
        == []
    )


def test_a_move_and_level_read_at_two_times_from_one_start_are_two_readings() -> None:
    """Seeds 20-21 and issue 15 read two share or index readings of different times, matched as paraphrases, as
    figures changed: each moved from the same previous close (8.07 + 1.85 = 8.26 + 1.66; C$16.93 + 63 cents =
    C$16.90 + 66 cents), or the second started from the level the first reached (the next session: 998.88 + 4.39 =
    1003.27), or one names the close the other moved from ("from the $26.90 close")."""
    ata = "ATA shares were down $1.85 at $8.07 on the Nasdaq Stock Market in Tuesday afternoon trading."
    assert numbers(ata, "ATA shares closed down $1.66, or 16.7 percent, at $8.26 on the Nasdaq Stock Market.") == []
    axcan = "Axcan's shares closed down 63 Canadian cents, or 4 percent, at C$16.93 in Toronto on Tuesday."
    assert numbers(axcan, "Axcan's shares were down 3.8 percent, or 66 Canadian cents, at C$16.90 in Toronto.") == []
    spx = "The Standard & Poor's 500 index declined 6.11, or 0.6 per cent, to 1003.27."
    assert numbers(spx, "The Standard & Poor's 500 index declined by 4.39, or 0.4 percent, to 998.88.") == []
    bmy = "Shares of Bristol-Myers rose to $28 in electronic trading from the $26.90 close on the exchange."
    assert numbers(bmy, "Bristol shares rose $1.30, or 5 percent, to $28.20, after closing at $26.90.") == []
    # one figure changed leaves the other: the start differs, and the change is read
    assert numbers(ata, ata.replace("$8.07", "$8.17")) == ["number_changed: $8.07 -> $8.17"]
    assert numbers(ata, ata.replace("$1.85", "$1.95")) == ["number_changed: $1.85 -> $1.95"]


def test_a_total_the_retelling_splits_into_its_parts_is_kept() -> None:
    """Seed 22 read 'pay and bonus will be at least $2.4 million' / 'base salary at $1.4 million and his target
    bonus at a minimum of $1 million' as $2.4 million changed into $1.4 million and $1 million added."""
    a = "The new contract extends the guarantee that his annual pay and bonus will be at least $2.4 million a year."
    b = "The contract sets his annual base salary at $1.4 million and his target bonus at a minimum of $1 million."
    assert numbers(a, b) == []
    assert numbers(a, b.replace("$1 million", "$1.5 million")) == [
        "number_changed: $2.4 million -> $1.5 million",
        "number_added: - -> $1.4 million",
    ]


def test_a_time_in_four_digits_before_a_time_zone_is_that_time() -> None:
    """Seed 22 read 'landed in their Soyuz TMA-2 capsule at 0240 GMT' / 'came down ... at 2:40 a.m.' as the number
    0240 dropped and a time added."""
    a = "Russian Yuri Malenchenko, American Edward Lu and Pedro Duque of Spain landed at 0240 GMT."
    b = "Russian Yuri Malenchenko, American Edward Lu and Spain's Pedro Duque came down at 2:40 a.m."
    assert numbers(a, b, "edited") == []
    assert numbers(a, b.replace("2:40", "3:40"), "edited") == ["number_changed: 0240 GMT -> 3:40 a.m."]
    # "hours" makes a time only after a word leading to one
    assert numbers("They worked 1500 hours for the town.", "They worked 1500 hours for the city.") == []


def test_no_flag_is_read_from_two_readings_at_two_times_matched_only_as_related() -> None:
    """Seeds 16 and 22 read 'or almost 4 percent' as a claim the retelling added, from 'Nvidia shares lost 58 cents
    (U.S.) or 3.46 per cent to $16.20' / 'Nvidia's stock fell 65 cents, or almost 4 percent, to $16.13' (both moves
    start from $16.78: two readings, not one statement retold), matched as related."""
    a = article_from_text(
        "Nvidia shares lost 58 cents (U.S.) or 3.46 per cent to $16.20 yesterday on the Nasdaq.", id="a"
    )
    b = article_from_text("Nvidia's stock fell 65 cents, or almost 4 percent, to $16.13 on Nasdaq.", id="b")
    m = Match(tuple(s.i for s in a.sentences), tuple(s.i for s in b.sentences), "related", 0.5)
    assert analyse(a, b, [m], (), ()) == []
    # a paraphrase match is read as one passage: its readings' figures are still not changed, but names are read
    para = Match(m.a, m.b, "paraphrase", 0.9)
    assert not [f for f in analyse(a, b, [para], (), ()) if f.kind.startswith("number_")]
    assert [f.kind for f in analyse(a, b, [para], (), ())] == ["entity_dropped"]  # no claim of "almost 4 percent"
    # a figure both readings state is still compared (with two amounts in common besides the readings: one alone of
    # three or more is two reports, numbers.one_figure_carried_over)
    assert numbers(
        "Nvidia shares, 3 percent of the Nasdaq 100 and 40 percent of its volume, lost 58 cents to $16.20.",
        "Nvidia shares, 3 percent of the Nasdaq 200 and 40 percent of its volume, fell 65 cents to $16.13.",
    ) == ["number_changed: 100 -> 200"]


def test_a_precise_figure_just_past_a_round_bound_is_that_bound_made_precise() -> None:
    """Seed 15 read 'More than 144,000' / '144,278' as a number changed, seed 21 'valued at more than $50-million' /
    'a value of $54 million to $56 million' as $54 million added."""
    a = "He had turned in 26 million stock options valued at more than $50-million (U.S.) earlier this year."
    b = "He had turned in 26 million stock options with a value of $54 million to $56 million earlier this year."
    assert numbers(a, b, "edited") == []
    assert numbers("More than 144,000 people signed it.", "In all, 144,278 people signed it.") == []
    # short of the bound, or past the unit of its last digit: a change
    assert numbers("More than 144,000 people signed it.", "In all, 143,278 people signed it.") == [
        "number_changed: 144,000 -> 143,278"
    ]
    assert numbers("More than 144,000 people signed it.", "In all, 145,278 people signed it.") == [
        "number_changed: 144,000 -> 145,278"
    ]


def flags(a: str, b: str, label: Label = "paraphrase") -> list[str]:
    aa, bb = article_from_text(a, id="a"), article_from_text(b, id="b")
    m = Match(tuple(s.i for s in aa.sentences), tuple(s.i for s in bb.sentences), label, 0.6)
    return [f"{f.kind}: {f.a_text or '-'} -> {f.b_text or '-'}" for f in analyse(aa, bb, [m], (), ())]


def test_no_flag_is_read_from_two_reports_with_no_amount_in_common_whatever_the_match_label() -> None:
    """Seed 23 (held out) read two reports paired by MRPC as one statement retold, matched as paraphrase or related:
    a volume of two days ('500.22 million ... below 611.45 million ... Thursday' / '1.05 billion ... below 1.19
    billion on Tuesday') as figures changed, Rollins's pay in two fiscal years as a clause and a name added, two
    sessions' yields ('4.38 percent from 4.39 percent late Friday' / '4.35 percent from 4.36 percent late Monday')
    as a day changed. Each side states two amounts or more and none is the other's: matched as related nothing is
    read from them, matched closer their names, credits and quotes but no figure, added clause or sense."""
    volume = (
        "Trading volume was incredibly light at 500.22 million shares, below an already thin 611.45 million "
        "exchanged at the same point Thursday.",
        "Trading volume was extremely light at 1.05 billion shares, below an already thin 1.19 billion on Tuesday.",
    )
    pay = (
        "Mr. Rollins made $721,154 in salary and $243,389 in bonuses in the prior fiscal year.",
        "Kevin Rollins, Dell's president, received $770,962 in salary and a bonus of just more than $2 million in "
        "fiscal 2003.",
    )
    yields = (
        "Treasury prices rose slightly, sending the 10-year note yield down to 4.38 percent from 4.39 percent late "
        "Friday.",
        "Treasury prices gained for the third day in a row, pushing the 10-year note yield down to 4.35 percent from "
        "4.36 percent late Monday.",
    )
    for a, b in (volume, pay, yields):
        assert flags(a, b, "related") == []
        assert not [f for f in flags(a, b) if f.startswith(("number_", "claim_", "meaning_"))]
    assert flags(*pay) == ["entity_added: - -> Dell"]
    # one amount in common: one statement, its other figures changed
    assert flags(volume[0], volume[0].replace("500.22 million", "1.05 billion")) == [
        "number_changed: 500.22 million -> 1.05 billion"
    ]
    assert "number_changed: Friday -> Monday" in flags(yields[0], yields[1].replace("4.36", "4.39"))
    # a verbatim match is one statement
    assert flags(pay[0], pay[0], "verbatim") == []


def test_no_flag_is_read_from_two_counts_at_two_times_with_nothing_in_common() -> None:
    """Seed 23 read two layoff counts ('6,500 of its Missouri employees since Dec. 31' / 'Since October 2001 ... 6,149
    flight attendants') as 'Missouri' dropped and 'October 2001' added: one amount and one time on each side, none in
    common, are two counts at two times."""
    a = "American has laid off 6,500 of its Missouri employees since Dec. 31, according to Driskill."
    b = "Since October 2001, American has laid off 6,149 flight attendants, according to George Price, a spokesman."
    assert flags(a, b, "related") == []
    assert not [f for f in flags(a, b) if f.startswith("number_")]
    # the same time: one count, changed
    assert "number_changed: 6,500 -> 6,149" in flags(a, b.replace("October 2001", "Dec. 31"))
    # the same count: one statement, its time changed
    assert "number_changed: Dec. 31 -> October 2001" in flags(a, b.replace("6,149", "6,500"))


def test_a_figure_rounded_or_naming_its_subject_is_no_reading_of_its_own() -> None:
    """A figure rounded ('$42,409' / '$42,400') is one amount in common, so the rest is read ('1.1 percent' left out,
    judged right in seed 18); a figure hyphened to its unit ('the 10-year note') names the thing, so two yields of
    that note at two times share no reading."""
    a = "Median household income declined 1.1 percent between 2001 and 2002 to $42,409."
    b = "The median household earned income fell $500 over the same period to $42,400."
    assert "number_dropped: 1.1 percent -> -" in flags(a, b)
    c = "The 10-year note yield fell to 4.38 percent from 4.39 percent."
    assert flags(c, "The 10-year note yield fell to 4.35 percent from 4.36 percent.") == []


def test_two_index_readings_sharing_only_an_index_name_or_one_carried_figure_are_two_reports() -> None:
    """Seeds 21 and 24 read two S&P 500 sessions ('declined 6.11 ... to 1003.27, having shed 19.67' / 'declined by
    4.39 ... to 998.88, after losing 6.11 on Thursday') as 19.67 dropped, two S&P readings ('lost 6 points, or 0.71
    percent, to 927' / 'down 4.77 points to 929.62') as 6 changed to 4.77, and two European market readings of
    different times as each index's percentage changed: the '500' and '100' of the index names are no readings
    (numbers.figure_in_a_name), and one figure in common of three or more is carried from the earlier report
    (numbers.one_figure_carried_over)."""
    sessions = (
        "The Standard & Poor's 500 index declined 6.11, or 0.6 per cent, to 1003.27, having shed 19.67 in the "
        "previous session.",
        "The Standard & Poor's 500 index declined by 4.39, or 0.4 percent, to 998.88, after losing 6.11 on Thursday.",
    )
    readings = (
        "The broad Standard & Poor's 500 Index <.SPX> lost 6 points, or 0.71 percent, to 927.",
        "The broad Standard & Poors 500-stock index was down 4.77 points to 929.62.",
    )
    europe = (
        "In afternoon trading in Europe, France's CAC-40 rose 1.5 percent, Britain's FTSE 100 gained 0.3 percent and "
        "Germany's DAX index advanced 1.2 percent.",
        "In afternoon trading in Europe, France's CAC-40 advanced and Britain's FTSE 100 each gained 0.7 percent, "
        "while Germany's DAX index rose 0.6 percent.",
    )
    for a, b in (sessions, readings, europe):
        assert numbers(a, b) == []
        assert numbers(a, b, "edited") == []
    # a figure changed of three keeps two in common: one statement, the figure changed
    assert numbers(sessions[0], sessions[0].replace("1003.27", "1003.72")) == ["number_changed: 1003.27 -> 1003.72"]
    assert numbers(europe[0], europe[0].replace("1.2 percent", "2.1 percent"), "edited") == [
        "number_changed: 1.2 percent -> 2.1 percent"
    ]
    # a figure that counts the word after it is no name, even after a capitalised word: 500 is in common
    farben = "IG Farben's 500 properties were valued at 38 million euros in 2003."
    assert numbers(farben, farben.replace("38", "39").replace("2003", "2004")) == [
        "number_changed: 38 million euros -> 39 million euros",
        "number_changed: 2003 -> 2004",
    ]
