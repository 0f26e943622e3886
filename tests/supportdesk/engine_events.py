"""Listening to what a desk sends on both of its engines: on PostgreSQL the reads have connections of their own
(`db.reading_engine`)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, event

from supportdesk.db import reading_engine


@contextmanager
def listening(engine: Engine, identifier: str, fn: Callable[..., Any], *, on_pools: bool = False) -> Iterator[None]:
    """``fn`` listens for ``identifier`` on the engine and its reading engine (their pools with ``on_pools``)."""
    engines = dict.fromkeys((engine, reading_engine(engine)))
    targets: list[Any] = [each.pool if on_pools else each for each in engines]
    for target in targets:
        event.listen(target, identifier, fn)
    try:
        yield
    finally:
        for target in targets:
            event.remove(target, identifier, fn)
