"""The terminal view: verdict on top, then both articles side by side in alignment order, then the flags,
then why the direction was called (the reasons read best once the content has been seen)."""

from __future__ import annotations

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from retold.model import Article, Comparison, Flag, Match, Span
from retold.report import reading
from retold.report.console import console as retold_console
from retold.report.safe import printable
from retold.text.unspaced import has_unspaced

COLOURS = {
    "verbatim": "green",
    "edited": "cyan",
    "paraphrase": "yellow",
    "translation": "bright_yellow",
    "related": "magenta",
    "only_a": "red",
    "only_b": "blue",
}
ARROWS = {"a_to_b": "A -> B", "b_to_a": "B -> A", "common_source": "common source", "undetermined": "undetermined"}
SEVERITY = {"info": "dim", "warning": "yellow", "high": "bold red"}
# Without styles (a file, a pipe, NO_COLOR) strike and underline vanish: the diff is marked in words, wdiff style.
REMOVED, ADDED = ("[-", "-]"), ("{+", "+}")


def plain(console: Console) -> bool:
    """Whether the reader sees no colour or style, so that the diff and the legend must be told in text."""
    return console.no_color or console.color_system is None


def _unspaced(c: str) -> bool:
    """A letter of a script written without spaces, or the punctuation written with them (CJK's full stop, comma,
    brackets and full-width forms)."""
    return bool(c) and (has_unspaced(c) or "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef")


def _sides(c: Comparison, m: Match, marks: bool = False) -> tuple[Text, Text]:
    """Both sides of a match with the word diff marked: removed words struck in A, new words underlined in B,
    and with ``marks`` also bracketed (``[-About-]``, ``{+Around+}``) for a reader who sees no styles."""
    colour = COLOURS[m.label]
    ta, tb = Text(), Text()
    last = {"a": "", "b": ""}  # the last character of the diff's words each side shows
    for op in m.diff:
        same = op.op == "equal"
        for key, side, words, (left, right), style in (
            ("a", ta, op.a, REMOVED, "strike"),
            ("b", tb, op.b, ADDED, "underline bold"),
        ):
            if words:
                if _unspaced(last[key]) and _unspaced(words[0]):
                    side.right_crop(1)  # Chinese, Japanese or Thai the diff cut apart: written without a space
                shown = printable(words) if same or not marks else f"{left}{printable(words)}{right}"
                side.append(shown + " ", style=colour if same else f"{colour} {style}")
                last[key] = words[-1]
    if not m.diff:
        ta.append(printable(" ".join(c.a.sentences[i].text for i in m.a)), style=colour)
        tb.append(printable(" ".join(c.b.sentences[j].text for j in m.b)), style=colour)
    ta.rstrip()
    tb.rstrip()
    return ta, tb


def _rows(c: Comparison, marks: bool = False) -> list[tuple[str, Text, Text, str]]:
    rows: list[tuple[str, Text, Text, str]] = []
    by_b = {j: m for m in c.matches for j in m.b}
    seen: set[int] = set()
    placed_a: set[int] = set()
    only_a = sorted(c.only_in_a)

    def flush_a(upto: int) -> None:
        for i in only_a:
            if i not in placed_a and i <= upto:
                placed_a.add(i)
                s = c.a.sentences[i]
                ids = reading.row_ref(_ids(c.a, (i,)), "")  # "-": no sentence on that side, as in the flags
                rows.append((ids, Text(printable(s.text), style=COLOURS["only_a"]), Text(""), reading.how("only_a")))

    for j, s in enumerate(c.b.sentences):
        m = by_b.get(j)
        if m is None:
            ids = reading.row_ref("", _ids(c.b, (j,)))
            rows.append((ids, Text(""), Text(printable(s.text), style=COLOURS["only_b"]), reading.how("only_b")))
            continue
        if id(m) in seen:
            continue
        seen.add(id(m))
        flush_a(min(m.a) - 1)
        ta, tb = _sides(c, m, marks)
        ids = reading.row_ref(_ids(c.a, m.a), _ids(c.b, m.b))
        rows.append((ids, ta, tb, reading.how(m.label, m.score)))
        placed_a.update(m.a)
    flush_a(len(c.a.sentences))
    return rows


def render(c: Comparison, console: Console | None = None) -> None:
    """Print the comparison for a person."""
    console = console or retold_console()
    v = c.verdict
    head = Text()
    head.append(v.relation.replace("_", " "), style="bold")
    head.append(f"  score {v.score:.2f}   coverage A {v.coverage_a:.0%}  B {v.coverage_b:.0%}   ")
    if v.direction == "undetermined":
        head.append("direction undetermined", style="dim")
    else:
        head.append(f"direction {ARROWS[v.direction]} ({v.direction_confidence:.0%})", style="bold")
    lines = [head]
    for side, art in (("A", c.a), ("B", c.b)):
        line = f"{side}: {art.id} [{art.language}]" + (f" - {art.title}" if art.title else "")
        lines.append(Text(printable(line, one_line=True), style="dim"))
    lines.append(Text(f"mode: {c.mode}" + (f" ({c.model})" if c.model else ""), style="dim"))
    lines.extend(Text(printable(f"note: {n}"), style="yellow") for n in c.notes)
    console.print(Panel(Group(*lines), title="retold", box=box.ROUNDED))

    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False)
    table.add_column("A / B", style="dim", no_wrap=True)
    # a word longer than the column (a URL, a sentence of Chinese) is folded onto the next lines, not cut to "…"
    table.add_column("A", ratio=1, overflow="fold")
    table.add_column("B", ratio=1, overflow="fold")
    table.add_column("how", no_wrap=True)
    for ids, ta, tb, said in _rows(c, plain(console)):
        table.add_row(ids, ta, tb, said)
    console.print(table)
    console.print(_legend(c, plain(console)))

    if c.flags:
        render_flags(c, console)
    else:
        console.print(Text(f"{_flags_title(c)}: {reading.unflagged(c.notes, c.verdict.relation)}", style="bold"))
    if v.reasons:
        console.print(Text(f"why the direction is {ARROWS.get(v.direction, v.direction)}:", style="bold"))
        # a grid, so that a reason longer than the line goes on under its own start, not under "because"
        why = Table.grid(padding=(0, 1))
        why.add_column(no_wrap=True)
        why.add_column(ratio=1, overflow="fold")
        for r in v.reasons:
            why.add_row(Text("  because", style="dim"), Text(printable(r), style="dim"))
        console.print(why)


def _legend(c: Comparison, words_only: bool) -> Text:
    """What the colours mean; ``words_only`` (no colours to see): what the diff's marks and the labels mean."""
    shown = {m.label for m in c.matches}
    keys = list(reading.legend(shown).items())
    if words_only:
        named = "; ".join(f"{reading.HOW.get(k, k)}: {w}" for k, w in keys)
        removed, added = "words".join(REMOVED), "words".join(ADDED)
        marks = f"{removed} {reading.MARKS['gone']}, {added} {reading.MARKS['new']}"
        return Text(f"legend: {marks}; how: {named}")
    legend = Text("legend: ")
    for key, words in keys:
        legend.append("■ ", style=COLOURS[key])
        legend.append(words + "   ")
    return legend


def _labels(art: Article) -> list[str]:
    return [reading.sentence_label(s.i, s.is_title) for s in art.sentences]


def _ids(art: Article, idx: tuple[int, ...]) -> str:
    """Sentence numbers of one side of a row (a title named, not numbered)."""
    return reading.sentence_ids(_labels(art), idx)


def _row_of(art: Article, span: Span | None) -> str:
    """The sentences a flag's span lies in, as the table's first column names them; "" without a span."""
    return reading.span_ids(
        _labels(art), [(s.start, s.end) for s in art.sentences], (span.start, span.end) if span else None
    )


def flag_row(c: Comparison, f: Flag) -> str:
    """Where a flag sits in the table above: ``A / B`` sentence numbers, ``-`` for a side it has no span in."""
    return reading.row_ref(_row_of(c.a, f.a), _row_of(c.b, f.b))


def flag_columns(c: Comparison) -> tuple[str, str]:
    """The headings of the source and retelling columns: which article each is, and whether that is known."""
    src, ret = ("B", "A") if c.flags_source == "b" else ("A", "B")
    if c.flags_source_decided:
        return f"source ({src})", f"retelling ({ret})"
    return f"{src} (read as source)", f"{ret} (read as retelling)"


def _flags_title(c: Comparison) -> str:
    """The flags' heading, with the reading order where it is that of the arguments, not of the direction
    (named as the header names it: "common source" is no "not decided" there)."""
    if reading.by_argument_order(c.notes, c.verdict.relation, len(c.flags), c.flags_source_decided):
        direction = ARROWS.get(c.verdict.direction, c.verdict.direction)
        return f"what the retelling changed (direction {direction}: read A -> B, by argument order)"
    return "what the retelling changed"


def render_flags(c: Comparison, console: Console) -> None:
    """What the retelling changed, the source's words first, whichever order the articles were given in."""
    ft = Table(box=box.SIMPLE_HEAD, expand=True, title=_flags_title(c))
    ft.add_column("flag", no_wrap=True)
    ft.add_column("A / B", style="dim", no_wrap=True)
    head_src, head_ret = flag_columns(c)
    ft.add_column(head_src, ratio=1, overflow="fold")
    ft.add_column(head_ret, ratio=1, overflow="fold")
    ft.add_column("note", ratio=1, overflow="fold")
    for f in c.flags:
        src, ret = (f.b_text, f.a_text) if c.flags_source == "b" else (f.a_text, f.b_text)
        # Text, not str: a plain string in a table cell is read as rich markup ("[bold]" in an article)
        ft.add_row(
            Text(f"{reading.flag_words(f.kind)}\n{f.severity}", style=SEVERITY[f.severity]),
            flag_row(c, f),
            Text(printable(src or "")),
            Text(printable(ret or "")),
            Text(printable(f.note)),
        )
    console.print(ft)
