"""The one door decoded mail text goes through before the desk keeps it: the trust rule's `scrub` for mail.

Mail cannot be refused for a stray control byte, so what hand input would refuse is replaced visibly
(`untrusted.scrub`); line ends become LF.
"""

from supportdesk.untrusted import scrub


def mail_text(text: str) -> str:
    """Decoded mail text made safe to keep."""
    return scrub(text)
