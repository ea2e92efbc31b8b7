"""The HTML report: one self-contained file (inline CSS and JS, no network) built from the comparison JSON.

Everything the page shows is decided here, in Python, from ``comparison_dict``: rows in alignment
order, which words the diff marks, where each flag sits. The template only prints it (Jinja2
autoescape on) and the script only moves highlights. Article text is untrusted: it reaches the page
escaped by Jinja2, and reaches the script only through a JSON data block with ``<``, ``>`` and ``&``
escaped, never inside code. The Content-Security-Policy allows exactly the shipped script and style
by their SHA-256, so markup smuggled into an article cannot run even if it escaped escaping.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from functools import cache
from importlib.resources import files
from typing import Any

from retold.align.diff import units
from retold.model import Comparison
from retold.report.groups import GROUPS, match_groups, tags
from retold.report.reading import (
    MARKS,
    by_argument_order,
    flag_words,
    group_heading,
    how,
    legend,
    row_ref,
    sentence_ids,
    sentence_label,
    span_ids,
    unflagged,
)

TEMPLATES = files("retold.report").joinpath("templates")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
SEVERITY_ORDER = {"high": 0, "warning": 1, "info": 2}
DIRECTIONS = {
    "a_to_b": "A is the source, B retells it",
    "b_to_a": "B is the source, A retells it",
    "common_source": "both retell a common source",
    "undetermined": "undetermined",
}


def script_json(data: Any) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``</script>``, no ``<!--``, no entity, and
    no raw bidi control (one would turn the page source round in an editor; JSON.parse restores it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return _BIDI.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


@cache
def asset(name: str) -> str:
    """A shipped CSS or JS file, inlined verbatim (its hash goes into the CSP)."""
    return TEMPLATES.joinpath(name).read_text(encoding="utf-8")


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(form_action: bool = False) -> str:
    """Only the shipped style and script may run; no fetch, no image, no frame, no base rewrite."""
    forms = "'self'" if form_action else "'none'"
    return (
        f"default-src 'none'; style-src {csp_hash(asset('report.css'))}; "
        f"script-src {csp_hash(asset('report.js'))}; img-src 'none'; connect-src 'none'; "
        f"base-uri 'none'; form-action {forms}"
    )


def _side_tokens(doc: dict[str, Any], side: str, sent_ids: list[int], diff: list[list[str]] | None) -> list[str]:
    """The class of every word of these sentences: ``same``, ``gone`` (A, struck) or ``new`` (B, marked)."""
    n = sum(len(units(doc[side]["sentences"][i]["text"])) for i in sent_ids)
    if diff is None:
        return ["plain"] * n
    out: list[str] = []
    for op, a_words, b_words in diff:
        words = a_words if side == "a" else b_words
        k = len(units(words))
        out.extend(["same" if op == "equal" else "gone" if side == "a" else "new"] * k)
    return out if len(out) == n else ["plain"] * n  # a diff that does not cover the words marks none


def _flag_spans(doc: dict[str, Any], side: str) -> list[tuple[int, int, int]]:
    return [(f[side][0], f[side][1], k) for k, f in enumerate(doc["flags"]) if f[side] is not None]


def _sentences(
    doc: dict[str, Any], side: str, ids: list[int], diff: list[list[str]] | None, anchors: dict[str, str], p: str
) -> list[dict[str, Any]]:
    """Each sentence as runs of words sharing one diff class and one set of flags."""
    classes = _side_tokens(doc, side, ids, diff)
    spans = _flag_spans(doc, side)
    out, t = [], 0
    for i in ids:
        s = doc[side]["sentences"][i]
        runs: list[dict[str, Any]] = []
        pos = 0
        for unit, glued in units(s["text"]):
            at = s["text"].index(unit, pos)
            pos = at + len(unit)
            lo, hi = s["start"] + at, s["start"] + pos
            flags = [k for a, b, k in spans if a < hi and lo < b]
            cls = classes[t]
            t += 1
            if runs and runs[-1]["cls"] == cls and runs[-1]["flags"] == flags:
                runs[-1]["text"] += ("" if glued else " ") + unit
            else:
                runs.append({"cls": cls, "flags": flags, "text": unit, "id": None, "glued": glued})
        for run in runs:
            for k in run["flags"]:
                if f"f{side}-{k}" not in anchors:
                    anchors[f"f{side}-{k}"] = run["id"] = run["id"] or f"{p}f{side}-{k}"
            named = [f"{doc['flags'][k]['severity']} {flag_words(doc['flags'][k]['kind'])}" for k in run["flags"]]
            run["refs"] = [(n, f"{p}f-{k}") for n, k in zip(named, run["flags"], strict=True)] if run["id"] else []
        lang = s.get("language")  # given only across languages: a quote left in the source's language shows
        other = lang if lang and lang != doc[side].get("language") else None
        label = sentence_label(i, bool(s.get("is_title")))  # shown beside the sentence, as the terminal numbers it
        out.append({"sid": f"{p}{side}-{i}", "i": i, "label": label, "runs": runs, "lang": lang, "other_lang": other})
    return out


def rows(
    doc: dict[str, Any], anchors: dict[str, str], p: str = "", of_match: list[str] | None = None
) -> list[dict[str, Any]]:
    """Rows in alignment order (B's order, A's dropped sentences placed before the next match); ``p``
    prefixes every element id, so several comparisons can share one page; ``of_match``: each match's group."""
    out: list[dict[str, Any]] = []
    of_match = of_match or match_groups(doc)["of_match"]
    by_b = {j: (k, m) for k, m in enumerate(doc["matches"]) for j in m["b"]}
    placed: set[int] = set()
    only_a = sorted(doc["only_in_a"])

    def flush_a(upto: int) -> None:
        for i in only_a:
            if i not in placed and i <= upto:
                placed.add(i)
                a = _sentences(doc, "a", [i], None, anchors, p)
                row = {"kind": "only_a", "how": how("only_a"), "a": a, "b": [], "match": None, "rid": None}
                out.append({**row, "tags": [], "group": None})

    done: set[int] = set()
    for j in range(len(doc["b"]["sentences"])):
        if j not in by_b:
            b = _sentences(doc, "b", [j], None, anchors, p)
            row = {"kind": "only_b", "how": how("only_b"), "a": [], "b": b, "match": None, "rid": None}
            out.append({**row, "tags": [], "group": None})
            continue
        k, m = by_b[j]
        if k in done:
            continue
        done.add(k)
        flush_a(min(m["a"]) - 1)
        a = _sentences(doc, "a", list(m["a"]), m["diff"], anchors, p)
        b = _sentences(doc, "b", list(m["b"]), m["diff"], anchors, p)
        out.append(
            {
                "kind": m["label"],
                "how": how(m["label"], m["score"]),
                "match": k,
                "rid": f"{p}m-{k}",
                "a": a,
                "b": b,
                "tags": tags(doc, m),
                "group": of_match[k],
                "flags": sorted({f for s in a + b for r in s["runs"] for f in r["flags"]}),
            }
        )
        placed.update(m["a"])
    flush_a(len(doc["a"]["sentences"]))
    return out


def partners(doc: dict[str, Any], p: str = "") -> dict[str, list[str]]:
    """Sentence id -> the sentences of its match on both sides (what a click highlights)."""
    out: dict[str, list[str]] = {}
    for m in doc["matches"]:
        group = [f"{p}a-{i}" for i in m["a"]] + [f"{p}b-{j}" for j in m["b"]]
        for sid in group:
            out[sid] = group
    return out


def labels(doc: dict[str, Any], side: str) -> list[str]:
    """Every sentence's number on one side, as printed beside it (a headline named "title")."""
    return [sentence_label(s["i"], bool(s.get("is_title"))) for s in doc[side]["sentences"]]


def group_links(doc: dict[str, Any], groups: dict[str, Any], body: list[dict[str, Any]], p: str) -> list[Any]:
    """The groups as the reader finds their rows: each match by its sentence numbers (``6 / 7,8``), in the
    table's order, with its row's anchor and the flags on its words (severity first, as the flag table names
    them); the heading does not dismiss a flag that sits in the group."""
    la, lb = labels(doc, "a"), labels(doc, "b")
    rows = {r["match"]: (n, r) for n, r in enumerate(body) if r["match"] is not None}
    out = []
    for g in groups["groups"]:
        links = []
        for k in sorted(g["matches"], key=lambda k: rows[k][0]):
            m, row = doc["matches"][k], rows[k][1]
            flags = sorted(row["flags"], key=lambda f: (SEVERITY_ORDER.get(doc["flags"][f]["severity"], 3), f))
            links.append(
                {
                    "ref": row_ref(sentence_ids(la, m["a"]), sentence_ids(lb, m["b"])),
                    "href": row["rid"],
                    "flags": [_named(doc["flags"][f], href=f"{p}f-{f}") for f in flags],
                }
            )
        flagged = any(x["flags"] for x in links)
        out.append({**g, "heading": group_heading(g["key"], g["words"], flagged), "links": links})
    return out


def _named(flag: dict[str, Any], **more: Any) -> dict[str, Any]:
    """A flag as the page prints it: its kind in words (``words``) beside the JSON's fields."""
    return {**flag, "words": flag_words(flag["kind"]), **more}


def _flags(doc: dict[str, Any], anchors: dict[str, str], p: str) -> list[dict[str, Any]]:
    """Flags by severity (high first), each with the rows of its words in A and in B (as the terminal's
    "A / B" column names them) and their anchors."""
    src, ret = ("b", "a") if doc["flags_source"] == "b" else ("a", "b")
    where = {x: (labels(doc, x), [(s["start"], s["end"]) for s in doc[x]["sentences"]]) for x in "ab"}
    out = []
    for k, f in enumerate(doc["flags"]):
        out.append(
            {
                **_named(f),
                "k": k,
                "fid": f"{p}f-{k}",
                "src_text": f[f"{src}_text"],
                "ret_text": f[f"{ret}_text"],
                "href_a": anchors.get(f"fa-{k}"),
                "href_b": anchors.get(f"fb-{k}"),
                "row_a": span_ids(*where["a"], f["a"]) or "-",
                "row_b": span_ids(*where["b"], f["b"]) or "-",
            }
        )
    out.sort(key=lambda f: (SEVERITY_ORDER.get(f["severity"], 3), f["k"]))
    return out


def view(doc: dict[str, Any], p: str = "") -> dict[str, Any]:
    """Everything the template prints, from a ``retold.comparison/2`` dict (element ids prefixed by ``p``)."""
    anchors: dict[str, str] = {}
    groups = match_groups(doc)
    body = rows(doc, anchors, p, groups["of_match"])
    v = doc["verdict"]
    src = "B" if doc["flags_source"] == "b" else "A"
    ret = "A" if src == "B" else "B"
    return {
        "doc": doc,
        "rows": body,
        "flags": _flags(doc, anchors, p),
        "unflagged": unflagged(doc["notes"], v["relation"]),
        "by_argument_order": by_argument_order(
            doc["notes"], v["relation"], len(doc["flags"]), doc["flags_source_decided"]
        ),
        "direction": DIRECTIONS.get(v["direction"], v["direction"]),
        "labels": legend(m["label"] for m in doc["matches"]),
        "marks": MARKS,
        "flag_heads": (f"source ({src})", f"retelling ({ret})")
        if doc["flags_source_decided"]
        else (f"{src} (read as source)", f"{ret} (read as retelling)"),
        "partners": partners(doc, p),
        "match_rows": [r["rid"] for r in body if r["rid"] is not None],
        "groups": groups,
        "group_links": group_links(doc, groups, body, p),
        "group_words": GROUPS,
    }


def visible_controls(value: Any) -> Any:
    """Bidi controls in printed text shown as ``[U+202E]``: a hidden override could make words read in
    reverse (escaping leaves them in place); our own Markup (CSS, JS, rendered macros) passes as is."""
    from markupsafe import Markup

    if isinstance(value, str) and not isinstance(value, Markup):
        return _BIDI.sub(lambda m: f"[U+{ord(m.group()):04X}]", value)
    return value


def segment(value: object) -> str:
    """An id as one path segment of a link: every ``/`` encoded too (Jinja's ``urlencode`` keeps it, and a
    browser then folds ``a/b/../c`` into ``a/c``)."""
    from urllib.parse import quote

    return quote(str(value), safe="")


def _env() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        finalize=visible_controls,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["segment"] = segment
    return env


@cache
def environment() -> Any:
    """The Jinja2 environment (built once; jinja2 is imported only when HTML is asked for)."""
    try:
        return _env()
    except ImportError:
        from retold.errors import UsageError

        raise UsageError("HTML reports need jinja2: pip install 'retold[web]'") from None


def render_page(template: str, **context: Any) -> str:
    """Any page of the report family: shared CSS/JS inlined, CSP set."""
    env = environment()  # first: without jinja2 this raises the install hint
    from markupsafe import Markup

    return str(
        env.get_template(template).render(
            css=Markup(asset("report.css")),
            js=Markup(asset("report.js")),
            csp=content_security_policy(form_action=context.pop("form_action", False)),
            **context,
        )
    )


def export_blob(doc: dict[str, Any], groups: dict[str, Any]) -> str:
    """What "download JSON" saves (the comparison and its groups; the script adds the view's state), as
    base64 of its UTF-8 JSON: article text rides along opaque, never as words inside a script element."""
    text = json.dumps({"comparison": doc, "groups": groups}, ensure_ascii=False)
    return base64.b64encode(text.encode("utf-8", "surrogatepass")).decode("ascii")


def report_html(
    doc: dict[str, Any], *, back: str | None = None, form_action: bool = False, again: dict[str, Any] | None = None
) -> str:
    """The report page for a comparison dict. For the web app: ``back``, a link to show above it; ``again``,
    the compare form's ``form`` values and ``lexical`` box, to edit the two texts below it and compare again."""
    v = view(doc)
    data = script_json({"partners": v["partners"], "matches": v["match_rows"], "export": export_blob(doc, v["groups"])})
    return render_page("report.html.j2", back=back, form_action=form_action, again=again, v=v, data=data)


def comparison_html(c: Comparison) -> str:
    """The self-contained HTML report of one comparison."""
    from retold.report.json import comparison_dict

    return report_html(comparison_dict(c))


def write_html(c: Comparison, path: str) -> None:
    """Write the report to ``path`` (a path the user named on the command line)."""
    page = comparison_html(c)  # before the file is opened: a failure leaves no empty file behind
    write_page(path, page)


def write_page(path: str, page: str) -> None:
    """Write an HTML report to ``path``; on a full disk the part written is removed (exit 7), a path that cannot
    be written at all is a usage error (exit 2)."""
    import os

    from retold.errors import write_failed

    opened = False
    try:
        with open(path, "w", encoding="utf-8") as f:
            opened = True
            f.write(page)
    except OSError as e:
        if opened and os.path.isfile(path):
            os.remove(path)  # half a page is no report
        raise write_failed(path, "the HTML report", e) from None
