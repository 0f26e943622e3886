"""Parameters several commands share, with the bounds that keep a typo from reaching the database."""

from typing import Annotated

import typer

# Ids, ticket numbers and versions are 64-bit integers in the database; no desk comes near 15 digits, and a longer
# number is a paste gone wrong (SQLite cannot even look up one past 19 digits).
MAX_ID = 10**15 - 1

TicketNumber = Annotated[int, typer.Argument(metavar="NUMBER", min=1, max=MAX_ID, help="The ticket's number.")]
CustomerNumber = Annotated[
    int, typer.Argument(metavar="CUSTOMER", min=1, max=MAX_ID, help="The customer's number (see `customer find`).")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON.")]
VersionOpt = Annotated[
    int | None,
    typer.Option(
        "--expect-version", min=1, max=MAX_ID, help="Refuse the change if the ticket is no longer at this version."
    ),
]
