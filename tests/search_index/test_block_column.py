"""The column that keeps stored texts and terms in order, compressed a few tickets at a time."""

from __future__ import annotations

from whoosh.fields import COLUMN, ID, Schema
from whoosh.filedb.filestore import RamStorage

from search_index.columns import BlockBytesColumn


def _values(ix: object) -> dict[str, bytes]:
    with ix.searcher() as searcher:  # type: ignore[attr-defined]
        reader = searcher.reader()
        column = reader.column_reader("text")
        return {reader.stored_fields(d)["key"]: column[d] for d in reader.all_doc_ids()}


def test_every_value_comes_back_across_blocks_gaps_segments_and_a_merge() -> None:
    schema = Schema(key=ID(stored=True, unique=True), text=COLUMN(BlockBytesColumn(per_block=4)))
    ix = RamStorage().create_index(schema)
    expected: dict[str, bytes] = {}
    for batch in range(3):
        with ix.writer() as writer:
            for n in range(11):  # blocks of 4: the last one part full; every third document without a value
                key = f"{batch}-{n}"
                value = (f"返品の件 {key} " * n).encode() if n % 3 else b""
                writer.add_document(key=key, **({"text": value} if value else {}))
                expected[key] = value
    assert _values(ix) == expected
    with ix.writer() as writer:
        writer.delete_by_term("key", "1-5")
    del expected["1-5"]
    ix.optimize()  # one segment: every value copied through the column's reader and writer
    assert _values(ix) == expected
    assert b"1-5 " not in b"".join(expected.values())


def test_values_read_one_by_one_and_all_in_order() -> None:
    schema = Schema(key=ID(stored=True), text=COLUMN(BlockBytesColumn(per_block=16)))
    ix = RamStorage().create_index(schema)
    with ix.writer() as writer:
        for n in range(64):
            writer.add_document(key=str(n), text=b"x" * n)
    with ix.searcher() as searcher:
        column = searcher.reader().column_reader("text")
        assert [len(column[d]) for d in range(64)] == list(range(64))
        assert list(column) == [b"x" * n for n in range(64)]
