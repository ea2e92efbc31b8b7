"""Chinese and Japanese, written without spaces between words, through the whole pipeline: sentences, words,
fingerprints, alignment labels, verdicts, and a real store's ``add`` + ``scan`` / ``sources`` finding the copies.

The articles are made up for these tests (a bridge opening in a fictional Chinese city, a library opening in a
fictional Japanese one), each with a lightly edited copy and an unrelated article in the same language. Before
runs of these scripts were read as character bigrams (``text.unspaced``), a sentence of them was one word: no
sentence key, no shingle, and the edited copies were never candidates.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import retold
from retold.corpus import Corpus
from retold.fingerprint.keys import sentence_key
from retold.fingerprint.shingles import shingle_set, tokens
from retold.ingest import article_from_text

ZH = (
    "河阳市新建跨江大桥今日通车\n"
    "河阳市今天上午举行仪式，宣布新建的跨江大桥正式通车。"
    "这座大桥全长两千四百米，历时三年建成，总投资约十八亿元。"
    "市交通局局长王立新在仪式上表示，大桥通车后，两岸居民往返时间将从一个小时缩短到十五分钟。"
    "据介绍，大桥设有双向六车道和专用自行车道，每天预计可通行车辆四万辆。"
    "不少市民一早就来到桥头，拍照留念。"
    "一位在对岸工作的教师说，她再也不用每天清晨排队等渡船了！"
    "交通部门提醒，通车首周桥上车流较大，请司机注意安全。"
)

ZH_EDITED = (
    "跨江大桥今日在河阳市正式通车\n"
    "河阳市今天上午举行仪式，宣布新建跨江大桥正式通车。"
    "这座大桥全长两千四百米，历时三年建成，总投资约十八亿元人民币。"
    "市交通局局长王立新在仪式上说，大桥通车后，两岸居民往返时间将从一个多小时缩短到十五分钟左右。"
    "据介绍，大桥设有双向六车道和专用自行车道，每天预计可通行车辆四万辆。"
    "许多市民一早就来到桥头拍照留念。"
    "交通部门提醒，通车首周桥上车流较大，请各位司机注意行车安全。"
)

ZH_OTHER = (
    "南山县苹果喜获丰收\n"
    "今年南山县的苹果迎来大丰收，全县产量预计比去年增长两成。"
    "果农李春华告诉记者，今年雨水充足，病虫害也少，果子又大又甜。"
    "县农业农村局组织了多场线上直播活动，帮助果农把苹果卖到全国各地。"
    "目前，已有三十多家超市与当地合作社签订了收购合同。"
    "专家认为，品牌建设和冷链运输仍是下一步需要加强的环节。"
)

JA = (
    "北浜市で新しい図書館が開館\n"
    "北浜市の駅前に建設された新しい市立図書館が、今日から利用できるようになった。"
    "図書館は地上五階建てで、およそ三十万冊の本を所蔵している。"
    "市長の山田花子さんは開館式で「子どもからお年寄りまで、誰もが集まれる場所にしたい」と話した。"
    "館内には自習室やカフェ、子ども向けの読み聞かせコーナーも設けられている。"
    "開館初日の朝には、百人以上の市民が入口の前に列を作った。"
    "図書館は毎日午前九時から午後九時まで開いており、月曜日は休館となる。"
)

JA_EDITED = (
    "北浜市、駅前に新図書館がオープン\n"
    "北浜市の駅前に建設された新しい市立図書館が、今日から利用可能になった。"
    "図書館は地上五階建てで、約三十万冊の本を所蔵している。"
    "市長の山田花子さんは開館式で「子どもからお年寄りまで、誰もが集まれる場所にしたい」と述べた。"
    "館内には自習室やカフェ、子ども向けの読み聞かせコーナーも設けられた。"
    "開館初日の朝には、百人を超える市民が入口の前に列を作った。"
    "図書館は毎日午前九時から午後九時まで開館し、月曜日は休館となる。"
)

JA_OTHER = (
    "港町で秋祭りが三年ぶりに開催\n"
    "港町の秋祭りが三年ぶりに開かれ、大勢の見物客でにぎわった。"
    "祭りでは漁師たちが大漁旗を掲げた船で湾内を巡り、岸壁からは拍手が送られた。"
    "商店街には屋台が並び、焼きイカや地元の酒が人気を集めた。"
    "実行委員長の佐藤健一さんは「天気にも恵まれ、町に活気が戻ってきた」と笑顔を見せた。"
    "祭りは明日まで続く予定だ。"
)

ARTICLES = {
    "zh": ZH,
    "zh_copy": ZH,
    "zh_edited": ZH_EDITED,
    "zh_other": ZH_OTHER,
    "ja": JA,
    "ja_copy": JA,
    "ja_edited": JA_EDITED,
    "ja_other": JA_OTHER,
}


def article(name: str) -> retold.Article:
    return article_from_text(ARTICLES[name], id=name, language=name[:2])


@pytest.mark.parametrize("name", ["zh", "ja"])
def test_sentences_end_at_the_ideographic_full_stop_and_the_title_is_the_first_line(name: str) -> None:
    a = article(name)
    assert a.sentences[0].is_title and a.title == ARTICLES[name].split("\n")[0]
    body = [s.text for s in a.sentences[1:]]
    assert len(body) == (7 if name == "zh" else 6)
    assert all(s.endswith(("。", "！")) for s in body)


def test_a_run_of_chinese_is_its_character_bigrams_with_keys_and_shingles() -> None:
    a = article("zh")
    norm = a.sentences[5].norm  # 不少市民一早就来到桥头，拍照留念。
    assert " ".join(tokens(norm)) == "不少 少市 市民 民一 一早 早就 就来 来到 到桥 桥头 拍照 照留 留念"
    assert sentence_key(norm) is not None
    edited = article("zh_edited")
    assert shingle_set(a) & shingle_set(edited)
    assert not shingle_set(a) & shingle_set(article("zh_other"))


@pytest.mark.parametrize(
    ("a", "b", "relations"),
    [
        ("zh", "zh_copy", {"identical"}),
        ("zh", "zh_edited", {"near_duplicate", "rewrite"}),
        ("zh", "zh_other", {"unrelated"}),
        ("ja", "ja_copy", {"identical"}),
        ("ja", "ja_edited", {"near_duplicate", "rewrite"}),
        ("ja", "ja_other", {"unrelated"}),
        ("zh", "ja", {"unrelated"}),
    ],
)
def test_lexical_verdicts(a: str, b: str, relations: set[str]) -> None:
    c = retold.compare(article(a), article(b), lexical=True)
    assert c.verdict.relation in relations, c.verdict


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_edited_sentences_are_labelled_edited_and_the_untouched_one_verbatim(lang: str) -> None:
    c = retold.compare(article(lang), article(f"{lang}_edited"), lexical=True)
    labels = {(m.a, m.b): m.label for m in c.matches}
    if lang == "zh":
        assert labels[((4,), (4,))] == "verbatim"  # 据介绍，大桥设有双向六车道...
        assert [labels[((i,), (i,))] for i in (1, 2, 3, 5)] == ["edited"] * 4  # a word or two added, dropped, changed
        assert c.only_in_a == (6,)  # the teacher's sentence, left out of the copy
    else:
        assert [labels[((i,), (i,))] for i in range(1, 7)] == ["edited"] * 6


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    folder = tmp_path_factory.mktemp("unspaced")
    for name, text in ARTICLES.items():
        (folder / f"{name}.txt").write_text(text + "\n", encoding="utf-8")
    c = Corpus(folder / "r.db")
    report = c.add([str(folder)])
    assert len(report.added) == len(ARTICLES)
    return c


def test_a_lexical_scan_finds_the_copies_and_only_them(corpus: Corpus, tmp_path: Path) -> None:
    result, _, _ = corpus.scan(lexical=True)
    pairs = {frozenset((e.a, e.b)): e.relation for e in result.edges}
    for lang in ("zh", "ja"):
        assert pairs[frozenset((lang, f"{lang}_copy"))] == "identical"
        assert pairs[frozenset((lang, f"{lang}_edited"))] in ("near_duplicate", "rewrite")
        assert pairs[frozenset((f"{lang}_copy", f"{lang}_edited"))] in ("near_duplicate", "rewrite")
    assert len(pairs) == 6
    assert not any(name.endswith("_other") for pair in pairs for name in pair)


@pytest.mark.parametrize("lang", ["zh", "ja"])
def test_sources_of_the_edited_copy_are_the_original_and_its_copy(corpus: Corpus, lang: str) -> None:
    query = article_from_text(ARTICLES[f"{lang}_edited"], id="query", language=lang)
    found = corpus.sources(query, lexical=True)
    assert {f.edge.b for f in found} == {lang, f"{lang}_copy", f"{lang}_edited"}


def test_the_word_diff_marks_the_changed_characters_not_the_whole_sentence() -> None:
    from retold.report.html import comparison_html

    c = retold.compare(article("zh"), article("zh_edited"), lexical=True)
    m = next(m for m in c.matches if m.a == (3,))
    changed = [(d.op, d.a, d.b) for d in m.diff if d.op != "equal"]
    assert changed == [("replace", "表示", "说"), ("insert", "", "多"), ("insert", "", "左右")]
    assert "".join(d.b for d in m.diff) == c.b.sentences[3].text  # the units join without spaces
    page = comparison_html(c)
    assert '<span class="w same">市交通局局长王立新在仪式上</span><span class="w new">说</span>' in page
