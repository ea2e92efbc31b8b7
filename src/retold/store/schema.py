"""The SQLite schema, its version, and the migrations that bring an older file up to date.

``edges`` holds every pair a scan has checked, whatever the verdict: rows whose relation is
``unrelated`` are the memory that lets the next scan skip the pair. Fingerprint rows (``bands``,
``keys``) carry no foreign key: a delete computes the article's band and exact keys again from
its text and removes exactly those rows (nothing derived is stored twice). An article's sentences
are its offsets (``bounds``, ``start:end,...``) and, only where normalising the sentence on its
own does not give its normal form (Markdown syntax left out, say), that form (``norms``, JSON):
the text is stored once, deflated (``text_z``; ``retold.store.packing``). Two articles may hold the
same text (``hash`` is indexed, not unique): a copy published under another id is a record of its own.
An article's ``language`` is the one ingest read it in, kept so that loading it never detects it again.
"""

from __future__ import annotations

import sqlite3

from retold.errors import StoreError
from retold.fingerprint.minhash import KEY_BYTES, LAYOUT
from retold.store.bandlog import LOG as BAND_LOG
from retold.store.crosslingual import TABLE as ARTICLE_VECTORS
from retold.store.graphfile import BaseLayout
from retold.store.packing import ZDICT as TEXTS_ZDICT
from retold.store.packing import deflate, inflate, stored_language, unpack
from retold.store.records import ARTICLE_COLUMNS
from retold.store.scanned import ZSTD as MODEL_VECTORS_ZSTD

SCHEMA_VERSION = 10

# the table as schema 4 made it (a migration rebuilds it so); later columns are added by LANGUAGE.
# A hash is not unique: an exact copy under another id is an article of its own (schema 4)
ARTICLES = """
CREATE TABLE articles (
    row INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    hash TEXT NOT NULL,
    title TEXT, url TEXT, source TEXT, outlet TEXT,
    published TEXT, published_ts REAL, path TEXT,
    n_sentences INTEGER NOT NULL,
    n_vec INTEGER NOT NULL,
    added REAL NOT NULL,
    bounds TEXT NOT NULL DEFAULT '',
    norms TEXT,
    title_first INTEGER NOT NULL DEFAULT 0,
    text_z BLOB NOT NULL DEFAULT x''
);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_hash ON articles (hash);
"""
# the language ingest read the article in (schema 7)
LANGUAGE = "ALTER TABLE articles ADD COLUMN language TEXT;\n"

SCHEMA = (
    """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
    + ARTICLES
    + LANGUAGE
    + """
CREATE TABLE bands (key INTEGER NOT NULL, article INTEGER NOT NULL, PRIMARY KEY (key, article)) WITHOUT ROWID;
CREATE TABLE keys (
    key INTEGER NOT NULL, article INTEGER NOT NULL, sentence INTEGER NOT NULL, kind INTEGER NOT NULL,
    PRIMARY KEY (key, article, sentence)
) WITHOUT ROWID;
CREATE TABLE edges (
    a INTEGER NOT NULL, b INTEGER NOT NULL, mode TEXT NOT NULL,
    relation TEXT NOT NULL, score REAL NOT NULL, coverage_a REAL NOT NULL, coverage_b REAL NOT NULL,
    direction TEXT NOT NULL, direction_confidence REAL NOT NULL, evidence TEXT NOT NULL,
    PRIMARY KEY (a, b, mode)
) WITHOUT ROWID;
CREATE INDEX edges_b ON edges (b);
CREATE TABLE scanned (article INTEGER NOT NULL, mode TEXT NOT NULL, PRIMARY KEY (article, mode)) WITHOUT ROWID;
CREATE TABLE model_vectors (
    article INTEGER NOT NULL, model TEXT NOT NULL, vectors BLOB NOT NULL, part INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (article, model, part)
);
"""
    + ARTICLE_VECTORS
)
_V4_COLUMNS = ", ".join(c for c in ARTICLE_COLUMNS if c != "language")  # the articles table's at schema 4

# MIGRATIONS[v] takes a file at version v to v + 1.
MIGRATIONS: dict[int, str] = {
    # 1 -> 2: sentences become offsets on the article row; band keys are no longer kept twice
    1: """
ALTER TABLE articles ADD COLUMN bounds TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN norms TEXT;
ALTER TABLE articles ADD COLUMN title_first INTEGER NOT NULL DEFAULT 0;
UPDATE articles SET
    bounds = coalesce((SELECT group_concat(start || ':' || "end", ',')
                       FROM (SELECT start, "end" FROM sentences WHERE article = articles.row ORDER BY i)), ''),
    norms = (SELECT json_group_object(i, norm) FROM sentences WHERE article = articles.row AND norm IS NOT NULL
             HAVING count(*) > 0),
    title_first = coalesce((SELECT is_title FROM sentences WHERE article = articles.row AND i = 0), 0);
DROP TABLE sentences;
ALTER TABLE fingerprints DROP COLUMN bands;
INSERT OR REPLACE INTO meta SELECT 'vector_index', '1' WHERE EXISTS (SELECT 1 FROM meta WHERE key = 'n_vectors')
""",
    # 2 -> 3: an article's exact keys are computed again from its text when it is deleted; the text is
    # kept deflated
    2: """
DROP TABLE fingerprints;
ALTER TABLE articles ADD COLUMN text_z BLOB NOT NULL DEFAULT x'';
UPDATE articles SET text_z = retold_deflate(text);
ALTER TABLE articles DROP COLUMN text
""",
    # 3 -> 4: the same text may be stored under several ids (copies between outlets are articles too)
    3: "DROP INDEX IF EXISTS articles_outlet;\nALTER TABLE articles RENAME TO articles_v3;\n"
    + ARTICLES
    + f"INSERT INTO articles ({_V4_COLUMNS}) SELECT {_V4_COLUMNS} FROM articles_v3;\nDROP TABLE articles_v3",
    # 4 -> 5: multilingual passage vectors per article, for sources and scans across languages
    4: ARTICLE_VECTORS,
    # 5 -> 6: model vectors are cached as int8 (``embed.base.quantise``); the float16 ones are dropped and
    # computed again when a scan or ``sources`` needs them
    5: "DELETE FROM model_vectors",
    # 6 -> 7: an article keeps its language, detected once here as loading it used to every time
    6: LANGUAGE + "UPDATE articles SET language = retold_language(text_z, bounds, norms, title_first)",
    # 7 -> 8: nothing to change in a file of 7, which keeps its layouts (``meta``); a new file saves its bases as
    # counts and compresses its model vectors (``meta.vector_base``, ``meta.model_vectors``), which a retold of
    # schema 7 would misread (the int8 vectors as raw bytes): the version tells such a retold to stop instead
    7: "SELECT 1",
    # 8 -> 9: nothing to change in a file of 8, whose band files keep their plain layout and are read as they are;
    # from now on a band file is written packed (``retold.store.bandpack``, a merge rewriting plain files packed),
    # which a retold of schema 8 would take for a damaged store: the version tells it to stop instead
    8: "SELECT 1",
    # 9 -> 10: nothing to change in a file of 9, which keeps its layouts (``meta``: 16 bands of 3 rows, counts bases,
    # texts deflated without a dictionary); a new file writes a content-word band (``meta.lsh_rows`` "14x3+c1x4"),
    # bases of counts two a byte (``nibbles``) and texts deflated with its own dictionary (``texts``), which a retold
    # of schema 9 would refuse as damaged or rebuild: the version tells it to stop instead
    9: "SELECT 1",
}


def _language(text_z: bytes, bounds: str, norms: str | None, title_first: int) -> str:
    """A stored row's language as loading it read it before schema 7 (for the migration)."""
    return stored_language(unpack(inflate(text_z), bounds, norms, title_first))


def current_version(con: sqlite3.Connection) -> int | None:
    """The file's schema version, or None for a new, empty file."""
    has = con.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").fetchone()
    if not has:
        tables = con.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables:
            raise StoreError("not a retold store (it has tables but no schema_version)")
        return None
    row = con.execute("SELECT version FROM schema_version").fetchone()
    if row is None:
        raise StoreError("schema_version is empty")
    return int(row[0])


def ensure_schema(
    con: sqlite3.Connection, migrations: dict[int, str] | None = None, latest: int = SCHEMA_VERSION
) -> int:
    """Create the schema in a new file or migrate an older one; return the version found on opening."""
    steps = MIGRATIONS if migrations is None else migrations
    con.create_function("retold_deflate", 1, deflate, deterministic=True)
    con.create_function("retold_language", 4, _language, deterministic=True)
    found = current_version(con)
    if found is None:
        # a new store records its LSH layout, band key bytes, vector base, sentence offset, model vector and band
        # row layouts; one without the rows has 4 rows, whole (8-byte) keys, faiss's own bases, offsets as text,
        # model vectors uncompressed and its band rows in ``bands`` (``Reads.lsh_layout``, ``Reads.band_key_bytes``,
        # ``Indexing.base_layout``, ``Reads.stored_packed``, ``ScanWrites._vectors_zstd``, ``Reads.band_layout``)
        con.executescript(
            "BEGIN;" + SCHEMA + f"INSERT INTO schema_version VALUES ({latest});"
            f"INSERT INTO meta VALUES ('lsh_rows', '{LAYOUT}'); "
            f"INSERT INTO meta VALUES ('band_key_bytes', '{KEY_BYTES}'); "
            f"INSERT INTO meta VALUES ('vector_base', '{BaseLayout.NIBBLES}'); "
            "INSERT INTO meta VALUES ('bounds', 'varint'); "
            f"INSERT INTO meta VALUES ('model_vectors', '{MODEL_VECTORS_ZSTD}'); "
            f"INSERT INTO meta VALUES ('band_layout', '{BAND_LOG}'); "
            f"INSERT INTO meta VALUES ('texts', '{TEXTS_ZDICT}'); COMMIT;"
        )
        return latest
    if found > latest:
        raise StoreError(f"written by a newer retold (schema version {found}; this one reads up to {latest})")
    for v in range(found, latest):
        if v not in steps:
            raise StoreError(f"no migration from schema version {v} to {v + 1}")
        con.executescript(f"BEGIN; {steps[v]}; UPDATE schema_version SET version = {v + 1}; COMMIT;")
    return found
