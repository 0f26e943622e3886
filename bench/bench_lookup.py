"""Caller lookup (find_customers by phone, e-mail, name, kana, company) against a naive LIKE '%…%' scan.

BENCH_SIZE=small|full python bench/bench_lookup.py      (after bench/prepare.py)
"""

import random

from common import SEED, WARM_CALLS, Row, backend, digest, open_desk, p50, p95, print_table, sample, save, size_name
from sqlalchemy import text
from sqlmodel import col, select

from supportdesk.db import open_session
from supportdesk.models import Company, Customer

QUERIES_PER_KIND = 60
TARGET_P95_MS = 50.0
NAIVE = text(
    "SELECT c.id FROM customer c LEFT JOIN company co ON co.id = c.company_id "
    "WHERE c.full_name LIKE :q OR c.name_kana LIKE :q OR c.phone LIKE :q OR c.mobile LIKE :q "
    "OR c.email LIKE :q OR co.name LIKE :q LIMIT 30"
)


def _hiragana(value: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in value)


def _to_fullwidth(value: str) -> str:
    return value.translate({ord(c): ord(c) + 0xFEE0 for c in "0123456789"})


def queries(desk, seed: int = SEED) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """What agents type for callers picked at random, by kind, in the forms callers give."""
    rng = random.Random(seed)
    with open_session(desk.engine) as session:
        top = session.exec(select(Customer.id).order_by(col(Customer.id).desc())).first()
        ids = rng.sample(range(1, top + 1), 600)
        # Ordered, so both backends pick the same inputs from the same rows.
        people = session.exec(select(Customer).where(col(Customer.id).in_(ids)).order_by(col(Customer.id))).all()
        companies = session.exec(select(Company.name).order_by(col(Company.id)).limit(2000)).all()
    with_phone = [c for c in people if c.phone or c.mobile]
    with_kana = [c for c in people if c.name_kana]
    with_mail = [c for c in people if c.email]
    pick = lambda items: rng.sample(items, min(QUERIES_PER_KIND, len(items)))  # noqa: E731
    phones = [c.phone or c.mobile or "" for c in pick(with_phone)]
    return {
        "phone (as written)": phones,
        "phone (full-width digits)": [_to_fullwidth(p.replace("-", "")) for p in phones],
        "phone (first 6 digits)": [p.replace("-", "")[:6] for p in phones],
        "e-mail": [c.email or "" for c in pick(with_mail)],
        "name (full)": [c.full_name for c in pick(people)],
        "name (family name)": [c.full_name.split()[0] for c in pick(people)],
        "kana (katakana)": [c.name_kana or "" for c in pick(with_kana)],
        "kana (hiragana, family)": [_hiragana((c.name_kana or "").split()[0]) for c in pick(with_kana)],
        "company": [rng.choice(companies) for _ in range(QUERIES_PER_KIND)],
        "type-ahead (each keystroke)": [p.replace("-", "")[:n] for p in phones[:6] for n in range(1, 12)],
    }


def main() -> None:
    size = size_name()
    desk = open_desk(size)
    rows, everything = [], []
    # Each kind is warmed on other callers' texts: the measured lookups find their callers for the first time.
    warm = queries(desk, SEED + 1)
    for kind, texts in queries(desk).items():
        ours = sample(lambda q: desk.find_customers(q, limit=30), texts, warm_on=warm[kind][:WARM_CALLS])
        with desk.engine.connect() as connection:
            base = sample(lambda q: connection.execute(NAIVE, {"q": f"%{q}%"}).all(), texts, warm_on=warm[kind])
        everything += ours
        answers = [[m.customer.id for m in desk.find_customers(q, limit=30)] for q in texts]
        found = sum(1 for people in answers[:10] if people)
        rows.append(
            Row(
                kind,
                p50(ours),
                p95(ours),
                p50(base),
                p95(base),
                "LIKE '%…%' scan",
                f"found {found}/10",
                answers=digest(answers),
            )
        )
    rows.append(Row("all lookups", p50(everything), p95(everything)))
    print_table(f"Caller lookup — {size} desk on {backend()} (find_customers, limit 30)", rows)
    save(size, "lookup", rows, {"caller lookup p95 ms": (p95(everything), TARGET_P95_MS)})


if __name__ == "__main__":
    main()
