"""The database engines a command made, so that a command run in a process that goes on can let go of them.

Kept apart from db.py so the CLI can use it without loading SQLAlchemy (commands load the core lazily).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# The engines made inside each `engines_let_go` block now running, innermost last. Held strongly until the block
# ends: an engine the command dropped may otherwise be freed with its pool's connections still open on the server
# (a pool is freed only when the garbage collector finds it).
_blocks: list[list[Any]] = []


def note_engine(engine: Any) -> None:
    """Called by db.make_engine for every engine it makes."""
    if _blocks:
        _blocks[-1].append(engine)


@contextmanager
def engines_let_go() -> Iterator[None]:
    """Dispose of the engines made inside the block when it ends (their pooled connections closed, and their
    reading engines' with them): a CLI command run in-process (the tests, the desk service) leaves no server
    connection open behind it."""
    made: list[Any] = []
    _blocks.append(made)
    try:
        yield
    finally:
        _blocks.remove(made)
        for engine in made:
            engine.dispose()
