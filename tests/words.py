"""Reading what the desk said in a test that runs in either language (SUPPORTDESK_TEST_LANG=ja or en).

Tests name a refusal by its English words (the catalog's ids) and still render it in the pass's language, so a
text without Japanese fails the Japanese pass (tests/conftest.py records missing texts):

    with pytest.raises(Invalid) as refused:
        ...
    assert "not both" in in_english(refused.value)
"""

from collections.abc import Iterator
from contextlib import contextmanager

from supportdesk import i18n


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Everything rendered inside is in `lang`; the pass's language is back afterwards."""
    before = i18n.language()
    i18n.set_language(lang)
    try:
        yield
    finally:
        i18n.set_language(before)


def in_english(said: object) -> str:
    """`said` (an error, a message) in English, after rendering it once in the pass's language too."""
    assert str(said).strip(), "said nothing"
    with speaking("en"):
        return str(said)
