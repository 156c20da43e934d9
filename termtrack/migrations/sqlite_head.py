"""The head schema as Alembic's migrations leave it in a SQLite database (generated file).

``termtrack.store`` runs these statements to make the schema of a new SQLite database at once,
instead of importing Alembic and running every migration (a few tenths of a second on each
first ingest).  They are the ``sqlite_master`` entries of a database the migrations made, in
order, so both ways give the same schema; tests/test_store.py checks that they still do.  A
new migration makes this file stale: it is then not used (Alembic builds new databases, as it
does for PostgreSQL) until it is regenerated with

    .venv/bin/python -m termtrack.migrations.sqlite_head
"""

from __future__ import annotations

REVISION = "0007"

STATEMENTS = (
    'CREATE TABLE alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)',
    'CREATE TABLE match_runs (\n\tid INTEGER NOT NULL, \n\tstarted_at DATETIME NOT NULL, \n\tfinished_at DATETIME, \n\tcommand VARCHAR(32) NOT NULL, \n\tlexicon_version VARCHAR(64) NOT NULL, \n\tlexicon_hash VARCHAR(64) NOT NULL, \n\tranking VARCHAR(64) NOT NULL, \n\tmatch_policy VARCHAR(32) NOT NULL, \n\ttool_version VARCHAR(32) NOT NULL, \n\tspacy_version VARCHAR(32) NOT NULL, \n\tstatements INTEGER NOT NULL, \n\tmentions INTEGER NOT NULL, \n\tPRIMARY KEY (id)\n)',
    'CREATE TABLE statements (\n\tid INTEGER NOT NULL, \n\texternal_id VARCHAR(512) NOT NULL, \n\tcontent_hash VARCHAR(64) NOT NULL, \n\tdate DATE NOT NULL, \n\tdate_precision VARCHAR(8) NOT NULL, \n\tlang VARCHAR(8) NOT NULL, \n\ttitle TEXT NOT NULL, \n\tsource TEXT NOT NULL, \n\turl TEXT NOT NULL, \n\tspeaker TEXT NOT NULL, \n\torigin TEXT NOT NULL, \n\ttext TEXT NOT NULL, \n\trun_id INTEGER, content_key VARCHAR(64), \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(run_id) REFERENCES match_runs (id)\n)',
    'CREATE UNIQUE INDEX ix_statements_external_id ON statements (external_id)',
    'CREATE INDEX ix_statements_date ON statements (date)',
    'CREATE TABLE mentions (\n\tid INTEGER NOT NULL, \n\tstatement_pk INTEGER NOT NULL, \n\trun_id INTEGER NOT NULL, \n\tparagraph INTEGER NOT NULL, \n\tsentence_index INTEGER NOT NULL, \n\tstart_char INTEGER NOT NULL, \n\tend_char INTEGER NOT NULL, \n\tsurface TEXT NOT NULL, \n\tsentence TEXT NOT NULL, \n\tlabel_id VARCHAR(128) NOT NULL, \n\tlabel_zh VARCHAR(64) NOT NULL, \n\ttier VARCHAR(64) NOT NULL, \n\tparts VARCHAR(128) NOT NULL, \n\tqualifiers TEXT NOT NULL, \n\tnew_era BOOLEAN NOT NULL, \n\tlisted BOOLEAN NOT NULL, \n\tkind VARCHAR(16) NOT NULL, \n\tpartner VARCHAR(32), \n\tparty VARCHAR(32) NOT NULL, \n\tevent VARCHAR(16) NOT NULL, \n\tref_date VARCHAR(10), \n\tmethod VARCHAR(16) NOT NULL, \n\tscore FLOAT NOT NULL, \n\tattribution VARCHAR(32) NOT NULL, \n\tcue TEXT NOT NULL, \n\tloose_parts TEXT NOT NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(statement_pk) REFERENCES statements (id) ON DELETE CASCADE, \n\tFOREIGN KEY(run_id) REFERENCES match_runs (id)\n)',
    'CREATE INDEX ix_mentions_statement_pk ON mentions (statement_pk)',
    'CREATE INDEX ix_mentions_label_zh ON mentions (label_zh)',
    'CREATE INDEX ix_mentions_party_partner ON mentions (party, partner)',
    'CREATE TABLE timeline_views (\n\tid INTEGER NOT NULL, \n\tranking VARCHAR(64) NOT NULL, \n\treviewed BOOLEAN NOT NULL, \n\tlexicon_hash VARCHAR(64) NOT NULL, \n\tversion VARCHAR(16) NOT NULL, \n\truns VARCHAR(160) NOT NULL, \n\treviews VARCHAR(160) NOT NULL, \n\tmax_mention_id INTEGER NOT NULL, \n\tmention_count INTEGER NOT NULL, \n\tcomplete BOOLEAN NOT NULL, \n\tPRIMARY KEY (id), \n\tCONSTRAINT uq_timeline_views UNIQUE (ranking, reviewed)\n)',
    'CREATE TABLE timeline_dyads (\n\tid INTEGER NOT NULL, \n\tview_id INTEGER NOT NULL, \n\tparty VARCHAR(32) NOT NULL, \n\tpartner VARCHAR(32) NOT NULL, \n\tstale BOOLEAN NOT NULL, \n\tlast_statement VARCHAR(10), \n\trelapses_first TEXT NOT NULL, \n\trelapses_more TEXT NOT NULL, \n\toverlays TEXT NOT NULL, \n\tPRIMARY KEY (id), \n\tCONSTRAINT uq_timeline_dyads UNIQUE (view_id, party, partner), \n\tFOREIGN KEY(view_id) REFERENCES timeline_views (id) ON DELETE CASCADE\n)',
    'CREATE TABLE timeline_periods (\n\tid INTEGER NOT NULL, \n\tdyad_id INTEGER NOT NULL, \n\tview_id INTEGER NOT NULL, \n\tpartner VARCHAR(32) NOT NULL, \n\tseq INTEGER NOT NULL, \n\tlabel VARCHAR(96) NOT NULL, \n\tlabel_zh VARCHAR(64) NOT NULL, \n\ttier VARCHAR(64) NOT NULL, \n\trank FLOAT, \n\tchange VARCHAR(16) NOT NULL, \n\tstart_iso VARCHAR(10) NOT NULL, \n\tstart_day DATE NOT NULL, \n\tend_iso VARCHAR(10), \n\tfirst_statement VARCHAR(10) NOT NULL, \n\tref_date VARCHAR(10), \n\tstatements INTEGER NOT NULL, \n\tmentions INTEGER NOT NULL, \n\tevidence_first TEXT NOT NULL, \n\tevidence_more TEXT NOT NULL, \n\tloose_parts_before TEXT NOT NULL, last_statement VARCHAR(10), \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(dyad_id) REFERENCES timeline_dyads (id) ON DELETE CASCADE\n)',
    'CREATE INDEX ix_timeline_periods_dyad_id ON timeline_periods (dyad_id)',
    'CREATE INDEX ix_timeline_periods_view_start ON timeline_periods (view_id, start_day)',
    'CREATE TABLE "reviews" (\n\tid INTEGER NOT NULL, \n\tstatement_pk INTEGER NOT NULL, \n\tstart_char INTEGER NOT NULL, \n\tend_char INTEGER NOT NULL, \n\tdecision VARCHAR(16) NOT NULL, \n\tmachine_label_zh VARCHAR(64), \n\tmachine_partner VARCHAR(32), \n\tmachine_event VARCHAR(16), \n\tlabel_zh VARCHAR(64), \n\tpartner VARCHAR(32), \n\tevent VARCHAR(16), \n\tnote TEXT DEFAULT (\'\') NOT NULL, \n\treviewer VARCHAR(64) DEFAULT (\'\') NOT NULL, \n\treviewed_at DATETIME NOT NULL, \n\tPRIMARY KEY (id), \n\tCONSTRAINT uq_reviews_mention UNIQUE (statement_pk, start_char, end_char, machine_partner), \n\tFOREIGN KEY(statement_pk) REFERENCES statements (id) ON DELETE CASCADE\n)',
    'CREATE UNIQUE INDEX uq_reviews_mention_no_partner ON reviews (statement_pk, start_char, end_char) WHERE machine_partner IS NULL',
    'CREATE INDEX ix_statements_content_key ON statements (content_key)',
)


def migrated_schema() -> tuple[str, tuple[str, ...]]:
    """(revision, statements) of a new SQLite database made by Alembic's migrations."""
    import sqlite3
    import tempfile
    from pathlib import Path

    from alembic import command

    from termtrack.store import _alembic_config, make_engine, schema_revision

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "head.db"
        engine = make_engine(f"sqlite:///{db}")
        try:
            command.upgrade(_alembic_config(engine), "head")
            revision = schema_revision(engine)
        finally:
            engine.dispose()
        with sqlite3.connect(db) as conn:
            rows = conn.execute("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY rowid").fetchall()
        conn.close()
    assert revision is not None
    return revision, tuple(sql for (sql,) in rows)


def _regenerate() -> None:
    """Rewrite REVISION and STATEMENTS in this file from a freshly migrated database."""
    import re
    from pathlib import Path

    revision, statements = migrated_schema()
    path = Path(__file__)
    body = "".join(f"    {sql!r},\n" for sql in statements)
    text = path.read_text("utf-8")
    text = re.sub(r'^REVISION = .*$', f'REVISION = "{revision}"', text, count=1, flags=re.MULTILINE)
    text = re.sub(r"^STATEMENTS = \(\n.*?^\)\n", lambda _: f"STATEMENTS = (\n{body})\n", text, count=1,
                  flags=re.MULTILINE | re.DOTALL)
    path.write_text(text, "utf-8")
    print(f"{path}: {len(statements)} statements at revision {revision}")


if __name__ == "__main__":
    _regenerate()
