"""Does what the desk read from a corpus sample equal what the sender wrote? Shared by the parser and CLI tests."""

from tests.supportdesk.mail.corpus import Sample


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def body_matches(sample: Sample, text: str) -> bool:
    if not sample.html:
        return text.strip() == sample.body
    # HTML mail: every expected line appears, in order (layout spaces between table cells are the converter's).
    position = 0
    for wanted in _lines(sample.body):
        position = text.find(wanted, position)
        if position < 0:
            return False
        position += len(wanted)
    return True


def mismatches(sample: Sample, subject: str, from_name: str, address: str, body: str, names: list[str]) -> list[str]:
    """The fields read differently from what the sample's sender wrote (empty when it decoded exactly)."""
    wrong = []
    if subject != sample.subject:
        wrong.append(f"subject {subject!r}")
    if from_name != sample.from_name:
        wrong.append(f"from name {from_name!r}")
    if address != sample.from_address:
        wrong.append(f"address {address!r}")
    if not body_matches(sample, body) or "\ufffd" in body:
        wrong.append(f"body {body!r}")
    if sorted(names) != sorted(sample.attachments):
        wrong.append(f"attachments {names!r}")
    return wrong
