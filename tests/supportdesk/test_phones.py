"""Phone numbers read alike on every screen, however they were typed when stored."""

import pytest

from supportdesk.phones import display_phone


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("０３－３３１２－５３５２", "03-3312-5352"),
        ("0453483949", "045-348-3949"),
        ("(03)1234-5678", "03-1234-5678"),
        ("+81 3 1234 5678", "03-1234-5678"),
        ("09012345678", "090-1234-5678"),
        ("0120-123-456", "0120-123-456"),
    ],
)
def test_a_japanese_number_is_shown_in_the_national_format(stored, shown):
    assert display_phone(stored) == shown


def test_a_number_abroad_is_shown_in_the_international_format():
    assert display_phone("+1 650-253-0000") == "+1 650-253-0000"


@pytest.mark.parametrize(("stored", "shown"), [("12345", "12345"), ("内線 123", "内線 123"), ("", ""), (None, "")])
def test_what_is_no_valid_number_is_shown_as_stored(stored, shown):
    assert display_phone(stored) == shown
