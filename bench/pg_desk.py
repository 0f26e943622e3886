"""The benchmark desk on PostgreSQL: the SQLite benchmark desk copied row for row into a PostgreSQL database, so
both backends answer over the very same rows (ids, timestamps, keys) and their answers can be compared.

    BENCH_SIZE=small|full BENCH_PG_URL=postgresql://user@host:port/db python bench/pg_desk.py

bench/run.py does this when BENCH_DB=postgresql (on a throw-away cluster unless BENCH_PG_URL names a server).
**The database at BENCH_PG_URL is emptied** (its public schema dropped), migrated to head by the code the app
uses, and filled with COPY. The triggers that keep customer activity are off while the rows go in (the copied
columns already hold what they would compute); VACUUM ANALYZE then gives the planner its statistics, as
autovacuum would on a desk in use, and a CHECKPOINT writes the load out before anything is measured.
"""

import sqlite3
import time

from common import db_path, out_dir, pg_url, say, size_name
from sqlalchemy import Engine, Integer, Table, text
from sqlalchemy.exc import DBAPIError
from sqlmodel import SQLModel

import supportdesk.models  # noqa: F401 - every table on the metadata
from supportdesk.db import make_engine, migrate
from supportdesk.desk import open_engine

# Tables whose user triggers maintain other rows (migration 0012): switched off during the copy.
TRIGGERED = ("ticket", "ticket_entry")
BATCH = 5_000


def _copied(table: Table) -> list[str]:
    """The columns whose values are copied: not those the database computes (ticket.priority_rank)."""
    return [c.name for c in table.columns if c.computed is None]


def _columns(table: Table) -> str:
    return ", ".join(f'"{name}"' for name in _copied(table))


def _copy_table(source: sqlite3.Connection, cursor, table: Table) -> int:  # type: ignore[no-untyped-def]
    """COPY one table's rows; a customer's merged_into_id is set afterwards (it may name a later row)."""
    names = _copied(table)
    select = ", ".join("NULL" if (table.name, n) == ("customer", "merged_into_id") else f'"{n}"' for n in names)
    order = ' ORDER BY "id"' if "id" in table.c else ""
    rows = source.execute(f'SELECT {select} FROM "{table.name}"{order}')
    copied = 0
    with cursor.copy(f'COPY "{table.name}" ({_columns(table)}) FROM STDIN') as copy:
        while batch := rows.fetchmany(BATCH):
            for row in batch:
                copy.write_row(row)
            copied += len(batch)
    return copied


def _serials(cursor, table: Table) -> None:  # type: ignore[no-untyped-def]
    """Let new rows continue after the copied ids, as they would have on the SQLite desk."""
    column = table.c.get("id")
    if column is None or not column.primary_key or not isinstance(column.type, Integer):
        return
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
        f'COALESCE((SELECT max(id) FROM "{table.name}"), 1), (SELECT count(*) > 0 FROM "{table.name}"))'
    )


def copy_desk(source_path: str, target: Engine) -> dict[str, int]:
    """Copy every table of the SQLite desk at `source_path` into the empty, migrated database behind `target`."""
    source = sqlite3.connect(f"file:{source_path}?mode=ro", uri=True)
    counts: dict[str, int] = {}
    raw = target.raw_connection()
    try:
        pg = raw.driver_connection
        assert pg is not None
        with pg.cursor() as cursor:
            cursor.execute("SET TIME ZONE 'UTC'")  # SQLite holds UTC times without a zone
            for name in TRIGGERED:
                cursor.execute(f'ALTER TABLE "{name}" DISABLE TRIGGER USER')
            for table in SQLModel.metadata.sorted_tables:
                started = time.perf_counter()
                counts[table.name] = _copy_table(source, cursor, table)
                if counts[table.name] > 50_000:
                    say(f"  {table.name}: {counts[table.name]:,} rows in {time.perf_counter() - started:.0f} s")
                _serials(cursor, table)
            merged = source.execute("SELECT id, merged_into_id FROM customer WHERE merged_into_id IS NOT NULL")
            cursor.executemany("UPDATE customer SET merged_into_id = %s WHERE id = %s", [(m, i) for i, m in merged])
            for name in TRIGGERED:
                cursor.execute(f'ALTER TABLE "{name}" ENABLE TRIGGER USER')
        pg.commit()
    finally:
        raw.close()
        source.close()
    return counts


def build(size: str, url: str) -> dict[str, int]:
    """Empty the database at `url`, migrate it and copy the `size` desk into it; returns the rows per table."""
    source = db_path(size)
    open_engine(f"sqlite:///{source}").dispose()  # the SQLite desk at head first: the same columns on both sides
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public"))
        migrate(engine)
        started = time.perf_counter()
        counts = copy_desk(str(source), engine)
        say(f"  copied {sum(counts.values()):,} rows in {time.perf_counter() - started:.0f} s; VACUUM ANALYZE …")
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
            # The load's WAL written out now: a checkpoint after five million rows would otherwise run during the
            # first benchmarks (queue pages measured 20-40% slower in that run). Only a superuser or pg_checkpoint.
            try:
                connection.execute(text("CHECKPOINT"))
            except DBAPIError as refused:
                say(f"  no CHECKPOINT ({str(refused.orig).strip()}): the first figures may share the server with one")
    finally:
        engine.dispose()
    return counts


def main() -> None:
    size = size_name()
    url = pg_url()
    if not (out_dir(size) / "manifest.json").exists():
        raise SystemExit(f"No {size} benchmark desk yet: run bench/prepare.py first.")
    say(f"copying the {size} benchmark desk into PostgreSQL …")
    counts = build(size, url)
    say(f"  {counts.get('customer', 0):,} customers, {counts.get('ticket', 0):,} tickets")


if __name__ == "__main__":
    main()
