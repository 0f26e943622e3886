"""A whoosh column of byte strings compressed a few documents at a time.

The index keeps each ticket's stored texts and its terms in reading order in columns. Compressed one value at a
time (whoosh's CompressedBytesColumn), the words and phrases tickets share (greetings, product names, the same
terms in order) are written again in every value; compressed in blocks of consecutive documents they are written
once a block: about half the size for terms in order at 300k tickets (docs/PERFORMANCE.md). Nothing is shared
beyond a block, so a deleted ticket's text is gone from the index once its segment is merged, as before.

Reading a value decompresses its block; the reader keeps the last KEPT_BLOCKS blocks, so the documents of a
search, visited in order, decompress each block once. whoosh pickles the column into the index's table of contents:
this module's path and the class name are part of the on-disk format.
"""

from __future__ import annotations

import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterator
from typing import Any

from whoosh.columns import Column, ColumnReader, ColumnWriter, VarBytesColumn

# Documents per block: a few kilobytes of text, enough for what tickets share to be written once.
PER_BLOCK = 16
# Blocks a reader keeps decompressed, the most recently read: a search typed a letter further shows mostly the
# same tickets again.
KEPT_BLOCKS = 64


class BlockBytesColumn(Column):
    """Byte strings, zlib-compressed ``per_block`` consecutive documents at a time (b"" for a document without)."""

    _default = b""

    def __init__(self, per_block: int = PER_BLOCK, level: int = 6) -> None:
        self._per_block = per_block
        self._level = level

    def writer(self, dbfile: Any) -> _Writer:
        return _Writer(dbfile, self._per_block, self._level)

    def reader(self, dbfile: Any, basepos: int, length: int, doccount: int) -> _Reader:
        return _Reader(dbfile, basepos, length, doccount, self._per_block)


def _pack(values: list[bytes]) -> bytes:
    """One block: each value's length (array of unsigned ints), then the values, as one string."""
    lengths = array("I", (len(v) for v in values))
    return len(values).to_bytes(4, "little") + lengths.tobytes() + b"".join(values)


def _unpack(block: bytes) -> list[bytes]:
    count = int.from_bytes(block[:4], "little")
    lengths = array("I")
    lengths.frombytes(block[4 : 4 + 4 * count])
    values, at = [], 4 + 4 * count
    for length in lengths:
        values.append(block[at : at + length])
        at += length
    return values


class _Writer(ColumnWriter):
    """Each block is one value of a VarBytesColumn, at the block's first document number (the others are empty)."""

    def __init__(self, dbfile: Any, per_block: int, level: int) -> None:
        super().__init__(dbfile)
        self._blocks = VarBytesColumn().writer(dbfile)
        self._per_block = per_block
        self._level = level
        self._block = -1
        self._values: list[bytes] = []

    def _flush(self) -> None:
        if self._block >= 0 and any(self._values):
            packed = zlib.compress(_pack(self._values), self._level)
            self._blocks.add(self._block * self._per_block, packed)
        self._values = []

    def add(self, docnum: int, value: bytes) -> None:
        block, slot = divmod(docnum, self._per_block)
        if block != self._block:
            self._flush()
            self._block = block
        self._values += [b""] * (slot - len(self._values))
        self._values.append(value)

    def fill(self, docnum: int) -> None:
        pass  # a document without a value is b"": nothing to write

    def finish(self, doccount: int) -> None:
        self._flush()
        self._blocks.finish(doccount)


class _Reader(ColumnReader):
    def __init__(self, dbfile: Any, basepos: int, length: int, doccount: int, per_block: int) -> None:
        super().__init__(dbfile, basepos, length, doccount)
        self._blocks = VarBytesColumn().reader(dbfile, basepos, length, doccount)
        self._doccount = doccount
        self._per_block = per_block
        self._kept: OrderedDict[int, list[bytes]] = OrderedDict()

    def __len__(self) -> int:
        return self._doccount

    def __getitem__(self, docnum: int) -> bytes:
        block, slot = divmod(docnum, self._per_block)
        values = self._kept.get(block)
        if values is None:
            packed = self._blocks[block * self._per_block]
            values = self._kept[block] = _unpack(zlib.decompress(packed)) if packed else []
            if len(self._kept) > KEPT_BLOCKS:
                self._kept.popitem(last=False)
        else:
            self._kept.move_to_end(block)
        return values[slot] if slot < len(values) else b""

    def sort_key(self, docnum: int) -> bytes:
        return self[docnum]

    def __iter__(self) -> Iterator[bytes]:
        return (self[docnum] for docnum in range(self._doccount))

    def load(self) -> list[bytes]:
        return list(self)

    def set_reverse(self) -> None:
        raise NotImplementedError
