"""Failure behaviour of ``scan --engine spark``: a bad record is reported (file and line) and skipped,
an empty input gives empty valid tables, a killed job resumes after its last finished stage."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from retold.corpus import Corpus
from retold.errors import UsageError
from retold.spark.engine import scan
from retold.spark.failure import root_cause

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles.jsonl"


def _feed(tmp_path: Path, bad: bool) -> Path:
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    if bad:
        lines.insert(2, '{"id": "broken", "text": "no closing quote}')
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "retold", "scan", "--engine", "spark", "--lexical", "--master", "local[2]", *args]


def _local_edges(tmp_path: Path, feed: Path) -> list[dict[str, Any]]:
    d = tmp_path / "local"
    d.mkdir()
    Corpus(d / "store.db").scan([str(feed)], lexical=True, out=d / "out", workers=1)
    return [json.loads(x) for x in (d / "out" / "edges.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_bad_record_is_named_and_skipped_not_a_failed_job(tmp_path: Path) -> None:
    pytest.importorskip("pyspark")
    feed = _feed(tmp_path, bad=True)
    out = tmp_path / "out"
    p = subprocess.run(_cli(str(feed), "--out", str(out), "-q"), capture_output=True, text=True, timeout=600)
    assert p.returncode == 6, p.stderr[-2000:]  # written, with something skipped
    assert f"skipped {feed}:3: not valid JSON" in p.stderr
    assert "Traceback" not in p.stderr
    assert "5 articles" in p.stdout
    spark_lines = [x for x in p.stderr.splitlines() if " WARN " in x or "[Stage" in x or "log level" in x]
    assert not spark_lines, spark_lines  # --quiet: Spark's log and console bars stay out of retold's output
    assert "WARNING" not in p.stderr  # nor the JVM's 'Using incubator modules' (it goes to OUT/spark.log)
    assert not (out / "spark.log").exists()  # which a job that did not fail leaves behind
    edges = [json.loads(x) for x in (out / "edges.jsonl").read_text(encoding="utf-8").splitlines()]
    assert edges and edges == _local_edges(tmp_path, feed)  # the local engine skips the line too


def test_the_session_is_the_one_asked_for(spark: Any) -> None:
    """The master and settings given win over the defaults of the JVM PySpark starts (local[*], console
    bars), which are no one's choice; under spark-submit its own settings would win."""
    conf = spark.sparkContext.getConf()
    assert spark.sparkContext.master == "local[2]" and conf.get("spark.ui.showConsoleProgress") == "false"


def test_an_empty_input_gives_empty_valid_tables(spark: Any, tmp_path: Path) -> None:
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    got = scan([str(empty)], tmp_path / "out", fmt="parquet", spark=spark)
    assert got.articles == 0 and got.edges == 0 and got.stories == 0
    assert got.skipped == [(str(empty), "empty file")]
    edges = pq.read_table(tmp_path / "out" / "edges.parquet")
    stories = pq.read_table(tmp_path / "out" / "stories.parquet")
    assert edges.num_rows == 0 and edges.column_names[:3] == ["a", "b", "relation"]
    assert stories.num_rows == 0 and stories.column_names == ["story", "article", "role"]


def test_a_killed_job_resumes_after_its_last_finished_stage(spark: Any, tmp_path: Path) -> None:
    feed = _feed(tmp_path, bad=False)
    out = tmp_path / "out"
    p = subprocess.Popen(
        _cli(str(feed), "--out", str(out), "-q"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its JVM and Python workers share the group that is killed
    )
    try:
        deadline = time.monotonic() + 600
        while not (out / "_stages" / "articles").is_dir() and p.poll() is None and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        os.killpg(p.pid, signal.SIGKILL)
        p.wait()
    assert (out / "_stages" / "articles").is_dir(), "the job never finished its articles stage"
    assert not (out / "edges.jsonl").exists(), "the job finished before it could be killed"
    got = scan([str(feed)], out, spark=spark)
    assert {"read", "parsed", "articles"} <= set(got.resumed)
    assert "verified" not in got.resumed
    edges = [json.loads(x) for x in (out / "edges.jsonl").read_text(encoding="utf-8").splitlines()]
    assert edges and edges == _local_edges(tmp_path, feed)
    # the stages of this scan are not taken for another one's
    other = tmp_path / "other.jsonl"
    other.write_text(feed.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(UsageError, match="another scan"):
        scan([str(other)], out, spark=spark)
    # nor for the same file changed since: its stages were made from other records
    feed.write_text(feed.read_text(encoding="utf-8") + feed.read_text(encoding="utf-8").splitlines()[0] + "\n")
    with pytest.raises(UsageError, match="inputs changed since"):
        scan([str(feed)], out, spark=spark)


@pytest.mark.parametrize(
    ("args", "says"),
    [
        ((str(ARTICLES),), "--out DIR"),  # the default (model) mode as well
        (("--lexical", str(ARTICLES)), "--out DIR"),
        (("--lexical", "--out", "OUT"), "name at least one file"),
        (("--lexical", str(ARTICLES), "--out", "OUT", "--html", "x.html"), "--html needs the store"),
        (("--lexical", str(ARTICLES), "--out", "OUT", "--db", "x.db"), "--db needs the store"),
        (("--lexical", str(ARTICLES), "--out", "OUT", "--wait", "5"), "--wait needs the store"),
        (("--lexical", "--multilingual", str(ARTICLES), "--out", "OUT"), "leave out --lexical"),
    ],
)
def test_what_the_spark_engine_cannot_do_is_a_usage_error(tmp_path: Path, args: tuple[str, ...], says: str) -> None:
    argv = [
        sys.executable,
        "-m",
        "retold",
        "scan",
        "--engine",
        "spark",
        *(str(tmp_path / a) if a == "OUT" else a for a in args),
    ]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    assert p.returncode == 2 and says in p.stderr and "Traceback" not in p.stderr
    assert not (tmp_path / "OUT").exists()


def test_inputs_that_cannot_be_read_are_said_before_spark_starts(tmp_path: Path) -> None:
    """A missing, empty or wrong-column file is what the local reader's checks find at once: no JVM (half
    a minute) to say it, nothing written to --out."""
    pytest.importorskip("pyspark")
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("id,body\n1,Some text.\n", encoding="utf-8")
    out = tmp_path / "out"
    t0 = time.monotonic()
    p = subprocess.run(
        _cli(str(tmp_path / "missing.jsonl"), str(empty), str(wrong), "--out", str(out)),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert p.returncode == 3, p.stderr[-2000:]
    assert f"failed {tmp_path / 'missing.jsonl'}: no such file" in p.stderr
    assert f"failed {empty}: empty file" in p.stderr
    assert f"failed {wrong}: CSV has no 'text' column" in p.stderr
    assert "stage read" not in p.stderr and time.monotonic() - t0 < 15  # Spark never started
    assert not out.exists()


def test_a_scan_that_read_nothing_leaves_no_stages_to_refuse_a_rerun(spark: Any, tmp_path: Path) -> None:
    bad = tmp_path / "feed.jsonl"
    bad.write_text('{"id": "x", "body": "the text under another name"}\n', encoding="utf-8")
    out = tmp_path / "out"
    got = scan([str(bad)], out, spark=spark)
    assert got.articles == 0 and not (out / "_stages").exists()
    bad.write_text(ARTICLES.read_text(encoding="utf-8"), encoding="utf-8")  # the input, corrected
    assert scan([str(bad)], out, spark=spark).articles == 5


def test_a_rescan_into_an_out_folder_inside_the_folder_scanned_leaves_that_folder_out(
    spark: Any, tmp_path: Path
) -> None:
    """``--out`` inside the folder scanned: the second scan read the first one's tables and stages as articles
    (and refused its own stages as another scan's); the folder is passed over now, and said so."""
    from retold.spark.inputs import scan_paths

    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "articles.jsonl").write_text(ARTICLES.read_text(encoding="utf-8"), encoding="utf-8")
    out = feed / "out"
    first = scan_paths([str(feed)], str(out), lexical=True, master="local[2]")
    edges = (out / "edges.jsonl").read_text(encoding="utf-8")
    again = scan_paths([str(feed)], str(out), lexical=True, master="local[2]")
    assert first.articles == again.articles == 5 and first.edges == again.edges > 0
    assert not again.failed and not again.skipped and "read" in again.resumed
    assert again.passed_over == [(str(out), "the --out folder")]
    assert (out / "edges.jsonl").read_text(encoding="utf-8") == edges


def test_stages_of_another_scan_are_refused_with_the_way_on(spark: Any, tmp_path: Path) -> None:
    out = tmp_path / "out"
    scan([str(ARTICLES)], out, spark=spark)
    with pytest.raises(UsageError, match=r"delete .*_stages or use another --out"):
        scan([str(ARTICLES)], out, spark=spark, fields={"title": "text"})


def test_id_collisions_are_told_as_the_local_engine_tells_them(tmp_path: Path) -> None:
    """Two files with one id: the later article is stored as ``id~HASH`` by both engines, and both list
    the clash, count what folders held that was passed over, and exit 6."""
    pytest.importorskip("pyspark")
    lines = ARTICLES.read_text(encoding="utf-8").splitlines()
    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "a.jsonl").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
    taken = {**json.loads(lines[3]), "id": json.loads(lines[0])["id"]}
    (feed / "b.jsonl").write_text(json.dumps(taken) + "\n" + lines[4] + "\n", encoding="utf-8")
    (feed / "README.md").write_text("About this feed.\n", encoding="utf-8")
    local = subprocess.run(
        [sys.executable, "-m", "retold", "scan", "--lexical", str(feed), "--db", str(tmp_path / "s.db"), "-q"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    p = subprocess.run(
        _cli(str(feed), "--out", str(tmp_path / "out"), "-q"), capture_output=True, text=True, timeout=600
    )
    assert local.returncode == p.returncode == 6, p.stderr[-2000:]
    clash = [x for x in local.stderr.splitlines() if x.startswith("  id collision")]
    assert clash and clash == [x for x in p.stderr.splitlines() if x.startswith("  id collision")]
    said = "1 id collision, passed over 1 entry of folders (readme and licence files 1)"
    assert said in local.stdout and said in p.stdout
    assert "1 id collision (listed above)" in p.stderr.splitlines()[-1]


@pytest.mark.parametrize(
    ("args", "env", "says"),
    [
        (("--master", "bogus://x"), {}, "--master 'bogus://x': not a Spark master URL"),
        ((), {"JAVA_HOME": "/nonexistent"}, "needs Java 17+: Java not found (JAVA_HOME=/nonexistent)"),
    ],
)
def test_a_bad_spark_setup_is_a_usage_error_in_one_line(
    tmp_path: Path, args: tuple[str, ...], env: dict[str, str], says: str
) -> None:
    """Said before a JVM starts: not an internal error under a Java stack trace or a gateway that 'exited'."""
    pytest.importorskip("pyspark")
    argv = [*_cli(str(ARTICLES), "--out", str(tmp_path / "out"), "-q"), *args]
    p = subprocess.run(argv, capture_output=True, text=True, timeout=600, env={**os.environ, **env})
    assert p.returncode == 2, p.stderr[-2000:]
    (line,) = p.stderr.splitlines()  # one line, no Java stack trace
    assert line.startswith("retold: error: ") and says in line
    assert not (tmp_path / "out").exists()


BROKEN_WORKER = """
import os
import sys

if os.environ.pop("RETOLD_TEST_DRIVER", None) is None:  # the driver takes it away: its children break

    class _Broken:
        def find_spec(self, name, path=None, target=None):
            if name == "retold.spark.records":
                raise ImportError("No module named 'retold.spark.records' (a worker without retold)")
            return None

    sys.meta_path.insert(0, _Broken())
"""


def _broken_workers(tmp_path: Path, debug: bool = False) -> dict[str, str]:
    """An environment whose Spark workers cannot import retold (a sitecustomize every process but the
    driver runs), with RETOLD_DEBUG set or not."""
    pytest.importorskip("pyspark")
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(BROKEN_WORKER, encoding="utf-8")
    path = os.pathsep.join([str(site), *filter(None, [os.environ.get("PYTHONPATH")]), str(ROOT / "src")])
    env = {**os.environ, "PYTHONPATH": path, "RETOLD_TEST_DRIVER": "1"}
    env.pop("RETOLD_DEBUG", None)
    return {**env, "RETOLD_DEBUG": "1"} if debug else env


def test_a_failing_worker_is_one_line_with_its_cause(tmp_path: Path) -> None:
    """Workers that cannot import retold: the cause, in one line, not hundreds of lines of Java log and
    tracebacks; those are in OUT/spark.log."""
    env = _broken_workers(tmp_path)
    out = tmp_path / "out"
    p = subprocess.run(
        _cli(str(ARTICLES), "--out", str(out), "-q"), capture_output=True, text=True, timeout=600, env=env
    )
    assert p.returncode == 1
    (line,) = p.stderr.splitlines()
    assert line.startswith("retold: error: the Spark job failed: ImportError: No module named 'retold.spark.records'")
    assert f"Spark's log: {out / 'spark.log'}" in line and len(line) < 300
    assert "Traceback" in (out / "spark.log").read_text(encoding="utf-8")


def test_retold_debug_shows_a_failed_jobs_traceback_and_log(tmp_path: Path) -> None:
    """RETOLD_DEBUG=1, read where the command line reads it: the traceback and Spark's log on the terminal,
    no log file."""
    out = tmp_path / "out"
    p = subprocess.run(
        _cli(str(ARTICLES), "--out", str(out), "-q"),
        capture_output=True,
        text=True,
        timeout=600,
        env=_broken_workers(tmp_path, debug=True),
    )
    assert p.returncode == 1
    assert p.stderr.startswith("Traceback") or "\nTraceback" in p.stderr
    assert "ImportError: No module named 'retold.spark.records'" in p.stderr and "retold: error" not in p.stderr
    assert " ERROR " in p.stderr  # Spark's own log (its level is ERROR)
    assert not (out / "spark.log").exists()


def test_the_spark_scan_takes_debug_from_its_caller_not_the_environment(tmp_path: Path) -> None:
    """The environment is read in one place (the command line's): a library caller that does not ask for
    debug gets the one-line failure and its log, whatever RETOLD_DEBUG says."""
    out = tmp_path / "out"
    call = (
        "from retold.spark.failure import SparkJobFailed\n"
        "from retold.spark.inputs import scan_paths\n"
        "try:\n"
        f"    scan_paths([{str(ARTICLES)!r}], {str(out)!r}, lexical=True, master='local[2]')\n"
        "except SparkJobFailed as e:\n"
        "    print(e)\n"
    )
    env = _broken_workers(tmp_path, debug=True)
    p = subprocess.run([sys.executable, "-c", call], capture_output=True, text=True, timeout=600, env=env)
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.startswith("the Spark job failed: ImportError") and f"Spark's log: {out / 'spark.log'}" in p.stdout
    assert "Traceback" in (out / "spark.log").read_text(encoding="utf-8")


def test_a_jvm_error_without_a_cause_is_told_by_its_java_exception(spark: Any) -> None:
    """py4j opens its message with 'An error occurred while calling X.' and names what the JVM threw on the
    next line: that is the cause to tell (a SparkContext that would not start was told by the first)."""
    from py4j.protocol import Py4JJavaError  # type: ignore[import-untyped]

    with pytest.raises(Py4JJavaError) as info:
        spark.sparkContext._jvm.java.lang.Class.forName("retold.NoSuchClass")
    assert "Caused by" not in str(info.value)
    assert root_cause(str(info.value)) == "java.lang.ClassNotFoundException: retold.NoSuchClass"


def test_ctrl_c_is_one_line_and_exit_130(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole group (retold, its JVM, the workers): one 'interrupted' line, as the local
    engine says it, not py4j's reentrant-call tracebacks and the JVM's aborts."""
    pytest.importorskip("pyspark")
    out = tmp_path / "out"
    p = subprocess.Popen(
        _cli(str(ARTICLES), "--out", str(out), "-q"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    deadline = time.monotonic() + 600
    while not (out / "_stages" / "read").is_dir() and p.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert p.poll() is None, "the scan ended before it could be interrupted"
    os.killpg(p.pid, signal.SIGINT)
    _, err = p.communicate(timeout=300)
    assert p.returncode == 130
    assert err.splitlines() == ["retold: interrupted"]


def test_a_later_scan_in_one_process_logs_to_its_own_log_only(tmp_path: Path) -> None:
    """py4j's messages go to the scan's log through the root logger: a second scan in one process replaces the
    first one's handler (it added one each time, and wrote to every earlier scan's log)."""
    import logging

    from retold.spark.session import _log_to

    root = logging.getLogger()
    before = list(root.handlers)
    try:
        _log_to(tmp_path / "first.log")
        _log_to(tmp_path / "second.log")
        logging.getLogger("py4j.clientserver").warning("connection lost")
        added = [h for h in root.handlers if h not in before]
        assert [Path(getattr(h, "baseFilename", "")).name for h in added] == ["second.log"]
        assert "connection lost" in (tmp_path / "second.log").read_text(encoding="utf-8")
        assert "connection lost" not in (tmp_path / "first.log").read_text(encoding="utf-8")
    finally:
        for h in [h for h in root.handlers if h not in before]:
            root.removeHandler(h)
            h.close()
