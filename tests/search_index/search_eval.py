"""Search-quality metrics over the labelled corpus (used by tests and eval_report)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from statistics import mean

from search_index import SearchIndex
from tests.search_index.search_eval_corpus import QUERIES, Corpus, EvalQuery

ALL_HITS = 1000  # more than any relevant set: set-based precision/recall see everything


@dataclass(frozen=True)
class QueryScore:
    query: str
    relevant: int
    retrieved: int
    precision: float  # over all retrieved tickets
    recall: float  # over all relevant tickets
    f1: float
    recall_at_10: float  # relevant in the top 10 / min(10, relevant)
    precision_at_5: float  # relevant in the top 5 / 5


@dataclass(frozen=True)
class EvalReport:
    tokenizer: str
    scores: list[QueryScore]

    @property
    def f1(self) -> float:
        return mean(s.f1 for s in self.scores)

    @property
    def precision(self) -> float:
        return mean(s.precision for s in self.scores)

    @property
    def recall(self) -> float:
        return mean(s.recall for s in self.scores)

    @property
    def recall_at_10(self) -> float:
        return mean(s.recall_at_10 for s in self.scores)

    @property
    def precision_at_5(self) -> float:
        return mean(s.precision_at_5 for s in self.scores)

    def table(self) -> str:
        lines = [f"tokenizer={self.tokenizer}", f"{'query':<16} rel  ret     P     R    F1  R@10   P@5"]
        for s in self.scores:
            lines.append(
                f"{s.query:<16} {s.relevant:>3} {s.retrieved:>4} {s.precision:5.2f} {s.recall:5.2f} "
                f"{s.f1:5.2f} {s.recall_at_10:5.2f} {s.precision_at_5:5.2f}"
            )
        lines.append(
            f"{'MEAN':<16}          {self.precision:5.2f} {self.recall:5.2f} {self.f1:5.2f} "
            f"{self.recall_at_10:5.2f} {self.precision_at_5:5.2f}"
        )
        return "\n".join(lines)


def score_query(index: SearchIndex, corpus: Corpus, query: EvalQuery) -> QueryScore:
    relevant = corpus.relevant(query)
    ranked = [hit.ticket_id for hit in index.search(query.text, limit=ALL_HITS, snippets_per_hit=0).hits]
    found = relevant & set(ranked)
    precision = len(found) / len(ranked) if ranked else 0.0
    recall = len(found) / len(relevant) if relevant else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    r10 = len(relevant & set(ranked[:10])) / min(10, len(relevant)) if relevant else 1.0
    p5 = len(relevant & set(ranked[:5])) / 5
    return QueryScore(query.text, len(relevant), len(ranked), precision, recall, f1, r10, p5)


def evaluate(index: SearchIndex, corpus: Corpus) -> EvalReport:
    return EvalReport(index.tokenizer_name, [score_query(index, corpus, q) for q in QUERIES])


def build_index(path: Path, corpus: Corpus, tokenizer: str) -> SearchIndex:
    index = SearchIndex.open(path, tokenizer=tokenizer)
    index.rebuild(corpus.docs, total=len(corpus.docs))
    return index
