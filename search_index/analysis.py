"""The whoosh analyzer stored in the index schema.

whoosh pickles the analyzer into the index's table of contents, so this
module's path and the class name are part of the on-disk format: do not move or
rename them. The pickle holds only the tokenizer *name*; the real tokenizer
(and Sudachi's large dictionary) is looked up lazily in this process through
``get_tokenizer``, never stored.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Token, Tokenizer

from search_index.tokenizers import TextTokenizer, get_tokenizer


class SupportDeskAnalyzer(Tokenizer):
    """A whoosh tokenizer that delegates to one of our ``TextTokenizer``s."""

    def __init__(self, tokenizer_name: str = "sudachi") -> None:
        self.tokenizer_name = tokenizer_name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SupportDeskAnalyzer) and other.tokenizer_name == self.tokenizer_name

    def __hash__(self) -> int:
        return hash((SupportDeskAnalyzer, self.tokenizer_name))

    def __getstate__(self) -> dict[str, Any]:
        # Explicit so that nothing cached on the instance ever reaches the pickle.
        return {"tokenizer_name": self.tokenizer_name}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.tokenizer_name = state["tokenizer_name"]

    @property
    def tokenizer(self) -> TextTokenizer:
        return get_tokenizer(self.tokenizer_name)

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # whoosh asks for this when it wants the value as one term.
            token.original = token.text = value
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        for pos, (term, start, end) in enumerate(self.tokenizer.tokens(value)):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = value[start:end]
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token
