"""How rules reach a customer or an agent by mail: through the desk's outbound mail queue, never a mail path of
their own. The mail package provides the `Mailer`; without mail set up, rules that would mail do everything else
and count what they could not send."""

from typing import Protocol

from sqlmodel import Session


class Mailer(Protocol):
    def to_customer(self, session: Session, ticket_id: int, body: str, entry_id: int | None) -> bool:
        """Queue an automatic mail to the ticket's customer, uncommitted (it commits with the thread entry that
        records it). False when the customer has no address or the loop guard holds it back."""
        ...

    def to_address(self, session: Session, address: str, subject: str, body: str) -> bool:
        """Queue a mail to a person of the desk (the daily digest), uncommitted."""
        ...


def fill(template: str, number: int, subject: str) -> str:
    """A rule's mail text with {number} and {subject} filled (anything else in braces is left as written)."""
    return template.replace("{number}", str(number)).replace("{subject}", subject)
