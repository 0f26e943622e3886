"""A generated desk for search at scale: tickets whose words are known by construction, and queries of every kind
issue 19 names (a word, a word that is also a tag, two words, OR, an exclusion, a phrase, a word with a filter, a
date range), each with the set of tickets that truly answer it.

Each ticket is built from phrases joined by particles, so Sudachi cuts every phrase the same way wherever it stands;
what a ticket holds (its words, its exact phrases, its tags, status, type and dates) is recorded beside it, and a
query's true answer is computed from those records, never by running a search. Word frequencies follow a Zipf-like
curve and texts vary in length and repetition, so scores spread and posting lists span many of whoosh's blocks:
what block-max skipping needs to go wrong if it can (issue 19's bug 2).

The index is written the way a desk's is after days of syncing: several segments, tickets deleted and others
re-written (`build_generated_index`).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from itertools import combinations
from pathlib import Path

from search_index import EntryDoc, SearchIndex, TicketDoc
from search_index.index import TOTAL_CAP

SEED = 19
START = datetime(2026, 1, 1, tzinfo=UTC)
DAYS = 300

# Words Sudachi keeps as one term or cuts the same way everywhere (請求書 → 請求 + 書, held as their pair).
WORDS = (
    "返品",
    "請求書",
    "配送",
    "解約",
    "ログイン",
    "パスワード",
    "初期不良",
    "領収書",
    "アカウント",
    "返金",
    "プロキシ",
    "障害",
    "見積",
    "交換",
    "サーバー",
    "refund",
    "invoice",
    "password",
)
# Exact phrases (a noun, の, a noun): found by a quoted search only where written together.
PHRASES = ("配送の遅延", "請求書の再発行", "アカウントのロック", "パスワードの再設定")
FILLER = ("お世話になっております。", "よろしくお願いいたします。", "確認いたします。", "ご連絡ありがとうございます。")
TAGS = ("請求書", "返品", "至急", "vip", "初期不良")
STATUSES = ("open", "pending", "solved", "closed")
TYPES = ("請求", "技術", "配送", "契約")


@dataclass
class Made:
    """What one generated ticket holds, recorded as it was written."""

    doc: TicketDoc
    words: set[str] = field(default_factory=set)
    phrases: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class GenQuery:
    kind: str
    text: str
    truth: Callable[[Made], bool]


def _weights() -> list[float]:
    return [1.0 / (rank + 1) ** 0.8 for rank in range(len(WORDS))]


def make_ticket(ticket_id: int, rng: random.Random) -> Made:
    weights = _weights()
    chosen = sorted(set(rng.choices(WORDS, weights, k=rng.randint(1, 4))))  # sorted: the same desk in every run
    phrases = [p for p in PHRASES if rng.random() < 0.06]
    pieces = [f"{w}について" if rng.random() < 0.5 else f"{w}の件" for w in chosen for _ in range(rng.randint(1, 3))]
    pieces += [f"{p}をお願いします" for p in phrases]
    pieces += rng.choices(FILLER, k=rng.randint(0, 6))
    rng.shuffle(pieces)
    split = rng.randint(0, len(pieces))
    subject_word = rng.choice(chosen)
    created = START + timedelta(days=rng.randrange(DAYS), minutes=rng.randrange(1440))
    bodies = ("。".join(pieces[:split]) or "ご相談", "。".join(pieces[split:]) or "承知しました")
    entries = tuple(
        EntryDoc(ticket_id * 10 + n, "customer_message" if n == 0 else "reply", body, created + timedelta(hours=n))
        for n, body in enumerate(bodies)
    )
    tags = tuple(sorted({t for t in TAGS if rng.random() < 0.08}))
    doc = TicketDoc(
        ticket_id=ticket_id,
        subject=f"{subject_word}のご相談",
        status=rng.choice(STATUSES),
        inquiry_type=rng.choice(TYPES),
        channel="email",
        priority="normal",
        customer_name="田中 太郎",
        company_name="山田商事",
        product_names=("スマートルーター X200",),
        agent="sato",
        created=created,
        updated=created + timedelta(hours=1),
        entries=entries,
        tags=tags,
    )
    words = set(chosen)
    for phrase in phrases:  # a phrase's nouns are words of the ticket too
        words.update(w for w in WORDS if w in phrase)
    return Made(doc, words, set(phrases))


def generate(count: int, seed: int = SEED) -> dict[int, Made]:
    rng = random.Random(seed)
    return {n: make_ticket(n, rng) for n in range(1, count + 1)}


def _has(word: str) -> Callable[[Made], bool]:
    """A word's search finds the word in the text, or a tag of that name."""
    return lambda m: word in m.words or word in m.doc.tags


def queries(seed: int = SEED) -> list[GenQuery]:
    """A few hundred queries of every kind, each with its true answer."""
    rng = random.Random(seed + 1)
    out = [GenQuery("word", w, _has(w)) for w in WORDS]
    pairs = list(combinations(WORDS, 2))
    for a, b in rng.sample(pairs, 60):
        out.append(GenQuery("two words", f"{a} {b}", lambda m, a=a, b=b: _has(a)(m) and _has(b)(m)))
    for a, b in rng.sample(pairs, 40):
        out.append(GenQuery("OR", f"{a} OR {b}", lambda m, a=a, b=b: _has(a)(m) or _has(b)(m)))
    for a, b in rng.sample(pairs, 60):
        a, b = (a, b) if rng.random() < 0.5 else (b, a)
        out.append(GenQuery("exclusion", f"{a} -{b}", lambda m, a=a, b=b: _has(a)(m) and not _has(b)(m)))
    for p in PHRASES:
        out.append(GenQuery("phrase", f'"{p}"', lambda m, p=p: p in m.phrases))
    for w in WORDS:
        status, kind = rng.choice(STATUSES), rng.choice(TYPES)
        out.append(
            GenQuery("filtered", f"status:{status} {w}", lambda m, w=w, s=status: m.doc.status == s and _has(w)(m))
        )
        out.append(
            GenQuery("filtered", f"type:{kind} {w}", lambda m, w=w, k=kind: m.doc.inquiry_type == k and _has(w)(m))
        )
        day = START + timedelta(days=rng.randrange(DAYS))
        out.append(
            GenQuery(
                "date range",
                f"created:>={day:%Y-%m-%d} {w}",
                lambda m, w=w, day=day: m.doc.created >= day and _has(w)(m),
            )
        )
    for tag in TAGS:
        out.append(GenQuery("tag", f"tag:{tag}", lambda m, tag=tag: tag in m.doc.tags))
    return out


def build_generated_index(path: Path, count: int, segments: int = 4) -> tuple[SearchIndex, dict[int, Made]]:
    """An index of ``count`` generated tickets in ``segments`` commits, then ~2% deleted and ~2% re-written."""
    made = generate(count)
    index = SearchIndex.open(path)
    ids = sorted(made)
    step = -(-count // segments)
    for start in range(0, count, step):
        index.update(made[n].doc for n in ids[start : start + step])
    rng = random.Random(SEED + 2)
    deleted = rng.sample(ids, count // 50)
    index.delete(deleted)
    for n in deleted:
        del made[n]
    rewritten = rng.sample(sorted(made), count // 50)
    for n in rewritten:  # the ticket changed later: its old document is deleted in its segment
        again = make_ticket(n, random.Random(n))
        again.doc = replace(again.doc, updated=START + timedelta(days=DAYS + 1))
        made[n] = again
    index.update(made[n].doc for n in rewritten)
    return index, made


@dataclass
class KindScore:
    """Set-based figures for one kind of query: every ticket found against every ticket that truly answers."""

    kind: str
    queries: int = 0
    found: int = 0  # true tickets among those returned
    returned: int = 0
    relevant: int = 0
    totals_right: int = 0  # queries whose reported total was the true count

    @property
    def precision(self) -> float:
        return self.found / self.returned if self.returned else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.relevant if self.relevant else 1.0


def score_kinds(index: SearchIndex, made: dict[int, Made], limit: int = 1000) -> dict[str, KindScore]:
    """Precision and recall of every generated query by kind, over whole result sets (up to ``limit``)."""
    kinds: dict[str, KindScore] = {}
    for query in queries():
        truth = {n for n, m in made.items() if query.truth(m)}
        result = index.search(query.text, limit=limit, snippets_per_hit=0)
        returned = {hit.ticket_id for hit in result.hits}
        score = kinds.setdefault(query.kind, KindScore(query.kind))
        score.queries += 1
        score.found += len(truth & returned)
        score.returned += len(returned)
        # A page can hold only `limit` tickets: a larger true set is judged on a full page.
        score.relevant += min(len(truth), limit)
        # Exact, or (beyond what one pass counts) "more than TOTAL_CAP".
        exact = result.total == len(truth)
        score.totals_right += exact if result.total_exact else result.total == TOTAL_CAP < len(truth)
    return kinds


def main(count: int = 2000) -> None:
    """Print the figures (docs/search.md quotes them): python -m tests.search_index.generated_desk [COUNT]."""
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        index, made = build_generated_index(Path(tmp) / "index", count)
        print(f"{count:,} generated tickets ({len(made):,} after deletions), {len(queries())} queries")
        print(f"{'kind':<12} {'queries':>7} {'relevant':>9} {'returned':>9} {'precision':>9} {'recall':>7} totals")
        for s in score_kinds(index, made).values():
            print(
                f"{s.kind:<12} {s.queries:>7} {s.relevant:>9,} {s.returned:>9,} {s.precision:>9.3f} {s.recall:>7.3f}"
                f" {s.totals_right}/{s.queries}"
            )
        index.close()
    sys.stdout.flush()


if __name__ == "__main__":
    import sys

    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000)
