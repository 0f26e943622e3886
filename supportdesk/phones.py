"""Phone numbers as people read them: one national format for display, whatever form was stored.

The stored number keeps the caller's spelling (０３－３３１２－５３５２, 0453483949, +81 3 …); lists, cards and the
CLI show it through `display_phone` so every number on the screen reads alike (03-3312-5352, 045-348-3949).
"""

import phonenumbers

from supportdesk.normalize import clean

DESK_REGION = "JP"


def display_phone(text: str | None, region: str = DESK_REGION) -> str:
    """`text` in the national format of `region` (international format for a number abroad).

    Something that is no valid number (an extension note, a short code) is shown as stored, only tidied.
    """
    tidy = clean(text)
    if not tidy:
        return ""
    try:
        number = phonenumbers.parse(tidy, region)
    except phonenumbers.NumberParseException:
        return tidy
    if not phonenumbers.is_valid_number(number):
        return tidy
    if phonenumbers.region_code_for_number(number) == region:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
