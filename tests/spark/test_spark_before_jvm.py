"""What ``scan --engine spark`` can tell from its arguments and the start of its inputs is said before a JVM
starts (half a minute or more), in the local engine's words. That no JVM started is seen on a Java that notes
each time it is run: only ``java -version`` (the setup check) may appear."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "examples" / "articles.jsonl"


@pytest.fixture
def java_calls(tmp_path: Path) -> tuple[dict[str, str], Path]:
    """An environment whose JAVA_HOME is the real Java behind a script that writes its arguments to a file
    (PySpark's launcher runs ``$JAVA_HOME/bin/java``), and that file."""
    pytest.importorskip("pyspark")
    java = shutil.which("java", path=os.path.join(os.environ.get("JAVA_HOME", ""), "bin")) or shutil.which("java")
    if java is None:
        pytest.skip("the Spark engine needs a Java runtime (java is not on PATH)")
    calls = tmp_path / "java-calls.txt"
    home = tmp_path / "jdk"
    (home / "bin").mkdir(parents=True)
    wrapper = home / "bin" / "java"
    wrapper.write_text(f'#!/bin/sh\necho "$*" >> "{calls}"\nexec "{os.path.realpath(java)}" "$@"\n', encoding="utf-8")
    wrapper.chmod(0o755)
    env = {**os.environ, "JAVA_HOME": str(home)}
    env.pop("RETOLD_DEBUG", None)
    return env, calls


def jvm_runs(calls: Path) -> list[str]:
    """The times Java was run for more than its version."""
    said = calls.read_text(encoding="utf-8").splitlines() if calls.exists() else []
    return [c for c in said if c != "-version"]


def retold(env: dict[str, str], *args: str, timeout: int = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "retold", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


@pytest.mark.parametrize(("fields", "name"), [((), "text"), (("--field", "text=content"), "content")])
def test_records_without_the_text_field_are_refused_before_a_jvm(
    tmp_path: Path, java_calls: tuple[dict[str, str], Path], fields: tuple[str, ...], name: str
) -> None:
    """The file's records name the text otherwise (``body``): the local engine's line and exit code, and
    no JVM started to find it out."""
    env, calls = java_calls
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"id": "a", "body": "The council met."}\n{"id": "b", "body": "The mayor spoke."}\n')
    local = retold(env, "scan", "--lexical", str(feed), "--db", str(tmp_path / "s.db"), "-q", *fields)
    out = tmp_path / "out"
    p = retold(env, "scan", "--engine", "spark", "--lexical", str(feed), "--out", str(out), *fields)
    assert local.returncode == p.returncode == 3, p.stderr[-2000:]
    assert calls.exists() and not jvm_runs(calls)  # the setup check ran Java, nothing started a JVM
    last = p.stderr.splitlines()[-1]
    assert last == local.stderr.splitlines()[-1]
    assert last.startswith(f"retold: error: {feed}: its 2 records have no {name!r} field")
    assert "stage read" not in p.stderr and not out.exists()


def test_an_out_folder_that_cannot_be_made_is_refused_before_a_jvm(
    tmp_path: Path, java_calls: tuple[dict[str, str], Path]
) -> None:
    """``--out`` under a file: the local engine's usage error, not an internal error once Spark's log or
    stages are written there."""
    env, calls = java_calls
    out = tmp_path / "feed.jsonl" / "out"
    out.parent.write_text(ARTICLES.read_text(encoding="utf-8"), encoding="utf-8")
    p = retold(env, "scan", "--engine", "spark", "--lexical", str(out.parent), "--out", str(out))
    assert p.returncode == 2, p.stderr[-2000:]
    assert p.stderr.splitlines() == [f"retold: error: --out {out}: cannot write there: {out.parent} is not a folder"]
    assert not jvm_runs(calls)


@pytest.mark.skipif(not os.path.isdir("/proc/self"), reason="needs Linux's /proc")
def test_an_out_folder_root_cannot_make_either_is_refused_before_a_jvm(
    tmp_path: Path, java_calls: tuple[dict[str, str], Path]
) -> None:
    """``--out /proc/x``: root passes a permission test there (``os.access``), so the scan went on to fail with an
    internal error (FileNotFoundError) where Spark's log is made (with ``RETOLD_DEBUG=1``, its stages: after half a
    minute of JVM); writing there is what tells, for any user."""
    env, calls = java_calls
    p = retold(env, "scan", "--engine", "spark", "--lexical", str(ARTICLES), "--out", "/proc/x", timeout=120)
    assert p.returncode == 2, p.stderr[-2000:]
    [line] = p.stderr.splitlines()
    assert line.startswith("retold: error: --out /proc/x: cannot write there: ") and "/proc" in line[45:]
    assert not jvm_runs(calls) and not os.path.exists("/proc/x")


@pytest.mark.parametrize(
    ("master", "says"),
    [
        ("local[0]", "--master 'local[0]': local[N] runs N threads: N must be at least 1"),
        ("local[0,2]", "--master 'local[0,2]': local[N] runs N threads: N must be at least 1"),
        ("yarn", "--master yarn: set HADOOP_CONF_DIR or YARN_CONF_DIR to the cluster's configuration"),
    ],
)
def test_a_master_spark_would_refuse_or_wait_on_is_refused_before_a_jvm(
    tmp_path: Path, java_calls: tuple[dict[str, str], Path], master: str, says: str
) -> None:
    """Spark parses these, then says 'Asked to run locally with 0 threads' under a JVM error we told as a
    failed job's 'An error occurred while calling None.org.apache...', or (YARN with no configuration, which
    spark-submit refuses) waits for minutes on a ResourceManager at 0.0.0.0, saying nothing."""
    env, calls = java_calls
    env = {k: v for k, v in env.items() if k not in ("HADOOP_CONF_DIR", "YARN_CONF_DIR")}
    out = tmp_path / "out"
    p = retold(env, "scan", "--engine", "spark", "--lexical", str(ARTICLES), "--out", str(out), "--master", master,
               timeout=120)  # fmt: skip
    assert p.returncode == 2, p.stderr[-2000:]
    assert p.stderr.splitlines() == [f"retold: error: {says}"]
    assert not jvm_runs(calls) and not out.exists()


def test_a_json_document_is_refused_before_a_jvm(tmp_path: Path, java_calls: tuple[dict[str, str], Path]) -> None:
    """A .json file holding one JSON array, not JSON Lines: the local engine's line and exit code, not a JVM
    started to write empty tables and say it after."""
    env, calls = java_calls
    doc = tmp_path / "feed.json"
    doc.write_text('[{"id": "a", "text": "The council met."}, {"id": "b", "text": "The mayor spoke."}]\n')
    local = retold(env, "scan", "--lexical", str(doc), "--db", str(tmp_path / "s.db"), "-q")
    out = tmp_path / "out"
    p = retold(env, "scan", "--engine", "spark", "--lexical", str(doc), "--out", str(out), "-q")
    assert local.returncode == p.returncode == 3, p.stderr[-2000:]
    assert not jvm_runs(calls) and not out.exists()
    assert p.stderr.splitlines()[-1] == local.stderr.splitlines()[-1]
    assert p.stderr.splitlines()[-1].startswith(f"retold: error: {doc}: a JSON document: retold reads JSON Lines")
