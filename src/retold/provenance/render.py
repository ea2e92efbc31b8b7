"""What the corpus commands print: progress on stderr, summaries and tables on stdout (their JSON: summaries)."""

from __future__ import annotations

import textwrap
import time
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from retold.ingest.dates import unread_reason
from retold.ingest.outlets import outlet_name
from retold.model import Article, Story, silent
from retold.model import Progress as Tick  # rich's Progress draws the bar
from retold.provenance.export import FORMATS
from retold.provenance.stories import arrow, retellings
from retold.report.console import console as retold_console
from retold.report.safe import printable
from retold.text.words import counted

if TYPE_CHECKING:
    from retold.corpus import AddReport
    from retold.ingest.dates import Reading
    from retold.provenance.scan import Found, ScanResult

LOG_AFTER = 2.0  # seconds before a stage says anything to a log
LOG_EVERY = 10.0
UNBOUNDED = 1_000_000  # the width of a pipe or a file: no line is that long
SHOWN_STORIES = 10  # stories a scan draws on the terminal; where the rest are is said
ONE_LINE_STORY = 6  # retellings a story may have and still be drawn on one line (when it fits the width)
# which article of a sources line is the source: "this" is the article asked about, "it" the stored one
ARROWS = {"a_to_b": "this is the source", "b_to_a": "it is the source", "common_source": "both from a common source"}


def line_console(stderr: bool = False) -> Console:
    """Where the corpus commands print: lines fitted to a terminal's width; in a pipe or a file, which a script
    reads, a line is as long as it is, never cut or wrapped (rich would take 80 columns there)."""
    console = retold_console(stderr=stderr, highlight=False)
    if not console.is_terminal:
        console.width = UNBOUNDED
    return console


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Tick]:
    """Progress on stderr: a rich bar per stage with counts, time taken and time left on a terminal;
    elsewhere (a log, a pipe) one line when a stage starts and one when it ends; nothing when ``quiet``.

    Yields the callback ``tick(stage, done, total)`` the library's long operations accept (``total``
    0 when not known in advance).
    """
    console = retold_console(stderr=True)
    if quiet:
        yield silent
        return
    if not console.is_terminal:
        first: dict[str, float] = {}
        said: dict[str, float] = {}

        def line(stage: str, done: int, total: int) -> None:
            now = time.perf_counter()
            t0 = first.setdefault(stage, now)
            finished = bool(total) and done >= total
            # quiet for work that ends within LOG_AFTER seconds (and for one-line errors); then a line
            # every LOG_EVERY seconds and one at the end
            if now - t0 < LOG_AFTER or (not finished and now - said.get(stage, t0) < LOG_EVERY):
                return
            if said.get(stage) == -1.0:
                return
            of = f"{done:,} of {total:,}" if total else f"{done:,}"
            console.print(f"{stage}: {of} {'done' if finished else 'so far'} in {now - t0:.0f}s", highlight=False)
            said[stage] = -1.0 if finished else now

        yield line
        return
    bar = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("elapsed,"),
        TimeRemainingColumn(),
        TextColumn("left"),
        console=console,
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def tick(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total or None)
        bar.update(tasks[stage], completed=done, total=total or None)

    with bar:
        yield tick


def add_summary(report: AddReport, console: Console, errors: Console | None = None) -> None:
    """``added N`` then the counts that are not zero (``skipped M (duplicates), failed K files, skipped S bad
    records, R id collisions``...); then one line per problem (on ``errors``, stderr in the CLI): each failed
    file, skipped record and id collision with its reason."""
    extra = input_counts(report.failed, report.skipped, report.renamed, report.passed_over, len(report.duplicates))
    if report.unread_dates:
        where, value = report.unread_dates[0]
        first = escape(printable(f"{where}: {value!r}"))  # the summary line reads markup: these are the user's
        why = escape(unread_reason(value))
        extra += (
            f", {counted(len(report.unread_dates), 'date')} not read, the first {first} (stored without a date; {why})"
        )
    filled = len({d.existing for d in report.duplicates if d.filled})
    if filled:
        extra += f", filled in the missing metadata of {counted(filled, 'stored article')}"
    console.print(
        f"added {len(report.added):,}{extra} [dim]({counted(report.files, 'file')} read)[/dim]",
        highlight=False,
        soft_wrap=True,
    )
    for d in report.duplicates[:20]:
        console.print(
            printable(
                f"  skipped {d.path or d.id}: "
                + ("already stored" if d.existing == d.id else f"same record as the stored {d.existing}")
                + (f"; filled in its {', '.join(d.filled)} from this record" if d.filled else "")
            ),
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    if len(report.duplicates) > 20:
        console.print(f"  ... and {counted(len(report.duplicates) - 20, 'more duplicate')}", highlight=False)
    add_problems(report, errors or console)


def add_problems(report: AddReport, err: Console) -> None:
    """:func:`problem_lines` of an add (stderr in the CLI, with or without ``--json``)."""
    problem_lines(report.failed, report.skipped, report.renamed, err)


def input_counts(
    failed: Sequence[tuple[str, str]],
    skipped: Sequence[tuple[str, str]],
    renamed: Sequence[tuple[str, str, str]],
    passed_over: Sequence[tuple[str, str]],
    duplicates: int = 0,
) -> str:
    """``, skipped M (duplicates), failed K files, skipped S bad records, R id collisions, passed over P entries
    of folders (kinds)``, each part only when not zero: what both engines (local, Spark) say of what they read."""
    kinds = Counter(kind for _, kind in passed_over)
    passed = ", ".join(f"{k} {n:,}" for k, n in kinds.most_common())
    return "".join(
        f", {text}"
        for n, text in (
            (duplicates, f"skipped {duplicates:,} (duplicates)"),
            (len(failed), f"failed {counted(len(failed), 'file')}"),
            (len(skipped), f"skipped {counted(len(skipped), 'bad record')}"),
            (len(renamed), counted(len(renamed), "id collision")),
            (len(passed_over), f"passed over {counted(len(passed_over), 'entry', 'entries')} of folders ({passed})"),
        )
        if n
    )


def problem_lines(
    failed: Sequence[tuple[str, str]],
    skipped: Sequence[tuple[str, str]],
    renamed: Sequence[tuple[str, str, str]],
    err: Console,
) -> None:
    """One line per failed file, skipped record and id collision, with its reason (both engines)."""
    for path, reason in failed:
        err.print(printable(f"  failed {path}: {reason}"), highlight=False, markup=False, soft_wrap=True)
    for where, reason in skipped:
        err.print(printable(f"  skipped {where}: {reason}"), highlight=False, markup=False, soft_wrap=True)
    for where, wanted, stored in renamed:
        err.print(
            printable(f"  id collision {where}: id {wanted!r} is taken by another article, stored as {stored!r}"),
            highlight=False,
            markup=False,
            soft_wrap=True,
        )


def sources_table(query: str, found: Sequence[Found], console: Console) -> None:
    """One line per indexed article: rank, id, relation, score, coverage of each side, direction."""
    if not found:
        console.print(
            printable(f"no indexed article shares retold text with {query}"),
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        return
    console.print(
        printable(
            f"indexed articles that share retold text with {query}, best first (the last column says which is the "
            "source: this article or it, the indexed one):"
        ),
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    width = max(len(f.edge.b) for f in found)
    for k, f in enumerate(found, 1):
        e = f.edge
        d = ARROWS.get(e.direction, "direction undetermined")
        if e.direction in ARROWS:
            d += f" ({e.direction_confidence:.2f})"
        across = f"  translation: this in {e.language_a}, it in {e.language_b}" if e.translation else ""
        console.print(
            printable(
                f"{k:>3}. {e.b:<{width}}  {e.relation:<14} score {e.score:.2f}  "
                f"covers {e.coverage_a:>4.0%} of this, {e.coverage_b:>4.0%} of it  {d}{across}"
            ),
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
        about = described(f.comparison.b if f.comparison.b.id == e.b else f.comparison.a)
        if about:
            console.print(printable(f"     {about}", one_line=True), highlight=False, markup=False, soft_wrap=True)


def described(art: Article) -> str:
    """An article's title, outlet and date, as far as they are known, for the line beneath its id."""
    return description(art.title, art.source, art.url, art.date)


def description(title: str | None, source: str | None, url: str | None, date: Reading | None) -> str:
    """``"Title" - Outlet, 2019-06-18``, of what is known: how a found or grouped article is named to a reader,
    who checks a source by its outlet and date."""
    when = date.at.date().isoformat() if date is not None else None
    outlet = outlet_name(source, url)
    known = [x for x in (outlet, when) if x]
    quoted = f'"{" ".join(title.split())}"' if title and title.strip() else ""
    return " - ".join(x for x in (quoted, ", ".join(known)) if x)


LISTED = ("id", "title", "outlet", "published", "language", "n_sentences")


def listing_table(rows: Sequence[Mapping[str, object]], console: Console) -> None:
    """``retold list``: a table of the stored articles, one a row; an unknown field is left blank."""
    if not rows:
        console.print("the store holds no articles (retold add FILE... adds some)", highlight=False, markup=False)
        return
    headers = ("id", "title", "outlet", "published", "language", "sentences")
    cells = [[printable("" if r.get(k) is None else str(r[k]), one_line=True) for k in LISTED] for r in rows]
    widest = [max(len(h), *(len(c[k]) for c in cells)) for k, h in enumerate(headers)]
    # every column whole (the id is what delete takes); the title gets what is left of the width, cut short
    widest[1] = min(widest[1], max(12, console.width - sum(widest) + widest[1] - 2 * (len(headers) - 1)))
    for c in [list(headers), *cells]:
        if len(c[1]) > widest[1]:
            c[1] = c[1][: widest[1] - 1] + "…"
        line = "  ".join(x.rjust(w) if k == 5 else x.ljust(w) for k, (x, w) in enumerate(zip(c, widest, strict=True)))
        console.print(line.rstrip(), highlight=False, markup=False, soft_wrap=True)
    console.print(counted(len(rows), "article"), highlight=False, markup=False)


def story_lines(st: Story, console: Console) -> None:
    """A small story on one line; a larger one (or one wider than the terminal) as a line per source with its
    retellings indented beneath, wrapped to the terminal's width, so no member is left out or runs off screen."""
    hung = retellings(st)
    # each retelling with the relation of the edge it hangs by (under the first source that names it)
    relation: dict[str, str] = {}
    for _, members in hung:
        for m, _, rel in members:
            relation.setdefault(m, rel)
    rest = [f"{a} ({relation[a]})" if a in relation else a for a in st.articles if a not in st.origins]
    # "<-" says who took from whom: a story whose edges name no source shows its centre joined, not copied
    directed = any(arrow(e) for e in st.edges)  # as the stories table reads the edges (stories.roles)
    took, more = ("<-", "") if directed else ("~", " (no direction known)")
    line = printable(f"  {st.id}: {', '.join(st.origins)} {took} {', '.join(rest)}{more}", one_line=True)
    # one line only says it truly: every member hangs from an origin, by an edge marked as the line marks it
    true = all(s in st.origins and all(d is directed for _, d, _ in ms) for s, ms in hung)
    if true and len(rest) <= ONE_LINE_STORY and len(line) <= console.width:
        console.print(line, highlight=False, markup=False, soft_wrap=True)
        return
    head = f"  {st.id}: {counted(len(st.articles), 'article')}, from {', '.join(st.origins)}{more}"
    rows = [head]
    for source, members in hung:
        rows.append(f"    {source}")
        for mark, directed_here in (("<-", True), ("~", False)):
            by_relation: dict[str, list[str]] = {}  # a line per relation: its name said once, not after each member
            for m, d, rel in members:
                if d is directed_here:
                    by_relation.setdefault(rel, []).append(printable(m, one_line=True))
            for rel, names in by_relation.items():
                rows += textwrap.wrap(
                    ", ".join(names),
                    width=max(console.width, 40),
                    initial_indent=f"      {mark} {rel}: ",
                    subsequent_indent=" " * (7 + len(mark)),
                    break_long_words=False,
                    break_on_hyphens=False,
                )
    for row in rows:
        console.print(printable(row, one_line=True), highlight=False, markup=False, soft_wrap=True)


def where_all(written: Sequence[Path]) -> str:
    """Where a reader finds every story the terminal left out: the files this scan wrote that hold them (the
    stories table, the HTML report: all but the edges table), else the options that write them."""
    every = [str(p) for p in written if not (p.stem == "edges" and p.suffix[1:] in FORMATS)]
    if every:
        return f"all are in {' and '.join(every)}"
    return "all are in --out DIR's stories table, in --json's output and in --html FILE's report"


def scan_summary(
    result: ScanResult,
    added: AddReport | None,
    written: Sequence[Path],
    console: Console,
    errors: Console | None = None,
) -> None:
    if added is not None:
        add_summary(added, console, errors)
    secs = sum(result.seconds.values())
    console.print(
        f"scanned {result.scanned:,} new of {counted(result.articles, 'article')} ({result.mode}) in {secs:.1f}s: "
        f"{counted(result.candidates, 'candidate pair')}, {result.compared:,} aligned, "
        f"{counted(len(result.edges), 'reuse edge')}, {counted(len(result.stories), 'story', 'stories')}",
        highlight=False,
        soft_wrap=True,
    )
    for st in result.stories[:SHOWN_STORIES]:
        story_lines(st, console)
    if len(result.stories) > SHOWN_STORIES:
        more = counted(len(result.stories) - SHOWN_STORIES, "more story", "more stories")
        console.print(
            printable(f"  ... and {more}: {where_all(written)}"), highlight=False, markup=False, soft_wrap=True
        )
    for p in written:
        console.print(printable(f"wrote {p}"), highlight=False, markup=False, soft_wrap=True)
