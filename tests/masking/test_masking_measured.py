"""The masking's recall and over-masking on the generated set stay within what docs/PRIVACY.md promises."""

from functools import cache

from tests.masking.measure import Report, measure

RECALL_AT_LEAST = 0.99
OVER_MASKING_AT_MOST = 0.01


@cache
def _report() -> Report:
    return measure(250)


def test_masking_finds_nearly_every_personal_value_and_hides_almost_nothing_else() -> None:
    report = _report()
    assert sum(report.values.values()) > 3000  # every kind of value, many times over
    assert set(report.values) >= {"name", "colleague", "unknown", "phone", "email", "postal", "address", "company"}
    assert report.recall >= RECALL_AT_LEAST, report.table() + "\n" + "\n".join(map(str, report.leaks[:20]))
    assert report.over_masking <= OVER_MASKING_AT_MOST, report.table() + "\n" + "\n".join(map(str, report.over[:20]))


def test_every_kind_of_value_is_found_on_its_own() -> None:
    report = _report()
    for kind, count in report.values.items():
        assert 1 - report.missed[kind] / count >= 0.97, report.table()
