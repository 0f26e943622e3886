"""App-wide messages."""

from dataclasses import dataclass

from textual.message import Message


@dataclass
class OpenTicket(Message):
    """Ask the app to open a ticket by its number."""

    number: int


@dataclass
class TicketChanged(Message):
    """A ticket was changed from this app; lists showing it should refresh."""

    number: int


@dataclass
class OpenCustomer(Message):
    """Ask the app to open a customer's 360 view."""

    customer_id: int


@dataclass
class OpenCase(Message):
    """Ask the app to open a past case as a document to read."""

    number: int
