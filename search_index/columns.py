"""A whoosh column of byte strings compressed a few documents at a time.

The index keeps each ticket's stored texts and its terms in reading order in columns. Compressed one value at a
time (whoosh's CompressedBytesColumn), the words and phrases tickets share (greetings, product names, the same
terms in order) are written again in every value; compressed in blocks of consecutive documents they are written
once a block: about half the size for terms in order at 300k tickets (docs/PERFORMANCE.md). Nothing is shared
beyond a block, so a deleted ticket's text is gone from the index once its segment is merged, as before.

Reading a value decompresses its block as far as that value; the reader keeps the last KEPT_BLOCKS blocks, so the
documents of a search, visited in order, decompress each block once. whoosh pickles the column into the index's
table of contents: this module's path and the class name are part of the on-disk format.
"""

from __future__ import annotations

import zlib
from array import array
from collections import OrderedDict
from collections.abc import Iterator
from itertools import accumulate
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


class _Block:
    """One block read, inflated only as far as the values asked for so far: a phrase check reads one ticket's terms
    of a block, on average half of it."""

    def __init__(self, packed: bytes) -> None:
        self._inflate = zlib.decompressobj()
        self._pending = packed
        self._out = bytearray()
        self._grow(4)
        count = int.from_bytes(self._out[:4], "little")
        self._grow(4 + 4 * count)
        lengths = array("I")
        lengths.frombytes(bytes(self._out[4 : 4 + 4 * count]))
        self._ends = list(accumulate(lengths, initial=4 + 4 * count))  # value i is out[ends[i]:ends[i + 1]]

    def _grow(self, size: int) -> None:
        while len(self._out) < size:
            more = self._inflate.decompress(self._pending, size - len(self._out))
            self._pending = self._inflate.unconsumed_tail
            if not more and not self._pending:
                break  # the end of the block
            self._out += more

    def value(self, slot: int) -> bytes:
        if slot + 1 >= len(self._ends):
            return b""
        start, end = self._ends[slot], self._ends[slot + 1]
        self._grow(end)
        return bytes(self._out[start:end])


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
        self._kept: OrderedDict[int, _Block | None] = OrderedDict()

    def __len__(self) -> int:
        return self._doccount

    def __getitem__(self, docnum: int) -> bytes:
        number, slot = divmod(docnum, self._per_block)
        if number in self._kept:
            self._kept.move_to_end(number)
            block = self._kept[number]
        else:
            packed = self._blocks[number * self._per_block]
            block = self._kept[number] = _Block(packed) if packed else None  # None: no value in the block
            if len(self._kept) > KEPT_BLOCKS:
                self._kept.popitem(last=False)
        return block.value(slot) if block is not None else b""

    def sort_key(self, docnum: int) -> bytes:
        return self[docnum]

    def __iter__(self) -> Iterator[bytes]:
        return (self[docnum] for docnum in range(self._doccount))

    def load(self) -> list[bytes]:
        return list(self)

    def set_reverse(self) -> None:
        raise NotImplementedError
