"""Recall and over-masking of the masking on the generated set (tests/masking/leakage_set.py).

    .venv/bin/python -m tests.masking.measure [N_CASES]

Recall: the share of personal values of which not one character is left visible. Over-masking: the share of the
other characters that were masked anyway. The figures in docs/PRIVACY.md come from this script.
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from supportdesk.masking import Masker
from tests.masking.leakage_set import build_cases


@dataclass
class Report:
    values: Counter[str] = field(default_factory=Counter)
    missed: Counter[str] = field(default_factory=Counter)
    other_chars: int = 0
    over_masked: int = 0
    texts: int = 0
    seconds: float = 0.0
    leaks: list[tuple[str, str]] = field(default_factory=list)
    over: list[tuple[str, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return 1 - sum(self.missed.values()) / max(1, sum(self.values.values()))

    @property
    def over_masking(self) -> float:
        return self.over_masked / max(1, self.other_chars)

    def table(self) -> str:
        lines = [f"{'kind':<10} {'values':>7} {'missed':>7} {'recall':>8}"]
        for kind in sorted(self.values):
            n, m = self.values[kind], self.missed[kind]
            lines.append(f"{kind:<10} {n:>7} {m:>7} {1 - m / n:>8.4f}")
        lines.append(f"{'all':<10} {sum(self.values.values()):>7} {sum(self.missed.values()):>7} {self.recall:>8.4f}")
        lines.append(
            f"over-masking: {self.over_masked} of {self.other_chars} other characters = {self.over_masking:.4%}"
        )
        lines.append(f"{self.texts} texts masked in {self.seconds:.1f} s")
        return "\n".join(lines)


def measure(n: int = 400) -> Report:
    report = Report()
    for case in build_cases(n):
        masker = Masker(case.data)
        for t in case.texts:
            text = t.text
            started = time.perf_counter()
            spans = masker.spans(text, t.author)
            report.seconds += time.perf_counter() - started
            report.texts += 1
            masked = [False] * len(text)
            for start, end, _ in spans:
                masked[start:end] = [True] * (end - start)
            personal = [False] * len(text)
            for start, end, what in t.spans:
                personal[start:end] = [True] * (end - start)
                report.values[what] += 1
                if not all(masked[start:end]):
                    report.missed[what] += 1
                    report.leaks.append((what, text[max(0, start - 8) : end + 8]))
            for i, ch in enumerate(text):
                if not personal[i] and not ch.isspace():
                    report.other_chars += 1
                    if masked[i]:
                        report.over_masked += 1
            for start, end, _ in spans:
                if not any(personal[start:end]):
                    report.over.append((text[start:end], text[max(0, start - 8) : end + 8]))
    return report


def main(n: int = 400) -> None:
    report = measure(n)
    print(report.table())
    for what, context in report.leaks[:40]:
        print("MISSED", what, repr(context))
    for value, context in report.over[:40]:
        print("OVER", repr(value), repr(context))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
