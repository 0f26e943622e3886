"""The garbage collector set for a long-running desk process (the app, `mail run`): no pauses an agent can feel.

CPython's cyclic collector runs a young collection every 700 net allocations and, every 100 of those, an older
one that walks every object that survived so far. After start-up that is everything the process imported —
SQLAlchemy, Textual, the whoosh index, Sudachi's dictionary, the catalog — hundreds of thousands of objects that
live as long as the process and never become garbage. Walking them took 80–190 ms at unpredictable moments: the
p95 spikes of issue 20 (they vanished with the collector off).

`settle_after_start_up()` collects once, then freezes what is alive (gc.freeze: those objects move to a permanent
generation the collector never walks again) and raises the young threshold, so collections are rarer and only
ever walk what the process allocated since. Cycles made after start-up are still collected. Call it once, when
start-up is done and before the first request; bench/bench_pauses.py measures the difference.
"""

import gc

# Young collections per net allocation: 700 is CPython's default, tuned for small scripts. A desk call allocates
# tens of thousands of short-lived objects (rows, dataclasses, Text), and a young collection's pause grows with what
# it finds, mostly SQLAlchemy's clause objects in reference cycles: at 50,000 one collection took 12-25 ms
# (bench_pauses, small desk), at 25,000 7-8 ms, at 10,000 2-3 ms but the app's steps were slower (bench_app).
YOUNG_THRESHOLD = 25_000


def settle_after_start_up() -> None:
    """Freeze the start-up heap out of the collector's reach and make young collections rarer."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
